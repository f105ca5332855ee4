#!/usr/bin/env bash
# Installs what tests and benchmarks need on a fresh machine: Debian packages and Node 24 in a cache.
set -euo pipefail
CACHE="${ASSET_LENS_CACHE:-$HOME/.cache/asset-lens}"
PACKAGES=(git openclipart-svg openclipart-png chromium)
missing=()
for package in "${PACKAGES[@]}"; do dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package"); done
if [ "${#missing[@]}" -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
bash "$(dirname "$0")/install-node.sh"
