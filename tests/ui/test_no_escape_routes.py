"""No screen a patient can reach opens a file dialog or a new top-level window."""

from __future__ import annotations

import ast

from PySide6.QtWidgets import QApplication

from kiosk.core.session import Route
from tests.conftest import REPO

ESCAPE_CLASSES = {"QFileDialog", "QDesktopServices", "QMessageBox", "QInputDialog", "QPrintDialog"}


def test_patient_modules_never_use_dialogs_or_desktop_services() -> None:
    offenders = []
    for path in sorted((REPO / "kiosk").rglob("*.py")):
        rel = path.relative_to(REPO)
        if "staff" in rel.parts:
            continue  # behind the PIN
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                {a.name for a in getattr(node, "names", [])}
                if isinstance(node, ast.ImportFrom)
                else set()
            )
            if isinstance(node, ast.Name):
                names.add(node.id)
            if found := names & ESCAPE_CLASSES:
                offenders.append(f"{rel}: {sorted(found)}")
    assert offenders == []


def test_walking_every_screen_opens_no_other_window(qtbot, window, library) -> None:
    before = {w for w in QApplication.topLevelWidgets() if w.isVisible()}
    for page in library.pages:
        window.navigator.go(Route("answer", page.id))
    window.navigator.go(Route("glossary"))
    for entry in library.glossary.sorted_entries():
        window.show_definition(entry.anchor)
    window.popup.dismiss()
    qtbot.wait(10)
    after = {w for w in QApplication.topLevelWidgets() if w.isVisible()}
    assert after == before
