"""Logging to stderr and to a rotating file in the log folder (or the ``log_dir`` setting)."""

from __future__ import annotations

import logging
from pathlib import Path

from kiosk import paths

LOG_FILE_NAME = "kiosk.log"
MAX_BYTES = 1_000_000
BACKUPS = 5
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
CONSOLE_FORMAT = "kiosk: %(levelname)s: %(message)s"


def _replace_handlers(level: int) -> logging.Logger:
    """The root logger, at ``level``, without the handlers an earlier set-up added."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_kiosk", False):
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)
    console = logging.StreamHandler()
    console.setFormatter(logging.Formatter(CONSOLE_FORMAT))
    console._kiosk = True  # type: ignore[attr-defined]  # marks the handlers set up here
    root.addHandler(console)
    return root


def console_only(level: int = logging.INFO) -> None:
    """Log to stderr only, from ``level`` up (commands staff run by hand: no log file)."""
    _replace_handlers(level)


def setup_logging(log_dir: str = "") -> Path | None:
    """Log to stderr and, where the folder can be written, to a rotating file.

    Returns the log file's path, or None when only stderr could be used (the reason is logged:
    a kiosk with a full or read-only disk must still start).
    """
    import logging.handlers  # sockets, pickle and more: only for the commands that log to a file

    root = _replace_handlers(logging.INFO)
    folder = Path(log_dir) if log_dir else paths.user_log_dir()
    path = folder / LOG_FILE_NAME
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
        )
    except OSError as exc:
        logging.getLogger("kiosk").warning(
            "cannot write the log file %s (%s); logging to the console only", path, exc
        )
        return None
    handler.setFormatter(logging.Formatter(FORMAT))
    handler._kiosk = True  # type: ignore[attr-defined]  # marks the handlers set up here
    root.addHandler(handler)
    return path
