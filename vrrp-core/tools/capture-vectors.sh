#!/bin/bash
# Captures adverts, gratuitous ARPs and unsolicited NAs from a real keepalived 2.2.7 running inside a
# private pair of network namespaces, and writes them as a pcap plus one text line per frame (hex).
#
# Usage: capture-vectors.sh OUTDIR [VECTORDIR]
# With VECTORDIR, annotate-vectors.py then writes the annotated hex vectors there
# (vrrp-core/src/test/resources/vectors).
# Needs root, iproute2 (ip netns), keepalived and tcpdump. keepalived runs only inside the namespace
# "kaA-<suffix>" and is killed (together with tcpdump and the namespaces) by the EXIT trap.
set -euo pipefail

out=${1:?usage: capture-vectors.sh OUTDIR}
mkdir -p "$out"
suffix=$(printf '%04x%04x' $RANDOM $RANDOM)
nsa=kaA-$suffix
nsb=kaB-$suffix
work=$(mktemp -d /tmp/capture-vectors.XXXXXX)
ka_pid=
dump_pid=

cleanup() {
    set +e
    [ -n "$ka_pid" ] && kill "$ka_pid" 2>/dev/null
    [ -n "$dump_pid" ] && kill "$dump_pid" 2>/dev/null
    for _ in $(seq 1 20); do
        { [ -z "$ka_pid" ] || ! kill -0 "$ka_pid" 2>/dev/null; } && break
        sleep 0.1
    done
    [ -n "$ka_pid" ] && kill -9 "$ka_pid" 2>/dev/null
    ip netns del "$nsa" 2>/dev/null
    ip netns del "$nsb" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

ip netns add "$nsa"
ip netns add "$nsb"
ip netns exec "$nsa" ip link add eth0 address 02:00:00:00:00:01 type veth peer name eth0 \
    netns "$nsb" address 02:00:00:00:00:02
for ns in "$nsa" "$nsb"; do
    ip netns exec "$ns" sysctl -qw net.ipv6.conf.eth0.accept_dad=0
    ip netns exec "$ns" ip link set lo up
done
ip netns exec "$nsa" ip addr add 192.0.2.1/24 dev eth0
ip netns exec "$nsb" ip addr add 192.0.2.2/24 dev eth0
ip netns exec "$nsa" ip addr add 2001:db8::1/64 dev eth0 nodad
ip netns exec "$nsb" ip addr add 2001:db8::2/64 dev eth0 nodad
ip netns exec "$nsa" ip link set eth0 up
ip netns exec "$nsb" ip link set eth0 up
# Link-local addresses follow the fixed MACs: fe80::ff:fe00:1 (A) and fe80::ff:fe00:2 (B).
for _ in $(seq 1 50); do
    ip netns exec "$nsa" ip -6 addr show dev eth0 scope link | grep -q 'fe80' && break
    sleep 0.1
done

cat > "$work/keepalived.conf" <<CONF
global_defs {
    router_id capture
    vrrp_garp_master_delay 5
}
vrrp_instance V2_MCAST {
    interface eth0
    virtual_router_id 51
    priority 255
    advert_int 1
    virtual_ipaddress {
        192.0.2.51
    }
}
vrrp_instance V3_MCAST {
    version 3
    interface eth0
    virtual_router_id 52
    priority 255
    advert_int 0.1
    virtual_ipaddress {
        192.0.2.52
        192.0.2.152
    }
}
vrrp_instance V3_IPV6 {
    interface eth0
    virtual_router_id 53
    priority 255
    advert_int 1
    virtual_ipaddress {
        fe80::53
        2001:db8::53
    }
}
vrrp_instance V2_PASS {
    interface eth0
    virtual_router_id 54
    priority 255
    advert_int 1
    authentication {
        auth_type PASS
        auth_pass secret1
    }
    virtual_ipaddress {
        192.0.2.54
    }
}
vrrp_instance V2_UNICAST {
    interface eth0
    virtual_router_id 55
    priority 255
    advert_int 1
    unicast_peer {
        192.0.2.2
    }
    virtual_ipaddress {
        192.0.2.55
    }
}
vrrp_instance V2_AH {
    interface eth0
    virtual_router_id 56
    priority 255
    advert_int 1
    authentication {
        auth_type AH
        auth_pass secret2
    }
    virtual_ipaddress {
        192.0.2.56
    }
}
vrrp_instance V3_MCAST_P100 {
    version 3
    interface eth0
    virtual_router_id 57
    priority 100
    advert_int 0.5
    virtual_ipaddress {
        192.0.2.57
    }
}
CONF

# The peer side answers unicast adverts with ICMP protocol-unreachable unless a raw socket for
# protocol 112 is open; that is harmless for the capture (ICMP is filtered out below).
ip netns exec "$nsb" tcpdump -i eth0 -U -n -w "$work/capture.pcap" \
    'ip proto 112 or ip6 proto 112 or ip proto 51 or arp or (icmp6 and ip6[40] == 136)' 2>"$work/tcpdump.err" &
dump_pid=$!
for _ in $(seq 1 50); do grep -q 'listening on' "$work/tcpdump.err" 2>/dev/null && break; sleep 0.1; done

ip netns exec "$nsa" keepalived -n -l -D -P -f "$work/keepalived.conf" \
    -p "$work/keepalived.pid" -r "$work/vrrp.pid" >"$work/keepalived.log" 2>&1 &
ka_pid=$!
sleep 4.5
kill -TERM "$ka_pid"
for _ in $(seq 1 50); do kill -0 "$ka_pid" 2>/dev/null || break; sleep 0.1; done
ka_pid=
sleep 0.5
kill "$dump_pid"; wait "$dump_pid" 2>/dev/null || true
dump_pid=

cp "$work/capture.pcap" "$out/keepalived-2.2.7.pcap"
cp "$work/keepalived.log" "$out/keepalived-2.2.7.log"
cp "$work/keepalived.conf" "$out/keepalived-2.2.7.conf"
tshark -r "$out/keepalived-2.2.7.pcap" -T fields -e frame.number -e frame.time_relative \
    -e _ws.col.Protocol -e _ws.col.Info > "$out/keepalived-2.2.7.summary.txt"
# One line per frame: frame number, then the whole Ethernet frame in hex.
tcpdump -r "$out/keepalived-2.2.7.pcap" -nn -xx -e 2>/dev/null > "$out/keepalived-2.2.7.hexdump.txt"
echo "captured $(wc -l < "$out/keepalived-2.2.7.summary.txt") frames into $out"
if [ -n "${2:-}" ]; then
    python3 "$(dirname "$0")/annotate-vectors.py" "$out/keepalived-2.2.7.pcap" "$2"
    cp "$out/keepalived-2.2.7.conf" "$out/keepalived-2.2.7.summary.txt" "$2/"
fi
