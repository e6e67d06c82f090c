"""The full-screen kiosk on a real X server (Xvfb), driven by real input events.

Each test starts the kiosk as an installer does (``python -m kiosk run --config FILE``) on its own
Xvfb display, with no window manager: nothing but the kiosk itself keeps it on screen, so every
check is about what the application does, not what a desktop would do for it.

What each step proves:

- The window fills the screen (``xdotool getwindowgeometry``) without a window manager's help.
- Its X properties are what a window manager or compositor reads: no decorations
  (``_MOTIF_WM_HINTS``), full screen and above other windows (``_NET_WM_STATE``).
- The pointer over it is invisible (the XFIXES cursor image is fully transparent).
- The kiosk window holds the X input focus, so the key presses that follow, sent through XTEST
  (``xdotool key`` without ``--window``: the same path as a physical keyboard), reach it.
- After Escape, F11, Ctrl+Q, Ctrl+W, Ctrl+F4, Alt+F4, Alt+Space and Alt+Tab, and after a
  ``WM_DELETE_WINDOW`` message (what a window manager sends for Alt+F4 or a title-bar close
  button), the process is still running and its window is still mapped at full-screen size.
- SIGTERM (``systemctl stop``, shutdown) ends it with exit code 0 and a log file in ``log_dir``.

A control test runs the same kiosk ``--windowed``: there the same ``WM_DELETE_WINDOW`` message does
close it and its pointer is visible, so the locked run's results are the lockdown's doing and not
a message or a cursor check that can never fail.
"""

from __future__ import annotations

import ctypes
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kiosk.core.pin import hash_pin
from tests.integration.xvfb import kiosk_env, xdotool, xvfb

pytestmark = pytest.mark.slow

SCREEN = (1280, 800)
START_TIMEOUT = 20.0  # seconds for the kiosk's window to appear
SETTLE = 0.4  # seconds for the kiosk to act on one event (closing takes well under this)
ESCAPE_KEYS = (
    "Escape",
    "F11",
    "ctrl+q",
    "ctrl+w",
    "ctrl+F4",
    "alt+F4",
    "alt+space",
    "alt+Tab",
)
CLIENT_MESSAGE = 33  # X11 event type
SUCCESS = 0

REQUIRED = ("Xvfb", "xdotool")
MISSING = [tool for tool in REQUIRED if shutil.which(tool) is None]
if MISSING:
    pytest.skip(
        f"{' and '.join(MISSING)} not installed: run deploy/linux/system-packages.sh test",
        allow_module_level=True,
    )


# --- A little Xlib through ctypes: sending WM_DELETE_WINDOW and reading properties --------------


class _ClientMessage(ctypes.Structure):
    _fields_ = (
        ("type", ctypes.c_int),
        ("serial", ctypes.c_ulong),
        ("send_event", ctypes.c_int),
        ("display", ctypes.c_void_p),
        ("window", ctypes.c_ulong),
        ("message_type", ctypes.c_ulong),
        ("format", ctypes.c_int),
        ("data", ctypes.c_long * 5),
    )


class _XEvent(ctypes.Union):
    _fields_ = (("xclient", _ClientMessage), ("pad", ctypes.c_long * 24))


class _CursorImage(ctypes.Structure):
    _fields_ = (
        ("x", ctypes.c_short),
        ("y", ctypes.c_short),
        ("width", ctypes.c_ushort),
        ("height", ctypes.c_ushort),
        ("xhot", ctypes.c_ushort),
        ("yhot", ctypes.c_ushort),
        ("cursor_serial", ctypes.c_ulong),
        ("pixels", ctypes.POINTER(ctypes.c_ulong)),
        ("atom", ctypes.c_ulong),
        ("name", ctypes.c_char_p),
    )


_ErrorHandler = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)


class X11:
    """One client connection. X errors are counted instead of ending the test run."""

    def __init__(self, display: str) -> None:
        self.lib = ctypes.CDLL("libX11.so.6")
        self.fixes = ctypes.CDLL("libXfixes.so.3")
        self.lib.XOpenDisplay.restype = ctypes.c_void_p
        self.lib.XInternAtom.restype = ctypes.c_ulong
        self.lib.XInternAtom.argtypes = (ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int)
        self.fixes.XFixesGetCursorImage.restype = ctypes.POINTER(_CursorImage)
        self.fixes.XFixesGetCursorImage.argtypes = (ctypes.c_void_p,)
        self.errors = 0
        self._handler = _ErrorHandler(self._on_error)  # kept referenced while installed
        self.lib.XSetErrorHandler(self._handler)
        self.dpy = self.lib.XOpenDisplay(display.encode())
        assert self.dpy, f"cannot open X display {display}"

    def _on_error(self, _dpy: int, _event: int) -> int:
        self.errors += 1
        return 0

    def close(self) -> None:
        self.lib.XCloseDisplay(ctypes.c_void_p(self.dpy))

    def atom(self, name: str) -> int:
        return self.lib.XInternAtom(self.dpy, name.encode(), 0)

    def request_close(self, window: int) -> None:
        """Send WM_DELETE_WINDOW, as a window manager does for Alt+F4 or its close button."""
        event = _XEvent()
        msg = event.xclient
        msg.type, msg.window, msg.format = CLIENT_MESSAGE, window, 32
        msg.message_type = self.atom("WM_PROTOCOLS")
        msg.data[0], msg.data[1] = self.atom("WM_DELETE_WINDOW"), 0  # 0: CurrentTime
        sent = self.lib.XSendEvent(
            ctypes.c_void_p(self.dpy), ctypes.c_ulong(window), 0, 0, ctypes.byref(event)
        )
        self.lib.XSync(ctypes.c_void_p(self.dpy), 0)
        assert sent, "XSendEvent failed"

    def longs(self, window: int, name: str) -> list[int]:
        """A 32-bit property (atoms, cardinals) as integers; [] when it is not set."""
        kind, fmt = ctypes.c_ulong(), ctypes.c_int()
        count, after = ctypes.c_ulong(), ctypes.c_ulong()
        data = ctypes.POINTER(ctypes.c_ulong)()
        status = self.lib.XGetWindowProperty(
            ctypes.c_void_p(self.dpy),
            ctypes.c_ulong(window),
            ctypes.c_ulong(self.atom(name)),
            ctypes.c_long(0),
            ctypes.c_long(64),
            0,
            ctypes.c_ulong(0),  # AnyPropertyType
            ctypes.byref(kind),
            ctypes.byref(fmt),
            ctypes.byref(count),
            ctypes.byref(after),
            ctypes.byref(data),
        )
        if status != SUCCESS or not data:
            return []
        try:
            return [data[i] for i in range(count.value)] if fmt.value == 32 else []
        finally:
            self.lib.XFree(data)

    def cursor_is_blank(self) -> bool:
        """Whether the pointer, where it is now, shows nothing (every pixel transparent)."""
        image = self.fixes.XFixesGetCursorImage(self.dpy)
        assert image, "XFixesGetCursorImage failed"
        try:
            cursor = image.contents
            pixels = [cursor.pixels[i] for i in range(cursor.width * cursor.height)]
        finally:
            self.lib.XFree(image)
        return all((p >> 24) & 0xFF == 0 for p in pixels)


# --- Fixtures: the X server, the client connection, the kiosk process --------------------------


@pytest.fixture(scope="module")
def xserver() -> Iterator[str]:
    """An Xvfb of its own on the first free display number (``-displayfd``)."""
    with xvfb(f"{SCREEN[0]}x{SCREEN[1]}") as display:
        yield display


@pytest.fixture
def x11(xserver: str) -> Iterator[X11]:
    client = X11(xserver)
    yield client
    client.close()


class Kiosk:
    def __init__(self, xserver: str, folder: Path, *args: str) -> None:
        env = kiosk_env(xserver, folder)
        self.display = xserver
        self.output_path = folder / "kiosk-output.txt"
        self.output = self.output_path.open("w", encoding="utf-8")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "kiosk", "run", *args],
            env=env,
            stdout=self.output,
            stderr=subprocess.STDOUT,
        )

    def xdotool(self, *args: str, check: bool = True) -> str:
        return xdotool(self.display, *args, check=check)

    def said(self) -> str:
        self.output.flush()
        return self.output_path.read_text(encoding="utf-8", errors="replace")

    def visible_windows(self) -> list[int]:
        out = self.xdotool("search", "--onlyvisible", "--pid", str(self.proc.pid), check=False)
        return [int(line) for line in out.split()]

    def wait_for_window(self) -> int:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, f"the kiosk exited early:\n{self.said()}"
            if windows := self.visible_windows():
                assert len(windows) == 1, f"expected one kiosk window, found {windows}"
                return windows[0]
            time.sleep(0.1)
        raise AssertionError(f"no kiosk window within {START_TIMEOUT} s:\n{self.said()}")

    def geometry(self, window: int) -> tuple[int, int, int, int]:
        shell = self.xdotool("getwindowgeometry", "--shell", str(window))
        values = dict(line.split("=", 1) for line in shell.split())
        return (int(values["X"]), int(values["Y"]), int(values["WIDTH"]), int(values["HEIGHT"]))

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=10)
        self.output.close()


@pytest.fixture
def start_kiosk(xserver: str, tmp_path: Path) -> Iterator[Callable[..., Kiosk]]:
    started: list[Kiosk] = []

    def start(*args: str) -> Kiosk:
        kiosk = Kiosk(xserver, tmp_path, *args)
        started.append(kiosk)
        return kiosk

    yield start
    for kiosk in started:
        kiosk.stop()


def write_settings(tmp_path: Path) -> tuple[Path, Path]:
    log_dir = tmp_path / "logs"
    config = tmp_path / "kiosk.toml"
    config.write_text(
        "\n".join(
            (
                'clinic_name = "Xvfb Test Clinic"',
                "fullscreen = true",
                f'staff_pin_hash = "{hash_pin("4826")}"',
                "idle_seconds = 3600",
                "warning_seconds = 30",
                "hide_cursor = true",
                f'log_dir = "{log_dir.as_posix()}"',
                "",
            )
        ),
        encoding="utf-8",
    )
    return config, log_dir


# --- The tests ----------------------------------------------------------------------------------


def test_full_screen_kiosk_survives_escape_keys_and_close_requests(
    start_kiosk, x11: X11, tmp_path: Path
) -> None:
    config, log_dir = write_settings(tmp_path)
    kiosk = start_kiosk("--config", str(config))
    window = kiosk.wait_for_window()
    full_screen = (0, 0, *SCREEN)
    time.sleep(SETTLE)  # let the first layout and any resize settle

    def assert_still_there(after: str) -> None:
        time.sleep(SETTLE)
        assert kiosk.proc.poll() is None, f"the kiosk exited after {after}:\n{kiosk.said()}"
        assert window in kiosk.visible_windows(), f"the kiosk window was unmapped by {after}"
        assert kiosk.geometry(window) == full_screen, f"not full screen after {after}"

    assert kiosk.geometry(window) == full_screen, (
        f"the locked kiosk does not cover the {SCREEN[0]}x{SCREEN[1]} screen by itself "
        f"(no window manager here)"
    )
    # _MOTIF_WM_HINTS: flags, functions, decorations, ...; flag 2 says "decorations given".
    motif = x11.longs(window, "_MOTIF_WM_HINTS")
    assert len(motif) >= 3, f"no _MOTIF_WM_HINTS decorations field: {motif}"
    assert motif[0] & 2, f"_MOTIF_WM_HINTS does not set decorations: {motif}"
    assert motif[2] == 0, f"not frameless: _MOTIF_WM_HINTS asks for decorations {motif[2]}"
    states = set(x11.longs(window, "_NET_WM_STATE"))
    assert x11.atom("_NET_WM_STATE_FULLSCREEN") in states, "not marked full screen"
    assert x11.atom("_NET_WM_STATE_ABOVE") in states, "not marked to stay on top"

    kiosk.xdotool("mousemove", str(SCREEN[0] // 2), str(SCREEN[1] // 2))
    time.sleep(SETTLE)
    assert x11.cursor_is_blank(), "the pointer is visible over the locked kiosk"

    kiosk.xdotool("windowfocus", "--sync", str(window))
    assert int(kiosk.xdotool("getwindowfocus").strip()) == window, "kiosk has no input focus"
    for keys in ESCAPE_KEYS:
        kiosk.xdotool("key", keys)
        assert_still_there(keys)

    x11.request_close(window)
    assert_still_there("a WM_DELETE_WINDOW close request")
    assert x11.errors == 0, "X errors while talking to the kiosk window"

    kiosk.proc.send_signal(signal.SIGTERM)
    try:
        code = kiosk.proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        raise AssertionError(f"no exit within 10 s of SIGTERM:\n{kiosk.said()}") from None
    assert code == 0, f"exit code {code} after SIGTERM:\n{kiosk.said()}"
    logs = [p for p in log_dir.glob("*.log") if p.stat().st_size > 0]
    assert logs, f"no log file in {log_dir}:\n{kiosk.said()}"


def test_control_an_unlocked_window_does_close_and_shows_the_pointer(
    start_kiosk, x11: X11, tmp_path: Path
) -> None:
    """The same close request and cursor check on ``--windowed``: both can fail."""
    config, _ = write_settings(tmp_path)
    kiosk = start_kiosk("--windowed", "--config", str(config))
    window = kiosk.wait_for_window()
    time.sleep(SETTLE)
    x, y, width, height = kiosk.geometry(window)
    kiosk.xdotool("mousemove", str(x + width // 2), str(y + height // 2))
    time.sleep(SETTLE)
    assert not x11.cursor_is_blank(), "the cursor check cannot see a visible pointer"

    x11.request_close(window)
    try:
        code = kiosk.proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        raise AssertionError(
            f"WM_DELETE_WINDOW did not close the windowed kiosk:\n{kiosk.said()}"
        ) from None
    assert code == 0, f"exit code {code} after closing the window:\n{kiosk.said()}"
