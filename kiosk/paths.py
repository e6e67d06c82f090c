"""The one place that knows where files are: bundled, clinic override, and user folders.

Works the same from a source checkout and from a PyInstaller build (where bundled files sit
under ``sys._MEIPASS``). Nothing else in the kiosk builds paths from ``__file__`` or ``_MEIPASS``.
"""

from __future__ import annotations

import sys
from pathlib import Path, PurePosixPath

import platformdirs

from kiosk import APP_ID

IS_FROZEN: bool = bool(getattr(sys, "frozen", False))


def bundle_root() -> Path:
    """Folder that holds the bundled ``content/`` and ``resources/``."""
    if IS_FROZEN:
        return Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent))
    return Path(__file__).resolve().parent.parent


def install_dir() -> Path:
    """Folder a clinic can put ``kiosk.toml`` and ``content/`` into, beside the program."""
    if IS_FROZEN:
        return Path(sys.executable).resolve().parent
    return bundle_root()


def bundled_content_dir() -> Path:
    return bundle_root() / "content"


def resource(relative: str) -> Path:
    """A bundled resource such as ``fonts/AtkinsonHyperlegible_400Regular.ttf``.

    Only plain relative paths inside ``resources/`` are accepted, so a setting or a content
    file can never walk out of the bundle.
    """
    parts = PurePosixPath(relative).parts
    if not parts or PurePosixPath(relative).is_absolute() or ".." in parts:
        raise ValueError(f"not a resource path: {relative!r}")
    return bundle_root().joinpath("resources", *parts)


def user_config_dir() -> Path:
    return Path(platformdirs.user_config_dir(APP_ID, appauthor=False))


def user_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_ID, appauthor=False))


def usage_database() -> Path:
    """The anonymous usage statistics (SQLite), shared by the kiosk and ``kiosk stats``."""
    return user_data_dir() / "usage.sqlite3"


def user_log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP_ID, appauthor=False))


SETTINGS_FILE_NAME = "kiosk.toml"


def settings_file(explicit: str | None = None) -> Path | None:
    """The settings file in force: ``--config``, else beside the program, else the user's."""
    if explicit:
        return Path(explicit)
    for candidate in (install_dir() / SETTINGS_FILE_NAME, user_config_dir() / SETTINGS_FILE_NAME):
        if candidate.is_file():
            return candidate
    return None


def content_root(explicit: str | None = None, configured: str = "") -> Path:
    """Where content packs come from: ``--content``, the setting, beside the program, bundled.

    A relative ``content_dir`` setting is taken from the program's folder, not from wherever
    the kiosk happened to be started (a service starts it in the kiosk user's home).
    """
    if explicit:
        return Path(explicit)
    if configured:
        path = Path(configured).expanduser()
        return path if path.is_absolute() else install_dir() / path
    beside = install_dir() / "content"
    if IS_FROZEN and beside.is_dir():
        return beside
    return bundled_content_dir()
