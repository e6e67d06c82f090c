"""Where staff can save leaflet PDFs: USB sticks and other removable drives, and Documents."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QStandardPaths, QStorageInfo

REMOVABLE_ROOTS = ("/media/", "/run/media/", "/mnt/")


def save_locations() -> list[tuple[str, Path]]:
    """(label, folder) pairs, removable drives first; only folders that can be written."""
    found: list[tuple[str, Path]] = []
    for volume in QStorageInfo.mountedVolumes():
        if not volume.isValid() or not volume.isReady() or volume.isReadOnly():
            continue
        root = volume.rootPath()
        if sys.platform == "win32":
            removable = not root.upper().startswith(("C:", "\\\\"))
        else:
            removable = root.startswith(REMOVABLE_ROOTS)
        if removable:
            name = volume.displayName() or Path(root).name
            found.append((f"{name} (removable drive)", Path(root)))
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if documents:
        found.append(("Documents on this computer", Path(documents)))
    return found
