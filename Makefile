# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export PATH := $(CURDIR)/$(BIN):$(PATH)

.PHONY: demo test test-all test-sqlite test-postgres lint format system-packages install bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Debian packages the tests need: Chromium for the browser tests, gettext to check the translations;
# FFmpeg's libraries and a C++ toolchain to build vpdq (video hashes of the Peace Media Center).
DEBIAN_PACKAGES := chromium gettext g++ cmake pkg-config ffmpeg libavcodec-dev libavdevice-dev libavfilter-dev \
	libavformat-dev libavutil-dev libswresample-dev libswscale-dev
# DejaVu: the programme's PDF report embeds it for Vietnamese diacritics.
DEBIAN_PACKAGES += fonts-dejavu-core
# PostgreSQL: `make test` runs the suite on it too (scripts/postgres-for-tests starts a throwaway server).
DEBIAN_PACKAGES += postgresql
# nginx: a test runs deploy/nginx-hotline.conf in front of a live node.
DEBIAN_PACKAGES += nginx-light
SYSTEM_STAMP := $(VENV)/.system-packages

$(SYSTEM_STAMP): | $(BIN)/python
	@missing=""; for p in $(DEBIAN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:$$missing"; \
		SUDO=$$( [ "$$(id -u)" -eq 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi
	touch $(SYSTEM_STAMP)

system-packages: $(SYSTEM_STAMP)

$(STAMP): pyproject.toml | $(BIN)/python $(SYSTEM_STAMP)
	$(BIN)/python -m pip install --quiet -e ".[test,video]"
	$(BIN)/python -m hotline.node.translations
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/hotline demo

lint: install
	$(BIN)/ruff check
	$(BIN)/ruff format --check

format: install
	$(BIN)/ruff format
	$(BIN)/ruff check --fix

# `make test` (what CI runs) runs the whole suite twice: on the embedded default (SQLite), then on a
# throwaway PostgreSQL server that scripts/postgres-for-tests starts (Debian's package, installed above).
# About 23 and 35 minutes on this project's 2-core machine. `make test-all` is the same, kept for the habit.
test: lint test-sqlite test-postgres

test-all: test

test-sqlite: install system-packages
	$(BIN)/python -m hotline.node.translations
	HOTLINE_DATABASE_URL= $(BIN)/python -m pytest

test-postgres: install system-packages
	$(BIN)/python -m hotline.node.translations
	@url=$$(scripts/postgres-for-tests start) || exit 1; \
	echo "PostgreSQL for the tests: $$url"; \
	HOTLINE_DATABASE_URL=$$url $(BIN)/python -m pytest; status=$$?; \
	scripts/postgres-for-tests stop; exit $$status

bench: install
	$(BIN)/python -m pip install --quiet -e ".[test,bench,video]"
	$(BIN)/python bench/taxii_vs_medallion.py

clean:
	rm -rf $(VENV) demo-data data .pytest_cache .ruff_cache
