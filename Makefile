# BackCare: `make run` sets up and serves the site; `make test` runs the whole suite.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
HOST ?= 127.0.0.1

.DEFAULT_GOAL := help
.PHONY: help run test lint format css serve migrate seed-demo bench backup restore clean worker

help:
	@echo "make run        set up everything and serve the site on http://$(HOST):$(PORT)"
	@echo "make test       set up and run the whole test suite (with ruff, djLint, mypy)"
	@echo "make worker     run background tasks (check-in sends) as they are queued"
	@echo "make serve      gunicorn with production settings (needs DJANGO_SECRET_KEY)"
	@echo "make css        rebuild the trimmed Bootstrap CSS after using a new Bootstrap class"
	@echo "make seed-demo  create the demo account with a year of history"
	@echo "make bench      measure page speed against a floor view"
	@echo "make backup     copy the database to backups/ (SQLite or PostgreSQL)"

# The virtual environment is rebuilt only when a requirements file changes.
$(BIN)/.installed-runtime: requirements.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

$(BIN)/.installed-dev: requirements.txt requirements-dev.txt $(BIN)/.installed-runtime
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

migrate: $(BIN)/.installed-runtime
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_guidance
	$(BIN)/python manage.py rebuild_journal_summaries --verbosity 0

run: migrate
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(BIN)/python manage.py runserver $(HOST):$(PORT)

# ruff (Python), djLint (templates) and mypy (the typed modules pyproject.toml lists).
lint: $(BIN)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djlint --lint templates
	$(BIN)/mypy

format: $(BIN)/.installed-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# The W3C Nu HTML checker (vnu-jar, pinned in package.json) for tests/test_html_valid.py,
# and PurgeCSS for `make css`, installed into node_modules/ when package.json changes;
# without npm the HTML test is skipped.
VNU_JAR := node_modules/vnu-jar/build/dist/vnu.jar
$(VNU_JAR): package.json
	@if command -v npm >/dev/null 2>&1; then \
		npm install --ignore-scripts --no-package-lock --no-audit --no-fund --loglevel=error \
			&& touch $@ || echo "npm install failed: the HTML check will be skipped"; \
	else echo "npm not found: the HTML check will be skipped"; fi

# pytest-xdist: one worker a core; the browser tests keep to one worker (one Chromium).
# TEST_WORKERS=0 runs everything in this process.
TEST_WORKERS ?= auto
test: lint $(VNU_JAR)
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

# Runs queued tasks (check-in sends) from the database; `manage.py send_checkins` queues.
worker: migrate
	$(BIN)/python manage.py db_worker

# Bootstrap trimmed to the classes the site uses (purgecss.config.cjs), into
# static/css/bootstrap-site.min.css. Run it after using a Bootstrap class the site did not
# use before; tests/test_css_classes.py fails until then.
css: $(VNU_JAR) $(BIN)/.installed-runtime
	CRISPY_TEMPLATES=$$($(BIN)/python -c "import crispy_bootstrap5, os; print(os.path.dirname(crispy_bootstrap5.__file__))") \
		node_modules/.bin/purgecss --config purgecss.config.cjs

serve: $(BIN)/.installed-runtime
	DJANGO_DEBUG=0 $(BIN)/python manage.py check --deploy
	DJANGO_DEBUG=0 $(BIN)/python manage.py collectstatic --noinput
	DJANGO_DEBUG=0 $(BIN)/python manage.py migrate --noinput
	DJANGO_DEBUG=0 $(BIN)/python manage.py load_guidance
	DJANGO_DEBUG=0 $(BIN)/python manage.py rebuild_journal_summaries --verbosity 0
	DJANGO_DEBUG=0 $(BIN)/gunicorn backcare.wsgi --bind $(HOST):$(PORT) --workers $${WEB_CONCURRENCY:-3} --access-logfile -

seed-demo: migrate
	$(BIN)/python manage.py seed_demo

bench: $(BIN)/.installed-dev
	$(BIN)/python bench/pages.py

backup: $(BIN)/.installed-runtime
	$(BIN)/python manage.py backup

# make restore FILE=backups/backcare-20260101-120000.sqlite3  (stop the site first)
restore: $(BIN)/.installed-runtime
	@test -n "$(FILE)" || (echo "Usage: make restore FILE=backups/<file>"; exit 2)
	$(BIN)/python manage.py restore "$(FILE)"

clean:
	rm -rf $(VENV) node_modules staticfiles .pytest_cache .mypy_cache
