# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
DB     := data/staffordshire.duckdb
# the figures of the database a build replaces: the build then says where each new one appears
BEFORE := build/figures-before.csv
PORT   ?= 8501
AXE    := node_modules/axe-core/axe.min.js
# the partial plotly.js bundle the static edition serves (pinned in package.json)
PLOTLY_JS := node_modules/plotly.js-cartesian-dist-min/plotly-cartesian.min.js
# Everything the database is built from: rebuild when any of it is newer.
DATA_INPUTS := $(shell find data/sources data/measures data/grades data/milestones \
                 data/recommendations data/documents data/home-office-outcomes -type f \
                 2>/dev/null) \
               data/metrics.csv data/families.csv pfcc/hashing.py \
               $(wildcard pfcc/ingest/*.py pfcc/ingest/homeoffice/*.py)

.PHONY: run test unit lint data refresh-outcomes pack site browser clean

run: $(DB)  ## serve the dashboard on http://localhost:$(PORT)
	$(PY) -m pfcc.render.live.serve --server.port $(PORT)

test: $(STAMP) browser $(AXE) $(PLOTLY_JS)  ## install what the tests need, lint, and run the whole suite
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m pytest

unit: $(STAMP)  ## the fast layer: pure functions, no database, no browser (seconds)
	$(PY) -m pytest tests/unit

lint: $(STAMP)  ## ruff (configured in pyproject.toml): lint rules and formatting; changes nothing
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

data: $(STAMP)  ## rebuild data/staffordshire.duckdb, then say where each new or changed figure appears
	$(PY) -m pfcc.render.where --keep $(BEFORE)
	$(PY) -m pfcc.ingest.build
	$(PY) -m pfcc.render.where --since $(BEFORE)

refresh-outcomes: $(STAMP)  ## add an edition of the Home Office series: FROM=folder [DATE=YYYY-MM-DD] [ORIGIN=text] [CHECK=1]
	@test -n "$(FROM)" || { echo "usage: make refresh-outcomes FROM=<folder with the new files> [DATE=YYYY-MM-DD]"; exit 2; }
	$(PY) -m pfcc.ingest.homeoffice.refresh "$(FROM)" $(if $(DATE),--date $(DATE)) $(if $(ORIGIN),--origin "$(ORIGIN)") $(if $(CHECK),--check)

pack: $(DB) browser  ## the meeting pack (HTML, PDF) in build/pack/; DATE=YYYY-MM-DD SINCE=YYYY-MM-DD
	$(PY) -m pfcc.render.pack $(if $(DATE),--date $(DATE)) $(if $(SINCE),--since $(SINCE))

site: $(DB) browser $(PLOTLY_JS)  ## the static public edition in build/site/ (LIVE=the live app's address, ADDRESS=the site's public address)
	$(PY) -m pfcc.render.site $(if $(LIVE),--live $(LIVE)) $(if $(ADDRESS),--address $(ADDRESS))

$(DB): $(STAMP) $(DATA_INPUTS)
	$(PY) -m pfcc.render.where --keep $(BEFORE)
	$(PY) -m pfcc.ingest.build
	$(PY) -m pfcc.render.where --since $(BEFORE)

# The pinned requirements, then the project itself (pfcc) in editable mode: importable anywhere.
$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements.txt
	$(VENV)/bin/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

# axe-core, for the accessibility tests, the static edition's plotly.js, and Lighthouse, for the
# benchmark only (never run by a test), from the committed lock file: one `npm ci` installs all.
$(AXE) $(PLOTLY_JS): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Debian's chromium (browser tests, PDF) and nginx (the proxy test), as root or through sudo.
browser:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	{ command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; } || missing="$$missing nginx"; \
	if [ -n "$$missing" ]; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -q && $$SUDO apt-get install -y -q $$missing; \
	fi

clean:
	rm -rf $(VENV) $(DB) build *.egg-info
