"""The command line, run as a user runs it: a separate process, real files, real exit codes."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from kiosk import __version__
from tests.conftest import CONTENT


def kiosk(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        check=False,
    )


def test_version_and_help() -> None:
    result = kiosk("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"kiosk {__version__}"
    help_text = kiosk("--help").stdout
    for word in ("run", "validate", "--version"):
        assert word in help_text
    run_help = kiosk("run", "--help").stdout
    for option in ("--windowed", "--content", "--config"):
        assert option in run_help
    assert "--strict" in kiosk("validate", "--help").stdout


def test_validate_bundled_content_has_no_errors() -> None:
    result = kiosk("validate", str(CONTENT))
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"(^|\s)0 errors", result.stdout.splitlines()[-1])


def test_validate_strict_counts_warnings(tmp_path: Path) -> None:
    pack = tmp_path / "content" / "en-GB"
    shutil.copytree(CONTENT / "en-GB", pack)
    page = next((pack / "pages").glob("01-*.md"))
    text = page.read_text(encoding="utf-8")
    page.write_text(
        text.replace("next_review: 2029", "next_review: 2025").replace(
            "reviewed: 2026", "reviewed: 2024"
        ),
        encoding="utf-8",
    )
    relaxed = kiosk("validate", str(tmp_path / "content"))
    assert relaxed.returncode == 0, relaxed.stdout
    assert "review" in relaxed.stdout
    strict = kiosk("validate", "--strict", str(tmp_path / "content"))
    assert strict.returncode == 1


def test_validate_reports_a_broken_page_with_file_and_line(tmp_path: Path) -> None:
    pack = tmp_path / "en-GB"
    shutil.copytree(CONTENT / "en-GB", pack)
    page = next((pack / "pages").glob("02-*.md"))
    lines = page.read_text(encoding="utf-8").splitlines()
    order_line = next(i for i, line in enumerate(lines) if line.startswith("order:"))
    lines[order_line] = "order: second"
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = kiosk("validate", str(pack))
    assert result.returncode == 1
    assert f"en-GB/pages/{page.name}:{order_line + 1}: error:" in result.stdout


def test_validate_missing_folder_is_one_clear_line(tmp_path: Path) -> None:
    result = kiosk("validate", str(tmp_path / "nowhere"))
    assert result.returncode == 1
    assert result.stderr.strip().endswith("no such folder")


def test_settings_error_exits_2_before_any_window(tmp_path: Path) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text('clinic_name = "Riverside"\nidle_minutes = 5\n', encoding="utf-8")
    result = kiosk("run", "--windowed", "--config", str(config))
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"kiosk: settings error: {config}:2: idle_minutes: unknown setting"
    )
    assert "Traceback" not in result.stderr
    # No Qt was even imported: the check runs before the window is built.
    assert "qt." not in result.stderr.lower()
