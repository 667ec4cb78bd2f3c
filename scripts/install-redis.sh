#!/usr/bin/env bash
# Installs Debian's redis-server for the @videogen/bullmq tests (BullMQ runs Lua
# scripts, so they need a real Redis; the tests start their own redis-server on
# a free loopback port without persistence and stop it by pid).
# Idempotent: does nothing when redis-server is on the PATH.
set -euo pipefail

if command -v redis-server >/dev/null 2>&1; then
  echo "redis-server: already installed ($(redis-server --version 2>/dev/null | head -n 1))"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "redis-server: missing and this script is not running as root." >&2
  echo "Install Debian's package yourself:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends redis-server" >&2
  echo "or run this script as root: sudo bash scripts/install-redis.sh" >&2
  exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "redis-server: missing and apt-get is not available (not Debian/Ubuntu)." >&2
  echo "Install Redis 6.2 or later by other means (redis-server on the PATH) to run the @videogen/bullmq tests." >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends redis-server

if ! command -v redis-server >/dev/null 2>&1; then
  echo "redis-server: apt-get finished but redis-server is still missing." >&2
  exit 1
fi
# The package may start a system service; the tests start their own server and need none.
echo "redis-server: installed ($(redis-server --version 2>/dev/null | head -n 1))"
