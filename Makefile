# Two commands for a new user: `make site` (set up, ingest the inbox, build site/) and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: site test venv browser lock clean golden eval bench

site: $(STAMP)                 ## set up .venv, ingest content/inbox/, build site/
	$(BIN)/briefing build

test: $(STAMP) browser         ## run the whole test suite
	$(BIN)/python -m pytest -q

venv: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

browser:                       ## Chromium and CJK fonts for the browser tests (Debian packages, as root)
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null) \
	  || echo "could not install chromium: browser tests will be skipped"; \
	else echo "no /usr/bin/chromium: install the Debian packages chromium and fonts-noto-cjk to run the browser tests"; fi

lock:                          ## re-pin requirements.lock from the current .venv
	$(BIN)/python -m pip freeze --exclude-editable | grep -v '^-e ' > requirements.lock

clean:
	rm -rf site build/docs/*
