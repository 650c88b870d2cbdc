#!/usr/bin/env bash
# Installs code-server 4.100.3 (tools/code-server, its own lock, not a workspace) offline-friendly,
# for the GenEFT VS Code extension's end-to-end tests (packages/vscode-extension `test:e2e`).
#   tools/ci/code-server.sh           # apt packages + npm ci from the lock
#   tools/ci/code-server.sh --lock    # (maintainers) npm install to (re)create the lock
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DIR="$ROOT/tools/code-server"
MODE="${1:-ci}"

if [ -x "$DIR/node_modules/.bin/code-server" ] && [ "$MODE" != "--lock" ] && [ -z "${FORCE:-}" ]; then
  echo "code-server already installed: $("$DIR/node_modules/.bin/code-server" --version | head -1)"
  exit 0
fi

SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
# ripgrep: its binary stands in for @vscode/ripgrep's GitHub download; the -dev libraries let
# kerberos, native-keymap and friends build from source. chromium drives the workbench.
PKGS="ripgrep libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev chromium"
missing=""
for p in $PKGS; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
if [ -n "$missing" ]; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing
fi

T="$(mktemp -d)"
trap 'rm -rf "$T"' EXIT
# @vscode/ripgrep looks in $TMPDIR/vscode-ripgrep-cache-<ver>/ before downloading.
mkdir -p "$T/vscode-ripgrep-cache-1.15.11" "$T/rg"
cp "$(command -v rg)" "$T/rg/rg"
tar czf "$T/vscode-ripgrep-cache-1.15.11/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$T/rg" rg

cd "$DIR"
# unsafe_perm: postinstall refuses to run as root without it; yes: node-pty's postinstall runs npx node-gyp.
export TMPDIR="$T" npm_config_yes=true npm_config_unsafe_perm=true
if [ "$MODE" = "--lock" ] || [ ! -f package-lock.json ]; then
  npm install --foreground-scripts --no-fund --no-audit
else
  npm ci --foreground-scripts --no-fund --no-audit
fi
"$DIR/node_modules/.bin/code-server" --version | head -1
