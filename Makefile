# Hallway: `make run` starts the companion, `make test` runs every test.
VENV    := .venv
PYTHON  := $(VENV)/bin/python
PIP     := $(VENV)/bin/pip
PORT    ?= 5474

.PHONY: catalogue catalogues run test test-pythons lint browsers clean bench bench-quick bytecode screenshots package

run: $(VENV)/.installed catalogues
	$(VENV)/bin/hallway serve --port $(PORT)

test: $(VENV)/.installed-test node_modules/.installed browsers catalogues
	$(VENV)/bin/ruff check companion tests bench
	$(PYTHON) -m pytest

# The suite but the browser tests on the other Pythons people have (pyenv's, or python3.X on
# the PATH), each in a virtual environment of its own.
PYTHONS ?= 3.12 3.13
test-pythons:
	@for v in $(PYTHONS); do \
	  py=$$(ls -d $$HOME/.pyenv/versions/$$v.*/bin/python 2>/dev/null | tail -n 1); \
	  [ -n "$$py" ] || py=$$(command -v python$$v); \
	  [ -n "$$py" ] || { echo "Python $$v is not installed."; exit 1; }; \
	  echo "== Python $$v ($$py)"; \
	  [ -x .venv-$$v/bin/python ] || $$py -m venv .venv-$$v || exit 1; \
	  .venv-$$v/bin/pip install --quiet -e '.[test]' || exit 1; \
	  .venv-$$v/bin/python -m pytest -q -p no:cacheprovider --ignore=tests/browser || exit 1; \
	done

# The README's pictures: the browser tests draw them from a fictional store; this copies the
# four the README shows. Run it when the pages change, and commit docs/screenshots/.
SHOTS := popup-after-capture review-home review-person review-progress
screenshots: $(VENV)/.installed-test node_modules/.installed browsers
	$(PYTHON) -m pytest -q tests/browser/test_review_pages.py tests/browser/test_extension_chromium.py
	mkdir -p docs/screenshots
	for shot in $(SHOTS); do cp test-artifacts/$$shot.png docs/screenshots/; done

# What users install: the extension for the Chrome Web Store and for Firefox (web-ext), the
# companion as a wheel and an sdist (pipx install dist/hallway-*.whl). One version, the
# companion's; the manifest must say the same.
VERSION = $(shell $(PYTHON) -c "import companion; print(companion.__version__)")
package: $(VENV)/.installed-test node_modules/.installed
	@manifest=$$($(PYTHON) -c "import json; print(json.load(open('extension/manifest.json'))['version'])"); \
	  [ "$$manifest" = "$(VERSION)" ] || { echo "extension/manifest.json says $$manifest, the companion $(VERSION)"; exit 1; }
	rm -rf dist build && mkdir -p dist
	npx --no-install web-ext lint --source-dir extension --self-hosted
	npx --no-install web-ext build --source-dir extension --artifacts-dir dist \
	  --filename hallway-firefox-$(VERSION).zip --overwrite-dest
	cd extension && $(abspath $(PYTHON)) -m zipfile -c ../dist/hallway-chrome-$(VERSION).zip *
	$(PYTHON) -m build --outdir dist .

# Translations (issue 19): `make catalogue` extracts every marked sentence into the template and
# merges it into each language's .po (translate the new entries there); `make catalogues` builds
# the .mo files the companion reads (setup.py does the same when the package is installed).
catalogue: $(VENV)/.installed
	$(VENV)/bin/pybabel extract -F babel.cfg -k N_ --no-location --sort-output \
	  -o companion/locales/messages.pot .
	$(VENV)/bin/pybabel update --no-fuzzy-matching -i companion/locales/messages.pot -d companion/locales

catalogues: $(VENV)/.installed
	$(VENV)/bin/pybabel compile --statistics -d companion/locales

lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check companion tests bench
	$(VENV)/bin/ruff format --check companion tests bench

# Benchmark (issue 9): figures and budgets in bench/results/; quick run in bench/results/quick/.
bench: $(VENV)/.installed bytecode
	$(PYTHON) -m bench.run

bench-quick: $(VENV)/.installed bytecode
	$(PYTHON) -m bench.run --quick

$(VENV)/bin/python:
	python3 -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(VENV)/bin/python
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e .
	$(MAKE) --no-print-directory bytecode
	touch $@

# What pip does for an installed package, for this editable one: compile it once, so that a
# start does not compile every module again (nor does any start where PYTHONDONTWRITEBYTECODE
# is set). A module changed since is compiled afresh at import, as always.
bytecode: | $(VENV)/bin/python
	$(PYTHON) -m compileall -q companion

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(PIP) install --quiet -e '.[test]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# Browser tests use Debian's Chromium (Playwright's own browser download does not work
# offline) and firefox-esr (driven over WebDriver BiDi by npm's puppeteer-core), and the Noto
# fonts so that names in any script (CJK, Hebrew, emoji) show in the screenshots. Installed
# here when missing and we are root; otherwise those tests skip or draw boxes. chromium-l10n:
# Chromium on Linux takes its own language (LANGUAGE=zh_CN) only with its language packs.
browsers:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v firefox-esr >/dev/null 2>&1 || command -v firefox >/dev/null 2>&1 || missing="$$missing firefox-esr"; \
	for pkg in chromium-l10n fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji; do \
	  dpkg -s $$pkg >/dev/null 2>&1 || missing="$$missing $$pkg"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else \
	    echo "Missing$$missing and this is not root: those browser tests will be skipped."; \
	  fi; \
	fi

clean:
	rm -rf $(VENV) .venv-3.* node_modules test-artifacts .pytest_cache
