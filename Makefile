# LearningPlanet: `make run` sets everything up and serves the platform (with its background
# worker); `make test` runs the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_ENV := DEBUG=true

.PHONY: run test setup demo lint format check-migrations messages clean

run: setup
	$(DEV_ENV) $(BIN)/python manage.py migrate --no-input
	$(DEV_ENV) $(BIN)/python manage.py load_demo
	@# The worker runs background tasks (results published on time); it stops with the server.
	$(DEV_ENV) $(BIN)/python manage.py db_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT; trap 'exit 130' INT TERM; \
	$(DEV_ENV) $(BIN)/python manage.py runserver 127.0.0.1:8000

test: setup
	$(BIN)/pytest $(PYTEST_ARGS)

setup: $(STAMP) node_modules/.installed

# The test suite's checkers from npm (axe-core, the Nu HTML checker); the site serves no npm code.
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm not found: the accessibility and HTML checks will be skipped (CI needs them)"; fi

$(STAMP): requirements.txt requirements-dev.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else "LearningPlanet needs Python 3.12 or newer; set PYTHON=python3.12 (or newer).")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

demo: setup
	$(DEV_ENV) $(BIN)/python manage.py migrate --no-input
	$(DEV_ENV) $(BIN)/python manage.py load_demo

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check-migrations: setup
	$(DEV_ENV) $(BIN)/python manage.py makemigrations --check --dry-run

messages: setup
	$(DEV_ENV) $(BIN)/python manage.py makemessages --all --ignore=.venv --ignore=node_modules --no-obsolete --add-location=file
	$(DEV_ENV) $(BIN)/python manage.py compilemessages --ignore=.venv --ignore=node_modules

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-* media staticfiles
