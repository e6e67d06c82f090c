"""Fixtures for the usage-statistics tests: a driven clock and a store in a temporary folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.core.stats import UsageStore
from tests.ui.fakes import FakeClock, FakeNow
from tests.ui.usage_visits import START


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def now() -> FakeNow:
    return FakeNow(START)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def store(data_dir: Path, now: FakeNow):
    made = UsageStore(data_dir / "usage.sqlite3", clock=now)
    yield made
    made.close()
