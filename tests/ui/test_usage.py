"""Usage statistics from real patient sessions: touches in, counts out, and no text kept."""

from __future__ import annotations

import threading

import pytest

from kiosk.core import stats_events as ev
from kiosk.core.session import HOME, Route
from kiosk.core.settings import Settings
from kiosk.core.stats import DisabledStore, UsageStore
from kiosk.ui import usage
from tests.ui.helpers import left_click
from tests.ui.usage_visits import (
    TODAY,
    first_visit,
    kiosk_with,
    second_visit,
    wake,
    walk_away,
)


@pytest.fixture
def kiosk(make_window, clock, store):
    win = kiosk_with(make_window, clock, store)
    yield win
    win.usage.close()


def test_patient_sessions_are_counted(qtbot, kiosk, store, library) -> None:
    q = library.questions
    first_visit(qtbot, kiosk)
    assert store.pending() == 0, "written as soon as the patient has gone"
    second_visit(qtbot, kiosk)
    s = store.summary(7)
    assert s.sessions == 2
    assert s.sessions_per_day[-1] == (TODAY, 2)
    assert s.idle_resets == 2
    assert dict(s.page_views) == {q[0].id: 2, q[1].id: 1, ev.GLOSSARY_KEY: 1}
    assert dict(s.session_lengths) == {
        "under-1-min": 1,  # the second: everything in one moment
        "1-3-min": 1,  # the first: 80 s from the first touch to the last
        "3-10-min": 0,
        "10-min-plus": 0,
    }
    assert (s.read_aloud, s.searches, s.printed, s.exported) == (0, 0, 0, 0)


def test_staff_visits_are_not_patient_sessions(qtbot, kiosk, store) -> None:
    from kiosk.ui.staff.access import StaffAccess

    staff = StaffAccess(kiosk, Settings(), reload=lambda: None, exit_kiosk=lambda: None)
    staff.request()  # the corner hold on the attract screen, in a window (no PIN)
    assert staff.is_open()
    left_click(qtbot, staff.screen.back_button)
    assert kiosk.navigator.current == HOME
    store.flush()
    assert store.summary(1).sessions == 0
    assert store.summary(1).page_views == ()


def test_counts_are_written_by_the_timer_off_the_patients_path(
    qtbot, make_window, clock, store
) -> None:
    win = kiosk_with(make_window, clock, store, flush_ms=50)
    wake(qtbot, win)
    left_click(qtbot, win.home_screen.question_tiles[1])
    qtbot.waitUntil(lambda: store.pending() == 0, timeout=2000)
    assert store.summary(1).sessions == 1
    assert store.summary(1).pages_opened == 1
    win.usage.close()


def test_read_aloud_and_search_counts_come_through_the_module_function(kiosk, store) -> None:
    usage.record(ev.READ_ALOUD)
    usage.record(ev.SEARCH)
    usage.record(ev.SEARCH)
    kiosk.usage.flush()
    s = store.summary(1)
    assert (s.read_aloud, s.searches) == (1, 2)
    with pytest.raises(TypeError):
        usage.record(ev.SEARCH, "sacroiliac")  # type: ignore[call-arg]  # no way to pass text
    kiosk.usage.close()
    usage.record(ev.SEARCH)  # no kiosk running: nothing happens, nothing breaks
    assert store.pending() == 0


def test_a_searched_text_never_reaches_the_data_folder(
    qtbot, kiosk, store, library, data_dir
) -> None:
    word = "sacroiliac"
    wake(qtbot, kiosk)
    kiosk.session.search_text = word  # as the search screen keeps what the patient typed
    usage.record(ev.SEARCH)  # as the search screen counts it: the name of the event only
    # Search results open with the words to show, and a glossary entry by its anchor.
    page = next(p for p in library.pages if word in p.body.lower())
    kiosk.navigator.go(Route("answer", page.id, word))
    entry = library.glossary.lookup("sacroiliac joint")
    assert entry is not None
    assert word in entry.anchor
    kiosk.navigator.go(Route("glossary", entry.anchor))
    kiosk.show_definition(entry.anchor)
    walk_away(kiosk)

    s = store.summary(1)
    assert s.searches == 1
    assert dict(s.page_views) == {page.id: 1, ev.GLOSSARY_KEY: 1}
    files = sorted(p for p in data_dir.rglob("*") if p.is_file())
    assert {p.name for p in files} >= {"usage.sqlite3", "usage.sqlite3-wal"}
    for f in files:
        assert word.encode() not in f.read_bytes().lower(), f"{f.name} holds the search text"
    store.close()  # the WAL is copied into the database and removed
    for f in data_dir.rglob("*"):
        assert word.encode() not in f.read_bytes().lower(), f"{f.name} holds the search text"


def test_prints_and_pdfs_are_counted_by_format(qtbot, kiosk, store) -> None:
    from kiosk.core.library_source import read_pack
    from kiosk.ui.patient_printing import PatientPrinting
    from kiosk.ui.staff.access import StaffAccess
    from kiosk.ui.staff.jobs import JobRunner
    from tests.conftest import CONTENT

    staff = StaffAccess(
        kiosk,
        Settings(),
        reload=lambda: read_pack(CONTENT, "en-GB"),
        exit_kiosk=lambda: None,
        usage=kiosk.usage,
    )
    staff.open_print_screen()
    # The print screen reports from its job thread, as a real print does.
    runner = JobRunner()
    with qtbot.waitSignal(runner.finished, timeout=5000):
        runner.start(lambda: str(staff.print_screen.printed.emit("large", 3)), (OSError,))
    staff.print_screen.exported.emit("standard")
    staff.reload_content()
    staff.open_print_screen()  # a new print screen for the new content: still counted
    staff.print_screen.printed.emit("standard", 1)
    printing = PatientPrinting(kiosk, Settings(patient_printing=True))
    kiosk.usage.watch_patient_printing(printing)
    printing.printed.emit("large")
    # 3 + 1 + 1 + 1 copies; the one from the job thread arrives through the event loop.
    qtbot.waitUntil(lambda: store.pending() == 6, timeout=2000)
    kiosk.usage.flush()
    s = store.summary(1)
    assert s.prints == (("standard", 1), ("large", 4))
    assert s.patient_prints == 1
    assert s.exports == (("standard", 1),)


def test_counting_from_another_thread_is_safe(store) -> None:
    def count() -> None:
        for _ in range(500):
            store.record(ev.PAGE_VIEW, "is-it-safe")

    threads = [threading.Thread(target=count) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert store.flush()
    assert store.summary(1).page_views == (("is-it-safe", 2000),)


def test_with_statistics_off_nothing_is_written(qtbot, make_window, clock, data_dir) -> None:
    off = DisabledStore(data_dir / "usage.sqlite3")
    win = kiosk_with(make_window, clock, off)
    first_visit(qtbot, win)
    usage.record(ev.SEARCH)
    win.usage.close()
    assert not data_dir.exists()


def test_a_broken_statistics_file_never_reaches_the_patient(
    qtbot, make_window, clock, data_dir, now
) -> None:
    data_dir.mkdir()
    (data_dir / "usage.sqlite3").write_bytes(b"\x00not sqlite\xff" * 100)
    store = UsageStore(data_dir / "usage.sqlite3", clock=now)
    win = kiosk_with(make_window, clock, store)
    first_visit(qtbot, win)
    assert store.summary(1).sessions == 1
    assert any(".broken-" in p.name for p in data_dir.iterdir())
    win.usage.close()


def test_searches_and_read_aloud_are_counted_without_their_words(
    qtbot, kiosk, store, data_dir, library
) -> None:
    wake(qtbot, kiosk)
    left_click(qtbot, kiosk.header.search)
    for letter in "sacroiliac":
        left_click(qtbot, kiosk.search_screen.keyboard.keys[letter])
    kiosk.navigator.go(Route("answer", library.questions[0].id))
    left_click(qtbot, kiosk.answer_screen.listen_button)
    kiosk.usage.flush()
    summary = store.summary(7)
    assert summary.searches >= 1
    assert summary.read_aloud == 1
    for path in data_dir.iterdir():
        assert b"sacroiliac" not in path.read_bytes(), path.name
