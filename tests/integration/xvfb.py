"""A real X server for tests and benchmarks: Xvfb on the first free display number.

``xvfb("1280x800")`` starts one of its own (``-displayfd``, so two never collide) and yields its
display name, ``":N"``; it is stopped when the block ends. Local clients of any account may
connect (no authorisation file), as a kiosk account must; ``log=PATH`` keeps what Xvfb prints.
``kiosk_env(display, folder)`` is the environment a kiosk process needs on it: the xcb platform,
and user folders under ``folder``.
"""

from __future__ import annotations

import os
import select
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

START_TIMEOUT = 20.0  # seconds for Xvfb to report its display number
USER_FOLDERS = ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME")


def missing() -> list[str]:
    return [tool for tool in ("Xvfb", "xdotool") if shutil.which(tool) is None]


@contextmanager
def xvfb(size: str = "1280x800", *extra: str, log: Path | None = None) -> Iterator[str]:
    read_fd, write_fd = os.pipe()
    output = log.open("wb") if log is not None else None
    server = subprocess.Popen(
        [
            "Xvfb",
            "-displayfd",
            str(write_fd),
            "-screen",
            "0",
            f"{size}x24",
            "-nolisten",
            "tcp",
            *extra,
        ],
        pass_fds=(write_fd,),
        stdout=output or subprocess.DEVNULL,
        stderr=subprocess.STDOUT if output else subprocess.DEVNULL,
    )
    os.close(write_fd)
    if output is not None:
        output.close()
    try:
        ready, _, _ = select.select([read_fd], [], [], START_TIMEOUT)
        number = os.read(read_fd, 32).decode().strip() if ready else ""
        if not number.isdigit():
            said = log.read_text(errors="replace") if log is not None else ""
            raise RuntimeError(
                f"Xvfb did not report a display number within {START_TIMEOUT} s: {said}"
            )
        yield f":{number}"
    finally:
        try:
            server.terminate()
            server.wait(timeout=10)
        finally:
            os.close(read_fd)  # only now: Xvfb may treat a closed -displayfd pipe as fatal


def kiosk_env(display: str, folder: Path, **extra: str) -> dict[str, str]:
    """The environment for a kiosk on ``display``, with its user folders under ``folder``."""
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
    env.pop("WAYLAND_DISPLAY", None)
    for var in USER_FOLDERS:
        env[var] = str(folder / var.lower())
    runtime = folder / "runtime"
    runtime.mkdir(mode=0o700, parents=True, exist_ok=True)
    env["XDG_RUNTIME_DIR"] = str(runtime)
    env.update(extra)
    return env


def xdotool(display: str, *args: str, check: bool = True) -> str:
    result = subprocess.run(
        ["xdotool", *args],
        env={**os.environ, "DISPLAY": display},
        capture_output=True,
        text=True,
        timeout=15,
        check=False,
    )
    if check and result.returncode != 0:
        raise AssertionError(f"xdotool {' '.join(args)}: {result.stderr}")
    return result.stdout
