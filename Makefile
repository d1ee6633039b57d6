# Cadre: `make demo` runs the service locally; `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
NODE_STAMP := node_modules/.installed-stamp
STATIC_STAMP := cadre/core/static/govuk/govuk-frontend.min.css
export PYTHONDONTWRITEBYTECODE := 1
# The background-job worker (docs/adr/0020) that `make demo` runs beside the web server and
# stops with it: django-tasks-db's by default, RQ's with CADRE_TASKS_BACKEND=rq.
WORKER = $(if $(filter rq,$(CADRE_TASKS_BACKEND)),$(BIN)/cadre rqworker default,$(BIN)/cadre db_worker --no-reload)

# `make demo` runs as production does, with DEBUG off, so it needs a real secret key: one is
# generated into var/secret-key on the first run and kept. `make dev` keeps DEBUG on.
SECRET_KEY_FILE := var/secret-key
DEMO_ENV := DJANGO_DEBUG=0 DJANGO_SECRET_KEY_FILE=$(SECRET_KEY_FILE)

.PHONY: setup demo dev serve test test-postgres test-browser lint bench smoke two-servers clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

$(STATIC_STAMP): $(NODE_STAMP) scripts/build_frontend.py
	$(BIN)/python scripts/build_frontend.py

setup: $(STAMP) $(NODE_STAMP) $(STATIC_STAMP)
	mkdir -p var/static

$(SECRET_KEY_FILE):
	mkdir -p var
	umask 077 && $(BIN)/python -c "import secrets; print(secrets.token_urlsafe(50))" > $@

demo: setup $(SECRET_KEY_FILE)
	$(BIN)/cadre migrate --no-input
	$(BIN)/cadre load_defaults
	$(BIN)/cadre demo load
	$(BIN)/cadre demo capability
	$(BIN)/cadre demo generate --people 2000 --seed 1 --skip-existing
	$(BIN)/cadre demo talent
	$(BIN)/cadre demo programmes
	$(BIN)/cadre demo accreditation
	$(BIN)/cadre demo learning
	$(BIN)/cadre demo community
	$(BIN)/cadre demo recruitment
	$(BIN)/cadre demo strategy
	@echo "Sign in with the demo accounts listed above under 'Demo sign-ins'."
	$(DEMO_ENV) $(BIN)/cadre collectstatic --no-input --verbosity 0
	@echo "Cadre is at http://127.0.0.1:8000/ with DEBUG off (Ctrl+C to stop)"
	export $(DEMO_ENV); $(WORKER) & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  $(BIN)/cadre runserver 127.0.0.1:8000

# Development: DEBUG on (Django's error pages, templates and static files reloaded).
dev: setup
	$(BIN)/cadre migrate --no-input
	@echo "Cadre is at http://127.0.0.1:8000/ with DEBUG on (Ctrl+C to stop)"
	$(WORKER) & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  $(BIN)/cadre runserver 127.0.0.1:8000

lint: setup
	$(BIN)/ruff check .
	$(BIN)/lint-imports --no-logo
	$(BIN)/cadre makemigrations --check --dry-run

# The suite runs on every core (pytest-xdist; a file stays on one worker): PYTEST_WORKERS=0
# runs it in one process.
PYTEST_WORKERS ?= auto
PYTEST_PARALLEL = -n $(PYTEST_WORKERS) --dist loadfile --no-loadscope-reorder

test: lint
	$(BIN)/pytest -q $(PYTEST_PARALLEL)

test-postgres: setup
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} $(BIN)/pytest -q $(PYTEST_PARALLEL)

# Every benchmark module; each figure with its same-run baseline in var/bench/results.json
# (docs/performance.md). `make bench BENCH_MODULES=people_list,concurrency` runs some;
# modules needing ../shared are skipped, saying so, when it is not there.
bench: setup
	$(BIN)/python -m benchmarks.run

# The production configuration on PostgreSQL under gunicorn (docs/deployment.md).
smoke: setup
	$(BIN)/python scripts/production_smoke.py

# Two gunicorn servers and two task workers on one PostgreSQL and Redis (docs/deployment.md).
two-servers: setup
	$(BIN)/python scripts/two_servers_check.py

clean:
	rm -rf $(VENV) node_modules cadre/core/static/govuk cadre/core/static/autocomplete var
