#!/usr/bin/env bash
# Install the Debian packages the tests need, if they are missing: Chromium (driven by
# Playwright and Lighthouse; `playwright install` cannot download browsers here), CJK fonts,
# poppler (PDF checks) and Node.js with npm (Lighthouse, axe-core).
set -euo pipefail
need=()
command -v chromium >/dev/null || need+=(chromium)
fc-list 2>/dev/null | grep -q "Noto Serif CJK" || need+=(fonts-noto-cjk)
command -v pdffonts >/dev/null || need+=(poppler-utils)
command -v node >/dev/null || need+=(nodejs)
command -v npm >/dev/null || need+=(npm)
[ ${#need[@]} -eq 0 ] && exit 0
echo "installing Debian packages: ${need[*]}"
sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${need[@]}" fontconfig >/dev/null
