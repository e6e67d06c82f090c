"""Renders the kiosk screens to PNG for the README: ``python -m kiosk.ui.screenshots DIR``."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from kiosk import paths
from kiosk.core.loader import load_library, pack_dir
from kiosk.core.model import Library
from kiosk.core.session import TEXT_STEPS, Route, Session
from kiosk.core.settings import Settings
from kiosk.ui.app import build_window
from kiosk.ui.window import WINDOWED_SIZE, KioskWindow

ANSWER_FOR_SHOTS = 2  # the third question: long enough to show scrolling and glossary words


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
            percent = TEXT_STEPS[step]
            for name, route in (("home", None), ("answer", Route("answer", answer))):
                if route is not None:
                    window.navigator.go(route)
                _settle(app)
                path = out / f"{name}-{theme}-{percent}.png"
                window.grab().save(str(path))
                written.append(path)
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


def prepare(argv: list[str]) -> tuple[QApplication, Library, Path]:
    """Offscreen application, the bundled library, and the output folder (made if needed)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    out = Path(argv[0] if argv else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    return app, load_library(pack_dir(paths.bundled_content_dir(), "en-GB")), out


def main(argv: list[str]) -> int:
    app, library, out = prepare(argv)
    # The mock engine stands in for the kiosk PC's voices, so the Listen button shows.
    window = build_window(library, app, Settings(speech_engine="mock"))
    window.resize(*WINDOWED_SIZE)
    window.show()
    for path in take(window, app, out):
        print(path)
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
