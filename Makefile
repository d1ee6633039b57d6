# Cadre: `make demo` runs the service locally; `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
NODE_STAMP := node_modules/.installed-stamp
STATIC_STAMP := cadre/core/static/govuk/govuk-frontend.min.css
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: setup demo serve test test-postgres test-browser lint bench clean

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

demo: setup
	$(BIN)/cadre migrate --no-input
	$(BIN)/cadre load_defaults
	$(BIN)/cadre demo load
	$(BIN)/cadre demo capability
	$(BIN)/cadre demo generate --people 2000 --seed 1 --skip-existing
	$(BIN)/cadre demo talent
	@echo "Sign in with the demo accounts listed above under 'Demo sign-ins'."
	@echo "Cadre is at http://127.0.0.1:8000/ (Ctrl+C to stop)"
	$(BIN)/cadre runserver 127.0.0.1:8000

lint: setup
	$(BIN)/ruff check .
	$(BIN)/cadre makemigrations --check --dry-run

test: lint
	$(BIN)/pytest -q

test-postgres: setup
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} $(BIN)/pytest -q

bench: setup
	$(BIN)/python -m benchmarks.run

clean:
	rm -rf $(VENV) node_modules cadre/core/static/govuk var
