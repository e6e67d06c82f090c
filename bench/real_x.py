"""What the real-X-server start-up figures run against: an Xvfb and a speech service that hangs.

- ``x_server()``: a private Xvfb (the first free display number), no window manager.
- ``hung_speech_service(folder)``: a Unix socket that accepts every connection and never answers,
  which is what a speech-dispatcher stuck on its audio output looks like to a client. Point
  ``SPEECHD_ADDRESS=unix_socket:PATH`` at it.
"""

from __future__ import annotations

import os
import select
import socket
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

SCREEN = (1280, 800)  # the kiosk's design size, and the minimal window's


@contextmanager
def x_server(size: tuple[int, int] = SCREEN) -> Iterator[str]:
    """A private Xvfb; its display name (":N")."""
    read, write = os.pipe()
    proc = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", f"{size[0]}x{size[1]}x24",
         "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    os.close(write)
    try:
        ready, _, _ = select.select([read], [], [], 20)
        number = os.read(read, 16).decode().strip() if ready else ""
        if not number:
            raise RuntimeError("Xvfb did not start within 20 s")
        yield f":{number}"
    finally:
        os.close(read)
        proc.terminate()
        proc.wait(timeout=10)


@contextmanager
def hung_speech_service(folder: Path) -> Iterator[Path]:
    """A socket under ``folder`` that takes connections and never says a word; its path."""
    path = folder / "hung-speechd.sock"
    path.unlink(missing_ok=True)
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(path))
    server.listen(64)
    held: list[socket.socket] = []  # kept open: a closed connection would be an answer
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            ready, _, _ = select.select([server], [], [], 0.2)
            if ready:
                conn, _ = server.accept()
                held.append(conn)

    thread = threading.Thread(target=accept, name="hung-speechd", daemon=True)
    thread.start()
    try:
        yield path
    finally:
        stop.set()
        thread.join(timeout=5)
        for conn in held:
            conn.close()
        server.close()
        path.unlink(missing_ok=True)
