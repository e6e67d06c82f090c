"""The kiosk's settings: declared once (name, type, default, description), read from TOML."""

from __future__ import annotations

import dataclasses
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.core.pin import is_pin_hash

Check = Callable[[Any], str]  # returns "" when the value is fine, else what is wrong


@dataclass(frozen=True)
class Setting:
    name: str
    type: type
    default: Any
    doc: str
    error: Check | None = None  # a value this returns text for is refused
    warning: Check | None = None  # a value this returns text for is used, with a warning


def _at_least(minimum: int) -> Check:
    return lambda v: "" if v >= minimum else f"must be {minimum} or more"


def _pin_hash(value: str) -> str:
    if value and not is_pin_hash(value):
        return "is not a PIN hash: create one with 'kiosk hash-pin'"
    return ""


def _short_warning(value: int) -> str:
    if value < 20:
        return (
            f"{value} seconds is less than the 20 seconds a patient needs to respond (WCAG 2.2.1)"
        )
    return ""


# The one declaration. The README's settings table is generated from it (tests check it).
DECLARED: tuple[Setting, ...] = (
    Setting(
        "clinic_name", str, "", "Clinic name shown at the top of every screen and on leaflets."
    ),
    Setting("logo", str, "", "Image file of the clinic's logo for leaflets (PNG or SVG)."),
    Setting(
        "content_dir",
        str,
        "",
        "Folder of content packs used instead of the bundled one (empty: a `content/` folder "
        "beside the program if there is one, else the bundled pack).",
    ),
    Setting("language", str, "en-GB", "Language of the content pack to show (its folder name)."),
    Setting(
        "fullscreen",
        bool,
        True,
        "Start full screen and locked down; `false` opens a normal window (as `--windowed`).",
    ),
    Setting(
        "idle_seconds",
        int,
        90,
        'Seconds without a touch before the kiosk asks "Are you still reading?".',
        error=_at_least(5),
    ),
    Setting(
        "warning_seconds",
        int,
        30,
        "Seconds the question stays up, counting down, before the kiosk starts again for the "
        "next person. Under 20 is allowed for testing, with a warning.",
        error=_at_least(1),
        warning=_short_warning,
    ),
    Setting(
        "staff_pin_hash",
        str,
        "",
        "Hash of the staff PIN, made by `kiosk hash-pin`. Empty: no staff access in full screen.",
        error=_pin_hash,
    ),
    Setting("printer", str, "", "Printer for leaflets (empty: the system's default printer)."),
    Setting(
        "patient_printing",
        bool,
        False,
        'Let patients print a leaflet themselves with a "Print this for me" button.',
    ),
    Setting(
        "patient_print_limit",
        int,
        2,
        "Most leaflets one patient can print with that button before the kiosk resets.",
        error=_at_least(1),
    ),
    Setting(
        "collect_from",
        str,
        "the reception desk",
        'Where patients collect what they printed (completes "Please collect it from ...").',
    ),
    Setting(
        "speech_engine",
        str,
        "",
        "Text-to-speech engine for read aloud (empty: the system's; `speechd` on Linux, "
        "`winrt` or `sapi` on Windows; `none`: no read aloud).",
    ),
    Setting("hide_cursor", bool, True, "Hide the mouse pointer when full screen (touchscreens)."),
    Setting("log_dir", str, "", "Folder for log files (empty: the system's log folder)."),
    Setting(
        "stats_enabled",
        bool,
        True,
        "Count anonymous use (pages read, prints); `false` records nothing at all.",
    ),
    Setting(
        "stats_retention_days",
        int,
        400,
        "Days of usage statistics to keep; older days are deleted (checked once a day).",
        error=_at_least(1),
    ),
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


def load_settings(path: Path | None, warnings: list[str] | None = None) -> Any:
    """Read ``path`` (or return the defaults when it is None). Raises SettingsError.

    Values that are allowed but unwise are used, and described in ``warnings``.
    """
    if path is None:
        return Settings()
    try:
        # utf-8-sig: Windows editors (and PowerShell 5's Set-Content) write a byte-order mark.
        text = path.read_text(encoding="utf-8-sig")
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
        line = _line_of(text, key)
        if setting.error and (problem := setting.error(value)):
            raise SettingsError(path, line, key, problem)
        if setting.warning and (problem := setting.warning(value)) and warnings is not None:
            warnings.append(f"{path}:{line}: {key}: {problem}")
        values[key] = value
    return Settings(**values)


def settings_table() -> str:
    """The README's settings table, in Markdown."""
    rows = ["| setting | type | default | what it does |", "|---|---|---|---|"]
    for s in DECLARED:
        default = repr(s.default).lower() if s.type is bool else f"`{s.default!r}`"
        rows.append(f"| `{s.name}` | {_type_name(s.type)} | {default} | {s.doc} |")
    return "\n".join(rows)
