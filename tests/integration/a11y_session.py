"""A desktop with a real screen reader for tests: Xvfb, D-Bus, the AT-SPI bus, speech and Orca.

``a11y_session(tmp_path)`` starts, each of its own and all under ``tmp_path`` (nothing of the
machine's own session is used or changed):

1. Xvfb on the first free display number;
2. a D-Bus session bus (``dbus-daemon --session``) with its socket in ``tmp_path``;
3. the accessibility bus (``at-spi-bus-launcher --launch-immediately``), which Qt and Orca find
   through the session bus;
4. a private speech-dispatcher speaking with espeak-ng into ALSA's null device
   (``tests/integration/speechd.py``);
5. Orca, with its settings in ``tmp_path`` and ``--debug-file`` on a pseudo-terminal.

Orca 43 writes its debug file through a block-buffered file and flushes it only at exit; a file
that is a terminal is line-buffered by Python, so Orca is given the terminal end of a pty and a
thread copies each line to ``orca-debug.txt`` as it is written. ``utterances()`` reads the
``SPEECH OUTPUT:`` lines (what Orca spoke) and the ``DEFAULT SAY ALL:`` lines (what it queued to
read all) from there.

Everything is stopped, by process group, when the ``with`` block ends; every start is fresh, so
running the tests again needs no clean-up. Orca refuses to start while another Orca of the same
user runs; the harness then fails and names it rather than stopping it.
"""

from __future__ import annotations

import contextlib
import os
import pty
import re
import select
import shutil
import signal
import subprocess
import sys
import threading
import time
import tty
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.integration.speechd import (
    SpeechDispatcher,
    private_speech_dispatcher,
    require_installed,
    require_speech_dispatcher,
)
from tests.integration.xvfb import xvfb

AT_SPI_LAUNCHER = "/usr/libexec/at-spi-bus-launcher"
REQUIRED = ("Xvfb", "xdotool", "dbus-daemon", "dbus-send", "orca", AT_SPI_LAUNCHER)
SCREEN = (1280, 800)
START_TIMEOUT = 30.0  # seconds for each part to come up (Orca takes about 2 s here)
ORCA_READY = "Screen reader on."  # what Orca 43 says once it is running

# Orca's debug entries: "HH:MM:SS.ffffff - TEXT"; a TEXT of several lines goes on in lines
# indented by 18 spaces.
_ENTRY_START = re.compile(r"\n(?=\d\d:\d\d:\d\d\.\d+ - )")
_CONTINUED = "\n" + " " * 18
_TIMESTAMP = re.compile(r"^\d\d:\d\d:\d\d\.\d+ - ")
# SPEECH OUTPUT: 'TEXT' then " voice=NAME" for a voice other than the default, then the voice's
# settings as a dict; a key's name spoken as it is pressed (key echo) has a space before them.
_SPEECH = re.compile(r"SPEECH OUTPUT: '(.*)'(?: voice=\w+)?(?:\{.*\}|None)?", re.S)
_KEY_ECHO = re.compile(r"SPEECH OUTPUT: '(.*)' (?:\{.*\}|None)", re.S)
_SAY_ALL = re.compile(r"DEFAULT SAY ALL: .*? '(.*)' \(\d+-\d+, current: \d+\)", re.S)


def missing_parts() -> list[str]:
    return [tool for tool in REQUIRED if shutil.which(tool) is None and not Path(tool).exists()]


def require_a11y_desktop() -> None:
    """Skip where this cannot run at all (not Linux, not root and not installed); else fail."""
    if not sys.platform.startswith("linux"):
        pytest.skip("Orca and the AT-SPI bus run on Linux only")
    require_speech_dispatcher()
    require_installed(missing_parts())


def other_orcas() -> list[int]:
    """Orcas of this user already running (Orca itself would refuse to start beside them)."""
    found = subprocess.run(
        ["pgrep", "-u", str(os.getuid()), "-x", "orca"], capture_output=True, text=True, check=False
    )
    return [int(pid) for pid in found.stdout.split()]


@dataclass
class Utterance:
    kind: str  # "speech", "say all" (a line queued by Read all) or "key" (a key's name echoed)
    text: str

    def __str__(self) -> str:
        return self.text if self.kind == "speech" else f"[{self.kind}] {self.text}"


class _PtyCopier(threading.Thread):
    """Copies what Orca writes to its debug terminal into a file, a line at a time."""

    def __init__(self, master: int, target: Path) -> None:
        super().__init__(daemon=True, name="orca-debug")
        self.master = master
        self.target = target
        self.stopping = threading.Event()

    def run(self) -> None:
        with self.target.open("wb") as out:
            while not self.stopping.is_set():
                ready, _, _ = select.select([self.master], [], [], 0.1)
                if not ready:
                    continue
                try:
                    chunk = os.read(self.master, 65536)
                except OSError:  # the other end closed
                    return
                if not chunk:
                    return
                out.write(chunk)
                out.flush()


def _start(
    args: list[str], env: dict[str, str], log: Path, **kwargs: object
) -> subprocess.Popen[bytes]:
    """Start ``args`` in a process group of its own, so stopping it takes its children too."""
    with log.open("ab") as out:
        return subprocess.Popen(
            args, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True, **kwargs
        )


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Stop a process this harness started, and the group it leads."""
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)
    else:
        # The leader is gone; children it left in its group (the a11y bus) still go.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)


def _wait(what: str, ready: Callable[[], bool], alive: Callable[[], bool], said: Callable[[], str]):
    deadline = time.monotonic() + START_TIMEOUT
    while not ready():
        if not alive():
            pytest.fail(f"{what} exited while starting:\n{said()}", pytrace=False)
        if time.monotonic() > deadline:
            pytest.fail(f"{what} not ready within {START_TIMEOUT} s:\n{said()}", pytrace=False)
        time.sleep(0.05)


@dataclass
class A11ySession:
    folder: Path
    display: str
    env: dict[str, str]  # what a client of this desktop needs: DISPLAY, the bus, speech, locale
    speechd: SpeechDispatcher
    orca_debug: Path
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)
    orca: subprocess.Popen[bytes] | None = None
    started_in: float = 0.0  # seconds from the first start to Orca's "Screen reader on."

    # -- what Orca said -------------------------------------------------------------------

    def orca_log(self) -> str:
        try:
            return self.orca_debug.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return ""

    def utterances(self) -> list[Utterance]:
        """Everything Orca spoke or queued for Read all, oldest first."""
        found = []
        for entry in _ENTRY_START.split(self.orca_log()):
            entry = _TIMESTAMP.sub("", entry.rstrip("\n")).replace(_CONTINUED, "\n")
            if match := _KEY_ECHO.fullmatch(entry):
                found.append(Utterance("key", match[1].strip()))
            elif match := _SPEECH.fullmatch(entry):
                found.append(Utterance("speech", match[1]))
            elif match := _SAY_ALL.fullmatch(entry):
                found.append(Utterance("say all", match[1]))
        return found

    def mark(self) -> int:
        """A place in the utterances: pass it to ``since`` to get only what came after."""
        return len(self.utterances())

    def since(self, mark: int) -> list[Utterance]:
        return self.utterances()[mark:]

    def wait_for_speech(
        self, found: Callable[[list[Utterance]], bool], mark: int = 0, timeout: float = 10.0
    ) -> list[Utterance]:
        """Wait until ``found(utterances since mark)``; return them either way."""
        deadline = time.monotonic() + timeout
        while True:
            said = self.since(mark)
            if found(said) or time.monotonic() > deadline:
                return said
            time.sleep(0.1)

    def wait_idle(self, quiet: float = 0.3, timeout: float = 10.0) -> None:
        """Wait until Orca has written nothing to its debug log for ``quiet`` seconds: it has
        handled the events so far. A key pressed while Orca is still busy with the last screen
        change can race it (it reads the new state while handling an old event, and then does
        not speak the new one)."""
        deadline = time.monotonic() + timeout
        size, since = -1, time.monotonic()
        while time.monotonic() < deadline:
            now = self.orca_debug.stat().st_size if self.orca_debug.exists() else 0
            if now != size:
                size, since = now, time.monotonic()
            elif time.monotonic() - since >= quiet:
                return
            time.sleep(0.05)

    def wait_quiet(self, quiet: float = 1.0, timeout: float = 10.0) -> None:
        """Wait until Orca has said nothing new for ``quiet`` seconds."""
        deadline = time.monotonic() + timeout
        count, since = self.mark(), time.monotonic()
        while time.monotonic() < deadline:
            time.sleep(0.1)
            now = self.mark()
            if now != count:
                count, since = now, time.monotonic()
            elif time.monotonic() - since >= quiet:
                return

    # -- input ----------------------------------------------------------------------------

    def xdotool(self, *args: str, check: bool = True) -> str:
        result = subprocess.run(
            ["xdotool", *args],
            env={**os.environ, **self.env},
            capture_output=True,
            text=True,
            timeout=15,
            check=False,
        )
        if check:
            assert result.returncode == 0, f"xdotool {' '.join(args)}: {result.stderr}"
        return result.stdout

    def key(self, *keys: str) -> None:
        """Press keys through XTEST, as a physical keyboard does (Orca hears them too)."""
        self.xdotool("key", "--delay", "120", *keys)

    def client_env(self, folder: Path) -> dict[str, str]:
        """Environment for an application on this desktop, its user folders in ``folder``."""
        env = {**os.environ, **self.env}
        env.pop("WAYLAND_DISPLAY", None)
        for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
            env[var] = str(folder / var.lower())
        return env


def _read_line(fd: int, timeout: float) -> str:
    """The first line written to ``fd`` within ``timeout`` seconds ('' if none)."""
    data = b""
    deadline = time.monotonic() + timeout
    while b"\n" not in data:
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([fd], [], [], left)[0]:
            break
        chunk = os.read(fd, 1024)
        if not chunk:
            break
        data += chunk
    return data.decode(errors="replace").strip()


def _start_session_bus(folder: Path, env: dict[str, str]) -> tuple[subprocess.Popen[bytes], str]:
    read_fd, write_fd = os.pipe()
    with (folder / "dbus.txt").open("wb") as out:
        bus = subprocess.Popen(
            [
                "dbus-daemon",
                "--session",
                "--nofork",
                "--nopidfile",
                f"--address=unix:path={folder / 'session-bus'}",
                f"--print-address={write_fd}",
            ],
            env=env,
            pass_fds=(write_fd,),
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    os.close(write_fd)
    try:
        address = _read_line(read_fd, START_TIMEOUT)
    finally:
        os.close(read_fd)
    if not address:
        _stop(bus)
        pytest.fail(f"dbus-daemon gave no address within {START_TIMEOUT} s", pytrace=False)
    return bus, address


def _a11y_bus_up(env: dict[str, str]) -> bool:
    asked = subprocess.run(
        [
            "dbus-send",
            "--session",
            "--print-reply",
            "--dest=org.a11y.Bus",
            "/org/a11y/bus",
            "org.a11y.Bus.GetAddress",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=10,
        check=False,
    )
    return asked.returncode == 0 and "unix:" in asked.stdout


@contextlib.contextmanager
def a11y_session(tmp_path: Path) -> Iterator[A11ySession]:
    """A desktop with Orca running and listening; see the module's docstring."""
    require_a11y_desktop()
    if running := other_orcas():
        pytest.fail(
            f"another Orca of this user runs (pids {running}); Orca will not start beside it. "
            "Stop it and run the test again.",
            pytrace=False,
        )
    began = time.monotonic()
    folder = tmp_path / "desktop"
    home, runtime = folder / "home", folder / "runtime"
    for path in (home, runtime):
        path.mkdir(parents=True, exist_ok=True)
    runtime.chmod(0o700)
    with private_speech_dispatcher(tmp_path) as speechd, contextlib.ExitStack() as stack:
        # Entered before stop_all is registered, so the X server ends after all that runs on it.
        display = stack.enter_context(xvfb(f"{SCREEN[0]}x{SCREEN[1]}", log=folder / "xvfb.txt"))
        processes: list[subprocess.Popen[bytes]] = []
        copiers: list[_PtyCopier] = []
        fds: list[int] = []

        def stop_all() -> None:
            """Orca and the desktop first, then the copier of Orca's last words."""
            for process in reversed(processes):
                _stop(process)
            for copier in copiers:
                copier.stopping.set()
                copier.join(timeout=5)
                os.close(copier.master)
            for fd in fds:
                os.close(fd)

        stack.callback(stop_all)
        env = {
            **speechd.env,
            "DISPLAY": display,
            "HOME": str(home),
            "XDG_RUNTIME_DIR": str(runtime),
            "XDG_CONFIG_HOME": str(home / ".config"),
            "XDG_DATA_HOME": str(home / ".local/share"),
            "XDG_CACHE_HOME": str(home / ".cache"),
        }
        base = {k: v for k, v in os.environ.items() if k != "WAYLAND_DISPLAY"}
        bus, address = _start_session_bus(folder, {**base, **env})
        processes.append(bus)
        env["DBUS_SESSION_BUS_ADDRESS"] = address
        full = {**base, **env}
        launcher = _start([AT_SPI_LAUNCHER, "--launch-immediately"], full, folder / "at-spi.txt")
        processes.append(launcher)
        _wait(
            "the AT-SPI bus launcher",
            lambda: _a11y_bus_up(full),
            lambda: launcher.poll() is None,
            lambda: (folder / "at-spi.txt").read_text(errors="replace"),
        )

        debug = folder / "orca-debug.txt"
        master, slave = pty.openpty()
        tty.setraw(slave)  # no "\n" -> "\r\n", no echo: the bytes as Orca wrote them
        copiers.append(_PtyCopier(master, debug))
        copiers[0].start()
        orca = _start(
            ["orca", "--disable", "braille", "--debug-file", os.ttyname(slave)],
            full,
            folder / "orca-output.txt",
        )
        # The slave stays open here too until the end: with no slave open, reading the master
        # fails (EIO), which would end the copier before Orca has opened its debug file.
        fds.append(slave)
        processes.append(orca)
        session = A11ySession(folder, display, env, speechd, debug, processes, orca)
        _wait(
            f"Orca (saying {ORCA_READY!r})",
            lambda: any(u.text == ORCA_READY for u in session.utterances()),
            lambda: orca.poll() is None,
            lambda: (
                (folder / "orca-output.txt").read_text(errors="replace")
                + "\n"
                + session.orca_log()[-3000:]
            ),
        )
        session.started_in = time.monotonic() - began
        yield session
