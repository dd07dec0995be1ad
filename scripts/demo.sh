#!/usr/bin/env bash
# The jkeepalived demo: two nginx load balancers share a virtual IP (VIP) through VRRP.
#
#   client ──┐
#            ├── switch (a Linux bridge) ── lb1 (jkeepalived MASTER, priority 150, nginx)
#            └──                         ── lb2 (jkeepalived BACKUP, priority 100, nginx)
#
# Everything runs in network namespaces this script creates and removes again: nothing is sent
# outside them. It installs what it needs, builds jkeepalived, starts both nodes from
# examples/nginx-pair/, shows the client's requests through the VIP, cuts the master's link, prints
# the failover timeline as the wire saw it, restores the link and shows the preemption.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

if [ "${DEMO_SKIP_SETUP:-}" != 1 ]; then
  ./scripts/install-deps.sh >/dev/null
  echo "== building jkeepalived"
  mvn -B -ntp -q -DskipTests package
fi

id=$$
sw=jkdemo-sw-$id; lb1=jkdemo-lb1-$id; lb2=jkdemo-lb2-$id; cl=jkdemo-client-$id
work=$(mktemp -d /tmp/jkdemo.XXXXXX)
chmod 755 "$work"  # nginx workers (www-data) read the pages
VIP=192.0.2.100

cleanup() {
  set +e
  for f in "$work"/*.pid; do [ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null; done
  sleep 1
  for ns in $lb1 $lb2 $cl $sw; do
    for p in $(ip netns pids "$ns" 2>/dev/null); do kill -9 "$p" 2>/dev/null; done
    ip netns del "$ns" 2>/dev/null
  done
  rm -rf "$work"
}
trap cleanup EXIT

say() { printf '\n\033[1m%s\033[0m\n' "$*"; }

say "== building the network: a switch, two load balancers and a client (namespaces)"
for ns in $sw $lb1 $lb2 $cl; do ip netns add "$ns"; ip -n "$ns" link set lo up; done
ip -n $sw link add br0 type bridge
ip -n $sw link set br0 up
n=0
for ns in $lb1 $lb2 $cl; do
  n=$((n + 1))
  ip link add "jkd$n-$id" netns "$ns" type veth peer name "port$n" netns $sw
  ip -n "$ns" link set "jkd$n-$id" name eth0
  ip -n $sw link set "port$n" master br0
  ip -n $sw link set "port$n" up
  ip -n "$ns" link set eth0 up
done
ip -n $lb1 addr add 192.0.2.11/24 dev eth0
ip -n $lb2 addr add 192.0.2.12/24 dev eth0
ip -n $cl addr add 192.0.2.50/24 dev eth0
echo "lb1 192.0.2.11, lb2 192.0.2.12, client 192.0.2.50, VIP $VIP"

say "== starting nginx on both load balancers (each page names its node)"
for node in lb1 lb2; do
  ns=$([ $node = lb1 ] && echo $lb1 || echo $lb2)
  mkdir -p "$work/$node/www"
  echo "served by $node" > "$work/$node/www/index.html"
  cat > "$work/$node/nginx.conf" <<CONF
worker_processes 1;
pid $work/$node-nginx.pid;
error_log $work/$node/error.log;
events { worker_connections 64; }
http {
  access_log off;
  server { listen 80; root $work/$node/www; }
}
CONF
  ip netns exec "$ns" nginx -c "$work/$node/nginx.conf"
done

say "== starting jkeepalived on lb1 and lb2 with examples/nginx-pair/lb1.conf and lb2.conf"
start_node() {
  local node=$1 ns=$2
  ip netns exec "$ns" "$root/bin/jkeepalived" -n -l -G -f "examples/nginx-pair/$node.conf" \
    -p "$work/$node.pid" -r "$work/$node-vrrp.pid" > "$work/$node.log" 2>&1 &
}
start_node lb1 $lb1
start_node lb2 $lb2

wait_for_vip() { # ns, deadline seconds
  local ns=$1 deadline=$((SECONDS + $2))
  while [ $SECONDS -lt $deadline ]; do
    ip -n "$ns" -4 addr show dev eth0 | grep -q " $VIP/" && return 0
    sleep 0.1
  done
  return 1
}
wait_for_vip $lb1 15 || { echo "lb1 did not become MASTER"; cat "$work"/lb1.log; exit 1; }
echo "lb1 is MASTER and holds the VIP:"
ip -n $lb1 -4 addr show dev eth0 | grep "inet "

ip netns exec $sw tcpdump -i br0 -n -tt -U -w "$work/wire.pcap" "vrrp or arp or (tcp port 80 and host $VIP)" \
  >/dev/null 2>&1 &
echo $! > "$work/tcpdump.pid"

poll() { # seconds: the client asks the VIP every 50 ms and prints who answered
  local end=$((SECONDS + $1)) last=""
  while [ $SECONDS -lt $end ]; do
    answer=$(ip netns exec $cl curl -s --max-time 0.2 "http://$VIP/" || echo "no answer")
    if [ "$answer" != "$last" ]; then
      printf '%s  client: %s\n' "$(date +%T.%3N)" "$answer"
      last=$answer
    fi
    sleep 0.05
  done
}

say "== the client asks the VIP every 50 ms"
poll 3

say "== cutting lb1's link (its switch port goes down): lb2 stops hearing adverts"
cut=$(date +%s.%N)
ip -n $sw link set port1 down
poll 6

say "== the failover as the wire saw it (tcpdump on the switch)"
kill "$(cat "$work/tcpdump.pid")"; sleep 0.5
tshark -r "$work/wire.pcap" -T fields -E separator='|' -e frame.time_epoch -e ip.src -e vrrp.prio \
  -e arp.src.proto_ipv4 -e http.response.code 2>/dev/null > "$work/wire.txt" || true
awk -F'|' -v cut="$cut" '
  $3 != "" && $2 == "192.0.2.11" && $1 < cut { last = $1 }
  $3 != "" && $2 == "192.0.2.12" && !take { take = $1; prio = $3 }
  $4 != "" && take && !garp && $1 >= take { garp = $1 }
  $5 == "200" && take && !served && $1 >= take { served = $1 }
  END {
    printf "last advert from lb1 (priority 150)      %.3f\n", last
    printf "link cut                                  %.3f  (+%.0f ms)\n", cut, (cut - last) * 1000
    printf "first advert from lb2: takeover           %.3f  (+%.0f ms after the last lb1 advert;\n", take, (take - last) * 1000
    printf "                                          Master_Down_Interval = 3 x 1 s + (256-%d)/256 s = %.0f ms)\n", prio, 3000 + (256 - prio) * 1000 / 256
    printf "gratuitous ARP for the VIP from lb2       %.3f  (+%.1f ms after takeover)\n", garp, (garp - take) * 1000
    if (served) printf "first answer through the VIP, from lb2    %.3f  (+%.0f ms after the cut)\n", served, (served - cut) * 1000
  }' "$work/wire.txt"

say "== restoring lb1's link: lb1 has the higher priority, so it preempts"
ip -n $sw link set port1 up
wait_for_vip $lb1 15 && echo "lb1 holds the VIP again"
poll 3

say "== what jkeepalived logged (lb2)"
grep -E "STATE|priority|VIP" "$work/lb2.log" | tail -8 || true

say "== stopping (SIGTERM: a MASTER sends priority 0 and removes its VIP) and cleaning up"
