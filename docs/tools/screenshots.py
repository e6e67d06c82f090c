"""Renders the kiosk screens to PNG for the README: ``python docs/tools/screenshots.py DIR``.

``python docs/tools/screenshots.py --first-start DIR`` needs a real display instead (``make
screenshots`` runs it in an Xvfb): the attract screen as a locked kiosk first shows it, read
back from the screen itself, so it shows what the X server drew and not the offscreen platform.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from kiosk import paths
from kiosk.core.loader import load_library, pack_dir
from kiosk.core.model import Library
from kiosk.core.session import TEXT_STEPS, Route, Session
from kiosk.core.settings import Settings
from kiosk.ui.app import build_window
from kiosk.ui.first_paint import after_first_paint
from kiosk.ui.window import WINDOWED_SIZE, KioskWindow

ANSWER_FOR_SHOTS = 2  # the third question: long enough to show scrolling and glossary words
# Portrait kiosks and tablets, at the largest text (WINDOWED_SIZE has every text step).
SHAPES = ((1080, 1920), (800, 1280))
FIRST_START_SETTLE_MS = 1000  # after the first paint: any late layout would have happened


def _home_and_answer(
    app: QApplication, window: KioskWindow, answer: str, out: Path, suffix: str
) -> list[Path]:
    """Home, then the answer, grabbed as ``home-SUFFIX.png`` and ``answer-SUFFIX.png``."""
    written: list[Path] = []
    for name, route in (("home", None), ("answer", Route("answer", answer))):
        if route is not None:
            window.navigator.go(route)
        _settle(app)
        path = out / f"{name}-{suffix}.png"
        window.grab().save(str(path))
        written.append(path)
    return written


def _settle(app: QApplication) -> None:
    for _ in range(5):
        app.processEvents()


def take(window: KioskWindow, app: QApplication, out: Path) -> list[Path]:
    written = []
    answer = window.library.questions[ANSWER_FOR_SHOTS].id
    for high in (False, True):
        for step in (0, len(TEXT_STEPS) - 1):
            session = Session(high_contrast=high, text_step=step)
            window.start_session(session)
            theme = "contrast" if high else "standard"
            written += _home_and_answer(app, window, answer, out, f"{theme}-{TEXT_STEPS[step]}")
    window.start_session(Session())
    window.navigator.go(Route("answer", answer))
    _settle(app)
    entry = next(iter(window.library.glossary.sorted_entries()))
    window.show_definition(entry.anchor)
    _settle(app)
    path = out / "glossary-popup-standard-100.png"
    window.grab().save(str(path))
    written.append(path)
    return written


def take_shapes(
    window: KioskWindow,
    app: QApplication,
    out: Path,
    shapes: tuple[tuple[int, int], ...] = SHAPES,
    *,
    high_contrast: tuple[bool, ...] = (False,),
) -> list[Path]:
    """Home and an answer on each screen shape, at the largest text size."""
    written = []
    answer = window.library.questions[ANSWER_FOR_SHOTS].id
    step = len(TEXT_STEPS) - 1
    for width, height in shapes:
        window.resize(width, height)
        for high in high_contrast:
            window.start_session(Session(high_contrast=high, text_step=step))
            theme = "contrast" if high else "standard"
            suffix = f"{theme}-{TEXT_STEPS[step]}-{width}x{height}"
            written += _home_and_answer(app, window, answer, out, suffix)
    window.resize(*WINDOWED_SIZE)
    return written


def first_start(app: QApplication, library: Library, out: Path) -> Path:
    """The attract screen of a kiosk just started locked, as the screen shows it."""
    window = build_window(library, app, Settings(speech_engine="none"), locked=True)
    window.allow_close = True
    path = out / "attract-first-start.png"

    def grab() -> None:
        screen = window.screen()
        screen.grabWindow(0).save(str(path))  # the whole screen, read back from the server
        app.quit()

    after_first_paint(window, lambda: QTimer.singleShot(FIRST_START_SETTLE_MS, grab))
    window.enter_full_screen()  # as kiosk/ui/app.py starts it
    window.show_attract()
    app.exec()
    window.speech.shutdown()
    window.close()
    return path


def prepare(argv: list[str]) -> tuple[QApplication, Library, Path]:
    """Offscreen application, the bundled library, and the output folder (made if needed)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    out = Path(argv[0] if argv else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    return app, load_library(pack_dir(paths.bundled_content_dir(), "en-GB")), out


def main(argv: list[str]) -> int:
    if argv[:1] == ["--first-start"]:
        if os.environ.get("QT_QPA_PLATFORM", "") in ("", "offscreen"):
            print("--first-start needs a real display: QT_QPA_PLATFORM=xcb", file=sys.stderr)
            return 2
        app, library, out = prepare(argv[1:])
        print(first_start(app, library, out))
        return 0
    app, library, out = prepare(argv)
    # The mock engine stands in for the kiosk PC's voices, so the Listen button shows.
    window = build_window(library, app, Settings(speech_engine="mock"))
    window.resize(*WINDOWED_SIZE)
    window.show()
    for path in take(window, app, out) + take_shapes(window, app, out):
        print(path)
    window.speech.shutdown()
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
