#!/usr/bin/env bash
# Node 24 from the npm registry into a cache folder (the machines come with Node 20, which is end of life).
set -euo pipefail
CACHE="${ASSET_LENS_CACHE:-$HOME/.cache/asset-lens}"
NODE_DIR="$CACHE/node24"
if ! "$NODE_DIR/node_modules/node/bin/node" --version 2>/dev/null | grep -q '^v24\.'; then
  mkdir -p "$NODE_DIR"
  npm install --prefix "$NODE_DIR" --no-save --no-audit --no-fund node@24 >/dev/null
fi
echo "$NODE_DIR/node_modules/node/bin"
