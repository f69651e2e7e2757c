# Two commands do all set-up on a fresh machine:  make serve  ·  make test
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
QUALITY := tools/quality
# Silences Material's end-of-life banner: see README, "Material 9.8 的停更提示".
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build check test bench clean system-deps build-system-deps

serve: $(VENV)/.site-deps      ## the site at http://127.0.0.1:8000, rebuilt on every save
	$(BIN)/mkdocs serve --strict -a 127.0.0.1:8000

# The site and its downloads (site/downloads/: each section and 全文 as PDF, Word, text; the PDFs
# printed by Chromium), with deploy/nginx.conf and deploy/apache.conf beside it. What it needs:
# requirements.txt, Chromium and the CJK fonts. SITE_URL, SITE_PATH and DEPLOY_ROOT from the
# environment are the speech plugin's settings (mkdocs.yml).
build: build-system-deps $(VENV)/.site-deps  ## the publishable site in site/, downloads included; server configs in deploy/
	$(BIN)/mkdocs build --strict

check: $(VENV)/.test-deps      ## the fast layers: unit and site tests (no browser; search quality under node, which make system-deps installs)
	$(BIN)/python -m pytest -q -m "unit or site"

test: system-deps             ## every test: unit, site, browser, gates; tests/js/ under node --test
	$(MAKE) -j2 --no-print-directory $(VENV)/.test-deps $(QUALITY)/node_modules/.installed  # side by side
	node --test
	$(BIN)/python -m pytest $(PARALLEL)

# Two workers keep both cores busy (one alone leaves a fifth of them idle, waiting on Chromium);
# each takes whole modules, in the order conftest.py gives them. `make test PARALLEL=` runs in one.
PARALLEL ?= -n 2 --dist loadfile --no-loadscope-reorder

bench: system-deps $(VENV)/.test-deps  ## figures: search latency, index and page sizes, build time
	PYTHONPATH=tests $(BIN)/python tools/benchmark.py   # the query set, search UI and oracle the tests use

system-deps:                   ## Debian packages for tests, PDF and benchmark (apt-get, only what is missing)
	tools/install-system-deps.sh

build-system-deps:             ## Debian packages for make build alone: Chromium and fonts for the PDFs
	tools/install-system-deps.sh build

clean:
	rm -rf site deploy build $(VENV) $(QUALITY)/node_modules

$(BIN)/python:
	$(PYTHON) -m venv $(VENV) 2>/dev/null || { tools/install-system-deps.sh venv && $(PYTHON) -m venv $(VENV); }

# uv installs the pinned requirements in seconds, where pip takes half a minute; uv is pinned too.
UV := $(BIN)/uv
$(UV): | $(BIN)/python
	$(BIN)/python -m pip install -q --disable-pip-version-check uv==0.13.9

$(VENV)/.site-deps: requirements.txt | $(UV)
	$(UV) pip install -q --python $(BIN)/python -r requirements.txt
	touch $@

# Lighthouse and axe-core, pinned in tools/quality/package-lock.json (versions and hashes). None of
# their packages has an install script, so none is run; what npm's cache holds is not asked for again.
$(QUALITY)/node_modules/.installed: $(QUALITY)/package.json $(QUALITY)/package-lock.json
	cd $(QUALITY) && npm ci --no-audit --no-fund --loglevel=error --ignore-scripts --prefer-offline
	touch $@

$(VENV)/.test-deps: requirements.txt requirements-test.txt | $(UV)
	$(UV) pip install -q --python $(BIN)/python -r requirements-test.txt
	touch $@ $(VENV)/.site-deps
