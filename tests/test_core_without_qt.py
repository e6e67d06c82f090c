"""``tests/core`` runs where PySide6 is not installed: the core and its tests need no Qt.

The run is a real pytest run of ``tests/core`` in a subprocess, with PySide6 made impossible
to import (as on a machine without it) and pytest-qt, which needs it, left out.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.slow

BLOCKER = """\
import sys

# As if PySide6 were not installed: importing it raises ImportError.
for name in ("PySide6", "shiboken6"):
    sys.modules[name] = None
"""


def test_the_core_tests_pass_without_pyside6(tmp_path: Path) -> None:
    (tmp_path / "without_qt.py").write_text(BLOCKER, encoding="utf-8")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "tests/core",
            "-q",
            "-p",
            "without_qt",
            "-p",
            "no:pytest-qt",
            "-p",
            "no:cacheprovider",
            # pytest-qt's settings are unknown without it, and it is not there to require.
            "-o",
            "required_plugins=",
            "-o",
            "addopts=",
            "-W",
            "ignore::pytest.PytestConfigWarning",
        ],
        cwd=REPO,
        env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    tail = (result.stdout + result.stderr)[-3000:]
    assert result.returncode == 0, tail
    assert " passed" in result.stdout, tail
    assert "PySide6" not in result.stdout, tail
