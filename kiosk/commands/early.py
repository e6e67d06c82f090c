"""Checks before Qt starts: is there a display, and can the platform plugin load here?

Without them Qt aborts (exit 134) with a message that misleads: with no display at all it says
that ``libxcb-cursor0`` is needed, though it is installed. Here the same situations give one
line naming what is wrong and what to do, and exit code 2.

The libraries are looked for where the dynamic loader looks (the bundle's own folders,
``LD_LIBRARY_PATH``, the folders in ``/etc/ld.so.conf``, the default folders): ``stat`` calls
only, a few milliseconds in all. Only a library not found there is handed to the
loader itself (``dlopen``), which has the last word: nothing is reported missing that the
loader can load.
"""

from __future__ import annotations

import ctypes
import glob
import importlib.util
import os
import sys
from collections.abc import Callable, Iterable, Mapping, MutableMapping, Sequence
from pathlib import Path

from kiosk import paths
from kiosk.commands.prologue import program_name

# Library -> the Debian package that provides it. What Qt's own libraries need whatever the
# platform (offscreen included), then what each platform plugin adds. From the plugins'
# ELF dependencies (PySide6 6.11); tests/commands/test_early.py compares them with what
# the installed plugin asks the loader for.
QT_LIBRARIES: Mapping[str, str] = {
    "libGL.so.1": "libgl1",
    "libEGL.so.1": "libegl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libX11.so.6": "libx11-6",
    "libxcb.so.1": "libxcb1",  # libX11's own connection to the X server, loaded with it
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libdbus-1.so.3": "libdbus-1-3",
}
PLATFORM_LIBRARIES: Mapping[str, Mapping[str, str]] = {
    "xcb": {
        "libX11-xcb.so.1": "libx11-xcb1",
        "libxcb-cursor.so.0": "libxcb-cursor0",
        "libxcb-icccm.so.4": "libxcb-icccm4",
        "libxcb-image.so.0": "libxcb-image0",
        "libxcb-keysyms.so.1": "libxcb-keysyms1",
        "libxcb-randr.so.0": "libxcb-randr0",
        "libxcb-render.so.0": "libxcb-render0",
        "libxcb-render-util.so.0": "libxcb-render-util0",
        "libxcb-shape.so.0": "libxcb-shape0",
        "libxcb-shm.so.0": "libxcb-shm0",
        "libxcb-sync.so.1": "libxcb-sync1",
        "libxcb-util.so.1": "libxcb-util1",
        "libxcb-xfixes.so.0": "libxcb-xfixes0",
        "libxcb-xkb.so.1": "libxcb-xkb1",
        "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    },
    "wayland": {
        "libwayland-client.so.0": "libwayland-client0",
        "libwayland-cursor.so.0": "libwayland-cursor0",
    },
}
DEFAULT_DIRS = ("/lib", "/usr/lib", "/lib64", "/usr/lib64")

Loader = Callable[[str], bool]


def platforms(environ: Mapping[str, str]) -> list[str]:
    """The platform plugins Qt will try, in order: ``QT_QPA_PLATFORM``, else what Qt picks
    (X11, unless the session says it is Wayland; ``WAYLAND_DISPLAY`` alone does not)."""
    chosen = environ.get("QT_QPA_PLATFORM", "")
    if chosen:
        # "wayland;xcb" is a list to try in turn; "xcb:option=value" passes options.
        return [p.split(":", 1)[0].strip() for p in chosen.split(";") if p.strip()]
    return ["wayland", "xcb"] if environ.get("XDG_SESSION_TYPE") == "wayland" else ["xcb"]


def display_problem(environ: Mapping[str, str]) -> str:
    """Why no window can open here, or "" (asked on Linux only)."""
    try_offscreen = (
        f"to try the kiosk without one: QT_QPA_PLATFORM=offscreen {program_name()} run --windowed"
    )
    chosen = environ.get("QT_QPA_PLATFORM")
    if not chosen and not (environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY")):
        return f"no display: DISPLAY and WAYLAND_DISPLAY are not set ({try_offscreen})"
    if platforms(environ) == ["xcb"] and not environ.get("DISPLAY"):
        if chosen:
            return f"no display: QT_QPA_PLATFORM is xcb but DISPLAY is not set ({try_offscreen})"
        return (
            "no display: DISPLAY is not set and Qt uses X11 unless told otherwise (on Wayland: "
            "QT_QPA_PLATFORM=wayland)"
        )
    return ""


def bundle_dirs() -> list[Path]:
    """Where this installation keeps libraries of its own: the build's folder, Qt's lib."""
    found = [paths.bundle_root()] if paths.IS_FROZEN else []
    try:
        spec = importlib.util.find_spec("PySide6")  # finds the package without loading Qt
    except (ImportError, ValueError):
        spec = None
    locations = (spec.submodule_search_locations or []) if spec else []
    return [*found, *(Path(location) / "Qt" / "lib" for location in locations)]


def _conf_dirs(conf: Path, depth: int = 0) -> list[str]:
    """The folders ``/etc/ld.so.conf`` names, its ``include`` lines followed."""
    try:
        lines = conf.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []
    found = []
    for raw in lines:
        line = raw.split("#", 1)[0].strip()
        if line.startswith("include") and depth < 4:
            pattern = line.split(None, 1)[1] if " " in line else ""
            if pattern and not os.path.isabs(pattern):
                pattern = str(conf.parent / pattern)
            for name in sorted(glob.glob(pattern)):
                found += _conf_dirs(Path(name), depth + 1)
        elif line:
            found.append(line)
    return found


def loader_dirs(environ: Mapping[str, str]) -> list[Path]:
    """The folders the dynamic loader searches, roughly in its order."""
    listed = [*bundle_dirs()]
    listed += [Path(d) for d in environ.get("LD_LIBRARY_PATH", "").split(":") if d]
    listed += [Path(d) for d in _conf_dirs(Path("/etc/ld.so.conf"))]
    listed += [Path(d) for d in DEFAULT_DIRS]
    return list(dict.fromkeys(listed))


def can_load(name: str) -> bool:
    """The dynamic loader's own answer: can ``name`` be loaded here?"""
    try:
        ctypes.CDLL(name, mode=os.RTLD_LAZY)
    except OSError:
        return False
    return True


def missing_libraries(
    libraries: Iterable[str], dirs: Sequence[Path], load: Loader = can_load
) -> list[str]:
    """Those of ``libraries`` that are in none of ``dirs`` and that the loader cannot load."""
    return [
        name for name in libraries if not any((d / name).exists() for d in dirs) and not load(name)
    ]


def library_problem(
    environ: Mapping[str, str],
    *,
    dirs: Sequence[Path] | None = None,
    load: Loader = can_load,
    qt: Mapping[str, str] = QT_LIBRARIES,
    plugins: Mapping[str, Mapping[str, str]] = PLATFORM_LIBRARIES,
) -> str:
    """What is missing for Qt to start on any of the platforms it would try, or ""."""
    searched = loader_dirs(environ) if dirs is None else dirs
    first = ""
    for platform in platforms(environ):
        wanted = {**qt, **plugins.get(platform, {})}
        missing = missing_libraries(wanted, searched, load)
        if not missing:
            return ""  # Qt goes down the list: one platform that can start is enough
        if not first:
            packages = list(dict.fromkeys(wanted[name] for name in missing))
            first = (
                f"the {platform} platform cannot start: {', '.join(missing)} "
                f"{'is' if len(missing) == 1 else 'are'} missing (Debian "
                f"package{'s' * (len(packages) > 1)} {' '.join(packages)})"
            )
    return first


def prepare_qt(*, needs_display: bool, environ: MutableMapping[str, str] | None = None) -> str:
    """Ready the environment for Qt; the one line why Qt cannot start here, or "" if it can.

    A command that works without a screen (``needs_display`` False: leaflets) is moved to Qt's
    offscreen platform when there is no display and no platform was chosen, as Qt would not
    choose it by itself. Only Linux is checked: Windows and macOS always have a screen.
    """
    env = os.environ if environ is None else environ
    if not sys.platform.startswith("linux"):
        return ""
    trouble = display_problem(env)
    if trouble and not needs_display and not env.get("QT_QPA_PLATFORM"):
        env["QT_QPA_PLATFORM"] = "offscreen"
        trouble = ""
    return trouble or library_problem(env)
