"""The command line, run as a user runs it: a separate process, real files, real exit codes."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

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
    assert "speech-helper" not in help_text, "started by the kiosk, not by people"
    exit_codes = "0 success, 1 the job failed, 2 bad usage or settings"
    assert exit_codes in " ".join(help_text.split())
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


def test_validate_missing_folder_is_one_clear_line_and_exit_2(tmp_path: Path) -> None:
    result = kiosk("validate", str(tmp_path / "nowhere"))
    assert result.returncode == 2, "a folder that is not there is bad usage, not bad content"
    assert result.stderr == f"kiosk: validate: {tmp_path / 'nowhere'}: no such folder\n"


def test_the_version_names_the_program_it_was_started_as(tmp_path: Path) -> None:
    """``clinic-kiosk --version`` says clinic-kiosk (the built program is checked by
    tests/integration/test_frozen.py); here a script of another name starts the same code."""
    script = tmp_path / "clinic-kiosk"
    script.write_text("import sys\nfrom kiosk.cli import main\nsys.exit(main())\n")
    result = subprocess.run(
        [sys.executable, str(script), "--version"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"clinic-kiosk {__version__}\n"


@pytest.mark.parametrize(
    ("args", "needs"),
    [
        (["print", "--copies", "0"], "--copies"),
        (["print", "--copies", "51"], "--copies"),
        (["stats", "--days", "0"], "--days"),
        (["export-pdf"], "--out"),
        (["no-such-command"], "invalid choice"),
    ],
)
def test_bad_usage_exits_2_before_doing_anything(args: list[str], needs: str) -> None:
    result = kiosk(*args)
    assert result.returncode == 2
    assert needs in result.stderr
    assert result.stdout == ""


def test_every_command_takes_content_and_config_from_one_declaration() -> None:
    from kiosk.cli import COMMANDS, build_parser

    parser = build_parser("kiosk")
    for command in COMMANDS:
        text = kiosk(command.NAME, "--help").stdout
        takes = "--config FILE" in text and "--content DIR" in text
        assert takes == command.SETTINGS, command.NAME
    assert parser.prog == "kiosk"
    sources = [p.read_text(encoding="utf-8") for p in (CONTENT.parent / "kiosk").rglob("*.py")]
    for option in ('"--config"', '"--content"'):
        assert sum(text.count(option) for text in sources) == 1, f"{option} declared once"


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


@pytest.mark.parametrize(
    ("text", "line", "key", "message"),
    [
        ('clinic_name = "A"\nidle_minutes = 5\n', 2, "idle_minutes", "unknown setting"),
        ("fullscreen = 1\n", 1, "fullscreen", "must be true or false"),
        ('idle_seconds = "90"\n', 1, "idle_seconds", "must be a whole number"),
        ("\nidle_seconds = 2\n", 2, "idle_seconds", "must be between 20 and 3600, not 2"),
        ('staff_pin_hash = "1234"\n', 1, "staff_pin_hash", "kiosk hash-pin"),
        ('language = "en-GB\n', 1, "", "not valid TOML"),
    ],
)
def test_each_bad_setting_is_one_clear_line_and_exit_2(tmp_path, text, line, key, message):
    config = tmp_path / "kiosk.toml"
    config.write_text(text, encoding="utf-8")
    result = kiosk("run", "--config", str(config))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    prefix = f"kiosk: settings error: {config}:{line}: " + (f"{key}: " if key else "")
    assert lines[0].startswith(prefix)
    assert message in lines[0]


def test_short_warning_time_is_accepted_with_a_warning(tmp_path):
    config = tmp_path / "kiosk.toml"
    config.write_text("warning_seconds = 5\nfullscreen = false\n", encoding="utf-8")
    warnings: list[str] = []
    from kiosk.core.settings import load_settings

    settings = load_settings(config, warnings)
    assert settings.warning_seconds == 5
    assert warnings
    assert "warning_seconds" in warnings[0]
    assert "20" in warnings[0]


def test_hash_pin_prints_a_setting_line_and_never_the_pin() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "hash-pin"],
        input="2468\n2468\n",
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    line = result.stdout.strip()
    assert line.startswith('staff_pin_hash = "scrypt$')
    assert "2468" not in result.stdout
    from kiosk.core.pin import verify_pin

    assert verify_pin("2468", line.split('"')[1])
    mismatch = subprocess.run(
        [sys.executable, "-m", "kiosk", "hash-pin"],
        input="2468\n1357\n",
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert mismatch.returncode == 1
    assert "differ" in mismatch.stderr


def test_readme_lists_the_runtime_packages_the_installer_installs() -> None:
    listed = subprocess.run(
        ["bash", str(CONTENT.parent / "deploy/linux/system-packages.sh"), "--list", "runtime"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    readme = (CONTENT.parent / "README.md").read_text(encoding="utf-8")
    assert " ".join(listed) in readme, "README's Linux package list is stale"
