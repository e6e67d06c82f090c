"""The yardstick for bundle size and start-up: a minimal PySide6 window, built like the kiosk.

A QTextBrowser showing Markdown, a few buttons and PDF printing (what packaging.md measured).
Its source and spec are written under build/bench/ at bench time and built with PyInstaller:
"trimmed" with the kiosk's own exclusions, runtime hook and strip (deploy/pyinstaller/trim.py),
"default" with PyInstaller's defaults. Builds are cached there and made again only when the
app, the spec, the trimming rules or the PyInstaller/PySide6 versions change.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
WORK = REPO / "build" / "bench"
TRIM = REPO / "deploy" / "pyinstaller" / "trim.py"
NAME = "minimal"

APP = '''"""A minimal PySide6 window: Markdown in a QTextBrowser, a few buttons, PDF printing."""
import os
import sys
import tempfile
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QApplication, QHBoxLayout, QPushButton, QTextBrowser, QVBoxLayout, QWidget,
)

MARKDOWN = "# A minimal window\\n\\n" + "Some **Markdown** text, with a [link](#here).\\n\\n" * 40


class FirstPaint(QObject):
    """KIOSK_EXIT_AFTER_FIRST_PAINT=1: print the time of the first paint and quit (as the kiosk)."""

    def __init__(self, window):
        super().__init__(window)
        self.seen = False
        window.installEventFilter(self)

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not self.seen:
            self.seen = True
            QTimer.singleShot(0, self.report)
        return False

    def report(self):
        print(f"first-paint {time.time():.6f}", flush=True)
        QApplication.quit()


def print_pdf(browser):
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(os.path.join(tempfile.gettempdir(), "minimal-window.pdf"))
    browser.document().print_(printer)


def main():
    app = QApplication(sys.argv[:1])
    window = QWidget()
    browser = QTextBrowser(window)
    browser.setMarkdown(MARKDOWN)
    buttons = QHBoxLayout()
    for label in ("Home", "Back", "Next"):
        buttons.addWidget(QPushButton(label, window))
    save = QPushButton("Print to PDF", window)
    save.clicked.connect(lambda: print_pdf(browser))
    buttons.addWidget(save)
    layout = QVBoxLayout(window)
    layout.addWidget(browser)
    layout.addLayout(buttons)
    window.resize(1280, 800)
    window.show()
    if os.environ.get("KIOSK_EXIT_AFTER_FIRST_PAINT") == "1":
        FirstPaint(window)
    code = app.exec()
    window.deleteLater()
    app.processEvents()
    return code


if __name__ == "__main__":
    sys.exit(main())
'''

SPEC_TRIMMED = """import sys
sys.path.insert(0, {trim_dir!r})
import trim

trim.install_plugin_filter()
a = Analysis([{app!r}], excludes=list(trim.EXCLUDED_MODULES), runtime_hooks=trim.runtime_hooks())
a.datas = trim.trimmed_datas(a.datas)
pyz = PYZ(a.pure)
exe = EXE(pyz, a.scripts, [], exclude_binaries=True, name={name!r}, console=True,
          strip=True, upx=False)
COLLECT(exe, a.binaries, a.datas, name={name!r}, strip=True, upx=False)
"""

SPEC_DEFAULT = """a = Analysis([{app!r}])
pyz = PYZ(a.pure)
exe = EXE(pyz, a.scripts, [], exclude_binaries=True, name={name!r}, console=True)
COLLECT(exe, a.binaries, a.datas, name={name!r})
"""

SPECS = {"trimmed": SPEC_TRIMMED, "default": SPEC_DEFAULT}


def app_source() -> Path:
    WORK.mkdir(parents=True, exist_ok=True)
    path = WORK / "minimal_app.py"
    if not path.is_file() or path.read_text(encoding="utf-8") != APP:
        path.write_text(APP, encoding="utf-8")
    return path


def _fingerprint(spec: str) -> str:
    parts = [APP, spec, TRIM.read_text(encoding="utf-8")]
    parts += [version("pyinstaller"), version("PySide6-Essentials")]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def build(variant: str = "trimmed") -> Path:
    """The built minimal window (``build/bench/<variant>/dist/minimal/minimal``), cached."""
    folder = WORK / variant
    spec = SPECS[variant].format(trim_dir=str(TRIM.parent), app=str(app_source()), name=NAME)
    exe = folder / "dist" / NAME / NAME
    stamp = folder / "fingerprint"
    wanted = _fingerprint(spec)
    if exe.is_file() and stamp.is_file() and stamp.read_text() == wanted:
        return exe
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{NAME}.spec").write_text(spec, encoding="utf-8")
    print(f"building the minimal window ({variant}) in {folder} ...", file=sys.stderr)
    subprocess.run(
        [
            *(sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN"),
            *("--distpath", str(folder / "dist"), "--workpath", str(folder / "work")),
            str(folder / f"{NAME}.spec"),
        ],
        check=True,
    )
    stamp.write_text(wanted)
    return exe
