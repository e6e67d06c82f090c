"""The kiosk's settings: declared once, as a typed frozen dataclass, and read from TOML.

Each field of ``Settings`` is the whole declaration of one setting: its type (the annotation),
its default, its one-line description, and for numbers the range it must lie in. The loader,
the README's settings table and type checkers all read that one place.
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
import typing
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from kiosk.core.pin import is_pin_hash

Check = Callable[[Any], str]  # returns "" when the value is fine, else what is wrong
T = TypeVar("T")


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


def setting(
    default: T,
    doc: str,
    *,
    minimum: int | None = None,
    maximum: int | None = None,
    error: Check | None = None,
    warning: Check | None = None,
) -> T:
    """One setting's declaration: a dataclass field whose metadata the loader and README use.

    Typed as its default so that ``Settings`` reads as plain typed fields to a type checker.
    """
    meta = {"doc": doc, "min": minimum, "max": maximum, "error": error, "warning": warning}
    field: T = dataclasses.field(default=default, metadata=meta)
    return field


@dataclass(frozen=True)
class Settings:
    """Settings in force: the defaults overlaid with the settings file."""

    clinic_name: str = setting("", "Clinic name shown at the top of every screen and on leaflets.")
    logo: str = setting("", "Image file of the clinic's logo for leaflets (PNG or SVG).")
    content_dir: str = setting(
        "",
        "Folder of content packs used instead of the bundled one (empty: a `content/` folder "
        "beside the program if there is one, else the bundled pack).",
    )
    language: str = setting("en-GB", "Language of the content pack to show (its folder name).")
    fullscreen: bool = setting(
        True, "Start full screen and locked down; `false` opens a normal window (as `--windowed`)."
    )
    idle_seconds: int = setting(
        90,
        'Seconds without a touch before the kiosk asks "Are you still reading?".',
        minimum=20,
        maximum=3600,
    )
    warning_seconds: int = setting(
        30,
        "Seconds the question stays up, counting down, before the kiosk starts again for the "
        "next person. Under 20 is allowed for testing, with a warning.",
        minimum=1,
        maximum=300,
        warning=_short_warning,
    )
    staff_pin_hash: str = setting(
        "",
        "Hash of the staff PIN, made by `kiosk hash-pin`. Empty: no staff access in full screen.",
        error=_pin_hash,
    )
    printer: str = setting("", "Printer for leaflets (empty: the system's default printer).")
    patient_printing: bool = setting(
        False, 'Let patients print a leaflet themselves with a "Print this for me" button.'
    )
    patient_print_limit: int = setting(
        2,
        "Most leaflets one patient can print with that button before the kiosk resets.",
        minimum=1,
        maximum=20,
    )
    collect_from: str = setting(
        "the reception desk",
        'Where patients collect what they printed (completes "Please collect it from ...").',
    )
    speech_engine: str = setting(
        "",
        "Text-to-speech engine for read aloud (empty: the system's; `speechd` on Linux, "
        "`winrt` or `sapi` on Windows; `none`: no read aloud).",
    )
    hide_cursor: bool = setting(True, "Hide the mouse pointer when full screen (touchscreens).")
    log_dir: str = setting("", "Folder for log files (empty: the system's log folder).")
    stats_enabled: bool = setting(
        True, "Count anonymous use (pages read, prints); `false` records nothing at all."
    )
    stats_retention_days: int = setting(
        400,
        "Days of usage statistics to keep; older days are deleted (checked once a day).",
        minimum=1,
        maximum=3650,
    )


@dataclass(frozen=True)
class Setting:
    """One declared setting, as the loader and the README table see it."""

    name: str
    type: type
    default: Any
    doc: str
    minimum: int | None = None
    maximum: int | None = None
    error: Check | None = None  # a value this returns text for is refused
    warning: Check | None = None  # a value this returns text for is used, with a warning

    def problem(self, value: Any) -> str:
        """Why ``value`` (already of the right type) is refused, or ""."""
        low, high = self.minimum, self.maximum
        if (low is not None and value < low) or (high is not None and value > high):
            if low is not None and high is not None:
                return f"must be between {low} and {high}, not {value}"
            return f"must be {low} or more" if low is not None else f"must be {high} or less"
        return self.error(value) if self.error else ""


def _declared() -> tuple[Setting, ...]:
    hints = typing.get_type_hints(Settings)
    return tuple(
        Setting(
            f.name,
            hints[f.name],
            f.default,
            f.metadata["doc"],
            f.metadata["min"],
            f.metadata["max"],
            f.metadata["error"],
            f.metadata["warning"],
        )
        for f in dataclasses.fields(Settings)
    )


# The one declaration, as a list. The README's settings table is generated from it.
DECLARED: tuple[Setting, ...] = _declared()


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


def load_settings(path: Path | None, warnings: list[str] | None = None) -> Settings:
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
        if problem := setting.problem(value):
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
        kind = _type_name(s.type)
        if s.minimum is not None and s.maximum is not None:
            kind += f", {s.minimum} to {s.maximum}"
        rows.append(f"| `{s.name}` | {kind} | {default} | {s.doc} |")
    return "\n".join(rows)
