"""The checks of ``kiosk smoke-test`` that need Qt: window, screens, leaflets, plugins, printing."""

from __future__ import annotations

import importlib.util
import io
import re
import sys
import tempfile
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QElapsedTimer,
    QEventLoop,
    QLibraryInfo,
    QPluginLoader,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtGui import QFontDatabase, QImageReader
from PySide6.QtWidgets import QApplication

from kiosk.commands.smoke_report import CheckError, Report
from kiosk.core.model import Library
from kiosk.core.session import HOME, Route
from kiosk.ui.app import build_window
from kiosk.ui.widgets.tile import KioskTile
from kiosk.ui.window import WINDOWED_SIZE

# Qt messages that are not the build's fault: the offscreen platform says the first for every
# window; the second comes with a speech engine whose system library is missing, which the
# speech check reports.
HARMLESS_QT_MESSAGES = (
    "This plugin does not support propagateSizeHints",
    "Error loading text-to-speech plug-in",
)
REQUIRED_PLATFORMS = {"linux": {"qxcb", "qoffscreen"}, "win32": {"qwindows"}, "darwin": {"qcocoa"}}
EXPOSE_TIMEOUT_MS = 10_000
BUNDLED_FAMILY = "Atkinson Hyperlegible"
IMAGE_FORMATS = (b"png", b"jpeg", b"svg")


def pdf_text(data: bytes) -> tuple[int, str]:
    """Page count and the text a PDF reader extracts, with runs of white space made one space."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    text = " ".join(page.extract_text() or "" for page in reader.pages)
    return len(reader.pages), re.sub(r"\s+", " ", text)


def speech_available() -> bool:
    try:
        return importlib.util.find_spec("PySide6.QtTextToSpeech") is not None
    except ImportError:
        return False


def plugin_files(plugin_type: str) -> list[Path]:
    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / plugin_type
    suffixes = (".so", ".dll", ".dylib")
    return sorted(p for p in folder.glob("*") if p.suffix in suffixes) if folder.is_dir() else []


def plugin_name(path: Path) -> str:
    name = path.name.split(".", 1)[0]
    return name[3:] if name.startswith("lib") else name


def unloadable_plugins(plugin_type: str) -> list[str]:
    """Plugins that cannot load here, and why. An engine whose system library is missing
    (speechd needs libspeechd, from speech-dispatcher) is the PC's set-up, not the build's."""
    return [
        f"{plugin_name(path)} cannot load here ({loader.errorString().split(': ', 1)[-1]})"
        for path in plugin_files(plugin_type)
        if not (loader := QPluginLoader(str(path))).load()
    ]


class QtChecks:
    """Builds the real window (as ``kiosk run --windowed`` does) and checks it step by step."""

    def __init__(self, library: Library, settings: Any, report: Report) -> None:
        self.library = library
        self.settings = settings
        self.report = report
        self.qt_messages: list[str] = []
        qInstallMessageHandler(self._qt_message)
        app = QApplication.instance() or QApplication(sys.argv[:1])
        assert isinstance(app, QApplication)
        self.app = app
        # Before the window tries its speech engine: a second load only says "Unknown error".
        self.speech_notes = unloadable_plugins("texttospeech") if speech_available() else []
        self.window = build_window(library, app, settings)

    def _qt_message(self, kind: QtMsgType, _context: object, message: str) -> None:
        if kind != QtMsgType.QtDebugMsg and not message.startswith(HARMLESS_QT_MESSAGES):
            self.qt_messages.append(message)
        print(message, file=sys.stderr)

    def run_all(self, printer: str | None = None) -> None:
        check = self.report.check
        check("window", self.show_window)
        check("bundled font", self.font)
        check("Home", self.home)
        for page in self.library.pages:
            check(f"page {page.id}", partial(self.page, page.id, page.title))
        check("glossary", self.glossary)
        check("search", self.search)
        check("platform plugins", self.platforms)
        check("image formats", self.image_formats)
        check("print support", self.print_support)
        if speech_available():
            check("speech engines", self.speech_engines)
            check("speech process", self.speech_process)
        with tempfile.TemporaryDirectory(prefix="kiosk-smoke-") as folder:
            from kiosk.core.leaflet import FORMATS

            for name in FORMATS:
                check(f"{name} leaflet PDF", partial(self.leaflet, name, Path(folder)))
        if printer:
            check(f"print on {printer}", lambda: self.print_one(printer))
        check("Qt messages", self.no_qt_warnings)

    # -- the window and its screens --------------------------------------------------------

    def show_window(self) -> str:
        self.window.resize(*WINDOWED_SIZE)
        self.window.show()
        self.window.wake()
        timer = QElapsedTimer()
        timer.start()
        handle = self.window.windowHandle()
        while not (handle and handle.isExposed()) and timer.elapsed() < EXPOSE_TIMEOUT_MS:
            self.app.processEvents()
            handle = self.window.windowHandle()
        if not (handle and handle.isExposed()):
            raise CheckError(f"not shown within {EXPOSE_TIMEOUT_MS / 1000:g} s")
        size = self.window.size()
        return f"{size.width()}x{size.height()} on {self.app.platformName()}"

    def font(self) -> str:
        if BUNDLED_FAMILY not in QFontDatabase.families():
            raise CheckError(f"{BUNDLED_FAMILY} is not loaded; the screens use a fallback")
        if self.window.font_family != BUNDLED_FAMILY:
            raise CheckError(f"the window uses {self.window.font_family!r}")
        return BUNDLED_FAMILY

    def _go(self, route: Route) -> Any:
        self.window.navigator.go(route)
        self.app.processEvents()
        return self.window.navigator.current_screen()

    def home(self) -> str:
        screen = self._go(HOME)
        if screen is not self.window.home_screen:
            raise CheckError(f"the navigator shows {type(screen).__name__}")
        tiles = len(screen.findChildren(KioskTile))
        if tiles < len(self.library.questions):
            raise CheckError(f"{tiles} tiles for {len(self.library.questions)} questions")
        image = self.window.grab().toImage()
        colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in (60, 300, 500)}
        if len(colours) < 3:
            raise CheckError("the window was drawn blank")
        return f"{tiles} tiles, drawn"

    def page(self, page_id: str, title: str) -> str:
        screen = self._go(Route("answer", page_id))
        if screen is not self.window.answer_screen:
            raise CheckError(f"the navigator shows {type(screen).__name__}")
        if screen.title.text() != title:
            raise CheckError(f"title {screen.title.text()!r}")
        if len(screen.view.toPlainText().split()) < 20:
            raise CheckError("hardly any text on screen")
        return title

    def glossary(self) -> str:
        screen = self._go(Route("glossary"))
        if screen is not self.window.glossary_screen:
            raise CheckError(f"the navigator shows {type(screen).__name__}")
        entries = self.library.glossary.sorted_entries()
        text = screen.view.toPlainText()
        missing = [e.term for e in entries if e.term not in text]
        if missing:
            raise CheckError(f"not shown: {', '.join(missing)}")
        self._go(HOME)
        return f"{len(entries)} words"

    def search(self) -> str:
        """The search screen opens, and a misspelt word still finds its page (fuzzy matching
        is rapidfuzz's compiled code, which the build must carry)."""
        from kiosk.core.search import SearchIndex

        self._go(Route("search"))
        page = self.library.questions[0] if self.library.questions else self.library.pages[0]
        word = max(page.title.split(), key=len).strip("?,.:;!")
        typo = word[:-2] + word[-1] + word[-2] if len(word) >= 6 else word
        hits = SearchIndex(self.library).search(typo)
        if not any(hit.target == page.id for hit in hits):
            raise CheckError(f"{typo!r} did not find {page.id} ({len(hits)} hits)")
        self._go(HOME)
        return f"{typo!r} finds {page.id!r}"

    # -- what the build must carry ---------------------------------------------------------

    def platforms(self) -> str:
        found = {plugin_name(p) for p in plugin_files("platforms")}
        missing = REQUIRED_PLATFORMS.get(sys.platform, set()) - found
        if missing:
            raise CheckError(f"missing {', '.join(sorted(missing))} (have {sorted(found)})")
        return ", ".join(sorted(found))

    def image_formats(self) -> str:
        found = {bytes(f.data()) for f in QImageReader.supportedImageFormats()}
        missing = [f.decode() for f in IMAGE_FORMATS if f not in found]
        if missing:
            raise CheckError(f"cannot read {', '.join(missing)}")
        return ", ".join(f.decode() for f in IMAGE_FORMATS)

    def print_support(self) -> str:
        from PySide6.QtPrintSupport import QPrinterInfo

        loaded = []
        for path in plugin_files("printsupport"):
            loader = QPluginLoader(str(path))
            if not loader.load():
                raise CheckError(f"{path.name} does not load: {loader.errorString()}")
            loaded.append(path.name)
        if sys.platform.startswith("linux") and not any("cups" in n for n in loaded):
            raise CheckError("no CUPS print plugin: the kiosk could only write PDF files")
        names = QPrinterInfo.availablePrinterNames()
        default = QPrinterInfo.defaultPrinterName() or "none"
        plugins = ", ".join(loaded) or "built in"
        return f"{plugins}; {len(names)} printers seen, default {default}"

    def speech_engines(self) -> str:
        from PySide6.QtTextToSpeech import QTextToSpeech

        engines = QTextToSpeech.availableEngines()
        if not engines:
            raise CheckError("no text-to-speech engine plugin")
        return "; ".join([", ".join(engines), *self.speech_notes])

    def speech_process(self) -> str:
        """The program starts itself as the speech process, which comes up with Qt's mock
        engine (always bundled): what read aloud runs on, whatever the PC's engine does."""
        from kiosk.ui.speech import ReadAloud

        speech = ReadAloud(self.library.info.language, "mock")
        timer = QElapsedTimer()
        timer.start()
        speech.start()
        while not speech.available and timer.elapsed() < 15_000 and "starting" in speech.reason:
            self.app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        available, reason = speech.available, speech.reason
        speech.shutdown()
        if not available:
            raise CheckError(f"the speech process did not come up: {reason}")
        return f"ready in {timer.elapsed()} ms ({reason})"

    # -- leaflets --------------------------------------------------------------------------

    def leaflet(self, name: str, folder: Path) -> str:
        from kiosk.printing.compose import composer
        from kiosk.printing.pdf import render_pdf, save_pdf

        leaflet = composer(self.settings)(self.library, name, None)
        data, pages = render_pdf(leaflet, "A4")
        path = save_pdf(data, folder / f"{name}.pdf")
        read_pages, text = pdf_text(path.read_bytes())
        if pages < 1 or read_pages != pages:
            raise CheckError(f"{read_pages} pages in the file, {pages} laid out")
        missing = [p.title for p in self.library.questions if p.title not in text]
        if missing:
            raise CheckError(f"titles not in the PDF text: {missing}")
        return f"{pages} pages, {len(self.library.questions)} question titles in the text"

    def print_one(self, printer: str) -> str:
        from kiosk.printing.compose import composer
        from kiosk.printing.printers import print_leaflet

        first = self.library.questions[0] if self.library.questions else self.library.pages[0]
        leaflet = composer(self.settings)(self.library, "standard", (first.id,))
        used = print_leaflet(leaflet, printer=printer)
        return f"{leaflet.title!r} sent to {used}"

    def no_qt_warnings(self) -> str:
        if self.qt_messages:
            raise CheckError(" | ".join(self.qt_messages[:5]))
        return "no warnings"

    def close(self) -> None:
        """Window first, then the application (a fixed order: packaging guide, trap 8)."""
        self.window.allow_close = True
        self.window.close()
        self.window.deleteLater()
        self.app.processEvents()
        qInstallMessageHandler(None)
