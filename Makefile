# Two commands on a fresh Debian/Ubuntu machine: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
SYSPKG := deploy/linux/system-packages.sh
# The standalone executable and what it is built from (see `exe` below).
EXE := dist/clinic-kiosk/clinic-kiosk
EXE_SOURCES := build_spec.spec pyproject.toml $(shell find kiosk content resources deploy/pyinstaller \
	-type f ! -name '*.pyc' ! -path '*/__pycache__/*' 2>/dev/null)
PYINSTALLER := $(PY) -m PyInstaller --noconfirm --log-level WARN
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test lint format screenshots bench validate clean system-runtime system-test readme-settings
.PHONY: exe exe-onefile

run: $(VENV)/.installed-run system-runtime
	$(PY) -m kiosk run --windowed

# The executable is built first (only when a source is newer than it) so that
# tests/integration/test_frozen.py tests the build of this very tree.
test: $(VENV)/.installed-test system-test print-server lint $(EXE)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

lint: $(VENV)/.installed-test
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy

format: $(VENV)/.installed-test
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

validate: $(VENV)/.installed-run
	$(PY) -m kiosk validate content

screenshots: $(VENV)/.installed-run system-test
	QT_QPA_PLATFORM=offscreen $(PY) docs/tools/screenshots.py docs/screenshots
	xvfb-run -a -s "-screen 0 1280x800x24" env QT_QPA_PLATFORM=xcb \
		$(PY) docs/tools/screenshots.py --first-start docs/screenshots
	QT_QPA_PLATFORM=offscreen $(PY) docs/tools/stats_screenshot.py docs/screenshots
	rm -rf build/leaflets && mkdir -p build/leaflets
	$(PY) -m kiosk export-pdf --out build/leaflets
	$(PY) -m kiosk export-pdf --out build/leaflets --large-print
	for f in standard large; do \
		pdftoppm -r 60 -png -singlefile -f 1 -l 1 build/leaflets/en-GB-leaflet-$$f-A4.pdf \
			docs/screenshots/leaflet-$$f-page1; done

# Benchmarks print tables; they never pass or fail (the soak exits 1 if the kiosk crashed).
# About 15 minutes on 2 cores, most of it the 20,000-action soak.
bench: $(VENV)/.installed-test $(VENV)/.installed-build system-test $(EXE)
	$(PY) -m bench.navigation
	$(PY) -m bench.content_scale
	$(PY) -m bench.leaflet_pdf
	$(PY) -m bench.bundle
	$(PY) -m bench.startup
	$(PY) -m bench.soak

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

# PyInstaller (the `build` extra) for the standalone executable.
$(VENV)/.installed-build: pyproject.toml | $(PY)
	$(PY) -m pip install -q -e '.[build]'
	@touch $@ $(VENV)/.installed-run

# The standalone executable (build_spec.spec): the folder an installer copies. `make exe`
# rebuilds it only when the package, content, resources, spec or dependencies changed
# (`make -B exe` forces it); PyInstaller's cache in build/pyinstaller keeps rebuilds short.
exe: $(EXE)

# flock: one build at a time (tests/integration/test_frozen.py takes the same lock). The
# program gets the time the build started, so a source edited during the build is newer.
$(EXE): $(VENV)/.installed-build $(EXE_SOURCES)
	@mkdir -p build && touch build/.exe-started
	flock build/.exe.lock $(PYINSTALLER) --distpath dist --workpath build/pyinstaller build_spec.spec
	@touch -r build/.exe-started $@

# One file that unpacks itself at every start (slower; see deploy/README.md): an option only.
exe-onefile: $(VENV)/.installed-build
	KIOSK_ONEFILE=1 $(PYINSTALLER) --distpath dist/onefile --workpath build/pyinstaller-onefile \
		build_spec.spec

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache *.egg-info

# Regenerate the README's settings table from the one declaration in kiosk/core/settings.py.
readme-settings: $(VENV)/.installed-run
	$(PY) -c 'import re, pathlib; from kiosk.core.settings import settings_table as t; \
	p = pathlib.Path("README.md"); s = p.read_text(); \
	p.write_text(re.sub(r"(<!-- settings-table -->\n).*?(\n<!-- /settings-table -->)", \
	lambda m: m[1] + t() + m[2], s, flags=re.S))'
