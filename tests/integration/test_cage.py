"""The standalone executable under cage, the Wayland compositor a kiosk PC shows it in.

Each test installs a copy of the build as the installer's guide does (``/opt/clinic-kiosk``-like:
owned by root, readable by all, with a ``kiosk.toml`` beside the program that only root and the
kiosk account can read) and starts it as ``deploy/linux/kiosk.service`` does: ``cage -d --
PROGRAM run`` with ``QT_QPA_PLATFORM=wayland;xcb``, as an unprivileged account (cage refuses
root; ``deploy/linux/kiosk-test-user.sh`` adds ``kiosk-test``) with its own ``XDG_RUNTIME_DIR``.

- On wlroots' headless backend (no screen, software rendering): the kiosk is still running after
  20 seconds; it draws through Qt's Wayland platform plugin (``libqwayland.so`` is mapped into the
  process, ``libqxcb.so`` is not, so it did not fall back to X11 through Xwayland); its log and
  its output have no errors; SIGTERM (``systemctl stop``) ends it with exit code 0, and every
  process it started ends with it.
- On wlroots' X11 backend inside an Xvfb, so the screen can be looked at: a screenshot of cage's
  output shows the kiosk's attract screen covering all of it, with text on it.

cage 0.1.4 exits 0 whatever its client did, so the program runs inside a one-line ``sh`` that
writes the program's own exit code (and its output) to files. The account has no speech service,
and its speech-dispatcher configuration refuses to start one (``DisableAutoSpawn``), so nothing
outlives a test. SIGTERM goes to the kiosk, not to cage: cage itself aborts with a
``wl_display_terminate`` assertion when both get it at once.
"""

from __future__ import annotations

import os
import pwd
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from kiosk import APP_ID
from kiosk.core.pin import hash_pin
from tests.conftest import REPO
from tests.integration.test_frozen import copy_build, libraries_not_found
from tests.integration.xvfb import xvfb

pytestmark = pytest.mark.slow

USER = "kiosk-test"
USER_SCRIPT = REPO / "deploy" / "linux" / "kiosk-test-user.sh"
CANNOT_RUN = 3  # the script's exit status where the account cannot be made here
ALIVE_FOR = 20.0  # seconds the kiosk must keep running after cage started it
START_TIMEOUT = 20.0  # seconds for cage to start the kiosk and the kiosk to log its start
STOP_TIMEOUT = 15.0  # the service's TimeoutStopSec
SCREEN_TIMEOUT = 30.0  # seconds for the attract screen to show on the X11 backend
# wlroots' X11 backend opens its output window at 1024x768; the Xvfb screen is made that size,
# so the screenshot of the X root window is exactly cage's output.
OUTPUT_SIZE = (1024, 768)
OUTPUT_FILE = "kiosk-output.txt"  # in the kiosk account's home: what the program printed
STATUS_FILE = "kiosk-exit-status"  # its exit code, written when it ends
CAGE_OUTPUT_FILE = "cage-output.txt"
STARTED = "kiosk started (full screen, locked)"
STOPPED = "kiosk stopped"
# Every line the kiosk prints is one of its log records ("kiosk: LEVEL: message"); anything
# else (a Qt warning, a crash) is a finding.
KIOSK_LINE = re.compile(r"^kiosk: (DEBUG|INFO|WARNING|ERROR|CRITICAL): ")
ERROR_WORDS = re.compile(r"\b(ERROR|CRITICAL)\b|Traceback")

if not sys.platform.startswith("linux"):
    pytest.skip("cage is a Linux compositor", allow_module_level=True)
if os.geteuid() != 0:
    pytest.skip(
        "cage refuses to run as root, so this test switches to the kiosk-test account, which "
        "only root can do",
        allow_module_level=True,
    )


def require(*tools: str) -> None:
    missing = [tool for tool in tools if shutil.which(tool) is None]
    if missing:
        pytest.fail(
            f"not installed: {', '.join(missing)}; run deploy/linux/system-packages.sh test",
            pytrace=False,
        )


@pytest.fixture(scope="module")
def account() -> pwd.struct_passwd:
    """The unprivileged account, added by the project's script when missing."""
    proc = subprocess.run(
        ["bash", str(USER_SCRIPT), USER], capture_output=True, text=True, timeout=60, check=False
    )
    said = (proc.stdout + proc.stderr).strip()
    if proc.returncode == CANNOT_RUN:
        pytest.skip(f"no {USER} account: {said}")
    if proc.returncode != 0:
        pytest.fail(f"{USER_SCRIPT.name} exited {proc.returncode}: {said}", pytrace=False)
    return pwd.getpwnam(USER)


@pytest.fixture(scope="module")
def installed(account: pwd.struct_passwd) -> Iterator[Path]:
    """A copy of the build, installed as the guide says, with the settings file an installer
    writes beside the program; the program's path."""
    require("cage", "Xwayland")
    # Not under pytest's tmp_path: that folder is root's alone, and the kiosk account must read
    # the program, as it reads /opt/clinic-kiosk.
    base = Path(tempfile.mkdtemp(prefix="clinic-kiosk-cage-"))
    try:
        base.chmod(0o755)
        folder = base / APP_ID
        copy_build(folder)
        subprocess.run(["chmod", "-R", "u=rwX,go=rX", str(folder)], check=True)
        settings = folder / "kiosk.toml"
        settings.write_text(
            "\n".join(
                (
                    'clinic_name = "Riverside Physiotherapy"',
                    f'staff_pin_hash = "{hash_pin("4826")}"',
                    "idle_seconds = 90",
                    "warning_seconds = 30",
                    "hide_cursor = true",
                    "",
                )
            ),
            encoding="utf-8",
        )
        os.chown(settings, 0, account.pw_gid)
        settings.chmod(0o640)
        yield folder / APP_ID
    finally:
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def home(account: pwd.struct_passwd) -> Iterator[Path]:
    """The kiosk account's home and runtime folders for one run, owned by it, mode 0700."""
    base = Path(tempfile.mkdtemp(prefix="clinic-kiosk-cage-home-"))
    try:
        base.chmod(0o755)
        for name in ("home", "runtime"):
            (base / name).mkdir(mode=0o700)
            os.chown(base / name, account.pw_uid, account.pw_gid)
        # No speech service for this account. Qt's speech engine would otherwise have
        # speech-dispatcher start one for it (autospawn), detached from the kiosk, so it would
        # outlive the test; with this line in the account's own configuration it refuses.
        conf = base / "home" / ".config" / "speech-dispatcher"
        conf.mkdir(parents=True)
        (conf / "speechd.conf").write_text("DisableAutoSpawn\n", encoding="utf-8")
        for path in (conf.parent, conf, conf / "speechd.conf"):
            os.chown(path, account.pw_uid, account.pw_gid)
        yield base
    finally:
        shutil.rmtree(base, ignore_errors=True)


def descendants(pid: int) -> list[int]:
    """Every process below ``pid``, read from /proc."""
    found: list[int] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except FileNotFoundError:
        return found
    for task in tasks:
        try:
            children = Path(f"/proc/{pid}/task/{task}/children").read_text().split()
        except (FileNotFoundError, ProcessLookupError):
            continue
        for child in map(int, children):
            found += [child, *descendants(child)]
    return found


def owner(pid: int) -> int | None:
    try:
        return os.stat(f"/proc/{pid}").st_uid
    except FileNotFoundError:
        return None


def running(pid: int) -> bool:
    """True while ``pid`` exists and is not a zombie waiting for its parent."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError):
        return False
    return fields[0] != "Z"


@dataclass
class CageRun:
    """cage with the kiosk inside it, as the service starts them."""

    program: Path
    home: Path
    cage: subprocess.Popen[bytes]
    started: float
    uid: int
    seen: set[int] = field(default_factory=set)  # every process below cage, so far

    @property
    def output(self) -> Path:
        return self.home / "home" / OUTPUT_FILE

    @property
    def status(self) -> Path:
        return self.home / "home" / STATUS_FILE

    @property
    def cage_output(self) -> Path:
        return self.home / CAGE_OUTPUT_FILE

    @property
    def log(self) -> Path:
        # No log_dir in the settings: the kiosk account's own log folder, as on a kiosk PC.
        return self.home / "home" / ".local" / "state" / APP_ID / "log" / "kiosk.log"

    def read(self, path: Path) -> str:
        try:
            return path.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return ""

    def report(self) -> str:
        """What both printed, for failure messages."""
        return (
            f"\n--- kiosk output ---\n{self.read(self.output)[-4000:]}"
            f"\n--- kiosk.log ---\n{self.read(self.log)[-3000:]}"
            f"\n--- cage output ---\n{self.read(self.cage_output)[-3000:]}"
        )

    def look(self) -> list[int]:
        """The processes below cage now; each is remembered in ``seen``."""
        found = descendants(self.cage.pid)
        self.seen.update(found)
        return found

    def left(self) -> list[int]:
        """Processes of this run still running (still the kiosk account's: a number the system
        gave to another process since is not this run's)."""
        return [pid for pid in self.seen if running(pid) and owner(pid) == self.uid]

    def kiosk_pid(self) -> int | None:
        for pid in self.look():
            try:
                if os.readlink(f"/proc/{pid}/exe") == str(self.program):
                    return pid
            except OSError:
                continue
        return None

    def wait_for_start(self) -> int:
        """The kiosk's process id, once it has logged its start."""
        deadline = self.started + START_TIMEOUT
        while time.monotonic() < deadline:
            pid = self.kiosk_pid()
            if pid is not None and STARTED in self.read(self.log):
                return pid
            if self.cage.poll() is not None or self.status.exists():
                break
            time.sleep(0.2)
        pytest.fail(
            f"the kiosk did not log {STARTED!r} within {START_TIMEOUT} s under cage "
            f"(cage exit code {self.cage.poll()}, kiosk exit status "
            f"{self.read(self.status).strip() or 'none'}){self.report()}",
            pytrace=False,
        )

    def stop(self, pid: int) -> int:
        """SIGTERM to the kiosk, as ``systemctl stop``; its exit code."""
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + STOP_TIMEOUT
        while not self.read(self.status).strip() and time.monotonic() < deadline:
            time.sleep(0.1)
        code = self.read(self.status).strip()
        assert code, f"the kiosk did not end within {STOP_TIMEOUT} s of SIGTERM{self.report()}"
        return int(code)


@contextmanager
def cage(program: Path, home: Path, account: pwd.struct_passwd, **env: str) -> Iterator[CageRun]:
    """cage running ``program run`` as the service does; everything ended on leaving."""
    kiosk_env = {
        # What the service's [Service] section gives it...
        "XDG_SESSION_TYPE": "wayland",
        "QT_QPA_PLATFORM": "wayland;xcb",
        "WLR_LIBINPUT_NO_DEVICES": "1",
        # ...and what systemd and the login session give every service of a user.
        "HOME": str(home / "home"),
        "USER": account.pw_name,
        "LOGNAME": account.pw_name,
        "XDG_RUNTIME_DIR": str(home / "runtime"),
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "LANG": "C.UTF-8",
        **env,
    }
    output, status = home / "home" / OUTPUT_FILE, home / "home" / STATUS_FILE
    # The program's own exit code and output, which cage 0.1.4 does not pass on.
    wrapper = f'"$@" >{shlex.quote(str(output))} 2>&1; echo $? >{shlex.quote(str(status))}'
    with (home / CAGE_OUTPUT_FILE).open("wb") as cage_output:
        process = subprocess.Popen(
            ["cage", "-d", "--", "sh", "-c", wrapper, "sh", str(program), "run"],
            cwd=home / "home",
            env=kiosk_env,
            user=account.pw_uid,
            group=account.pw_gid,
            extra_groups=[],
            stdin=subprocess.DEVNULL,
            stdout=cage_output,
            stderr=subprocess.STDOUT,
        )
    run = CageRun(program, home, process, time.monotonic(), account.pw_uid)
    try:
        yield run
    finally:
        run.look()
        for pid in run.left():
            os.kill(pid, signal.SIGKILL)
        if run.cage.poll() is None:
            run.cage.terminate()
            try:
                run.cage.wait(timeout=10)
            except subprocess.TimeoutExpired:
                run.cage.kill()
                run.cage.wait(timeout=10)


def assert_clean_output(run: CageRun) -> None:
    """No error in the kiosk's log file or its output, and nothing but its own log lines."""
    log = run.read(run.log)
    errors = [line for line in log.splitlines() if ERROR_WORDS.search(line)]
    assert not errors, f"errors in kiosk.log: {errors}{run.report()}"
    printed = run.read(run.output).splitlines()
    foreign = [line for line in printed if line.strip() and not KIOSK_LINE.match(line)]
    assert not foreign, f"the kiosk printed more than its log lines: {foreign}{run.report()}"
    errors = [line for line in printed if ERROR_WORDS.search(line)]
    assert not errors, f"errors in the kiosk's output: {errors}{run.report()}"


# --- What the build carries for Wayland -------------------------------------------------------


WAYLAND_FILES = (
    "PySide6/Qt/plugins/platforms/libqwayland.so",
    "PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so",
    "PySide6/Qt/lib/libQt6WaylandClient.so.6",
)


@pytest.mark.parametrize("name", WAYLAND_FILES)
def test_the_build_has_qt_wayland_and_this_pc_its_libraries(installed: Path, name: str) -> None:
    """The platform plugin and the xdg-shell integration cage speaks, each of whose libraries is
    found (``ldd`` as the program loads them, the bundle's own folder first)."""
    internal = installed.parent / "_internal"
    path = internal / name
    assert path.is_file(), f"{name} is not in the build (deploy/pyinstaller/trim.py keeps it)"
    missing = libraries_not_found(path, internal)
    assert not missing, f"{name} needs libraries this PC lacks: {missing}"


# --- On the headless backend, as on a kiosk PC but without a screen --------------------------


def test_runs_on_wayland_under_cage_and_stops_cleanly(
    installed: Path, home: Path, account: pwd.struct_passwd
) -> None:
    with cage(installed, home, account, WLR_BACKENDS="headless", WLR_RENDERER="pixman") as run:
        pid = run.wait_for_start()
        while time.monotonic() < run.started + ALIVE_FOR:
            assert running(pid), f"the kiosk ended after start{run.report()}"
            run.look()
            time.sleep(0.5)
        assert running(pid), f"the kiosk ended within {ALIVE_FOR} s{run.report()}"
        assert run.cage.poll() is None, f"cage ended within {ALIVE_FOR} s{run.report()}"

        maps = Path(f"/proc/{pid}/maps").read_text()
        environ = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
        assert "/platforms/libqwayland.so" in maps, "Qt's Wayland platform plugin is not loaded"
        assert "/platforms/libqxcb.so" not in maps, "the kiosk fell back to X11 (Xwayland)"
        assert any(v.startswith(b"WAYLAND_DISPLAY=") for v in environ), "cage gave no display"
        assert (home / "runtime" / "wayland-0").is_socket(), "no Wayland socket in the runtime dir"
        assert_clean_output(run)

        assert run.stop(pid) == 0, f"exit code after SIGTERM{run.report()}"
        assert run.read(run.log).rstrip().endswith(STOPPED), run.report()
        try:  # cage ends by itself once its only client has gone
            run.cage.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pytest.fail(f"cage still runs 10 s after the kiosk ended{run.report()}")
        # The kiosk's own processes (its speech process) end with it.
        assert len(run.seen) >= 2, f"not even the kiosk was seen below cage: {run.seen}"
        left = {pid: Path(f"/proc/{pid}/cmdline").read_bytes() for pid in run.left()}
        assert not left, f"still running after the kiosk ended: {left}"
    assert_clean_output(run)


# --- On the X11 backend inside an Xvfb, to look at the screen ----------------------------------


GRAB = """import sys
from PySide6.QtGui import QGuiApplication
app = QGuiApplication(sys.argv[:1])
sys.exit(0 if app.primaryScreen().grabWindow(0).save(sys.argv[1]) else 1)
"""


def screenshot(display: str, path: Path) -> None:
    """The whole X screen (cage's output window) as a PNG, through Qt's xcb platform."""
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
    proc = subprocess.run(
        [sys.executable, "-c", GRAB, str(path)], env=env, capture_output=True, timeout=30
    )
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")


@dataclass
class Picture:
    size: tuple[int, int]
    background: tuple[int, int, int]  # the most common colour
    background_share: float  # of the sampled pixels
    corners: list[tuple[int, int, int]]
    contrast_share: float  # sampled pixels far from the background: text


def look_at(path: Path) -> Picture:
    from PySide6.QtGui import QImage

    image = QImage(str(path))
    assert not image.isNull(), f"cannot read {path}"
    w, h = image.width(), image.height()

    def rgb(x: int, y: int) -> tuple[int, int, int]:
        c = image.pixelColor(x, y)
        return (c.red(), c.green(), c.blue())

    samples = [rgb(x, y) for y in range(0, h, 3) for x in range(0, w, 3)]
    counts: dict[tuple[int, int, int], int] = {}
    for colour in samples:
        counts[colour] = counts.get(colour, 0) + 1
    background = max(counts, key=counts.__getitem__)
    far = sum(
        1 for c in samples if sum(abs(a - b) for a, b in zip(c, background, strict=True)) > 200
    )
    corners = [rgb(x, y) for x, y in ((0, 0), (w - 1, 0), (0, h - 1), (w - 1, h - 1))]
    return Picture(
        (w, h), background, counts[background] / len(samples), corners, far / len(samples)
    )


def test_the_attract_screen_fills_cages_output(
    installed: Path, home: Path, account: pwd.struct_passwd, tmp_path: Path
) -> None:
    require("Xvfb")
    shot = tmp_path / "cage-attract.png"
    with (
        xvfb(f"{OUTPUT_SIZE[0]}x{OUTPUT_SIZE[1]}") as display,
        cage(
            installed, home, account, WLR_BACKENDS="x11", WLR_RENDERER="pixman", DISPLAY=display
        ) as run,
    ):
        pid = run.wait_for_start()
        deadline = time.monotonic() + SCREEN_TIMEOUT
        while True:  # the first frames may still be cage's empty output
            screenshot(display, shot)
            picture = look_at(shot)
            shown = (
                picture.background != (0, 0, 0)
                and picture.background_share > 0.8
                and all(c == picture.background for c in picture.corners)
                and picture.contrast_share > 0.002
            )
            if shown or time.monotonic() > deadline:
                break
            time.sleep(0.5)
        assert "/platforms/libqwayland.so" in Path(f"/proc/{pid}/maps").read_text()
        assert picture.size == OUTPUT_SIZE
        assert picture.background != (0, 0, 0), f"cage's output is black: {shot}"
        assert picture.background_share > 0.8, f"not one screen filling the output: {shot}"
        assert all(c == picture.background for c in picture.corners), (
            f"the kiosk does not reach every corner of the output {picture.corners}: {shot}"
        )
        assert picture.contrast_share > 0.002, f"no text on the attract screen: {shot}"
        assert run.stop(pid) == 0, f"exit code after SIGTERM{run.report()}"
    assert_clean_output(run)
