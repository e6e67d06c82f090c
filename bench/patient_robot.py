"""A simulated patient (and now and then a member of staff) for the soak test and benchmarks.

It drives the real kiosk window through the same clicks a person makes, with a seeded random
choice of actions and a clock it moves itself, so idle resets happen in seconds, not hours.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QTextBrowser, QWidget

from kiosk import paths
from kiosk.core.leaflet import FORMATS, compose_leaflet
from kiosk.core.library_source import read_pack
from kiosk.core.pin import hash_pin
from kiosk.core.session import Route
from kiosk.core.settings import Settings
from kiosk.printing.layout import page_images
from kiosk.ui.staff.access import StaffAccess
from kiosk.ui.window import KioskWindow


class SimClock:
    """A monotonic clock that only moves when told to."""

    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def tap(widget: QWidget, pos: QPoint | None = None) -> None:
    if pos is None:
        QTest.mouseClick(widget, Qt.MouseButton.LeftButton)
    else:
        QTest.mouseClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos)


def link_positions(view: QTextBrowser, prefix: str) -> list[tuple[str, int]]:
    """(href, document position) of every link in ``view`` whose href starts with ``prefix``."""
    found = []
    block = view.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            href = fragment.charFormat().anchorHref()
            if href.startswith(prefix):
                found.append((href, fragment.position() + max(1, fragment.length() // 2)))
            it += 1
        block = block.next()
    return found


def staff_access(window: KioskWindow) -> StaffAccess:
    """Staff access on ``window`` as the kiosk sets it up, behind a PIN the robot never knows."""
    return StaffAccess(
        window,
        Settings(staff_pin_hash=hash_pin("2580")),
        reload=lambda: read_pack(paths.bundled_content_dir(), "en-GB"),
        exit_kiosk=lambda: None,
    )


class PatientRobot:
    def __init__(
        self,
        window: KioskWindow,
        clock: SimClock,
        seed: int = 1,
        pin_pad: QWidget | None = None,
        leaflets: bool = True,
    ) -> None:
        self.window = window
        self.clock = clock
        self.random = random.Random(seed)
        self.pin_pad = pin_pad
        self.counts: Counter[str] = Counter()
        self.actions: list[tuple[str, int, Callable[[], None]]] = [
            ("tile", 20, self.tap_tile),
            ("next", 14, lambda: self._nav("next")),
            ("previous", 8, lambda: self._nav("previous")),
            ("back", 10, self.back),
            ("home", 8, self.home),
            ("glossary word", 8, self.glossary_word),
            ("close pop-up", 6, self.close_popup),
            ("text size", 6, self.text_size),
            ("contrast", 3, self.contrast),
            ("scroll", 8, self.scroll),
            ("search", 4, self.search),
            ("idle reset", 2, self.idle_reset),
            ("still reading", 1, self.still_reading),
        ]
        if pin_pad is not None:
            self.actions.append(("wrong PIN", 1, self.wrong_pin))
        if leaflets:
            self.actions.append(("leaflet render", 1, self.leaflet))

    # -- running ------------------------------------------------------------------------

    def step(self) -> str:
        names, weights, calls = zip(*self.actions, strict=True)
        index = self.random.choices(range(len(names)), weights=weights)[0]
        self.clock.now += self.random.uniform(0.5, 8)
        self.window.idle.check()
        if self.window.attract.isVisible():
            tap(self.window.attract)
            self.counts["wake"] += 1
        calls[index]()
        QApplication.processEvents()
        # deleteLater() runs when control returns to the event loop; the robot never returns,
        # so do what the loop would (or replaced widgets would pile up, as they never do live).
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        self.counts[names[index]] += 1
        return names[index]

    # -- what a patient does ------------------------------------------------------------

    def tap_tile(self) -> None:
        if self.window.stack.currentWidget() is not self.window.home_screen:
            self.home()
        tiles = self.window.home_screen.tiles()
        tap(self.random.choice(tiles))

    def _nav(self, which: str) -> None:
        screen = self.window.answer_screen
        if self.window.stack.currentWidget() is not screen:
            self.tap_tile()
            return
        button = screen.nav.next if which == "next" else screen.nav.previous
        if button is not None and button.isEnabled():
            tap(button)

    def back(self) -> None:
        current = self.window.stack.currentWidget()
        nav = getattr(current, "nav", None)
        if nav is not None:
            tap(nav.back)
        elif current is self.window.search_screen:
            tap(self.window.search_screen.back)

    def home(self) -> None:
        self.window.popup.dismiss()
        self.window.navigator.home()

    def glossary_word(self) -> None:
        entries = self.window.library.glossary.sorted_entries()
        if entries:
            self.window.show_definition(self.random.choice(entries).anchor)

    def close_popup(self) -> None:
        if self.window.popup.isVisible():
            tap(self.window.popup.close_button)

    def text_size(self) -> None:
        header = self.window.header
        button = header.larger if self.random.random() < 0.5 else header.smaller
        if button.isEnabled():
            tap(button)

    def contrast(self) -> None:
        tap(self.window.header.contrast)

    def scroll(self) -> None:
        current = self.window.stack.currentWidget()
        view = getattr(current, "view", None)
        if view is not None:
            bar = view.verticalScrollBar()
            bar.setValue(self.random.randint(0, max(0, bar.maximum())))

    def search(self) -> None:
        self.window.navigator.go(Route("search"))
        keys = self.window.search_screen.keyboard.keys
        for letter in self.random.choice(["collagen", "sacroilliac", "pelvis", "inject"]):
            tap(keys[letter])
        tap(keys["clear"])

    def idle_reset(self) -> None:
        settings = self.window.settings
        self.clock.now += settings.idle_seconds + settings.warning_seconds + 1
        self.window.idle.check()
        self.window.idle.check()

    def still_reading(self) -> None:
        self.clock.now += self.window.settings.idle_seconds + 1
        self.window.idle.check()
        if self.window.idle_overlay.isVisible():
            tap(self.window.idle_overlay.button)

    # -- what staff do ------------------------------------------------------------------

    def wrong_pin(self) -> None:
        pad = self.pin_pad
        if pad is None:
            return
        pad.open()
        for digit in "0000":
            tap(pad.digit_keys[digit])
        tap(pad.enter_key)
        tap(pad.cancel_button)

    def leaflet(self) -> None:
        fmt = self.random.choice(list(FORMATS.values()))
        page_images(compose_leaflet(self.window.library, fmt=fmt), "A4", dpi=20)
