#!/usr/bin/env bash
# Measures the installed jkeepalived's start-up with and without the package's class-data archive:
#   check:  exec -> `jkeepalived -t -f EXAMPLE` done
#   advert: exec -> first VRRP advert on the wire (priority 255, in a network namespace this script
#           creates and removes; timestamps from tcpdump on the peer end of a veth pair)
# Usage (root, with the package installed): packaging/measure-startup.sh [RUNS]
set -euo pipefail
runs=${1:-5}
[ "$(id -u)" = 0 ] || { echo "needs root (network namespaces)" >&2; exit 1; }
[ -r /var/cache/jkeepalived/jkeepalived.jsa ] || { echo "install the jkeepalived package first" >&2; exit 1; }

suffix=$RANDOM; ns=jkst$suffix; peer=jkpr$suffix; work=$(mktemp -d)
cleanup() { ip netns del "$ns" 2>/dev/null || true; ip netns del "$peer" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
ip netns add "$ns"; ip netns add "$peer"
ip -n "$ns" link add eth0 type veth peer name eth1 netns "$peer"
ip -n "$ns" address add 192.0.2.1/24 dev eth0; ip -n "$ns" link set eth0 up; ip -n "$ns" link set lo up
ip -n "$peer" link set eth1 up
cat > "$work/k.conf" <<CONF
vrrp_instance VI_1 {
    state MASTER
    interface eth0
    virtual_router_id 51
    priority 255
    advert_int 1
    virtual_ipaddress {
        192.0.2.100/24
    }
}
CONF
example=/usr/share/doc/jkeepalived/examples/nginx-pair/lb1.conf
ip -n "$ns" link add eth9 type dummy 2>/dev/null || true

now_ms() { date +%s%3N; }
# "with": the packaged path; "without": the same jar through another path, so the launcher adds no archive.
jar_for() { [ "$1" = with ] && echo /usr/share/jkeepalived/jkeepalived.jar || echo /usr/share/jkeepalived/./jkeepalived.jar; }

for mode in with without; do
  for i in $(seq 1 "$runs"); do
    start=$(now_ms)
    JKEEPALIVED_JAR=$(jar_for $mode) ip netns exec "$ns" jkeepalived -t -f "$work/k.conf" >/dev/null 2>&1
    check=$(( $(now_ms) - start ))

    ip netns exec "$peer" timeout 20 tcpdump -i eth1 -n -tt --immediate-mode -c 1 'ip proto 112' \
      > "$work/first" 2>/dev/null & dump=$!
    for _ in $(seq 1 100); do grep -q eth1 <(ip netns exec "$peer" cat /proc/net/packet 2>/dev/null | awk 'NR>1') && break; sleep 0.05; done
    sleep 0.3  # tcpdump's filter attach settles after its socket appears
    start=$(now_ms)
    JKEEPALIVED_JAR=$(jar_for $mode) ip netns exec "$ns" jkeepalived --dont-fork --no-syslog -f "$work/k.conf" \
      -p "$work/m.pid" -r "$work/v.pid" --dump-dir="$work" >/dev/null 2>&1 & daemon=$!
    wait $dump || true
    first=$(awk '{printf "%.0f", $1*1000}' "$work/first")
    rss=$(awk '/VmRSS/ {print $2}' /proc/$(cat "$work/m.pid" 2>/dev/null || echo $daemon)/status 2>/dev/null || echo "?")
    kill -TERM $daemon; wait $daemon || true
    echo "$mode run $i: -t ${check} ms, first advert $(( first - start )) ms, RSS ${rss} kB"
  done
done
