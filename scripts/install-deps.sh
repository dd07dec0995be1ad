#!/usr/bin/env bash
# Installs everything jkeepalived's build, tests and demo need on a fresh Debian 12 machine.
# Idempotent; needs root. Services from the packages (keepalived, nginx) are NOT started: the
# tests and the demo run them only inside network namespaces they create.
set -euo pipefail

if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps.sh must run as root (apt-get, network namespaces)" >&2
  exit 1
fi

packages=(
  openjdk-17-jdk-headless maven        # build
  iproute2 procps psmisc               # namespaces, veth, bridges; process checks
  libpcap0.8                           # pcap4j's native library (no -dev package needed)
  keepalived                           # keepalived 2.2.7: the reference and interop peer
  tcpdump tshark                       # independent judges of what is on the wire
  nginx-light curl                     # the user-visible failover
  python3-aiosmtpd                     # a real SMTP server for the smtp_alert tests (loopback only)
  systemd                              # systemd-analyze verify of the unit (packaging IT); not run as init
  nftables iptables                    # jkeepalived doctor reads the firewall; its tests set firewall traps
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ "${#missing[@]}" -gt 0 ]; then
  # policy-rc.d 101 keeps maintainer scripts from starting keepalived or nginx outside a namespace.
  created_policy=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
    chmod +x /usr/sbin/policy-rc.d
    created_policy=1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
  if [ "$created_policy" = 1 ]; then rm -f /usr/sbin/policy-rc.d; fi
fi

# Debian may still have started them on a system with an init; keep the host clean.
for svc in keepalived nginx; do
  if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet "$svc" 2>/dev/null; then
    systemctl stop "$svc" || true
  fi
done

# sed reads to the end, so no writer dies of SIGPIPE under pipefail.
java -version 2>&1 | sed -n 1p
mvn -v 2>/dev/null | sed -n 1p
keepalived -v 2>&1 | sed -n 1p
