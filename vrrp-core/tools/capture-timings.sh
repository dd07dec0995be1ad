#!/bin/bash
# Measures keepalived 2.2.7's failover timings on the wire, for KeepalivedTimingTest:
#   crash    - the master (priority 150) is SIGKILLed: time from its last advert to the backup's
#              (priority 100) first advert                      (expected Master_Down_Interval(100))
#   preempt  - the old master comes back: time from its start to its first advert, while the
#              lower-priority master keeps advertising          (expected Master_Down_Interval(150))
#   prio0    - the master is SIGTERMed: time from its priority-0 advert to the backup's first advert
#                                                               (expected Skew_Time(100))
# VRRPv2, advert_int 1 s, one VRID, two network namespaces joined by a veth pair.
#
# Usage: capture-timings.sh OUTFILE
# Needs root, iproute2, keepalived, tcpdump, tshark. keepalived runs only inside the namespaces
# and every process and namespace is removed by the EXIT trap.
set -euo pipefail

outfile=${1:?usage: capture-timings.sh OUTFILE}
suffix=$(printf '%04x%04x' $RANDOM $RANDOM)
nsa=ktA-$suffix
nsb=ktB-$suffix
work=$(mktemp -d /tmp/capture-timings.XXXXXX)
pids=()

cleanup() {
    set +e
    for pid in "${pids[@]}"; do kill -9 -- "-$pid" 2>/dev/null; kill -9 "$pid" 2>/dev/null; done
    ip netns del "$nsa" 2>/dev/null
    ip netns del "$nsb" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

ip netns add "$nsa"
ip netns add "$nsb"
ip netns exec "$nsa" ip link add eth0 address 02:00:00:00:00:01 type veth peer name eth0 \
    netns "$nsb" address 02:00:00:00:00:02
ip netns exec "$nsa" ip addr add 192.0.2.1/24 dev eth0
ip netns exec "$nsb" ip addr add 192.0.2.2/24 dev eth0
for ns in "$nsa" "$nsb"; do
    ip netns exec "$ns" ip link set lo up
    ip netns exec "$ns" ip link set eth0 up
done

config() {  # name priority
    cat > "$work/$1.conf" <<CONF
global_defs {
    router_id $1
}
vrrp_instance VI_1 {
    interface eth0
    virtual_router_id 61
    priority $2
    advert_int 1
    virtual_ipaddress {
        192.0.2.61
    }
}
CONF
}
config a 150
config b 100

start() {  # namespace name -> pid of the keepalived parent (its own process group)
    setsid ip netns exec "$1" keepalived -n -l -D -P -f "$work/$2.conf" -p "$work/$2.pid" \
        -r "$work/$2_vrrp.pid" >>"$work/$2.log" 2>&1 &
    echo $!
}

wait_log() {  # file pattern seconds
    for _ in $(seq 1 $(( $3 * 10 ))); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.1; done
    echo "timed out waiting for '$2' in $1" >&2
    return 1
}

ip netns exec "$nsb" tcpdump -i eth0 -U -n -w "$work/t.pcap" 'ip proto 112' 2>"$work/tcpdump.err" &
pids+=($!)
wait_log "$work/tcpdump.err" 'listening on' 5

pid_a=$(start "$nsa" a); pids+=("$pid_a")
wait_log "$work/a.log" 'Entering MASTER STATE' 10
pid_b=$(start "$nsb" b); pids+=("$pid_b")
wait_log "$work/b.log" 'Entering BACKUP STATE' 10
sleep 2

# crash: SIGKILL the whole keepalived process group of A (parent and VRRP child).
kill -9 -- "-$pid_a"
wait_log "$work/b.log" 'Entering MASTER STATE' 10
sleep 2

# preempt: A comes back; B is MASTER at priority 100.
restart_at=$(date +%s.%N)
pid_a=$(start "$nsa" a); pids+=("$pid_a")
wait_log "$work/b.log" 'Entering BACKUP STATE$' 10 || wait_log "$work/b.log" 'higher priority' 10
sleep 2

# prio0: SIGTERM A (orderly stop: priority 0), B takes over.
kill -TERM "$pid_a"
sleep 3
kill "${pids[0]}"; sleep 0.5

tshark -r "$work/t.pcap" -T fields -e frame.time_epoch -e ip.src -e vrrp.prio 2>/dev/null > "$work/adverts.txt"
python3 - "$work/adverts.txt" "$restart_at" "$outfile" <<'PY'
import sys
rows = [l.split('\t') for l in open(sys.argv[1]).read().split('\n') if l.strip()]
rows = [(float(t), src, int(p)) for t, src, p in rows]
restart = float(sys.argv[2])
# crash: last advert of A (priority 150) before B's first advert.
b_first = next(t for t, s, p in rows if s == '192.0.2.2')
a_last = max(t for t, s, p in rows if s == '192.0.2.1' and t < b_first)
crash_ms = (b_first - a_last) * 1000
# preempt: A's first advert after the restart.
a_back = next(t for t, s, p in rows if s == '192.0.2.1' and t > restart)
preempt_ms = (a_back - restart) * 1000
# prio0: A's priority-0 advert, then B's next advert.
zero = next(t for t, s, p in rows if s == '192.0.2.1' and p == 0)
b_after = next(t for t, s, p in rows if s == '192.0.2.2' and t > zero)
prio0_ms = (b_after - zero) * 1000
with open(sys.argv[3], 'w') as out:
    out.write('# keepalived 2.2.7 failover timings measured by vrrp-core/tools/capture-timings.sh\n')
    out.write('# VRRPv2, advert_int 1 s, master priority 150, backup priority 100; milliseconds\n')
    out.write('crash_takeover_ms %.3f\n' % crash_ms)
    out.write('preempt_after_restart_ms %.3f\n' % preempt_ms)
    out.write('priority0_takeover_ms %.3f\n' % prio0_ms)
print(open(sys.argv[3]).read())
PY
