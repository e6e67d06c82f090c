# Two commands on a fresh Debian/Ubuntu machine: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
SYSPKG := deploy/linux/system-packages.sh
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test lint format screenshots bench validate clean system-runtime system-test readme-settings

run: $(VENV)/.installed-run system-runtime
	$(PY) -m kiosk run --windowed

test: $(VENV)/.installed-test system-test print-server lint
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

lint: $(VENV)/.installed-test
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: $(VENV)/.installed-test
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

validate: $(VENV)/.installed-run
	$(PY) -m kiosk validate content

screenshots: $(VENV)/.installed-run system-test
	QT_QPA_PLATFORM=offscreen $(PY) -m kiosk.ui.screenshots docs/screenshots
	rm -rf build/leaflets && mkdir -p build/leaflets
	$(PY) -m kiosk export-pdf --out build/leaflets
	$(PY) -m kiosk export-pdf --out build/leaflets --large-print
	for f in standard large; do \
		pdftoppm -r 60 -png -singlefile -f 1 -l 1 build/leaflets/en-GB-leaflet-$$f-A4.pdf \
			docs/screenshots/leaflet-$$f-page1; done

# Benchmarks print tables; they never pass or fail.
bench: $(VENV)/.installed-test system-test
	$(PY) -m bench.leaflet_pdf

system-runtime:
	@$(SYSPKG) runtime

system-test:
	@$(SYSPKG) test

# A real CUPS server with the KioskPDF (cups-pdf) and KioskStopped queues for the printing tests.
# Where it cannot run (not root, no CUPS) the printing tests skip with the script's reason; where it
# should run but fails, they fail with it, so `make test` goes on either way.
.PHONY: print-server
print-server: system-test
	@bash deploy/linux/print-test-queue.sh \
		|| echo "print-server: no print server (exit $$?); the printing tests will say why" >&2

$(PY):
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed"'
	@$(PYTHON) -m venv --help >/dev/null 2>&1 && $(PYTHON) -c 'import ensurepip' 2>/dev/null \
		|| $(SYSPKG) venv
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

$(VENV)/.installed-run: pyproject.toml | $(PY)
	$(PY) -m pip install -q -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(PY)
	$(PY) -m pip install -q -e '.[test]'
	@touch $@ $(VENV)/.installed-run

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache *.egg-info

# Regenerate the README's settings table from the one declaration in kiosk/core/settings.py.
readme-settings: $(VENV)/.installed-run
	$(PY) -c 'import re, pathlib; from kiosk.core.settings import settings_table as t; \
	p = pathlib.Path("README.md"); s = p.read_text(); \
	p.write_text(re.sub(r"(<!-- settings-table -->\n).*?(\n<!-- /settings-table -->)", \
	lambda m: m[1] + t() + m[2], s, flags=re.S))'
