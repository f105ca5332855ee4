#!/usr/bin/env bash
# Sets up a real VS Code host for the end-to-end tests: code-server (the VS Code workbench and
# extension host, served to a browser) on Node 24, driven by Debian's Chromium.
# @vscode/test-electron downloads VS Code at run time, which these machines cannot do; every part
# here comes from the npm registry or Debian. Idempotent: a warm cache returns in well under a second.
# Prints the host folder (the one `host.ts` expects) as the last line of stdout.
set -euo pipefail

CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.139.1}"
NODE_MAJOR=24
CACHE="${ASSET_LENS_CACHE:-$HOME/.cache/asset-lens}/vscode-host"
HOST_DIR="$CACHE/code-server-$CODE_SERVER_VERSION"
READY="$HOST_DIR/.ready"
APT_PACKAGES=(build-essential python3 pkg-config libkrb5-dev git chromium ca-certificates)

log() { printf '[vscode-host] %s\n' "$*" >&2; }

ensure_apt_packages() {
  local missing=()
  for pkg in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return
  log "installing Debian packages: ${missing[*]}"
  local sudo=''
  [ "$(id -u)" -ne 0 ] && sudo='sudo'
  $sudo apt-get -o DPkg::Lock::Timeout=300 update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "${missing[@]}" >&2
}

node_arch() {
  case "$(uname -m)" in
    x86_64) echo x64 ;;
    aarch64 | arm64) echo arm64 ;;
    *) log "unsupported machine: $(uname -m)"; exit 1 ;;
  esac
}

is_ready() { [ -f "$READY" ] && [ -x "$CACHE/node/bin/node" ] && [ -f "$HOST_DIR/node_modules/code-server/out/node/entry.js" ]; }

ensure_apt_packages
if is_ready; then
  echo "$HOST_DIR"
  exit 0
fi

started=$(date +%s)
mkdir -p "$CACHE"
# Two runs setting up at once (parallel test jobs) would trip over each other's npm installs.
exec 9>"$CACHE/.setup.lock"
flock 9
if is_ready; then
  echo "$HOST_DIR"
  exit 0
fi

# Node 24 with its headers (code-server 4.139 needs Node 24; native modules compile against its headers).
NODE_PKG="node-linux-$(node_arch)"
if [ ! -x "$CACHE/node/bin/node" ]; then
  log "installing $NODE_PKG@$NODE_MAJOR"
  rm -rf "$CACHE/node-install"
  mkdir -p "$CACHE/node-install"
  (cd "$CACHE/node-install" && npm install --no-save --no-package-lock --ignore-scripts --no-audit --no-fund "$NODE_PKG@$NODE_MAJOR" >&2)
  rm -rf "$CACHE/node"
  mv "$CACHE/node-install/node_modules/$NODE_PKG" "$CACHE/node"
  rm -rf "$CACHE/node-install"
fi
export PATH="$CACHE/node/bin:$PATH"
export npm_config_nodedir="$CACHE/node"
log "node $(node --version), headers in $npm_config_nodedir/include/node"

rm -f "$READY"
mkdir -p "$HOST_DIR"
cd "$HOST_DIR"
[ -f package.json ] || echo '{"name":"asset-lens-vscode-host","private":true}' > package.json
if [ ! -f node_modules/code-server/out/node/entry.js ]; then
  log "installing code-server@$CODE_SERVER_VERSION"
  npm install --ignore-scripts --no-audit --no-fund "code-server@$CODE_SERVER_VERSION" >&2
fi

cd node_modules/code-server/lib/vscode
log "installing the VS Code server's dependencies"
npm install --omit=dev --ignore-scripts --no-audit --no-fund >&2
log "building its native modules for Node $NODE_MAJOR"
npm rebuild node-pty @vscode/spdlog @parcel/watcher kerberos @vscode/native-watchdog @vscode/deviceid >&2
cd extensions
log "installing the built-in extensions' dependencies"
npm install --omit=dev --ignore-scripts --no-audit --no-fund >&2
node postinstall.mjs >&2

date -u +%FT%TZ > "$READY"
log "ready in $(( $(date +%s) - started )) s"
echo "$HOST_DIR"
