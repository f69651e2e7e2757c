#!/usr/bin/env bash
# Refresh the vendored iframe-worker shim (MIT, by Martin Donath) from the npm registry.
# Material's offline plugin would load it from a CDN at run time; the site must load nothing
# from other hosts, so we ship it. Usage: tools/vendor-iframe-worker.sh [VERSION]
#
# The shim runs in readers' browsers, so each version's shim/index.js is pinned by SHA-256 here
# and in tests/test_hardening.py. For a new version the script stops before copying and prints
# the file's digest: read the file, then pin the digest in both places and run it again.
set -euo pipefail
declare -A SHA256=(
  [1.0.4]=e8e412dbcfea9b7e31b5ffa288d7b6035915e714c542f4176a0cdbe262fc9609
)
version=${1:-1.0.4}
dest=$(cd "$(dirname "$0")/.." && pwd)/docs/assets/vendor/iframe-worker
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "iframe-worker@$version" >/dev/null && tar xzf "iframe-worker-$version.tgz")
actual=$(sha256sum "$tmp/package/shim/index.js" | cut -d' ' -f1)
if [[ "$actual" != "${SHA256[$version]:-}" ]]; then
  echo "iframe-worker $version shim/index.js has SHA-256 $actual;" >&2
  echo "pinned: ${SHA256[$version]:-none}. Nothing copied. Read the file; if it is sound, pin the digest" >&2
  echo "here and in tests/test_hardening.py (SHIM_SHA256), then run again." >&2
  exit 1
fi
mkdir -p "$dest"
cp "$tmp/package/shim/index.js" "$dest/shim.js"
cp "$tmp/package/LICENSE" "$dest/LICENSE"
printf 'iframe-worker %s (npm), shim/index.js; refreshed by tools/vendor-iframe-worker.sh\n' "$version" > "$dest/VERSION"
echo "vendored iframe-worker $version into ${dest#$PWD/} (SHA-256 $actual)"
