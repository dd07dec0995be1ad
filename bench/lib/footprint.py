"""Footprint: time from exec to the first advert at priority 255 (from the capture), and the RSS
of one instance (whole process tree) a few seconds after that advert."""
import os
import time

from . import daemons
from .capture import Capture
from .failover import wait_until
from .netns import Topology

VRID = 77


def run_footprint_trials(bench, kinds_in_order, settle_s=3.0):
    """One topology, one daemon at a time (kinds_in_order alternates them); per trial its figures."""
    directory = os.path.join(bench.out, "footprint")
    os.makedirs(directory, exist_ok=True)
    topo = Topology(bench.new_id(), ["lb1"])
    node = topo.nodes["lb1"]
    capture = None
    results = []
    try:
        capture = Capture(topo, directory, "footprint")
        text = daemons.config("lb1", 3, [daemons.instance_block("VI_1", "eth0", VRID, 255, "1", ["192.0.2.201/24"],
                                                                      state="MASTER")])
        for i, kind in enumerate(kinds_in_order):
            d = daemons.Daemon(kind, node, os.path.join(directory, "%d-%s" % (i, kind)), text, bench.launcher)
            t_exec = d.started
            try:
                first = lambda: [p for p in capture.between("vrrp", t_exec) if p.vrid == VRID and p.prio == 255]
                if not wait_until(capture, first, 30, step=0.005):
                    results.append((kind, {"missed": 1}))
                    continue
                startup_ms = (first()[0].ts - t_exec) * 1000
                time.sleep(settle_s)  # let the daemon reach its steady footprint before reading RSS
                results.append((kind, {"startup_ms": startup_ms, "rss1_mb": d.rss_mb()}))
            finally:
                d.stop()
                # the next daemon must start from a clean interface: wait for the VIP to go (bounded)
                deadline = time.monotonic() + 5
                while "192.0.2.201" in node.ip("-o", "addr", "show") and time.monotonic() < deadline:
                    time.sleep(0.05)
    finally:
        if capture:
            capture.stop()
        topo.close()
    return results
