#!/usr/bin/env bash
# Prints the bin directory of Node.js <major> taken from the npm registry's node-linux-<arch> package (the
# registry is the one place this project's machines can download from), cached in .cache/node-<major>.
# Usage: PATH="$(bash scripts/node-from-registry.sh 24):$PATH" pnpm test
set -euo pipefail
major="${1:?usage: node-from-registry.sh <major>}"
case "$(uname -m)" in
  x86_64) arch=x64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) echo "No node-linux package for $(uname -m)" >&2; exit 1 ;;
esac
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="$root/.cache/node-$major"
if [ ! -x "$dir/bin/node" ]; then
  tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack "node-linux-$arch@$major" --silent >/dev/null)
  tar -xzf "$tmp"/node-linux-*.tgz -C "$tmp"
  rm -rf "$dir" && mkdir -p "$(dirname "$dir")" && mv "$tmp/package" "$dir"
  rm -rf "$tmp"
fi
"$dir/bin/node" --version >&2
echo "$dir/bin"
