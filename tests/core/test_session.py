"""The patient session: history, text size and what a fresh session starts with."""

from __future__ import annotations

from kiosk.core.session import HOME, TEXT_STEPS, Route, Session


def test_fresh_session_is_at_home_with_defaults() -> None:
    s = Session()
    assert s.history == [HOME]
    assert s.text_percent == 100
    assert not s.high_contrast
    assert s.scroll == {}
    assert s.popup == ""
    assert s.search_text == ""


def test_history_push_pop_and_home_restarts_the_trail() -> None:
    s = Session()
    a, b = Route("answer", "a"), Route("answer", "b")
    assert s.push(a)
    assert s.push(b)
    assert not s.push(b), "going where you are adds nothing"
    assert s.pop()
    assert s.current == a
    s.push(HOME)
    assert s.history == [HOME]
    assert not s.pop()


def test_text_steps_reach_200_percent_and_stop_at_the_ends() -> None:
    s = Session()
    assert len(TEXT_STEPS) >= 4
    assert TEXT_STEPS[0] == 100
    assert TEXT_STEPS[-1] >= 200
    assert not s.shrink_text()
    while s.grow_text():
        pass
    assert s.text_percent == TEXT_STEPS[-1]
    assert not s.can_grow_text()


def test_sessions_share_nothing() -> None:
    first = Session()
    first.scroll["answer:a"] = 40
    first.history.append(Route("answer", "a"))
    second = Session()
    assert second.scroll == {}
    assert second.history == [HOME]
