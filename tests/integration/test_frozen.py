"""The standalone executable (``dist/clinic-kiosk/``), run as an installer and a kiosk PC run it.

``make test`` builds it first whenever a source is newer than it (the Makefile's ``$(EXE)``
target), so CI tests the build of the very tree it checked out. Run on its own, this module
builds it the same way when it is missing or stale; it skips, saying why, only when there is
no build and none can be made (PyInstaller not installed).

Every test works on a copy of the built folder (dist/ itself is never changed): the smoke test
as it is, the smoke test with an empty environment (``env -i``: no PATH, no Python, no DISPLAY,
no locale), one leaflet printed through the real CUPS queue, content folders placed beside the
program, the libraries the display and print plugins need, and the X11 platform plugin on a real
X server (Xvfb).
"""

from __future__ import annotations

import fcntl
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk import APP_ID, __version__
from tests.conftest import CONTENT, REPO
from tests.integration.xvfb import xvfb
from tests.printing.pdf_reading import reader_for

pytestmark = pytest.mark.slow

DIST = REPO / "dist" / APP_ID
EXE = DIST / APP_ID
SOURCES = ("kiosk", "content", "resources", "deploy/pyinstaller")
SOURCE_FILES = ("build_spec.spec", "pyproject.toml")
BUILD = [
    sys.executable,
    *("-m", "PyInstaller", "--noconfirm", "--log-level", "WARN"),
    *("--distpath", "dist", "--workpath", "build/pyinstaller", "build_spec.spec"),
]
RUN_TIMEOUT = 120
LOCK = REPO / "build" / ".exe.lock"


def newest_source() -> float:
    """The newest modification time among the files the build is made from (as the Makefile)."""
    files = [REPO / name for name in SOURCE_FILES]
    for folder in SOURCES:
        files += [
            p
            for p in (REPO / folder).rglob("*")
            if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
        ]
    return max(p.stat().st_mtime for p in files)


def build_if_needed() -> str:
    """Build dist/ when it is missing or older than its sources; "" or the reason to skip."""
    if EXE.is_file() and EXE.stat().st_mtime >= newest_source():
        return ""
    if importlib.util.find_spec("PyInstaller") is None:
        if EXE.is_file():
            return ""  # older than the sources, but the only build there is: test it
        return f"no {DIST.relative_to(REPO)} and PyInstaller is not installed: run `make exe`"
    started = time.time()
    proc = subprocess.run(BUILD, cwd=REPO, capture_output=True, text=True, check=False)
    if proc.returncode != 0 or not EXE.is_file():
        pytest.fail(f"the build failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    os.utime(EXE, (started, started))  # as the Makefile: a source edited meanwhile is newer
    return ""


def copy_build(folder: Path) -> None:
    """The build folder (built first where it is out of date) copied to ``folder``, under the
    build's lock; skips where it cannot be built here."""
    LOCK.parent.mkdir(exist_ok=True)
    with LOCK.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # the Makefile's build takes the same lock
        reason = build_if_needed()
        if reason:
            pytest.skip(reason)
        shutil.copytree(DIST, folder, symlinks=True)


@pytest.fixture(scope="module")
def frozen(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The program in a copy of the whole build folder, as an installer leaves it: tests add
    content beside it, and a rebuild of dist/ meanwhile (another terminal) cannot touch it."""
    folder = tmp_path_factory.mktemp("install") / APP_ID
    copy_build(folder)
    return folder / APP_ID


@pytest.fixture
def config(tmp_path: Path) -> Path:
    """A settings file that keeps the log in tmp_path (an empty environment has no XDG dirs)."""
    path = tmp_path / "kiosk.toml"
    path.write_text(f"log_dir = '{tmp_path / 'logs'}'\n", encoding="utf-8")
    return path


def run(exe: Path, *args: str, env: dict[str, str] | None = None, cwd: Path | None = None):
    return subprocess.run(
        [str(exe), *args],
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT,
        env=os.environ.copy() if env is None else env,
        cwd=cwd,
        check=False,
    )


def assert_passed(result: subprocess.CompletedProcess[str]) -> list[str]:
    """The smoke test's check lines, after asserting that every one passed."""
    lines = [line for line in result.stdout.splitlines() if line.startswith(("ok  ", "FAIL  "))]
    failed = [line for line in lines if line.startswith("FAIL")]
    assert not failed, f"{result.stdout}\n{result.stderr}"
    assert result.returncode == 0, f"{result.stdout}\n{result.stderr}"
    assert lines, result.stdout
    return lines


def check_line(lines: list[str], name: str) -> str:
    found = [line for line in lines if line.startswith(f"ok  {name}")]
    assert found, f"no 'ok  {name}' line in:\n" + "\n".join(lines)
    return found[0]


# --- the build as it is -----------------------------------------------------------------------


def test_version_matches_the_package(frozen: Path) -> None:
    result = run(frozen, "--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [APP_ID, __version__], "the program's own name"


def test_smoke_test_passes(frozen: Path, config: Path) -> None:
    lines = assert_passed(run(frozen, "smoke-test", "--config", str(config)))
    assert "_internal/content/en-GB" in check_line(lines, "content"), "the bundled pack"
    for name in ("window", "bundled font", "Home", "glossary", "search", "image formats"):
        check_line(lines, name)
    assert "libcupsprintersupport.so" in check_line(lines, "print support")
    assert {"qxcb", "qoffscreen"} <= set(re.split(r"[:,]\s*", check_line(lines, "platform")))
    for fmt in ("standard", "large"):
        check_line(lines, f"{fmt} leaflet PDF")
    pages = [line for line in lines if line.startswith("ok  page ")]
    assert len(pages) == len(list((CONTENT / "en-GB" / "pages").glob("*.md")))


def test_smoke_test_in_an_empty_environment(frozen: Path, config: Path, tmp_path: Path) -> None:
    result = run(Path("/usr/bin/env"), "-i", str(frozen), "smoke-test", "--config", str(config),
                 cwd=tmp_path)  # fmt: skip
    lines = assert_passed(result)
    assert "on offscreen" in check_line(lines, "window")
    assert "locale" not in result.stderr, "a UTF-8 locale without LANG (runtime hook)"


def test_prints_a_leaflet_on_the_real_cups_queue(frozen: Path, config: Path, cups) -> None:
    before = cups.pdf_files()
    result = run(frozen, "smoke-test", "--config", str(config), "--print", cups.queue)
    assert f"sent to {cups.queue}" in check_line(assert_passed(result), f"print on {cups.queue}")
    pdf = cups.wait_for_new_pdf(before)
    reader = reader_for(pdf.read_bytes())
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))
    assert "What is prolotherapy?" in text
    assert "Page 1 of" in text


# --- content beside the program, in a copy of the build --------------------------------------


@pytest.fixture
def beside(frozen: Path) -> Iterator[Path]:
    """``content/`` beside the copied program, filled from the bundled pack; the test edits it."""
    content = frozen.parent / "content"
    shutil.copytree(CONTENT, content)
    yield content
    shutil.rmtree(content)


def retitle(page: Path, title: str) -> None:
    text = page.read_text(encoding="utf-8")
    page.write_text(re.sub(r"^title: .*$", f"title: {title}", text, count=1, flags=re.M), "utf-8")


def test_a_content_folder_beside_the_program_is_used(
    frozen: Path, beside: Path, config: Path
) -> None:
    retitle(beside / "en-GB" / "pages" / "01-what-is-prolotherapy.md", "What is it? (clinic copy)")
    lines = assert_passed(run(frozen, "smoke-test", "--config", str(config)))
    assert str(beside / "en-GB") in check_line(lines, "content")
    assert check_line(lines, "page what-is-prolotherapy").endswith("What is it? (clinic copy)")


BROKEN_PAGE = """---
id: broken-page
summary: A page whose metadata has mistakes in it.
order: 6
kind: question
source: The clinic
source_url: https://example.org/
source_reviewed: 2026
reviewed: yesterday
next_review: 2029-11-26
---
This page has no title and no real review date.
"""


def test_a_broken_page_is_left_out_logged_and_the_rest_shown(
    frozen: Path, beside: Path, config: Path, tmp_path: Path
) -> None:
    (beside / "en-GB" / "pages" / "06-broken.md").write_text(BROKEN_PAGE, encoding="utf-8")
    result = run(frozen, "smoke-test", "--config", str(config))
    lines = assert_passed(result)
    content = check_line(lines, "content")
    assert str(beside / "en-GB") in content
    assert "7 pages" in content
    assert "errors logged" in content
    assert not [line for line in lines if "broken-page" in line]
    log = (tmp_path / "logs" / "kiosk.log").read_text(encoding="utf-8")
    for where in (log, result.stderr):
        assert re.search(r"en-GB/pages/06-broken\.md:\d+: error: .*title", where), where


def test_content_with_no_usable_page_falls_back_to_the_bundled_pack(
    frozen: Path, beside: Path, config: Path, tmp_path: Path
) -> None:
    for page in (beside / "en-GB" / "pages").glob("*.md"):
        page.write_text("no metadata block at all\n", encoding="utf-8")
    result = run(frozen, "smoke-test", "--config", str(config))
    lines = assert_passed(result)
    assert "_internal/content/en-GB" in check_line(lines, "content")
    assert f"content {beside} is not usable" in result.stderr


def test_the_content_dir_setting_is_read_beside_the_program(
    frozen: Path, config: Path, tmp_path: Path
) -> None:
    content = frozen.parent / "spring-content"
    shutil.copytree(CONTENT, content)
    try:
        retitle(content / "en-GB" / "pages" / "05-is-it-safe.md", "Is it safe? (spring)")
        config.write_text(config.read_text() + "content_dir = 'spring-content'\n", "utf-8")
        lines = assert_passed(run(frozen, "smoke-test", "--config", str(config), cwd=tmp_path))
    finally:
        shutil.rmtree(content)
    assert str(content / "en-GB") in check_line(lines, "content")
    assert check_line(lines, "page is-it-safe").endswith("Is it safe? (spring)")


# --- what the kiosk PC must provide ------------------------------------------------------------


def libraries_not_found(path: Path, internal: Path) -> list[str]:
    """The libraries ``path`` needs that are neither in the bundle's ``internal`` folder (searched
    first, as the program loads them) nor on this PC, as ``ldd`` reports them."""
    env = {**os.environ, "LD_LIBRARY_PATH": str(internal)}
    result = subprocess.run(["ldd", str(path)], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    return [line.strip() for line in result.stdout.splitlines() if "not found" in line]


@pytest.mark.parametrize(
    "plugin", ["platforms/libqxcb.so", "printsupport/libcupsprintersupport.so"]
)
def test_display_and_print_plugins_find_every_library(frozen: Path, plugin: str) -> None:
    """``ldd`` as the program loads them (the bundle's own folder first): nothing missing."""
    internal = frozen.parent / "_internal"
    path = internal / "PySide6" / "Qt" / "plugins" / plugin
    assert path.is_file(), f"{plugin} is not in the build"
    missing = libraries_not_found(path, internal)
    assert not missing, f"{plugin} needs libraries this PC lacks: {missing}"


@pytest.mark.skipif(shutil.which("Xvfb") is None, reason="Xvfb not installed")
def test_smoke_test_on_a_real_x_server(frozen: Path, config: Path) -> None:
    with xvfb() as display:
        env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
        lines = assert_passed(run(frozen, "smoke-test", "--config", str(config), env=env))
    assert check_line(lines, "window").endswith("on xcb")
