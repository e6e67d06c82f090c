"""Helpers for tests that print through the real CUPS server (no pytest fixtures here).

``deploy/linux/print-test-queue.sh`` (``make print-server``) starts ``cupsd`` and adds two cups-pdf
queues: ``KioskPDF`` (enabled; every job becomes a PDF in :func:`output_dir`) and ``KioskStopped``
(disabled, so a job sent to it waits in the queue). ``tests/integration/conftest.py`` turns these
helpers into the session-scoped ``cups`` fixture, which skips when CUPS cannot run on the machine.

Everything here talks to the real scheduler through the CUPS command-line tools (``lpstat``, ``lp``,
``cancel``, ``cupsenable``, ``cupsdisable``), run with ``LC_ALL=C`` so their messages are English.
"""

from __future__ import annotations

import os
import pwd
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SETUP_SCRIPT = REPO / "deploy" / "linux" / "print-test-queue.sh"
SETUP_HINT = "run `make print-server` (or deploy/linux/print-test-queue.sh as root)"
QUEUE = "KioskPDF"
STOPPED_QUEUE = "KioskStopped"
# What cups-pdf reads for the device URI cups-pdf:/kiosk-tests (both queues use it).
CUPS_PDF_CONF = Path("/etc/cups/cups-pdf-kiosk-tests.conf")
DEFAULT_OUT = "/var/spool/cups-pdf/kiosk-tests/${USER}"
DEFAULT_ANON_DIR = "/var/spool/cups-pdf/kiosk-tests/ANONYMOUS"
# print-test-queue.sh exits with this when CUPS cannot run here (not root, not installed).
SETUP_CANNOT_RUN = 3
POLL = 0.1  # seconds between looks at the output folder


class CupsError(RuntimeError):
    """A CUPS command failed; the message is the command and what it said."""


def _run(*args: str, timeout: float = 15) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LC_ALL": "C"}
    return subprocess.run(
        list(args), capture_output=True, text=True, timeout=timeout, env=env, check=False
    )


def _checked(*args: str) -> str:
    proc = _run(*args)
    if proc.returncode != 0:
        said = (proc.stderr or proc.stdout).strip() or f"exit status {proc.returncode}"
        raise CupsError(f"{' '.join(args)}: {said}")
    return proc.stdout


def lpstat(*args: str) -> str:
    """What ``lpstat ARGS`` prints (English), e.g. ``lpstat("-v")`` for the queues' devices."""
    return _checked("lpstat", *args)


def run_setup(timeout: float = 30) -> tuple[int, str]:
    """Run print-test-queue.sh; its exit status and its message (stdout and stderr, one string)."""
    if sys.platform != "linux":
        return SETUP_CANNOT_RUN, f"the CUPS test server is set up on Linux only, not {sys.platform}"
    if not SETUP_SCRIPT.is_file():
        return SETUP_CANNOT_RUN, f"{SETUP_SCRIPT} is missing"
    proc = _run("bash", str(SETUP_SCRIPT), timeout=timeout)
    return proc.returncode, (proc.stdout + proc.stderr).strip()


def cups_status() -> tuple[bool, str]:
    """Whether the scheduler answers and both test queues exist; if not, the reason."""
    if sys.platform != "linux":
        return False, f"the CUPS test server is set up on Linux only, not {sys.platform}"
    if shutil.which("lpstat") is None:
        return False, (
            "lpstat not found: the CUPS packages are not installed "
            "(deploy/linux/system-packages.sh print-test)"
        )
    try:
        out = _run("lpstat", "-r", "-v").stdout
    except subprocess.TimeoutExpired:
        return False, "the CUPS scheduler did not answer lpstat within 15 s"
    if "scheduler is running" not in out.splitlines():
        return False, f"the CUPS scheduler is not running; {SETUP_HINT}"
    for name in (QUEUE, STOPPED_QUEUE):
        if not re.search(rf"^device for {re.escape(name)}: ", out, re.MULTILINE):
            return False, f"CUPS has no {name} queue; {SETUP_HINT}"
    return True, f"CUPS scheduler running with queues {QUEUE} and {STOPPED_QUEUE}"


def _job_user() -> str | None:
    """The user name CUPS sends jobs as (what cupsUser() returns), or None if it has no account."""
    if os.environ.get("CUPS_USER"):
        return os.environ["CUPS_USER"]
    try:
        return pwd.getpwuid(os.getuid()).pw_name
    except KeyError:
        return None


def _conf_value(key: str, default: str) -> str:
    try:
        lines = CUPS_PDF_CONF.read_text(encoding="utf-8").splitlines()
    except OSError:
        return default
    for line in lines:
        parts = line.strip().split(None, 1)
        if len(parts) == 2 and parts[0] == key:
            return parts[1].strip()
    return default


def output_dir() -> Path:
    """The folder where KioskPDF (and KioskStopped, once enabled) writes this user's PDFs.

    cups-pdf expands ``${USER}`` and ``${HOME}`` in its ``Out`` setting with the account of the
    user who sent the job; a user with no account is "anonymous" and goes to ``AnonDirName``.
    """
    user = _job_user()
    if user is None:
        return Path(_conf_value("AnonDirName", DEFAULT_ANON_DIR))
    try:
        home = pwd.getpwnam(user).pw_dir
    except KeyError:
        return Path(_conf_value("AnonDirName", DEFAULT_ANON_DIR))
    out = _conf_value("Out", DEFAULT_OUT)
    return Path(out.replace("${USER}", user).replace("${HOME}", home))


def pdf_files() -> set[Path]:
    """The PDF files in :func:`output_dir` now (take this before printing, for ``before``)."""
    folder = output_dir()
    if not folder.is_dir():
        return set()
    return {p for p in folder.iterdir() if p.suffix.lower() == ".pdf"}


def _ends_with_eof(path: Path) -> bool:
    with path.open("rb") as f:
        f.seek(0, os.SEEK_END)
        f.seek(max(0, f.tell() - 1024))
        return f.read().rstrip().endswith(b"%%EOF")


def wait_for_new_pdf(before: set[Path], timeout: float = 30) -> Path:
    """The first complete PDF that appears in :func:`output_dir` and is not in ``before``.

    Ghostscript writes the file in place, so a file counts as complete once it ends with ``%%EOF``
    and its size has not changed between two looks. Raises TimeoutError, saying what the queues
    hold, if none is complete within ``timeout`` seconds.
    """
    deadline = time.monotonic() + timeout
    sizes: dict[Path, int] = {}
    while True:
        new = []
        for path in pdf_files() - before:
            try:
                new.append((path.stat(), path))
            except FileNotFoundError:  # gone between the listing and the look
                continue
        for stat, path in sorted(new, key=lambda item: (item[0].st_mtime_ns, item[1].name)):
            if stat.st_size > 0 and sizes.get(path) == stat.st_size and _ends_with_eof(path):
                return path
            sizes[path] = stat.st_size
        if time.monotonic() >= deadline:
            break
        time.sleep(POLL)
    pending = {name: jobs(name) for name in (QUEUE, STOPPED_QUEUE)}
    raise TimeoutError(
        f"no new complete PDF in {output_dir()} within {timeout:g} s "
        f"(new but incomplete: {[p.name for p in sorted(sizes)]}; jobs waiting: {pending}; "
        f"cups-pdf logs in /var/log/cups/)"
    )


def submit(path: Path, queue: str = QUEUE, title: str | None = None) -> str:
    """Send a file with ``lp -d QUEUE``; the job id (e.g. ``KioskPDF-12``)."""
    args = ["lp", "-d", queue]
    if title:
        args += ["-t", title]
    out = _checked(*args, str(path))
    found = re.search(r"request id is (\S+)", out)
    if not found:
        raise CupsError(f"lp did not say which job it made: {out.strip()!r}")
    return found.group(1)


def queue_state(name: str) -> str:
    """``"idle"``, ``"printing"`` or ``"disabled"`` (from ``lpstat -p NAME``).

    Raises LookupError for a printer CUPS does not have.
    """
    proc = _run("lpstat", "-p", name)
    first = proc.stdout.splitlines()[0] if proc.stdout.strip() else ""
    if proc.returncode != 0 or not first.startswith(f"printer {name} "):
        said = (proc.stderr or proc.stdout).strip()
        raise LookupError(f"CUPS has no printer {name!r}: {said}")
    rest = first[len(f"printer {name} ") :]
    if rest.startswith("disabled"):
        return "disabled"
    if rest.startswith("now printing"):
        return "printing"
    if rest.startswith("is idle"):
        return "idle"
    raise CupsError(f"unexpected lpstat -p output: {first!r}")


def _jobs_and_owners(name: str) -> list[tuple[str, str]]:
    rows = [line.split() for line in _checked("lpstat", "-o", name).splitlines()]
    return [(row[0], row[1]) for row in rows if len(row) >= 2]


def jobs(name: str) -> list[str]:
    """The ids of the jobs not yet completed on queue ``name`` (``lpstat -o NAME``)."""
    return [job for job, _owner in _jobs_and_owners(name)]


def cancel_all(name: str) -> None:
    """Cancel every job waiting on queue ``name`` that this user may cancel.

    Root and the lpadmin group cancel them all (``cancel -a``); any other user, only their own.
    """
    proc = _run("cancel", "-a", name)
    if proc.returncode == 0:
        return
    if "forbidden" not in (proc.stderr + proc.stdout).lower():
        raise CupsError(f"cancel -a {name}: {(proc.stderr or proc.stdout).strip()}")
    mine = [job for job, owner in _jobs_and_owners(name) if owner == _job_user()]
    if mine:
        _checked("cancel", *mine)


def enable(name: str) -> None:
    """Start queue ``name`` (``cupsenable``): waiting jobs print."""
    _checked("cupsenable", name)


def disable(name: str, reason: str = "stopped by a test") -> None:
    """Stop queue ``name`` (``cupsdisable -r REASON``): it still takes jobs but holds them."""
    _checked("cupsdisable", "-r", reason, name)
