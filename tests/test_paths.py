"""Where content comes from, from source and as the PyInstaller build lays files out."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from kiosk import paths


@pytest.fixture
def frozen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Pretend to be the onedir build in tmp_path: the program, and ``_internal/`` beside it."""
    (tmp_path / "_internal" / "content").mkdir(parents=True)
    monkeypatch.setattr(paths, "IS_FROZEN", True)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "clinic-kiosk"))
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path / "_internal"), raising=False)
    return tmp_path


def test_frozen_uses_the_bundled_pack_until_a_content_folder_is_beside_it(frozen: Path) -> None:
    assert paths.content_root() == frozen / "_internal" / "content"
    (frozen / "content").mkdir()
    assert paths.content_root() == frozen / "content"


def test_the_command_line_and_the_setting_come_first(frozen: Path, tmp_path: Path) -> None:
    (frozen / "content").mkdir()
    assert paths.content_root("elsewhere") == Path("elsewhere")
    assert paths.content_root(configured=str(tmp_path / "spring")) == tmp_path / "spring"


def test_a_relative_content_dir_setting_is_beside_the_program(
    frozen: Path, monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    monkeypatch.chdir(tmp_path_factory.mktemp("somewhere-else"))
    assert paths.content_root(configured="spring-content") == frozen / "spring-content"


def test_from_source_the_repository_content_is_used() -> None:
    assert paths.content_root() == paths.bundle_root() / "content"
    assert (paths.content_root() / "en-GB" / "pack.toml").is_file()
