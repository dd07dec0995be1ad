"""Scale sessions: many instances between lb1 (priority 200) and lb2 (priority 100), a bounded
settle, then a steady-state window in which CPU (whole process trees) and transitions are measured.

A transition is a change of the node advertising a (link, VRID) seen on the switch during the
window; the backup's adverts in the window are counted too. Both come from the capture only.
"""
import os
import subprocess
import time

from . import daemons
from .capture import Capture
from .netns import Topology

MASTER_PRIO, BACKUP_PRIO = 200, 100


def vips_for(vrid):
    """One VIP per VRID from the documentation ranges (VRIDs 1..254 and 255)."""
    return ["198.51.100.%d/32" % vrid] if vrid <= 254 else ["203.0.113.%d/32" % (vrid - 254)]


def scale_config(node, version, advert, prio, per_link, links, with_vips):
    blocks = []
    for k in range(links):
        for vrid in range(1, per_link + 1):
            blocks.append(daemons.instance_block("VI_%d_%d" % (k, vrid), "eth%d" % k, vrid, prio, advert,
                                                 vips_for(vrid) if with_vips else []))
    return daemons.config(node, version, blocks)


def run_scale_trial(bench, kind, name, version, advert, per_link, links, steady_s, burner=False, with_vips=True,
                    settle_max_s=60):
    """One fresh pair: start, settle (bounded), measure steady_s seconds. Returns the trial's figures."""
    directory = os.path.join(bench.out, name)
    os.makedirs(directory, exist_ok=True)
    topo = Topology(bench.new_id(), ["lb1", "lb2"], links=links)
    lb1, lb2 = topo.nodes["lb1"], topo.nodes["lb2"]
    procs, pair, capture = [], [], None
    try:
        capture = Capture(topo, directory, name)
        if burner:
            procs.append(subprocess.Popen(["ip", "netns", "exec", topo.switch, "taskset", "-c", "0",
                                           "sh", "-c", "while :; do :; done"]))
        for node, prio in (("lb2", BACKUP_PRIO), ("lb1", MASTER_PRIO)):
            text = scale_config(node, version, advert, prio, per_link, links, with_vips)
            pair.append(daemons.Daemon(kind, topo.nodes[node], os.path.join(directory, node), text, bench.launcher))
        t_start = time.time()
        settled = settle(capture, lb1.macs, lb2.macs, per_link * links, advert, settle_max_s, pair)
        settle_s = time.time() - t_start
        master, backup = pair[1], pair[0]
        cpu0, t0 = (master.cpu_seconds(), backup.cpu_seconds()), time.time()
        time.sleep(steady_s)  # the measurement window itself, not a synchronisation
        cpu1, t1 = (master.cpu_seconds(), backup.cpu_seconds()), time.time()
        rss = (master.rss_mb(), backup.rss_mb())
        alive = master.alive() and backup.alive()
    finally:
        for d in pair:
            d.stop()
        for p in procs:
            p.kill()
            p.wait(timeout=5)
        drops = capture.stop() if capture else 0
        topo.close()
    transitions, backup_adverts, seen = count_transitions(capture, lb2.macs, t0, t1)
    return {"settled": settled, "settle_s": settle_s, "alive": alive, "capture_drops": drops,
            "master_cpu_pct": 100 * (cpu1[0] - cpu0[0]) / (t1 - t0),
            "backup_cpu_pct": 100 * (cpu1[1] - cpu0[1]) / (t1 - t0),
            "master_rss_mb": rss[0], "backup_rss_mb": rss[1],
            "transitions": transitions, "backup_adverts": backup_adverts, "instances_seen": seen}


def settle(capture, master_macs, backup_macs, instances, advert, settle_max_s, pair):
    """Waits until both daemons have logged "Startup complete" (keepalived's and jkeepalived's
    line; the log only gates the start, it never times anything), every instance is advertised by
    the master and the backup has been silent for max(1 s, 3 adverts + 0.5 s) since its start
    completed; gives up after settle_max_s (a flap storm never settles)."""
    quiet = max(1.0, 3 * advert + 0.5)
    deadline = time.monotonic() + settle_max_s
    last_from = {}
    last_backup = time.time()
    started = False
    while time.monotonic() < deadline:
        if not started and all("Startup complete" in d.log_text() for d in pair):
            started, last_backup = True, time.time()
        for p in capture.poll():
            if p.kind == "vrrp":
                last_from[(p.iface, p.vrid)] = p.src_mac
                if p.src_mac in backup_macs:
                    last_backup = max(last_backup, p.ts)
        mastered = sum(1 for mac in last_from.values() if mac in master_macs)
        if started and mastered == instances and time.time() - last_backup >= quiet:
            return True
        time.sleep(0.1)
    return False


def count_transitions(capture, backup_macs, t0, t1):
    """(advertiser changes per (link, VRID) summed, backup adverts, instances seen) within [t0, t1)."""
    last, changes, backup_adverts = {}, 0, 0
    for p in capture.between("vrrp", t0, t1):
        key = (p.iface, p.vrid)
        if key in last and last[key] != p.src_mac:
            changes += 1
        last[key] = p.src_mac
        if p.src_mac in backup_macs:
            backup_adverts += 1
    return changes, backup_adverts, len(last)
