"""kiosk.core stays plain Python: importing any of it must not load Qt."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import kiosk.core

ROOT = Path(__file__).resolve().parents[2]
NAMED = (
    "kiosk.core, kiosk.core.loader, kiosk.core.render, kiosk.core.search, kiosk.core.validate, "
    "kiosk.core.model, kiosk.core.frontmatter"
)


def loads_qt(statement: str) -> str:
    """Run ``statement`` in a fresh interpreter; report which Qt modules it loaded."""
    qt = ("PySide6", "shiboken6", "PyQt5", "PyQt6")
    script = (
        f"{statement}\nimport sys\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {qt!r}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_named_core_modules_do_not_import_qt() -> None:
    assert loads_qt(f"import {NAMED}") == "[]"


def test_every_core_module_does_not_import_qt() -> None:
    names = [m.name for m in pkgutil.walk_packages(kiosk.core.__path__, "kiosk.core.")]
    assert "kiosk.core.search" in names

    assert loads_qt("\n".join(f"import {name}" for name in names)) == "[]"
