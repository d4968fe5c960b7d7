# The two commands the README gives:
#   make serve   set everything up, then serve the site at http://127.0.0.1:8000
#   make test    set everything up, then run every test (browser tests included)
# and three more:
#   make build   set everything up, then build the static site into site/
#   make pdf     the site, then the PDFs of its print editions into pdf/, then the
#                site again with download links to them
#   make offline the offline edition, dist/imr-offline.zip: one folder that opens
#                from disk (a USB stick, a shared drive), no server or network

PYTHON  ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
# Debian packages the tests need: a browser (browsers cannot be downloaded
# here, so Playwright drives Debian's Chromium) and pdftotext for print tests.
# and Java for the W3C Nu HTML checker.
DEBIAN_TEST_PACKAGES := chromium poppler-utils fonts-dejavu-core default-jre-headless
SUDO    := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

export NO_MKDOCS_2_WARNING := 1

.PHONY: serve serve-en serve-es test build stale-translations setup system-packages clean bench pdf offline

# Both languages, built into site/ (English) and site/es/ (Spanish), then served as
# they are published. To edit one language with live reload, `make serve-en` or
# `make serve-es` (each serves that language alone, at the same address).
serve: build
	@echo "Serving the site at http://127.0.0.1:8000/ (Spanish: http://127.0.0.1:8000/es/). Ctrl+C stops."
	$(BIN)/python -m http.server 8000 --bind 127.0.0.1 --directory site

serve-en: setup
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

serve-es: setup
	IMR_SITE_URL_ES=http://127.0.0.1:8000/ $(BIN)/mkdocs serve -f mkdocs-es.yml --dev-addr 127.0.0.1:8000

build: setup
	$(BIN)/python tools/build_site.py --site-dir site

# The Spanish pages whose English page has changed since they were written (or that
# are missing), with what changed in the English: see README, "Spanish edition".
stale-translations: setup
	$(BIN)/python tools/translations.py stale --lang es

test: setup system-packages node_modules/.installed
	$(BIN)/python -m pytest

# PDFs of every print edition (the manual, the participant workbook, the blank
# worksheets and each module's handout packet) into pdf/, with their page counts
# in pdf/manifest.json (PAPER=a4 for A4); then the site again, which now links them.
PAPER ?= letter
pdf: build system-packages
	$(BIN)/python tools/make_pdfs.py --paper $(PAPER) --site site --out pdf
	$(BIN)/python tools/build_site.py --site-dir site

# The offline edition (README, "Offline and on a USB stick"): the site built with
# mkdocs-offline.yml, our ES modules bundled into classic scripts by esbuild (from
# npm), checked and zipped by tools/make_offline.py. It holds the PDFs when pdf/
# has them (`make pdf` first), and the environment reaches mkdocs as it is.
offline: setup node_modules/.installed
	$(BIN)/python tools/make_offline.py --out dist/imr-offline.zip

bench: setup system-packages bench/node_modules/.installed
	$(BIN)/python bench/run.py

setup: $(STAMP)

# The virtual environment, rebuilt whenever the pins change.
$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt '.[test]'
	touch $(STAMP)

# Tools from npm, pinned by package-lock.json: the Nu HTML checker and axe-core
# (tests), esbuild (the offline edition's bundles) and iframe-worker (whose shim is kept in
# docs/assets/vendor). The online site uses no npm code.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Lighthouse, pinned by bench/package-lock.json: for `make bench` only, so the
# tests do not wait for its install.
bench/node_modules/.installed: bench/package.json bench/package-lock.json
	cd bench && npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Installs Debian's packages only when one is missing.
system-packages:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v pdftotext >/dev/null 2>&1 || missing="$$missing poppler-utils"; \
	[ -d /usr/share/fonts/truetype/dejavu ] || missing="$$missing fonts-dejavu-core"; \
	command -v java >/dev/null 2>&1 || missing="$$missing default-jre-headless"; \
	if [ -n "$$missing" ]; then \
	  if command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing$$missing from Debian's packages"; \
	    $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(DEBIAN_TEST_PACKAGES) >/dev/null; \
	  else \
	    echo "Missing:$$missing. Install them, or run '$(BIN)/playwright install chromium' and set IMR_CHROMIUM to its path."; \
	  fi; \
	fi

clean:
	rm -rf $(VENV) site pdf dist build/offline .pytest_cache node_modules
