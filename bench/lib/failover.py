"""Failover-type sessions on a two-node pair (lb1 master priority 200, lb2 backup priority 100):
link cut (failover, garp, downtime, loaded) and SIGTERM (graceful). Every wait has a deadline.

Timing is read from the switch capture only: the master's last advert, the backup's first
advert (takeover), the backup's first gratuitous ARP for the VIP, the first HTTP answer the new
master sends. The benchmark's own clock is used for one thing: the moment the link is cut.
"""
import os
import signal
import subprocess
import sys
import time

from . import daemons
from .capture import Capture
from .netns import Topology

VRID, VIP = 51, "192.0.2.200"
MASTER_PRIO, BACKUP_PRIO = 200, 100
HERE = os.path.dirname(os.path.abspath(__file__))


def wait_until(capture, predicate, timeout, step=0.01):
    """Polls the capture until predicate() is true; returns whether it became true before timeout."""
    deadline = time.monotonic() + timeout
    while True:
        capture.poll()
        if predicate():
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(step)


def adverts(capture, mac, since, until=float("inf"), prio=None):
    return [p for p in capture.between("vrrp", since, until) if p.vrid == VRID and p.src_mac == mac
            and (prio is None or p.prio == prio)]


def pair_config(node, version, advert, prio):
    return daemons.config(node, version, [daemons.instance_block("VI_1", "eth0", VRID, prio, advert, [VIP + "/24"])])


def start_nginx(node, directory):
    d = os.path.join(directory, "nginx-" + node.name)
    os.makedirs(os.path.join(d, "tmp"), exist_ok=True)
    conf = os.path.join(d, "nginx.conf")
    with open(conf, "w") as f:
        f.write("daemon off;\nmaster_process on;\nworker_processes 1;\npid %s/nginx.pid;\nerror_log %s/error.log;\n"
                "events { worker_connections 1024; }\nhttp {\n  access_log off;\n"
                "  client_body_temp_path %s/tmp/b;\n  proxy_temp_path %s/tmp/p;\n  fastcgi_temp_path %s/tmp/f;\n"
                "  uwsgi_temp_path %s/tmp/u;\n  scgi_temp_path %s/tmp/s;\n"
                "  server {\n    listen 0.0.0.0:80 reuseport;\n    keepalive_timeout 0;\n"
                "    location / { default_type text/plain; return 200 \"node %s\\n\"; }\n  }\n}\n"
                % ((d,) * 7 + (node.name,)))
    return subprocess.Popen(node.exec_prefix() + ["nginx", "-e", d + "/error.log", "-p", d, "-c", conf],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


class Pair:
    """The topology, capture and daemons of one session; close() tears everything down."""

    def __init__(self, bench, kind, name, version, advert, http=False, burner=False):
        self.bench, self.kind, self.version, self.advert = bench, kind, version, advert
        self.directory = os.path.join(bench.out, name)
        os.makedirs(self.directory, exist_ok=True)
        self.procs, self.daemons = [], {}
        self.topo = Topology(bench.new_id(), ["lb1", "lb2", "client"] if http else ["lb1", "lb2"])
        try:
            self.lb1, self.lb2 = self.topo.nodes["lb1"], self.topo.nodes["lb2"]
            self.capture = Capture(self.topo, self.directory, name)
            if burner:
                self.procs.append(subprocess.Popen(["ip", "netns", "exec", self.topo.switch, "taskset", "-c", "0",
                                                    "sh", "-c", "while :; do :; done"]))
            if http:
                self.procs += [start_nginx(self.lb1, self.directory), start_nginx(self.lb2, self.directory)]
            self.mdi = daemons.master_down_seconds(version, BACKUP_PRIO, advert)
            self.skew = daemons.skew_seconds(version, BACKUP_PRIO, advert)
            self.start_daemon("lb2", BACKUP_PRIO)
            self.start_daemon("lb1", MASTER_PRIO)
        except BaseException:
            self.close()
            raise

    def start_daemon(self, node_name, prio):
        self.started_at = None
        node = self.topo.nodes[node_name]
        d = os.path.join(self.directory, "%s-%d" % (node_name, len(self.daemons)))
        self.daemons[node_name] = daemons.Daemon(self.kind, node, d, pair_config(node_name, self.version, self.advert, prio),
                                                 self.bench.launcher)
        return self.daemons[node_name]

    def master_steady(self, since):
        """Both daemons have started ("Startup complete": the log gates, it never times) and lb1 is
        master: ≥ 3 lb1 adverts after lb2's last advert and after since."""
        if self.started_at is None:
            if not all("Startup complete" in d.log_text() for d in self.daemons.values()):
                return False
            self.started_at = time.time()
        since = max(since, self.started_at)
        last_backup = max([p.ts for p in adverts(self.capture, self.lb2.mac, since)] or [since])
        return len(adverts(self.capture, self.lb1.mac, last_backup, prio=MASTER_PRIO)) >= 3

    def wait_steady(self, since):
        if not wait_until(self.capture, lambda: self.master_steady(since), 3 * self.mdi + 20, step=self.advert / 4):
            raise RuntimeError("%s: lb1 did not become a steady master; see %s" % (self.kind, self.directory))
        return time.time()

    def close(self):
        for d in self.daemons.values():
            d.stop()
        for p in self.procs:
            p.kill()
            p.wait(timeout=5)
        drops = self.capture.stop() if hasattr(self, "capture") else 0
        self.topo.close()
        return drops


def run_cut_trials(pair, trials, http=False):
    """Cuts lb1's link trials times; returns one dict of capture-derived figures per trial (seconds)."""
    results, since = [], time.time()
    client = None
    if http:
        client = subprocess.Popen(pair.topo.nodes["client"].exec_prefix()
                                  + [sys.executable, os.path.join(HERE, "http_client.py"), VIP, "10",
                                     str(trials * (3 * pair.mdi + 10) + 30)],
                                  stdout=open(os.path.join(pair.directory, "client.out"), "w"))
        pair.procs.append(client)
    for _ in range(trials):
        steady = pair.wait_steady(since)
        if http and not wait_until(pair.capture, lambda: answers(pair, pair.lb1.mac, steady), 5):
            raise RuntimeError("no HTTP answer from lb1 via the VIP; see " + pair.directory)
        t_cut = time.time()
        pair.topo.cut("lb1")
        t_cut_done = time.time()
        took_over = wait_until(pair.capture, lambda: adverts(pair.capture, pair.lb2.mac, t_cut), pair.mdi + 5)
        if took_over:
            wait_until(pair.capture, lambda: garps(pair, t_cut), 2)
            if http:
                wait_until(pair.capture, lambda: answers(pair, pair.lb2.mac, t_cut), 3)
        pair.topo.restore("lb1")
        since = time.time()
        results.append({"steady": steady, "cut": t_cut, "cut_done": t_cut_done, "restored": since})
    if client is not None:
        client.kill()
    return results


def garps(pair, since):
    return [p for p in pair.capture.between("arp", since) if p.src_mac == pair.lb2.mac
            and p.src_ip == VIP and p.dst_ip == VIP]


def answers(pair, mac, since):
    return [p for p in pair.capture.between("tcp", since) if p.sport == 80 and p.src_mac == mac
            and p.src_ip == VIP and p.payload and p.payload > 0]


def judge_cut_trials(pair, windows):
    """Per trial: failover (takeover − last master advert − MDI), garp, downtime; false failovers."""
    out = []
    for w in windows:
        takeover = adverts(pair.capture, pair.lb2.mac, w["cut"], w["restored"])
        figures = {"false_failovers": len(adverts(pair.capture, pair.lb2.mac, w["steady"], w["cut"]))}
        if not takeover:
            figures["missed"] = 1
            out.append(figures)
            continue
        t_take = takeover[0].ts
        last_master = adverts(pair.capture, pair.lb1.mac, w["steady"] - 5 * pair.advert, t_take)
        if last_master:
            figures["failover_ms"] = (t_take - last_master[-1].ts - pair.mdi) * 1000
        g = garps(pair, w["cut"])
        if g and g[0].ts < w["restored"]:
            figures["garp_ms"] = (g[0].ts - t_take) * 1000
        a = answers(pair, pair.lb2.mac, w["cut"])
        if a and a[0].ts < w["restored"]:
            figures["downtime_ms"] = (a[0].ts - w["cut"]) * 1000
            figures["downtime_over_mdi_ms"] = figures["downtime_ms"] - pair.mdi * 1000
        out.append(figures)
    return out


def timeline(pair, window):
    """Events around one cut, relative to it (seconds), for the plot."""
    t0, rows = window["cut"], {}
    for p in pair.capture.packets:
        if not (t0 - 0.6 <= p.ts <= window["restored"]):
            continue
        who = "lb1" if p.src_mac == pair.lb1.mac else "lb2" if p.src_mac == pair.lb2.mac else "client"
        if p.kind == "vrrp":
            key = "advert " + who
        elif p.kind == "arp" and p.src_ip == p.dst_ip and who != "client":
            key = "GARP " + who
        elif p.kind == "tcp" and p.dport == 80 and p.flags & 0x02 and not p.flags & 0x10:
            key = "client request (SYN)"
        elif p.kind == "tcp" and p.sport == 80 and p.payload:
            key = "HTTP answer " + who
        else:
            continue
        rows.setdefault(key, []).append(round(p.ts - t0, 6))
    return {"mdi": pair.mdi, "rows": rows}


def run_graceful_trials(pair, trials):
    """SIGTERMs lb1 trials times (restarting it each time); per trial: takeover − priority-0 advert − Skew_Time."""
    out, since = [], time.time()
    for i in range(trials):
        if i > 0:
            pair.start_daemon("lb1", MASTER_PRIO)
        steady = pair.wait_steady(since)
        t_term = time.time()
        pair.daemons["lb1"].stop(signal.SIGTERM, timeout=10)
        ok = wait_until(pair.capture, lambda: adverts(pair.capture, pair.lb2.mac, t_term), pair.mdi + 5)
        since = time.time()
        zero = adverts(pair.capture, pair.lb1.mac, t_term, since, prio=0)
        figures = {"false_failovers": len(adverts(pair.capture, pair.lb2.mac, steady, t_term))}
        take = adverts(pair.capture, pair.lb2.mac, zero[0].ts, since) if zero else []
        if ok and zero and take:
            figures["graceful_ms"] = (take[0].ts - zero[0].ts - pair.skew) * 1000
            # lb2 advertising between SIGTERM and the priority 0: the master fell silent first
            figures["early_takeover"] = len(adverts(pair.capture, pair.lb2.mac, t_term, zero[0].ts))
        else:
            figures["missed"] = 1
        out.append(figures)
    return out
