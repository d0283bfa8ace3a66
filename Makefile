# The two commands the README names: `make run` and `make test`. Everything else is a helper for them.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint format typecheck check install lock demo clean load bench

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is needed (set PYTHON=/path/to/python3.11)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Every package, direct or not, at the version and hashes in requirements.lock; reinstalled only when it changes.
$(VENV)/.installed: requirements.lock | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	touch $@

# After changing requirements.txt or requirements-dev.txt: pin everything they pull in, with hashes.
lock: install
	$(BIN)/pip-compile --quiet --strip-extras --generate-hashes --allow-unsafe --no-emit-index-url \
		--no-emit-find-links -o requirements.lock requirements-dev.txt

install: $(VENV)/.installed

# The server, and beside it the worker of background tasks (articles/tasks.py: photo renditions), which stops with
# the server: Ctrl+C reaches both (the worker first finishes the task it is running); any other end of the server
# stops it too. The worker does not reload on code changes: restart `make run` after changing a task.
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo --stories 40 --if-empty
	$(BIN)/python manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT; trap 'wait $$worker; exit 130' INT; trap 'exit 143' TERM; \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# mypy with django-stubs on the pure modules and the services (which files: [tool.mypy] in pyproject.toml).
typecheck: install
	$(BIN)/mypy

check: install lint typecheck
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

# Readers (wrk) and 20 editors on gunicorn at once, on SQLite in a temp folder (README.md, "Load on a real server");
# e.g. LOAD_ARGS="--database-url postgres://postgres@127.0.0.1:5432/postgres --duration 30".
load: install
	$(BIN)/python benchmarks/load.py $(LOAD_ARGS)

# Every kind of public page under gunicorn and wrk: uncached, with the page cache, and behind nginx's front cache
# (benchmarks/bench.py; README.md, "Benchmark"). SIZE=1000 or SIZE=100000 shows how cost grows; DATABASE_URL naming
# a PostgreSQL server measures on a database of its own made there (and dropped). wrk and nginx come from Debian.
SIZE ?= 10000
bench: install
	@for program in wrk nginx openssl; do \
		PATH="$$PATH:/usr/sbin" command -v $$program >/dev/null 2>&1 && continue; \
		if [ "$$(id -u)" = 0 ]; then apt-get install -y -qq wrk nginx openssl >/dev/null; break; \
		else echo "make bench needs Debian's $$program: sudo apt-get install wrk nginx openssl"; exit 1; fi; \
	done
	$(BIN)/python benchmarks/bench.py --size $(SIZE) $(if $(DATABASE_URL),--database-url "$(DATABASE_URL)") $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache staticfiles
