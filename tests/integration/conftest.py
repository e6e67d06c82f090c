"""Fixtures of real services.

- ``cups``: a real CUPS print server with the KioskPDF and KioskStopped queues;
- ``speech_dispatcher``: a private speech-dispatcher with espeak-ng (tests/integration/speechd.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.integration import cups as cups_helpers
from tests.integration.speechd import SpeechDispatcher, private_speech_dispatcher


class CupsServer:
    """What a printing test needs: the queue names, where PDFs land, and the helpers."""

    queue = cups_helpers.QUEUE
    stopped_queue = cups_helpers.STOPPED_QUEUE

    pdf_files = staticmethod(cups_helpers.pdf_files)
    wait_for_new_pdf = staticmethod(cups_helpers.wait_for_new_pdf)
    submit = staticmethod(cups_helpers.submit)
    queue_state = staticmethod(cups_helpers.queue_state)
    jobs = staticmethod(cups_helpers.jobs)
    cancel_all = staticmethod(cups_helpers.cancel_all)
    enable = staticmethod(cups_helpers.enable)
    disable = staticmethod(cups_helpers.disable)

    def __init__(self, output_dir: Path) -> None:
        self.output_dir = output_dir


@pytest.fixture(scope="session")
def cups() -> CupsServer:
    """The print server that ``make print-server`` set up, or a skip saying why there is none.

    This runs the project's set-up script first (it only looks when everything is up, in a few
    milliseconds), so plain ``pytest`` after a reboot works too and the queues are in the state
    the tests expect. The tests skip only when CUPS cannot run here at all (not Linux, packages not
    installed, not root and no server up); a server that should work but does not fails loudly.
    """
    code, said = cups_helpers.run_setup()
    ok, reason = cups_helpers.cups_status()
    if code == cups_helpers.SETUP_CANNOT_RUN and not ok:
        pytest.skip(f"no CUPS print server: {said or reason}")
    if code not in (0, cups_helpers.SETUP_CANNOT_RUN) or not ok:
        pytest.fail(
            f"CUPS should run here but is not ready: {reason}. "
            f"deploy/linux/print-test-queue.sh exited {code}: {said}",
            pytrace=False,
        )
    return CupsServer(cups_helpers.output_dir())


@pytest.fixture
def speech_dispatcher(tmp_path: Path) -> Iterator[SpeechDispatcher]:
    """A speech-dispatcher of the test's own: run a client with ``speech_dispatcher.env``, and
    ``speech_dispatcher.spoken()`` lists what it was asked to say."""
    with private_speech_dispatcher(tmp_path) as daemon:
        yield daemon
