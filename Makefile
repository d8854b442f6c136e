# The two quick-start commands: `make demo` and `make test`. Everything else is a helper for them.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: demo test test-postgres test-browser lint clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/zhengtong demo

# The whole suite on the embedded default (SQLite), then the lint; browser tests run in .ci/run (they need Chromium).
test: $(STAMP)
	$(BIN)/pytest -n 2 -q
	$(MAKE) --no-print-directory lint

# pyflakes, import order, line length and the formatter (ruff); the layer contracts (import-linter).
lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/lint-imports --no-cache

# The same suite on PostgreSQL: ZT_DATABASE_URL must name a database on a server where we may create one.
test-postgres: $(STAMP)
	ZT_DATABASE_URL=$${ZT_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/zhengtong} $(BIN)/pytest -n 2 -q

test-browser: $(STAMP)
	$(BIN)/pytest -q -m browser -p no:xdist

clean:
	rm -rf $(VENV) var .pytest_cache
