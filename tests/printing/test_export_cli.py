"""``kiosk export-pdf`` and leaflet saving: real files, clear errors, nothing half-written."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.core.leaflet import STANDARD, compose_leaflet
from kiosk.printing.pdf import LeafletError, render_pdf, save_pdf
from tests.printing.pdf_reading import reader_for

DISPLAY_VARIABLES = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")


def kiosk(*args: str, env: dict | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})},
        check=False,
    )


@pytest.mark.parametrize(
    ("flags", "name", "size"),
    [
        ([], "en-GB-leaflet-standard-A4.pdf", (595, 842)),
        (["--large-print", "--paper", "Letter"], "en-GB-leaflet-large-Letter.pdf", (612, 792)),
    ],
)
def test_export_pdf_writes_the_leaflet(tmp_path: Path, flags, name, size) -> None:
    result = kiosk("export-pdf", "--out", str(tmp_path), *flags)
    assert result.returncode == 0, result.stderr
    path = tmp_path / name
    assert result.stdout.startswith(str(path))
    reader = reader_for(path.read_bytes())
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == size
    assert oct(path.stat().st_mode & 0o777) == oct(0o644)
    assert result.stderr == "", "content warnings belong to `kiosk validate`"


def test_export_makes_the_folder_it_is_given(tmp_path: Path) -> None:
    out = tmp_path / "usb" / "leaflets"
    result = kiosk("export-pdf", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert [p.name for p in out.iterdir()] == ["en-GB-leaflet-standard-A4.pdf"]


def test_export_without_a_display_runs_offscreen(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in DISPLAY_VARIABLES}
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "export-pdf", "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "en-GB-leaflet-standard-A4.pdf").is_file()


def test_export_into_a_file_is_one_clear_line(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("x")
    for out in (tmp_path / "a-file", tmp_path / "a-file" / "below"):
        result = kiosk("export-pdf", "--out", str(out))
        assert result.returncode == 1
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, result.stderr
        assert lines[0].startswith(f"kiosk: export-pdf: {out}: ")


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write into a read-only folder")
def test_export_to_an_unwritable_folder_is_one_clear_line(tmp_path: Path) -> None:
    tmp_path.chmod(0o500)
    try:
        result = kiosk("export-pdf", "--out", str(tmp_path))
    finally:
        tmp_path.chmod(0o700)
    assert result.returncode == 1
    assert "cannot write here" in result.stderr


def test_a_full_disk_leaves_no_broken_file(tmp_path: Path, library, fonts) -> None:
    small = tmp_path / "usb"
    small.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", str(small)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        pdf, _ = render_pdf(compose_leaflet(library, fmt=STANDARD))
        assert len(pdf) > 16 * 1024
        with pytest.raises(LeafletError, match="could not save"):
            save_pdf(pdf, small / "leaflet.pdf")
        assert list(small.iterdir()) == [], "no partial or temporary file is left behind"
    finally:
        subprocess.run(["umount", str(small)], check=False)


def test_saving_replaces_an_old_file_whole(tmp_path: Path, library, fonts) -> None:
    target = tmp_path / "leaflet.pdf"
    target.write_bytes(b"old")
    pdf, pages = render_pdf(compose_leaflet(library, fmt=STANDARD))
    save_pdf(pdf, target)
    assert len(reader_for(target.read_bytes()).pages) == pages
