#!/usr/bin/env bash
# Installs redis-server for the distributed-sweep tests (packages/cli/test/queue.test.ts).
# The tests start and stop their own server on a free port, so nothing is started here.
set -euo pipefail
if command -v redis-server >/dev/null 2>&1; then
  redis-server --version
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server
# The package may start a system service; the tests do not use it.
($SUDO systemctl stop redis-server 2>/dev/null || $SUDO service redis-server stop 2>/dev/null || true) >/dev/null 2>&1
redis-server --version
