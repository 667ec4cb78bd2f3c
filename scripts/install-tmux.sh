#!/usr/bin/env bash
# Installs Debian's tmux for the terminal tests of the CLI (test/e2e/cli-terminal.test.ts), which
# run `videogen` in a real pseudo-terminal at 80, 120 and 220 columns and read the screen back.
# Idempotent: does nothing when tmux is on PATH.
set -euo pipefail

if command -v tmux >/dev/null 2>&1; then
  echo "tmux: already installed ($(tmux -V))"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "tmux: missing and this script is not running as root." >&2
  echo "Install Debian's package yourself:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends tmux" >&2
  echo "or run this script as root: sudo bash scripts/install-tmux.sh" >&2
  exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "tmux: missing and apt-get is not available (not Debian/Ubuntu); install tmux (3.2 or later) by other means." >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends tmux

if ! command -v tmux >/dev/null 2>&1; then
  echo "tmux: apt-get finished but tmux is still missing." >&2
  exit 1
fi
echo "tmux: installed ($(tmux -V))"
