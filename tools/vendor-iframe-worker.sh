#!/usr/bin/env bash
# Refresh the vendored iframe-worker shim (MIT, by Martin Donath) from the npm registry.
# Material's offline plugin would load it from a CDN at run time; the site must load nothing
# from other hosts, so we ship it. Usage: tools/vendor-iframe-worker.sh [VERSION]
set -euo pipefail
version=${1:-1.0.4}
dest=$(cd "$(dirname "$0")/.." && pwd)/docs/assets/vendor/iframe-worker
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "iframe-worker@$version" >/dev/null && tar xzf "iframe-worker-$version.tgz")
mkdir -p "$dest"
cp "$tmp/package/shim/index.js" "$dest/shim.js"
cp "$tmp/package/LICENSE" "$dest/LICENSE"
printf 'iframe-worker %s (npm), shim/index.js; refreshed by tools/vendor-iframe-worker.sh\n' "$version" > "$dest/VERSION"
echo "vendored iframe-worker $version into ${dest#$PWD/}"
