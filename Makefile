# Two commands do all set-up on a fresh machine:  make serve  ·  make test
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1   # Material's end-of-life banner: see README, "Material 9.8"

.PHONY: serve build test pdf bench clean

serve: $(VENV)/.site-deps      ## the site at http://127.0.0.1:8000, rebuilt on every save
	$(BIN)/mkdocs serve --strict -a 127.0.0.1:8000

build: $(VENV)/.site-deps      ## the static site in site/
	$(BIN)/mkdocs build --strict

test: $(VENV)/.test-deps       ## every test: strict build, fidelity, browser, search, print
	tools/install-system-deps.sh
	$(BIN)/python -m pytest

pdf: $(VENV)/.test-deps        ## the whole speech and each section as PDF, in pdf/
	tools/install-system-deps.sh
	$(BIN)/python tools/make_pdf.py

bench: $(VENV)/.test-deps      ## figures: search latency, index and page sizes, build time
	tools/install-system-deps.sh
	$(BIN)/python tools/benchmark.py

clean:
	rm -rf site pdf $(VENV)

$(VENV)/.site-deps: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q -r requirements.txt
	touch $@

$(VENV)/.test-deps: requirements.txt requirements-test.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q -r requirements-test.txt
	touch $@ $(VENV)/.site-deps
