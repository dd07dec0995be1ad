"""Configurations and processes of the two daemons under test.

Both get the same keepalived.conf and the same flags (-n -l -G -P, pid files in the trial
directory); jkeepalived starts through the shipped launcher bin/jkeepalived, so its JVM flags are
the ones measured. A daemon's cost is the sum over its whole process tree (keepalived: parent and
VRRP child; jkeepalived: the JVM).
"""
import os
import signal
import subprocess
import time

JK, KA = "jkeepalived", "keepalived"
CLK_TCK = os.sysconf("SC_CLK_TCK")


def skew_seconds(version, priority, advert_seconds):
    """Skew_Time as keepalived 2.2.7 applies it: v2 (256-prio)/256 s, v3 (256-prio)*interval/256."""
    if version == 2:
        return (256 - priority) / 256.0
    return (256 - priority) * advert_seconds / 256.0


def master_down_seconds(version, priority, advert_seconds):
    return 3 * advert_seconds + skew_seconds(version, priority, advert_seconds)


def instance_block(name, interface, vrid, priority, advert, vips, state="BACKUP"):
    vip_lines = "".join("    %s\n" % v for v in vips)
    vip_block = "  virtual_ipaddress {\n%s  }\n" % vip_lines if vips else ""
    return ("vrrp_instance %s {\n  state %s\n  interface %s\n  virtual_router_id %d\n  priority %d\n"
            "  advert_int %s\n%s}\n") % (name, state, interface, vrid, priority, advert, vip_block)


def config(router_id, version, instances):
    """A keepalived.conf; instances are instance_block() strings."""
    return ("global_defs {\n  router_id %s\n  vrrp_version %d\n}\n" % (router_id, version)) + "".join(instances)


class Daemon:
    """One running daemon in a node's namespace; stop() is bounded and idempotent."""

    def __init__(self, kind, node, directory, conf_text, launcher):
        self.kind, self.node, self.directory = kind, node, directory
        os.makedirs(directory, exist_ok=True)
        conf = os.path.join(directory, "keepalived.conf")
        with open(conf, "w") as f:
            f.write(conf_text)
        flags = ["-n", "-l", "-G", "-P", "-f", conf, "-p", os.path.join(directory, "main.pid"),
                 "-r", os.path.join(directory, "vrrp.pid")]
        if kind == JK:
            argv = node.exec_prefix() + [launcher] + flags + ["--dump-dir", directory]
        else:
            argv = node.exec_prefix() + ["keepalived"] + flags + ["-c", os.path.join(directory, "checkers.pid")]
        self.log = open(os.path.join(directory, "daemon.log"), "ab")
        self.started = time.time()
        self.proc = subprocess.Popen(argv, stdout=self.log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                     cwd=directory)

    def alive(self):
        return self.proc.poll() is None

    def pids(self):
        """The daemon's process tree (the root is the daemon itself: ip netns exec and the launcher exec)."""
        children = {}
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    with open("/proc/%s/stat" % entry) as f:
                        ppid = int(f.read().rsplit(")", 1)[1].split()[1])
                    children.setdefault(ppid, []).append(int(entry))
                except (OSError, IndexError, ValueError):
                    pass
        tree, todo = [], [self.proc.pid]
        while todo:
            pid = todo.pop()
            tree.append(pid)
            todo.extend(children.get(pid, []))
        return tree

    def cpu_seconds(self):
        """User + system CPU time of the whole tree so far."""
        total = 0
        for pid in self.pids():
            try:
                with open("/proc/%d/stat" % pid) as f:
                    fields = f.read().rsplit(")", 1)[1].split()
                total += int(fields[11]) + int(fields[12])
            except (OSError, IndexError, ValueError):
                pass
        return total / CLK_TCK

    def rss_mb(self):
        """Resident set size of the whole tree (sum of each process's Rss), in MB (10^6 bytes)."""
        total_kb = 0
        for pid in self.pids():
            try:
                with open("/proc/%d/smaps_rollup" % pid) as f:
                    for line in f:
                        if line.startswith("Rss:"):
                            total_kb += int(line.split()[1])
            except OSError:
                pass
        return total_kb * 1024 / 1e6

    def log_text(self):
        with open(os.path.join(self.directory, "daemon.log"), "rb") as f:
            return f.read().decode("utf-8", "replace")

    def stop(self, sig=signal.SIGTERM, timeout=10):
        """Sends sig, waits up to timeout, then SIGKILLs the tree. Returns the exit code."""
        if self.proc.poll() is None:
            try:
                self.proc.send_signal(sig)
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                for pid in self.pids():
                    try:
                        os.kill(pid, signal.SIGKILL)
                    except ProcessLookupError:
                        pass
                self.proc.wait(timeout=5)
        self.log.close()
        return self.proc.returncode


def versions(launcher):
    ka = subprocess.run(["keepalived", "--version"], capture_output=True, text=True, timeout=10)
    ka_line = (ka.stdout + ka.stderr).strip().splitlines()[0]
    jk = subprocess.run([launcher, "--version"], capture_output=True, text=True, timeout=60)
    jk_line = ((jk.stdout + jk.stderr).strip().splitlines() or ["?"])[0]
    java = subprocess.run(["java", "-version"], capture_output=True, text=True, timeout=30)
    java_line = [l for l in java.stderr.splitlines() if "Runtime" in l]
    return {"keepalived": ka_line, "jkeepalived": jk_line, "java": java_line[0] if java_line else "?"}
