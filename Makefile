# Two commands for a new user: `make site` (set up, ingest the inbox, build site/) and `make test`.
# Both create .venv on first use (or reuse it) and install the pinned versions of requirements.lock.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PIP    := $(BIN)/python -m pip --disable-pip-version-check -q
SHARED := ../shared
# Debian's apt-get must never stop to ask anything (CI runs with no standard input).
APT    := DEBIAN_FRONTEND=noninteractive apt-get -q -y -o Dpkg::Use-Pty=0 \
          -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold
BROWSER_PACKAGES := chromium fonts-noto-cjk

.PHONY: help site test venv browser lock clean golden eval bench demo

site: $(STAMP)                 ## set up .venv, ingest content/inbox/, build site/
	$(BIN)/briefing build

test: $(STAMP) browser         ## run the whole test suite (browser tests skip without /usr/bin/chromium)
	$(BIN)/python -m pytest -q

help:                          ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/'

venv: $(STAMP)                 ## create or update .venv only

$(STAMP): requirements.lock pyproject.toml | $(BIN)/python
	$(PIP) install -r requirements.lock
	$(PIP) install --no-deps -e .
	touch $(STAMP)

# Debian splits `venv` out of Python: when it is missing, root installs python3-venv and retries.
$(BIN)/python:
	@$(PYTHON) -m venv $(VENV) 2>/dev/null || { \
	  rm -rf $(VENV); \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing Debian's python3-venv"; \
	    $(APT) update >/dev/null && $(APT) install python3-venv >/dev/null </dev/null; \
	    $(PYTHON) -m venv $(VENV); \
	  else echo "$(PYTHON) cannot create a virtual environment: install python3-venv"; exit 1; fi; }

browser:                       ## Chromium and CJK fonts for the browser tests (Debian packages, as root)
	@missing=""; for p in $(BROWSER_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; done; \
	if [ -z "$$missing" ] && [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "installing Debian's$$missing for the browser tests"; \
	  { $(APT) update >/dev/null && $(APT) install $(BROWSER_PACKAGES) >/dev/null </dev/null; } \
	  || echo "could not install$$missing: the browser tests will be skipped"; \
	else echo "not installed:$$missing (Debian packages; needs root and apt-get):" \
	  "browser tests skip without /usr/bin/chromium"; fi

demo: $(STAMP)                 ## re-extract the records of content/inbox/ after changing extraction code (commit them with it)
	$(BIN)/briefing ingest --refresh

golden: $(STAMP)               ## regenerate the golden test output (review the diff before committing)
	@test -f tests/golden/regenerate.py || { echo "tests/golden/regenerate.py does not exist"; exit 1; }
	$(BIN)/python tests/golden/regenerate.py

eval: $(STAMP)                 ## score extraction: ../shared gold files when present, then tests/gold/
	@if [ -f $(SHARED)/eval/score.py ] && [ -d $(SHARED)/samples/gold ]; then \
	  echo "$(BIN)/python $(SHARED)/eval/score.py --cmd '$(BIN)/briefing extract --json' $(SHARED)/samples/gold/"; \
	  $(BIN)/python $(SHARED)/eval/score.py --cmd "$(BIN)/briefing extract --json" $(SHARED)/samples/gold/; \
	else echo "$(SHARED)/eval is absent: scoring tests/gold/ only"; fi
	$(BIN)/briefing eval tests/gold/

bench: $(STAMP)                ## run the benchmarks in bench/ (e.g. BENCH_ARGS="--sizes 100,1000")
	@set -e; for script in bench/bench_*.py; do [ -f "$$script" ] || continue; \
	  echo "== $$script"; $(BIN)/python "$$script"; done
	@if [ -f bench/run_bench.py ]; then echo "== bench/run_bench.py $(BENCH_ARGS)"; \
	  $(BIN)/python -m bench.run_bench $(BENCH_ARGS); fi

lock:                          ## re-pin requirements.lock from the current .venv
	$(BIN)/python -m pip freeze --exclude-editable | grep -v '^-e ' > requirements.lock

clean:                         ## remove the built site and generated pages
	rm -rf site build/docs/*
