"""Logging to stderr and to a rotating file in the log folder (or the ``log_dir`` setting)."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from kiosk import paths

LOG_FILE_NAME = "kiosk.log"
MAX_BYTES = 1_000_000
BACKUPS = 5
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def setup_logging(log_dir: str = "") -> Path | None:
    """Log to stderr and, where the folder can be written, to a rotating file.

    Returns the log file's path, or None when only stderr could be used (the reason is logged:
    a kiosk with a full or read-only disk must still start).
    """
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_kiosk", False):
            root.removeHandler(handler)
            handler.close()
    root.setLevel(logging.INFO)
    console = logging.StreamHandler()
    console.setFormatter(logging.Formatter("kiosk: %(levelname)s: %(message)s"))
    console._kiosk = True  # type: ignore[attr-defined]
    root.addHandler(console)

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
    handler._kiosk = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    return path
