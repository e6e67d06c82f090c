"""Size on disk and file count of the built kiosk, next to a minimal window built the same way.

    python -m bench.bundle          (after `make exe`; `make bench` does both)

The minimal window (bench/minimal_app.py) is built in this run, with the kiosk's trimming and
with PyInstaller's defaults, and cached under build/bench/. A second table says what fills the
kiosk's folder.
"""

from __future__ import annotations

import argparse
import os
import platform
from collections import Counter
from pathlib import Path

from bench import minimal_app
from bench.table import print_table
from kiosk import APP_ID

KIOSK = minimal_app.REPO / "dist" / APP_ID
ONEFILE = minimal_app.REPO / "dist" / "onefile" / APP_ID
MB = 1024 * 1024


def files(root: Path) -> list[Path]:
    """Every regular file under ``root`` (symbolic links are not counted: they take no space)."""
    if root.is_file():
        return [root]
    return [p for p in root.rglob("*") if p.is_file() and not p.is_symlink()]


def on_disk(paths: list[Path]) -> float:
    """MiB actually used on disk, as ``du`` counts it."""
    return sum(p.stat().st_blocks * 512 for p in paths) / MB


def part_of(path: Path, internal: Path) -> str:
    """The group a file of the kiosk's folder belongs to, for the breakdown."""
    rel = path.relative_to(internal).as_posix() if path.is_relative_to(internal) else ""
    name = path.name
    if not rel:
        return "the program (bootloader and Python code archive)"
    if rel.startswith("PySide6/Qt/lib/libicu"):
        return "ICU (Unicode data for Qt Core)"
    if rel.startswith("PySide6/Qt/lib/"):
        return "Qt libraries"
    if rel.startswith("PySide6/Qt/plugins/"):
        return "Qt plugins"
    if rel.startswith(("PySide6/", "shiboken6/")):
        return "PySide6 bindings"
    if rel.startswith(("content/", "resources/")):
        return "content and resources"
    if name.startswith("libpython") or rel.startswith("python3") or name == "base_library.zip":
        return "Python runtime"
    if "/" not in rel and ".so" in name:
        return "system libraries (from the build machine)"
    return "other Python packages"


def breakdown(root: Path) -> list[list[object]]:
    internal = root / "_internal"
    sizes: Counter[str] = Counter()
    counts: Counter[str] = Counter()
    for path in files(root):
        part = part_of(path, internal)
        sizes[part] += path.stat().st_blocks * 512
        counts[part] += 1
    return [[part, size / MB, counts[part]] for part, size in sizes.most_common()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.parse_args()
    if not KIOSK.is_dir():
        raise SystemExit(f"{KIOSK} is missing: run `make exe` first")
    builds = [
        (f"kiosk, onedir ({KIOSK.relative_to(minimal_app.REPO)})", KIOSK),
        ("minimal window, onedir, trimmed the same way", minimal_app.build("trimmed").parent),
        ("minimal window, onedir, PyInstaller defaults", minimal_app.build("default").parent),
    ]
    if ONEFILE.is_file():
        builds.insert(1, ("kiosk, onefile (make exe-onefile)", ONEFILE))
    kiosk_mb = on_disk(files(KIOSK))
    rows = []
    for label, root in builds:
        found = files(root)
        rows.append([label, on_disk(found), len(found), on_disk(found) / kiosk_mb])
    print_table(
        f"Bundle size on disk, MiB ({platform.system()} {platform.machine()}, "
        f"Python {platform.python_version()}, aim: kiosk onedir <= 120)",
        ["build", "MiB", "files", "x kiosk"],
        rows,
    )
    print_table(
        f"What the kiosk's folder holds ({os.path.relpath(KIOSK)})",
        ["part", "MiB", "files"],
        breakdown(KIOSK),
    )


if __name__ == "__main__":
    main()
