"""Guards against the PySide6 release that drops a reference to None on every void call.

PySide6 6.12.0 on Python 3.11 aborts with "Fatal Python error: none_dealloc" after a few
thousand calls such as setHtml/processEvents. A kiosk runs for weeks, so this must never ship.
"""

from __future__ import annotations

import sys
import tomllib

from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.version import Version
from PySide6.QtWidgets import QTextBrowser

from tests.conftest import REPO

CALLS = 5_000


def test_void_qt_calls_do_not_leak_references_to_none(qapp) -> None:
    browser = QTextBrowser()
    before = sys.getrefcount(None)
    for i in range(CALLS):
        browser.setHtml(f"<p>answer {i}</p>")
        qapp.processEvents()
    after = sys.getrefcount(None)
    # Unrelated code may take or drop a handful of references; the bug drops one per call.
    assert after > before - CALLS // 10, f"None lost {before - after} references in {CALLS} calls"


def test_broken_pyside_release_cannot_be_installed_on_python_311() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    env = {"python_version": "3.11", "python_full_version": "3.11.7"}
    pyside = [Requirement(r) for r in project["dependencies"] if r.lower().startswith("pyside6")]
    active = [r for r in pyside if r.marker is None or Marker(str(r.marker)).evaluate(env)]
    assert active, "no PySide6 requirement applies on Python 3.11"
    for requirement in active:
        assert not requirement.specifier.contains(Version("6.12.0")), str(requirement)
