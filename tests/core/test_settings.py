"""The settings file: defaults, types, unknown keys, and errors that name file and line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kiosk.core.settings import DECLARED, Settings, SettingsError, load_settings, settings_table
from tests.conftest import REPO


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "kiosk.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_without_a_file() -> None:
    settings = load_settings(None)
    for setting in DECLARED:
        assert getattr(settings, setting.name) == setting.default
    assert settings.fullscreen is True


def test_values_from_the_file(tmp_path: Path) -> None:
    settings = load_settings(
        write(tmp_path, 'clinic_name = "Riverside Clinic"\nfullscreen = false\n')
    )
    assert settings.clinic_name == "Riverside Clinic"
    assert settings.fullscreen is False


@pytest.mark.parametrize(
    ("text", "line", "key", "message"),
    [
        ('clinic_name = "A"\ncolour = "red"\n', 2, "colour", "unknown setting"),
        ('\n\nfullscreen = "yes"\n', 3, "fullscreen", "must be true or false"),
        ("clinic_name = 3\n", 1, "clinic_name", "must be text"),
        ('clinic_name = "A"\nlanguage = \n', 2, "", "not valid TOML"),
    ],
)
def test_errors_name_file_line_and_key(tmp_path, text, line, key, message) -> None:
    path = write(tmp_path, text)
    with pytest.raises(SettingsError) as caught:
        load_settings(path)
    err = caught.value
    assert (err.line, err.key) == (line, key)
    assert str(err).startswith(f"{path}:{line}: ")
    assert message in str(err)


def test_unreadable_file_is_a_settings_error(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="cannot read"):
        load_settings(tmp_path / "missing.toml")
    bad = tmp_path / "latin1.toml"
    bad.write_bytes(b'clinic_name = "Caf\xe9"\n')
    with pytest.raises(SettingsError, match="not UTF-8"):
        load_settings(bad)


def test_readme_settings_table_is_generated_from_the_declaration() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    match = re.search(r"<!-- settings-table -->\n(.*?)\n<!-- /settings-table -->", readme, re.S)
    assert match, "README.md has no generated settings table"
    assert match[1].strip() == settings_table(), (
        "README settings table is stale: run make readme-settings"
    )


def test_a_byte_order_mark_from_windows_editors_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_bytes('clinic_name = "Riverside"\n'.encode("utf-8-sig"))
    assert load_settings(path).clinic_name == "Riverside"


NUMBERS = [s for s in DECLARED if s.type is int]


def test_every_number_has_a_range_that_holds_its_default() -> None:
    assert NUMBERS, "the kiosk has number settings"
    for s in NUMBERS:
        assert s.minimum is not None, s.name
        assert s.maximum is not None, s.name
        assert s.minimum <= s.default <= s.maximum, s.name


@pytest.mark.parametrize("setting", NUMBERS, ids=lambda s: s.name)
def test_numbers_outside_their_range_are_refused_with_the_range(tmp_path, setting) -> None:
    assert setting.minimum is not None
    assert setting.maximum is not None
    for value in (setting.minimum - 1, setting.maximum + 1):
        path = write(tmp_path, f'clinic_name = "A"\n{setting.name} = {value}\n')
        with pytest.raises(SettingsError) as caught:
            load_settings(path)
        assert str(caught.value) == (
            f"{path}:2: {setting.name}: must be between {setting.minimum} and "
            f"{setting.maximum}, not {value}"
        )
    for value in (setting.minimum, setting.maximum):
        path = write(tmp_path, f"{setting.name} = {value}\n")
        assert getattr(load_settings(path), setting.name) == value


def test_a_kiosk_that_never_resets_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="idle_seconds: must be between 20 and 3600"):
        load_settings(write(tmp_path, "idle_seconds = 99999999999\n"))


def test_settings_are_a_typed_frozen_dataclass() -> None:
    settings = Settings()
    with pytest.raises(AttributeError):
        settings.idle_seconds = 5  # type: ignore[misc]  # the point: it is frozen
    for s in DECLARED:
        assert isinstance(getattr(settings, s.name), s.type), s.name
        assert s.doc, s.name
