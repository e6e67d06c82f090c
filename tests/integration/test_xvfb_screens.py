"""The locked kiosk on real X servers of the shapes clinics mount, from its very first frame.

Each case starts an Xvfb of that size and the kiosk as an installer does
(``python -m kiosk run --config FILE``, full screen and locked, no window manager), then:

- the window covers the screen exactly (``xdotool getwindowgeometry``): it never asks for more
  than the screen, so no edge is off it;
- the attract screen's first frame is whole: the screen is read back from the X server
  (``XGetImage`` on the root window) a moment after the window appears, well inside the 20 s
  before its text first moves, and the rows that hold text are found against the plain
  background. Its heading and subtitle wrap to at least four lines of text at every size here,
  and the first line must be as tall as 64 px text is. When the text block was sized before its
  font arrived it showed only the top half of one line of each (two bands about 20 px high).

3840x2160 runs with ``QT_SCALE_FACTOR=2``: a device pixel ratio of 2, laid out at 1920x1080.
"""

from __future__ import annotations

import ctypes
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.integration.xvfb import kiosk_env, missing, xdotool, xvfb

pytestmark = pytest.mark.slow

if missing():
    pytest.skip(
        f"{' and '.join(missing())} not installed: run deploy/linux/system-packages.sh test",
        allow_module_level=True,
    )

START_TIMEOUT = 30.0  # seconds for the window to appear and the attract text to be drawn
SETTLE = 1.0  # seconds after the text first shows: a late layout would have happened by then
HEADING_PX = 64  # the attract heading's size in logical pixels (kiosk/ui/theme.py)
ALL_PLANES = ~0
Z_PIXMAP = 2

CASES = (
    ("1080x1920", {}),
    ("800x1280", {}),
    ("1024x768", {}),
    ("3840x2160", {"QT_SCALE_FACTOR": "2"}),
)


class _XImage(ctypes.Structure):
    _fields_ = (
        ("width", ctypes.c_int),
        ("height", ctypes.c_int),
        ("xoffset", ctypes.c_int),
        ("format", ctypes.c_int),
        ("data", ctypes.POINTER(ctypes.c_char)),
        ("byte_order", ctypes.c_int),
        ("bitmap_unit", ctypes.c_int),
        ("bitmap_bit_order", ctypes.c_int),
        ("bitmap_pad", ctypes.c_int),
        ("depth", ctypes.c_int),
        ("bytes_per_line", ctypes.c_int),
        ("bits_per_pixel", ctypes.c_int),
    )


class Screen:
    """What the X server shows: its root window read back as rows of pixels."""

    def __init__(self, display: str) -> None:
        self.lib = ctypes.CDLL("libX11.so.6")
        self.lib.XOpenDisplay.restype = ctypes.c_void_p
        self.lib.XDefaultRootWindow.restype = ctypes.c_ulong
        self.lib.XDefaultRootWindow.argtypes = (ctypes.c_void_p,)
        self.lib.XGetImage.restype = ctypes.POINTER(_XImage)
        self.lib.XGetImage.argtypes = (
            ctypes.c_void_p,
            ctypes.c_ulong,
            ctypes.c_int,
            ctypes.c_int,
            ctypes.c_uint,
            ctypes.c_uint,
            ctypes.c_ulong,
            ctypes.c_int,
        )
        self.dpy = self.lib.XOpenDisplay(display.encode())
        assert self.dpy, f"cannot open X display {display}"

    def close(self) -> None:
        self.lib.XCloseDisplay(ctypes.c_void_p(self.dpy))

    def rows(self, width: int, height: int) -> list[bytes]:
        root = self.lib.XDefaultRootWindow(self.dpy)
        image = self.lib.XGetImage(self.dpy, root, 0, 0, width, height, ALL_PLANES, Z_PIXMAP)
        assert image, "XGetImage failed"
        try:
            info = image.contents
            step, used = info.bytes_per_line, width * info.bits_per_pixel // 8
            raw = ctypes.string_at(info.data, step * height)
        finally:
            self.lib.XDestroyImage(image)
        return [raw[y * step : y * step + used] for y in range(height)]


def text_bands(rows: list[bytes]) -> list[tuple[int, int]]:
    """The runs of rows (first, last) with anything but the background's colour in them."""
    pixel = len(rows[0]) // max(1, len(rows[0]) // 4)
    plain = rows[0][:pixel] * (len(rows[0]) // pixel)
    bands: list[tuple[int, int]] = []
    for y, row in enumerate(rows):
        if row == plain:
            continue
        if bands and bands[-1][1] == y - 1:
            bands[-1] = (bands[-1][0], y)
        else:
            bands.append((y, y))
    return bands


def write_settings(folder: Path) -> Path:
    config = folder / "kiosk.toml"
    config.write_text(
        "\n".join(
            (
                'clinic_name = "Riverside Women\'s Health"',
                "fullscreen = true",
                "idle_seconds = 3600",
                "hide_cursor = true",
                'speech_engine = "none"',  # the voice is tested elsewhere: this is the layout
                f'log_dir = "{(folder / "logs").as_posix()}"',
                "",
            )
        ),
        encoding="utf-8",
    )
    return config


@pytest.fixture(params=CASES, ids=[size + ("@2x" if env else "") for size, env in CASES])
def case(request, tmp_path: Path) -> Iterator[tuple[str, int, int, float, subprocess.Popen, Path]]:
    size, extra = request.param
    width, height = (int(n) for n in size.split("x"))
    scale = float(extra.get("QT_SCALE_FACTOR", "1"))
    config = write_settings(tmp_path)
    output = tmp_path / "kiosk-output.txt"
    with xvfb(size) as display, output.open("w", encoding="utf-8") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "kiosk", "run", "--config", str(config)],
            env=kiosk_env(display, tmp_path, **extra),
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            yield display, width, height, scale, proc, output
        finally:
            proc.kill()
            proc.wait(timeout=10)


def wait_for_window(display: str, proc: subprocess.Popen, output: Path) -> int:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        assert proc.poll() is None, f"the kiosk exited early:\n{output.read_text()}"
        found = xdotool(display, "search", "--onlyvisible", "--pid", str(proc.pid), check=False)
        if windows := [int(w) for w in found.split()]:
            assert len(windows) == 1, f"expected one kiosk window, found {windows}"
            return windows[0]
        time.sleep(0.1)
    raise AssertionError(f"no kiosk window within {START_TIMEOUT} s:\n{output.read_text()}")


def first_frame(screen: Screen, width: int, height: int) -> list[tuple[int, int]]:
    """The text bands once the attract text is on screen (not the blank first map)."""
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if text_bands(screen.rows(width, height)):
            time.sleep(SETTLE)
            return text_bands(screen.rows(width, height))
        time.sleep(0.1)
    raise AssertionError(f"no text on the screen within {START_TIMEOUT} s")


def test_the_locked_kiosk_fits_the_screen_and_its_first_frame_is_whole(case) -> None:
    display, width, height, scale, proc, output = case
    window = wait_for_window(display, proc, output)
    screen = Screen(display)
    try:
        bands = first_frame(screen, width, height)
    finally:
        screen.close()
    shell = xdotool(display, "getwindowgeometry", "--shell", str(window))
    geometry = dict(line.split("=", 1) for line in shell.split())
    placed = tuple(int(geometry[k]) for k in ("X", "Y", "WIDTH", "HEIGHT"))
    assert placed == (0, 0, width, height), (
        f"the kiosk window is at {placed}, not covering the {width}x{height} screen exactly"
    )
    heights = [last - first + 1 for first, last in bands]
    described = ", ".join(
        f"{h} px at y={first}" for h, (first, _l) in zip(heights, bands, strict=True)
    )
    assert len(bands) >= 4, f"the attract text shows {len(bands)} lines: {described}"
    tallest = HEADING_PX * scale / 2  # a capital and an ascender at 64 px are ~45 px tall
    assert heights[0] >= tallest, f"the heading's first line is cut: {described}"
    assert bands[0][0] > 0, f"text at the top edge of the screen: {described}"
    assert bands[-1][1] < height - 1, f"text at the bottom edge of the screen: {described}"
