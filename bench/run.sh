#!/bin/sh
# Side-by-side benchmark of jkeepalived and keepalived 2.2.7 in network namespaces (issue 5).
# Usage: sudo [TRIALS=10] [STEADY=20] bench/run.sh [scenario ...]
# Scenarios: failover-v2 failover-v3 garp graceful downtime scale-255 scale-1000 loaded footprint
# (default: all). Writes docs/benchmarks.md and docs/bench/failover-timeline.png.
set -eu

here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
root=$(dirname "$here")

if [ "$(id -u)" -ne 0 ]; then
  echo "bench/run.sh: needs root (network namespaces, tcpdump)" >&2
  exit 1
fi
ip netns list >/dev/null 2>&1 || { echo "bench/run.sh: 'ip netns' is unavailable" >&2; exit 1; }

# Tools: the distribution's python3 with matplotlib, tcpdump, nginx, keepalived 2.2.7.
python=/usr/bin/python3
need=""
$python -c 'import matplotlib' 2>/dev/null || need="$need python3-matplotlib"
for tool in tcpdump:tcpdump nginx:nginx-light keepalived:keepalived taskset:util-linux; do
  command -v "${tool%%:*}" >/dev/null 2>&1 || need="$need ${tool#*:}"
done
if [ -n "$need" ]; then
  echo "bench/run.sh: installing$need"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q $need >/dev/null
fi
keepalived --version 2>&1 | grep -q 'v2\.2\.7' || echo "bench/run.sh: warning: keepalived is not 2.2.7" >&2

# The jar and its class-data archive (the packaging module records the class list from real
# daemon runs and dumps the archive that bin/jkeepalived uses for the source-built jar).
jar="$root/daemon/target/jkeepalived.jar"
archive="$root/daemon/target/jkeepalived.jsa"
classlist="$root/packaging/target/deb-staging/jkeepalived.classlist"
if [ ! -f "$jar" ] || [ -n "$(find "$root" -path '*/src/main/*' -newer "$jar" -type f -print -quit)" ] \
    || [ ! "$classlist" -nt "$jar" ] || [ ! "$archive" -nt "$classlist" ]; then
  echo "bench/run.sh: building daemon/target/jkeepalived.jar and its class-data archive"
  (cd "$root" && mvn -B -q -pl packaging -am package -DskipTests)
fi

# Backstop cleanup: the Python driver removes its namespaces itself; this catches an interrupted run.

cleanup() {
  for ns in $(ip netns list | awk '{print $1}' | grep "^jkb${BENCH_RUN_ID:-none}" || true); do
    for pid in $(ip netns pids "$ns"); do kill -9 "$pid" 2>/dev/null || true; done
    ip netns del "$ns" 2>/dev/null || true
  done
}
BENCH_RUN_ID=$(od -An -N2 -tx1 /dev/urandom | tr -d ' \n')
export BENCH_RUN_ID
trap cleanup EXIT INT TERM

# A whole default run takes about 25 minutes; bound it at 60 so nothing can hang unattended.
timeout --signal=INT --kill-after=30 3600 $python "$here/bench.py" "$@"
