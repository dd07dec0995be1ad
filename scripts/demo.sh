#!/usr/bin/env bash
# The demo: installs what it needs, builds jkeepalived, and runs it on the example nginx pair.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
mvn -B -ntp -q -DskipTests package

for node in lb1 lb2; do
  conf=examples/nginx-pair/$node.conf
  echo "=== jkeepalived -t -f $conf (configuration check, keepalived's verdict and exit code)"
  set +e
  bin/jkeepalived -t -f "$conf"
  rc=$?
  set -e
  echo "exit code: $rc"
  echo "=== jkeepalived --dump-conf -f $conf (the effective configuration, defaults filled in)"
  bin/jkeepalived --dump-conf -f "$conf" || true
done
