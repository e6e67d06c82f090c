"""The kiosk's settings: declared once (name, type, default, description), read from TOML."""

from __future__ import annotations

import dataclasses
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Setting:
    name: str
    type: type
    default: Any
    doc: str


# The one declaration. The README's settings table is generated from it (tests check it).
DECLARED: tuple[Setting, ...] = (
    Setting("clinic_name", str, "", "Clinic name shown on the home screen and on leaflets."),
    Setting(
        "content_dir",
        str,
        "",
        "Folder of content packs used instead of the bundled one (empty: a `content/` folder "
        "beside the program if there is one, else the bundled pack).",
    ),
    Setting("language", str, "en-GB", "Language of the content pack to show (its folder name)."),
    Setting("fullscreen", bool, True, "Start full screen; `false` opens a normal window."),
)

Settings = dataclasses.make_dataclass(
    "Settings",
    [(s.name, s.type, dataclasses.field(default=s.default)) for s in DECLARED],
    frozen=True,
)
Settings.__doc__ = "Settings in force: the defaults overlaid with the settings file."
Settings.__module__ = __name__


class SettingsError(Exception):
    """A settings file that cannot be used, with where and why."""

    def __init__(self, path: Path, line: int, key: str, message: str) -> None:
        self.path, self.line, self.key, self.message = path, line, key, message
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {key}: {message}" if key else f"{where}: {message}")


def _line_of(text: str, key: str) -> int:
    pattern = re.compile(rf"^[ \t]*{re.escape(key)}[ \t]*=", re.MULTILINE)
    match = pattern.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else 0


def _type_name(t: type) -> str:
    return {str: "text", bool: "true or false", int: "a whole number"}.get(t, t.__name__)


def load_settings(path: Path | None) -> Any:
    """Read ``path`` (or return the defaults when it is None). Raises SettingsError."""
    if path is None:
        return Settings()
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise SettingsError(path, 0, "", f"cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise SettingsError(path, 0, "", "not UTF-8 text") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        # Python 3.11's message ends "(at line N, column M)"; 3.14 adds exc.lineno.
        found = re.search(r"\(at line (\d+), column \d+\)", str(exc))
        line = getattr(exc, "lineno", None) or (int(found[1]) if found else 0)
        message = str(exc)[: found.start()].strip() if found else str(exc)
        raise SettingsError(path, line, "", f"not valid TOML: {message}") from None
    known = {s.name: s for s in DECLARED}
    values: dict[str, Any] = {}
    for key, value in data.items():
        setting = known.get(key)
        if setting is None:
            raise SettingsError(path, _line_of(text, key), key, "unknown setting")
        # bool is a subclass of int: check exactly so `idle_seconds = true` is refused.
        if type(value) is not setting.type:
            raise SettingsError(
                path,
                _line_of(text, key),
                key,
                f"must be {_type_name(setting.type)}, not {value!r}",
            )
        values[key] = value
    return Settings(**values)


def settings_table() -> str:
    """The README's settings table, in Markdown."""
    rows = ["| setting | type | default | what it does |", "|---|---|---|---|"]
    for s in DECLARED:
        default = repr(s.default).lower() if s.type is bool else f"`{s.default!r}`"
        rows.append(f"| `{s.name}` | {_type_name(s.type)} | {default} | {s.doc} |")
    return "\n".join(rows)
