#!/usr/bin/env bash
# The whole test suite: installs what it needs, then builds and runs every test with Maven.
# Tests that touch the kernel create their own network namespaces, so this needs root.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
mvn -B -ntp verify "$@"
