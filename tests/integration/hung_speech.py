"""A speech service that hangs: a Unix socket that accepts every connection and never answers.

That is what a speech-dispatcher stuck on its audio output looks like to a client.
``hung_speech_service(path)`` yields the ``SPEECHD_ADDRESS`` that reaches it
(``unix_socket:PATH``).
"""

from __future__ import annotations

import select
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def hung_speech_service(path: Path) -> Iterator[str]:
    """A socket at ``path`` that takes connections and never says a word; its address."""
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
        yield f"unix_socket:{path}"
    finally:
        stop.set()
        thread.join(timeout=5)
        for conn in held:
            conn.close()
        server.close()
        path.unlink(missing_ok=True)
