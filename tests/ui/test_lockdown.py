"""Full-screen lockdown: escape keys, close requests and drops all leave the kiosk as it was."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication

from kiosk.core.settings import Settings

ESCAPES = [
    (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier, "Esc"),
    (Qt.Key.Key_F11, Qt.KeyboardModifier.NoModifier, "F11"),
    (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier, "Ctrl+Q"),
    (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier, "Ctrl+W"),
    (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier, "Alt+F4"),
    (Qt.Key.Key_Space, Qt.KeyboardModifier.AltModifier, "Alt+Space"),
]


@pytest.fixture
def locked(make_window):
    win = make_window(settings=Settings(), locked=True, fullscreen=True)
    win.wake()
    return win


def test_window_is_frameless_on_top_and_full_screen(locked) -> None:
    flags = locked.windowFlags()
    assert flags & Qt.WindowType.FramelessWindowHint
    assert flags & Qt.WindowType.WindowStaysOnTopHint
    assert locked.isFullScreen()


@pytest.mark.parametrize(("key", "mods", "name"), ESCAPES, ids=[e[2] for e in ESCAPES])
def test_escape_keys_do_nothing(qtbot, locked, key, mods, name) -> None:
    # Anything that might listen for the key (a shortcut, a dialog, the style) must not get it.
    fired = []
    shortcut = QShortcut(QKeySequence(name), locked)
    shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
    shortcut.activated.connect(lambda: fired.append(name))
    for target in (locked, locked.answer_screen.view, locked.home_screen):
        qtbot.keyClick(target, key, mods)
    assert fired == []
    assert locked.isVisible()
    assert locked.isFullScreen()


def test_ordinary_keys_still_work(qtbot, locked) -> None:
    fired = []
    shortcut = QShortcut(QKeySequence("Ctrl+K"), locked)
    shortcut.activated.connect(lambda: fired.append(1))
    qtbot.keyClick(locked, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert fired == [1], "lockdown must block only the escape keys"


def test_close_requests_are_refused(qtbot, locked) -> None:
    assert not locked.close()
    QApplication.closeAllWindows()
    assert locked.isVisible()
    assert locked.isFullScreen()


def test_leaving_full_screen_is_undone(qtbot, locked) -> None:
    locked.showNormal()
    qtbot.waitUntil(locked.isFullScreen, timeout=2000)


def test_drops_are_refused(qtbot, locked) -> None:
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile("/etc/passwd")])
    view = locked.answer_screen.view.viewport()
    enter = QDragEnterEvent(
        QPoint(10, 10),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(view, enter)
    assert not enter.isAccepted()
    drop = QDropEvent(
        QPoint(10, 10).toPointF(),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(view, drop)
    assert "passwd" not in locked.answer_screen.view.toPlainText()


def test_windowed_mode_keeps_normal_window_behaviour(qtbot, window) -> None:
    assert not window.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert window.close()
