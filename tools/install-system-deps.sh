#!/usr/bin/env bash
# Install the Debian packages the tests need, if they are missing (with the argument `venv`, only
# the first, which `make serve` needs; with `build`, only the first four, with the fonts Noto and
# UKai, which is what `make build` needs): Python's venv module (Debian
# ships it apart), Chromium (driven by Playwright and Lighthouse; `playwright install` cannot
# download browsers here), CJK fonts (Noto; Arphic's UKai for 楷体), poppler (PDF checks), LibreOffice Writer without its GUI (the
# tests render each Word download with it; tools/fontconfig/fonts.conf maps the GB fonts onto the
# Noto CJK SC faces for it) and Node.js with npm (Lighthouse, axe-core). `make build` needs Chromium
# too: it prints the PDF downloads. zbar-tools reads the QR codes back in the tests; espeak-ng and sox render a page read aloud. nginx and
# Apache httpd: the tests serve the site with them (nginx with Debian's brotli_static module) and the configs `make build` writes
# (tests/test_servers.py, tools/real_servers.py), and `make bench` measures through nginx.
set -euo pipefail
sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
updated=""

install() {
  [ -n "$updated" ] || { $sudo apt-get update -qq; updated=1; }
  echo "installing Debian packages: $*"
  $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

need=()
python3 -c "import ensurepip, venv" 2>/dev/null || need+=(python3-venv)
if [ "${1:-}" = venv ]; then
  [ ${#need[@]} -eq 0 ] || install "${need[@]}"
  exit 0
fi
command -v chromium >/dev/null || need+=(chromium)
families=$(fc-list : family 2>/dev/null || true)   # not piped into grep -q: pipefail + SIGPIPE
grep -q "Noto Serif CJK" <<<"$families" || need+=(fonts-noto-cjk fontconfig)
grep -q "AR PL UKai CN" <<<"$families" || need+=(fonts-arphic-ukai)   # 楷体 for PDF and Word (free, GB 2312)
if [ "${1:-}" = build ]; then
  [ ${#need[@]} -eq 0 ] || install "${need[@]}"
  exit 0
fi
command -v pdffonts >/dev/null || need+=(poppler-utils)
command -v soffice >/dev/null || need+=(libreoffice-writer-nogui)
command -v zbarimg >/dev/null || need+=(zbar-tools)                  # reads the QR codes back
command -v espeak-ng >/dev/null || need+=(espeak-ng)                 # speaks a page's utterances (tests/test_access.py)
command -v soxi >/dev/null || need+=(sox)                            # measures and joins the WAVs
[ ${#need[@]} -eq 0 ] || install "${need[@]}"

# The web servers: the tests start their own on loopback ports. Installed, Debian starts each on
# port 80, where the second would fail and fail its install: a policy-rc.d keeps both stopped.
servers=()
[ -x /usr/sbin/nginx ] || servers+=(nginx-light)
[ -x /usr/sbin/apache2 ] || servers+=(apache2)
# nginx's brotli_static: sends the .br files make build writes (deploy/nginx-brotli.conf).
[ -e /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ] || servers+=(libnginx-mod-http-brotli-static)
if [ ${#servers[@]} -gt 0 ]; then
  policy=/usr/sbin/policy-rc.d
  if [ ! -e $policy ]; then
    printf '#!/bin/sh\nexit 101\n' | $sudo tee $policy >/dev/null
    $sudo chmod +x $policy
    trap '$sudo rm -f $policy' EXIT
  fi
  install "${servers[@]}"
fi

# Some Node.js builds bring npm with them (and conflict with Debian's npm): one at a time.
command -v node >/dev/null || install nodejs
command -v npm >/dev/null || install npm
exit 0
