"""Network namespaces for the benchmark: a switch namespace with bridges, and nodes plugged into it.

Every name carries the run's random id, so parallel runs and leftovers never collide; close()
kills what runs in the namespaces and deletes them, and never raises.
"""
import os
import signal
import subprocess
import time

# One address plan per link: link k of node i gets ADDRESS[k] % (10 + i). Only documentation
# ranges (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24), one subnet per link.
LINK_ADDRESSES = ["192.0.2.%d/24", "198.51.100.%d/25", "198.51.100.%d/25", "203.0.113.%d/24"]
LINK_OFFSETS = [10, 10, 138, 10]


def run(argv, timeout=30, check=True):
    """Runs argv, returns stdout; raises with stderr on failure."""
    p = subprocess.run(argv, capture_output=True, text=True, timeout=timeout)
    if check and p.returncode != 0:
        raise RuntimeError("%s failed (%d): %s" % (" ".join(argv), p.returncode, p.stderr.strip()))
    return p.stdout


class Node:
    """A namespace with links eth0..ethN-1; address(k) is link k's IPv4 address."""

    def __init__(self, name, ns, index, links):
        self.name, self.ns, self.index = name, ns, index
        self.addresses = [(LINK_ADDRESSES[k] % (LINK_OFFSETS[k] + index)).split("/")[0] for k in range(links)]
        self.mac = None  # eth0's
        self.macs = set()  # every link's

    def exec_prefix(self):
        return ["ip", "netns", "exec", self.ns]

    def ip(self, *args):
        return run(["ip", "-n", self.ns] + list(args))


class Topology:
    """Bridges br0..brN-1 in a switch namespace; each node's ethK is plugged into brK by port pK-NODE."""

    def __init__(self, run_id, node_names, links=1):
        self.run_id, self.links = run_id, links
        self.switch = "jkb%s-sw" % run_id
        self.nodes = {}
        self.namespaces = []
        try:
            self._add_ns(self.switch)
            for k in range(links):
                self.sw_ip("link", "add", "br%d" % k, "type", "bridge", "forward_delay", "0", "mcast_snooping", "0")
                self.sw_ip("link", "set", "br%d" % k, "up")
            for i, name in enumerate(node_names, start=1):
                self._add_node(name, i)
        except BaseException:
            self.close()
            raise

    def _add_ns(self, ns):
        run(["ip", "netns", "add", ns])
        self.namespaces.append(ns)
        run(["ip", "-n", ns, "link", "set", "lo", "up"])

    def _add_node(self, name, index):
        ns = "jkb%s-%s" % (self.run_id, name)
        self._add_ns(ns)
        node = Node(name, ns, index, self.links)
        # IPv6 stays on (jkeepalived's capture needs it, see the report), without DAD delays
        for key in ("all", "default"):
            run(["ip", "netns", "exec", ns, "sysctl", "-q", "-w", "net.ipv6.conf.%s.accept_dad=0" % key])
        for k in range(self.links):
            port = self.port(name, k)
            run(["ip", "-n", ns, "link", "add", "eth%d" % k, "type", "veth", "peer", "name", port,
                 "netns", self.switch])
            self.sw_ip("link", "set", port, "master", "br%d" % k)
            self.sw_ip("link", "set", port, "up")
            node.ip("addr", "add", LINK_ADDRESSES[k] % (LINK_OFFSETS[k] + index), "dev", "eth%d" % k)
            node.ip("link", "set", "eth%d" % k, "up")
        for k in range(self.links):
            out = node.ip("-o", "link", "show", "eth%d" % k)
            node.macs.add(out.split("link/ether ")[1].split()[0].lower())
            if k == 0:
                node.mac = out.split("link/ether ")[1].split()[0].lower()
        self.nodes[name] = node

    @staticmethod
    def port(name, link):
        return "p%d-%s" % (link, name)

    def sw_ip(self, *args):
        return run(["ip", "-n", self.switch] + list(args))

    def cut(self, name):
        """Takes the node's switch ports down: its links lose carrier, nothing it sends reaches the LAN."""
        for k in range(self.links):
            self.sw_ip("link", "set", self.port(name, k), "down")

    def restore(self, name):
        for k in range(self.links):
            self.sw_ip("link", "set", self.port(name, k), "up")

    def close(self):
        for ns in reversed(self.namespaces):
            kill_namespace(ns)
        self.namespaces = []


def kill_namespace(ns):
    """SIGKILLs every process in ns, waits (bounded) for them to go, deletes ns. Never raises."""
    try:
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            pids = [int(p) for p in run(["ip", "netns", "pids", ns], check=False).split()]
            if not pids:
                break
            for pid in pids:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            time.sleep(0.05)
        run(["ip", "netns", "del", ns], check=False)
    except Exception as e:  # cleanup must go on with the next namespace
        print("bench: cleanup of %s: %s" % (ns, e))
