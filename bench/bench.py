"""Runs the side-by-side scenarios (see run.sh) and writes docs/benchmarks.md and the timeline plot.

Usage (root, from bench/run.sh): bench.py [scenario ...]; settings from the environment:
TRIALS (10), STEADY (20 s), SCALE1000_TRIALS (3), LOADED_SCALE_TRIALS (3), BENCH_OUT (a new /tmp dir),
BENCH_DOC (docs/benchmarks.md), JK_LAUNCHER (bin/jkeepalived).
"""
import json
import os
import secrets
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib import daemons, failover, footprint, report, scale  # noqa: E402
from lib.daemons import JK, KA  # noqa: E402

SCENARIOS = ["failover-v2", "failover-v3", "garp", "graceful", "downtime", "scale-255", "scale-1000", "loaded",
             "footprint"]
# For development only: BENCH_DAEMONS=jkeepalived runs one side (the doc then shows one column).
DAEMONS = [k for k in (JK, KA) if k in os.environ.get("BENCH_DAEMONS", "%s,%s" % (JK, KA)).split(",")]
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class Bench:
    """Settings of this run and a source of unique namespace ids (prefix jkb<run id>)."""

    def __init__(self):
        self.run_id = os.environ.get("BENCH_RUN_ID") or secrets.token_hex(2)
        self.counter = 0
        self.trials = int(os.environ.get("TRIALS", "10"))
        self.steady = float(os.environ.get("STEADY", "20"))
        self.scale1000_trials = int(os.environ.get("SCALE1000_TRIALS", "3"))
        self.loaded_scale_trials = int(os.environ.get("LOADED_SCALE_TRIALS", "3"))
        self.out = os.environ.get("BENCH_OUT") or "/tmp/jkbench-%s-%s" % (time.strftime("%Y%m%dT%H%M%S"), self.run_id)
        self.doc = os.environ.get("BENCH_DOC", os.path.join(ROOT, "docs", "benchmarks.md"))
        self.launcher = os.environ.get("JK_LAUNCHER", os.path.join(ROOT, "bin", "jkeepalived"))
        os.makedirs(self.out, exist_ok=True)

    def new_id(self):
        self.counter += 1
        return "%s%d" % (self.run_id, self.counter)


def halves(trials):
    """Block sizes and daemons, alternating: jk, ka, ka, jk (ABBA), so drift hits both alike."""
    first = (trials + 1) // 2
    second = trials - first
    blocks = [(JK, first), (KA, first)]
    if second:
        blocks += [(KA, second), (JK, second)]
    return [b for b in blocks if b[0] in DAEMONS]


def failed(results, kind, n, name, error):
    """A session that broke (a daemon never became master, a tool failed): its trials count as
    missed and the run goes on with the next one, so an unattended run always ends with a report."""
    log("  %s %s: FAILED: %s" % (name, kind, error))
    results[kind] += [{"missed": 1, "error": str(error)}] * n


def cut_scenario(bench, name, version, advert, trials, http=False, burner=False, timelines=None):
    results = {JK: [], KA: []}
    for i, (kind, n) in enumerate(halves(trials)):
        log("%s: %s, %d trials" % (name, kind, n))
        try:
            pair = failover.Pair(bench, kind, "%s-%d-%s" % (name, i, kind), version, advert, http=http, burner=burner)
        except Exception as e:
            failed(results, kind, n, name, e)
            continue
        try:
            windows = failover.run_cut_trials(pair, n, http=http)
        except Exception as e:
            pair.close()
            failed(results, kind, n, name, e)
            continue
        drops = pair.close()
        figures = failover.judge_cut_trials(pair, windows)
        for f in figures:
            f["capture_drops"] = drops
        results[kind] += figures
        if timelines is not None and kind not in timelines and windows:
            timelines[kind] = failover.timeline(pair, windows[0])
        show(name, kind, figures)
    return results


def graceful_scenario(bench, trials):
    results = {JK: [], KA: []}
    for i, (kind, n) in enumerate(halves(trials)):
        log("graceful: %s, %d trials" % (kind, n))
        try:
            pair = failover.Pair(bench, kind, "graceful-%d-%s" % (i, kind), 3, 0.1)
        except Exception as e:
            failed(results, kind, n, "graceful", e)
            continue
        try:
            figures = failover.run_graceful_trials(pair, n)
        except Exception as e:
            failed(results, kind, n, "graceful", e)
            continue
        finally:
            pair.close()
        results[kind] += figures
        show("graceful", kind, figures)
    return results


def scale_scenario(bench, name, trials, **kw):
    results = {JK: [], KA: []}
    for i in range(trials):
        for kind in [k for k in ((JK, KA) if i % 2 == 0 else (KA, JK)) if k in DAEMONS]:
            log("%s: trial %d, %s" % (name, i + 1, kind))
            try:
                f = scale.run_scale_trial(bench, kind, "%s-%d-%s" % (name, i, kind), steady_s=bench.steady, **kw)
            except Exception as e:
                failed(results, kind, 1, name, e)
                continue
            results[kind].append(f)
            show(name, kind, [f])
    return results


def footprint_scenario(bench, trials):
    order = [k for i in range(trials) for k in ((JK, KA) if i % 2 == 0 else (KA, JK)) if k in DAEMONS]
    log("footprint: %d trials each" % trials)
    results = {JK: [], KA: []}
    try:
        for kind, f in footprint.run_footprint_trials(bench, order):
            results[kind].append(f)
    except Exception as e:
        failed(results, JK, 0, "footprint", e)
    show("footprint", JK, results[JK])
    show("footprint", KA, results[KA])
    return results


def log(text):
    print("bench %s %s" % (time.strftime("%H:%M:%S"), text), flush=True)


def show(name, kind, figures):
    for f in figures:
        log("  %s %s: %s" % (name, kind, ", ".join("%s=%s" % (k, round(v, 3) if isinstance(v, float) else v)
                                                  for k, v in sorted(f.items()))))


def main(argv):
    chosen = argv or SCENARIOS
    unknown = [s for s in chosen if s not in SCENARIOS]
    if unknown:
        sys.exit("bench: unknown scenario %s; known: %s" % (", ".join(unknown), " ".join(SCENARIOS)))
    bench = Bench()
    started = time.time()
    log("run %s, trials %d, steady %.0f s, output %s" % (bench.run_id, bench.trials, bench.steady, bench.out))
    results, timelines = {}, {}
    if "failover-v2" in chosen:
        results["failover-v2"] = cut_scenario(bench, "failover-v2", 2, 1, bench.trials)
    if "failover-v3" in chosen or ("garp" in chosen and "failover-v2" not in chosen):
        results["failover-v3"] = cut_scenario(bench, "failover-v3", 3, 0.1, bench.trials)
    if "graceful" in chosen:
        results["graceful"] = graceful_scenario(bench, bench.trials)
    if "downtime" in chosen:
        results["downtime"] = cut_scenario(bench, "downtime", 3, 0.1, bench.trials, http=True, timelines=timelines)
    if "scale-255" in chosen:
        results["scale-255"] = scale_scenario(bench, "scale-255", bench.trials, version=3, advert=0.1,
                                              per_link=255, links=1)
    if "scale-1000" in chosen:
        results["scale-1000"] = scale_scenario(bench, "scale-1000", bench.scale1000_trials, version=2, advert=1,
                                               per_link=250, links=4, with_vips=False, settle_max_s=90)
    if "loaded" in chosen:
        results["loaded-failover"] = cut_scenario(bench, "loaded-failover", 3, 0.1, bench.trials, burner=True)
        results["loaded-scale-255"] = scale_scenario(bench, "loaded-scale-255", bench.loaded_scale_trials,
                                                     version=3, advert=0.1, per_link=255, links=1, burner=True)
    if "footprint" in chosen:
        results["footprint"] = footprint_scenario(bench, bench.trials)
    meta = report.machine(bench, daemons.versions(bench.launcher), chosen, time.time() - started)
    with open(os.path.join(bench.out, "results.json"), "w") as f:
        json.dump({"meta": meta, "results": results, "timelines": timelines}, f, indent=1)
    report.write(bench, meta, results, timelines)
    log("done in %.0f s; raw results %s" % (time.time() - started, os.path.join(bench.out, "results.json")))


if __name__ == "__main__":
    main(sys.argv[1:])
