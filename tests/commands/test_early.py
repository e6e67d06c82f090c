"""The checks before Qt starts: no display, and a system library the platform plugin lacks."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kiosk.commands import early

ROOT = Path(__file__).resolve().parents[2]
DISPLAY_VARIABLES = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "XDG_SESSION_TYPE")
linux_only = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the display and library checks are for Linux"
)


def without_display(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in DISPLAY_VARIABLES}
    return {**env, **extra}


def kiosk(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        cwd=ROOT,
        check=False,
    )


def assert_one_line_exit_2(result: subprocess.CompletedProcess[str], *words: str) -> str:
    assert result.returncode == 2, result.stdout + result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("kiosk: ")
    for word in words:
        assert word in lines[0]
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    return lines[0]


# --- no display -------------------------------------------------------------------------------


@linux_only
@pytest.mark.parametrize("args", [[], ["run"], ["run", "--windowed"], ["--windowed"]])
def test_no_display_is_one_line_and_exit_2(args: list[str], tmp_path: Path) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text(f'log_dir = "{tmp_path / "logs"}"\n', encoding="utf-8")
    result = kiosk(*args, "--config", str(config), env=without_display())
    line = assert_one_line_exit_2(result, "no display", "DISPLAY", "WAYLAND_DISPLAY")
    assert "QT_QPA_PLATFORM=offscreen" in line, "says how to try the kiosk without one"
    assert not (tmp_path / "logs").exists(), "checked before anything else started"


@linux_only
def test_x11_chosen_without_display_is_one_line_and_exit_2() -> None:
    result = kiosk("run", "--windowed", env=without_display(QT_QPA_PLATFORM="xcb"))
    assert_one_line_exit_2(result, "no display", "QT_QPA_PLATFORM is xcb", "DISPLAY")
    smoke = kiosk("smoke-test", env=without_display(QT_QPA_PLATFORM="xcb"))
    assert_one_line_exit_2(smoke, "no display")


@linux_only
def test_wayland_display_alone_is_not_enough_for_qt() -> None:
    """Qt picks X11 unless told (or the session says Wayland): WAYLAND_DISPLAY alone aborts."""
    result = kiosk("run", "--windowed", env=without_display(WAYLAND_DISPLAY="wayland-9"))
    assert_one_line_exit_2(result, "DISPLAY is not set", "QT_QPA_PLATFORM=wayland")


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, ["xcb"]),
        ({"DISPLAY": ":0"}, ["xcb"]),
        ({"WAYLAND_DISPLAY": "wayland-0", "XDG_SESSION_TYPE": "wayland"}, ["wayland", "xcb"]),
        ({"QT_QPA_PLATFORM": "wayland;xcb"}, ["wayland", "xcb"]),
        ({"QT_QPA_PLATFORM": "xcb:nograb", "DISPLAY": ":1"}, ["xcb"]),
        ({"QT_QPA_PLATFORM": "offscreen"}, ["offscreen"]),
    ],
)
def test_the_platforms_qt_will_try(env: dict[str, str], expected: list[str]) -> None:
    assert early.platforms(env) == expected


@pytest.mark.parametrize(
    "env",
    [
        {"DISPLAY": ":0"},
        {"QT_QPA_PLATFORM": "offscreen"},
        {"WAYLAND_DISPLAY": "wayland-0", "XDG_SESSION_TYPE": "wayland"},
        {"QT_QPA_PLATFORM": "wayland"},
    ],
)
def test_a_display_or_a_chosen_platform_is_enough(env: dict[str, str]) -> None:
    assert early.display_problem(env) == ""


@linux_only
def test_commands_without_a_screen_move_to_offscreen() -> None:
    env: dict[str, str] = {}
    early.prepare_qt(needs_display=False, environ=env)
    assert env == {"QT_QPA_PLATFORM": "offscreen"}
    chosen = {"QT_QPA_PLATFORM": "xcb"}
    assert "no display" in early.prepare_qt(needs_display=False, environ=chosen)
    assert chosen == {"QT_QPA_PLATFORM": "xcb"}, "a platform someone chose is left alone"


# --- missing libraries ------------------------------------------------------------------------

FAKE = "libkiosk-test-not-installed.so.7"


@linux_only
def test_a_missing_library_names_its_debian_package(tmp_path: Path) -> None:
    plugins = {"xcb": {**early.PLATFORM_LIBRARIES["xcb"], FAKE: "kiosk-test-package"}}
    found = early.library_problem({"DISPLAY": ":0"}, plugins=plugins)
    assert found == (
        f"the xcb platform cannot start: {FAKE} is missing (Debian package kiosk-test-package)"
    )


def test_every_missing_library_is_named_once_with_its_packages() -> None:
    qt = {"libone.so.1": "pkg-one", "libtwo.so.2": "pkg-two", "libtwo-extra.so.2": "pkg-two"}
    found = early.library_problem(
        {"QT_QPA_PLATFORM": "offscreen"}, dirs=[], load=lambda name: name == "libone.so.1", qt=qt
    )
    assert found == (
        "the offscreen platform cannot start: libtwo.so.2, libtwo-extra.so.2 are missing "
        "(Debian package pkg-two)"
    )


def test_one_platform_that_can_start_is_enough() -> None:
    plugins = {"wayland": {"libwayland-x.so.0": "libwayland-x0"}, "xcb": {}}
    env = {"QT_QPA_PLATFORM": "wayland;xcb"}
    assert early.library_problem(env, dirs=[], load=lambda n: False, qt={}, plugins=plugins) == ""
    only = {"QT_QPA_PLATFORM": "wayland"}
    found = early.library_problem(only, dirs=[], load=lambda n: False, qt={}, plugins=plugins)
    assert "libwayland-x.so.0 is missing (Debian package libwayland-x0)" in found


def test_a_library_found_on_disk_is_not_loaded(tmp_path: Path) -> None:
    """The fast path: a library in a searched folder costs a stat, not a dlopen."""
    (tmp_path / "libthere.so.1").write_bytes(b"")
    loaded: list[str] = []

    def load(name: str) -> bool:
        loaded.append(name)
        return False

    assert early.missing_libraries(["libthere.so.1", "libgone.so.1"], [tmp_path], load) == [
        "libgone.so.1"
    ]
    assert loaded == ["libgone.so.1"], "only what is not on disk is asked of the loader"


def test_the_loader_has_the_last_word() -> None:
    """A library the search misses (an unusual folder) is still found by dlopen."""
    assert early.missing_libraries(["libc.so.6"], dirs=[]) == []
    assert early.missing_libraries([FAKE], dirs=[]) == [FAKE]


@linux_only
def test_this_machine_has_what_every_platform_the_kiosk_uses_needs() -> None:
    """The real check, real folders, real loader: `make test` installs the runtime packages."""
    for env in ({"DISPLAY": ":0"}, {"QT_QPA_PLATFORM": "offscreen"}):
        assert early.library_problem(env) == ""
    started = time.perf_counter()
    early.prepare_qt(needs_display=True, environ={"DISPLAY": ":0"})
    elapsed = time.perf_counter() - started
    assert elapsed < 0.2, f"{elapsed * 1000:.0f} ms: the check must not slow the start"


@linux_only
def test_a_missing_library_stops_the_kiosk_with_one_line(tmp_path: Path) -> None:
    """The whole command, in its own process, with one more library wanted than exists."""
    config = tmp_path / "kiosk.toml"
    config.write_text(f'log_dir = "{tmp_path / "logs"}"\n', encoding="utf-8")
    script = (
        "import sys\n"
        "from kiosk.commands import early\n"
        f"early.PLATFORM_LIBRARIES['xcb'][{FAKE!r}] = 'kiosk-test-package'\n"
        "from kiosk.cli import main\n"
        f"code = main(['run', '--windowed', '--config', {str(config)!r}])\n"
        "qt = sorted(m for m in sys.modules if m.startswith('PySide6'))\n"
        "print(qt)\n"
        "sys.exit(code)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=60,
        env=without_display(DISPLAY=":99"),
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 2, result.stderr
    assert result.stderr == (
        f"kiosk: the xcb platform cannot start: {FAKE} is missing "
        "(Debian package kiosk-test-package)\n"
    )
    assert result.stdout.strip() == "[]", "Qt was never loaded"


# --- the list of libraries against the plugin ---------------------------------------------------


def installed_plugin(name: str) -> Path:
    import importlib.util

    spec = importlib.util.find_spec("PySide6")
    assert spec is not None
    assert spec.submodule_search_locations
    return Path(spec.submodule_search_locations[0]) / "Qt" / "plugins" / "platforms" / name


@linux_only
@pytest.mark.parametrize(
    ("plugin", "platform"), [("libqxcb.so", "xcb"), ("libqwayland.so", "wayland")]
)
def test_the_list_matches_what_the_plugin_asks_the_loader_for(plugin: str, platform: str) -> None:
    """ldd lists every library the plugin loads, Qt's own and the system's: the X11, xcb,
    xkb and Wayland ones must all be in the list, and nothing listed may be unknown to it."""
    path = installed_plugin(plugin)
    assert path.is_file(), f"PySide6 has no {plugin}"
    result = subprocess.run(["ldd", str(path)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    loaded = set(re.findall(r"^\s*(\S+\.so[.\d]*)\s", result.stdout, re.MULTILINE))
    listed = {**early.QT_LIBRARIES, **early.PLATFORM_LIBRARIES[platform]}
    families = ("libxcb", "libX11", "libxkbcommon", "libwayland")
    not_listed = {n for n in loaded if n.startswith(families)} - set(listed)
    assert not not_listed, f"{plugin} needs libraries the early check does not know"
    assert set(early.PLATFORM_LIBRARIES[platform]) <= loaded
