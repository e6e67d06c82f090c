"""Start-up to first paint and peak memory: the kiosk against a minimal window, same run.

    python -m bench.startup [--runs N] [--x-runs N] [--only offscreen|x] [--kiosk PATH]
                                           (after `make exe`; `make bench` does both)

Each program starts with KIOSK_EXIT_AFTER_FIRST_PAINT=1 (kiosk/ui/first_paint.py), prints the
time of its window's first paint and quits (a locked full-screen kiosk, which refuses to quit,
is sent SIGTERM); start-up is that time minus the moment just before it was started. The frozen
kiosk is a copy of the build folder (``--kiosk``, default dist/), taken under the build's lock,
and every kiosk runs with a settings file of the bench's own. Peak memory is the process's
maximum resident set (wait4). Runs are interleaved, one of each program in turn, after one
warm-up run each (disk cache). The minimal window (bench/minimal_app.py) is built like the
kiosk and cached under build/bench/.

Two tables:

- Offscreen, read aloud off: what the kiosk itself costs, frozen and from source.
- On a real X server: an Xvfb the bench starts (1280x800, no window manager), the xcb platform,
  the frozen kiosk full screen as deployed. With read aloud off; with the real speech-dispatcher
  and espeak-ng (a private daemon speaking into ALSA's null device, already running as on a
  kiosk PC: tests/integration/speechd.py); with no speech service (and none may be started for
  it: ``DisableAutoSpawn``); and with a hung one (a socket that accepts connections and never
  answers, tests/integration/hung_speech.py). A run that has not painted within 15 s is killed
  and counted as "never painted"; after two such runs in a row that case is not started again.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import platform
import select
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack, suppress
from pathlib import Path

from bench import minimal_app
from bench.table import print_table, summarise
from kiosk import APP_ID
from tests.integration.hung_speech import hung_speech_service
from tests.integration.xvfb import xvfb

REPO = minimal_app.REPO
KIOSK = REPO / "dist" / APP_ID / APP_ID
ONEFILE = REPO / "dist" / "onefile" / APP_ID
LOCK = REPO / "build" / ".exe.lock"
TIMEOUT = 60.0
CAP = 15.0  # seconds a run on the real X server may take to paint before it is killed
STOP_WAIT = 10.0  # seconds a program that painted may take to end before it is killed
GIVE_UP_AFTER = 2  # runs in a row that never painted before a case is dropped
MARK = b"first-paint"
REFERENCE = "minimal window, frozen onedir"
SCREEN = (1280, 800)  # the kiosk's design size, and the minimal window's


def write_settings(folder: Path, name: str, speech_engine: str | None) -> Path:
    """A settings file; ``speech_engine=None`` leaves the setting at its default."""
    path = folder / name
    lines = [f'log_dir = "{(folder / "logs").as_posix()}"']
    if speech_engine is not None:
        lines.append(f'speech_engine = "{speech_engine}"')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def programs(kiosk: Path, speech_off: Path) -> dict[str, list[str]]:
    """Offscreen: label -> command line, the reference (frozen minimal window) first."""
    config = ("--config", str(speech_off))
    found = {
        REFERENCE: [str(minimal_app.build("trimmed"))],
        "minimal window, from source": [sys.executable, str(minimal_app.app_source())],
        "kiosk, frozen onedir": [str(kiosk), "run", "--windowed", *config],
        "kiosk, from source": [sys.executable, "-m", "kiosk", "run", "--windowed", *config],
    }
    if ONEFILE.is_file():
        found["kiosk, frozen onefile"] = [str(ONEFILE), "run", "--windowed", *config]
    return found


def _kill_group(pgid: int) -> None:
    """End what is left of one run: the program and anything it started (a speech process)."""
    with suppress(ProcessLookupError):
        os.killpg(pgid, signal.SIGKILL)


def start_once(
    command: list[str], env: dict[str, str], timeout: float = TIMEOUT
) -> tuple[float | None, float]:
    """Seconds from start to first paint (None: not within ``timeout``), peak resident MiB.

    Once it has painted, the program gets SIGTERM. It runs in a process group of its own, which
    is killed once it has ended, or at ``timeout``: a program stuck before or after its paint
    never stops the bench.
    """
    started = time.time()
    proc = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
        cwd=REPO,
        start_new_session=True,
    )
    assert proc.stdout is not None
    fd = proc.stdout.fileno()
    deadline = started + timeout
    painted: float | None = None
    buffer = b""
    while painted is None:
        ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.time()))
        chunk = os.read(fd, 4096) if ready else b""
        if not chunk:  # the deadline, or the program closed its output (it ended)
            break
        buffer += chunk
        for line in buffer.split(b"\n")[:-1]:
            if line.startswith(MARK):
                painted = float(line.split()[1])
        buffer = buffer.rsplit(b"\n", 1)[-1]
    if painted is not None:
        # A locked full-screen kiosk refuses the quit KIOSK_EXIT_AFTER_FIRST_PAINT asks for (it
        # refuses every close); SIGTERM, as `systemctl stop`, ends it cleanly.
        with suppress(ProcessLookupError):
            os.kill(proc.pid, signal.SIGTERM)
        deadline = min(deadline, time.time() + STOP_WAIT)
    while time.time() < deadline:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        time.sleep(0.02)
    else:
        pid = 0
    _kill_group(proc.pid)
    if not pid:
        _pid, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    proc.stdout.close()
    peak = usage.ru_maxrss / 1024  # ru_maxrss is in KiB on Linux
    return (None if painted is None else painted - started), peak


def smoke_peak(kiosk: Path, env: dict[str, str], config: Path) -> float:
    """Peak memory of the frozen smoke test: every screen, both leaflets made as PDFs."""
    proc = subprocess.run(
        [str(kiosk), "smoke-test", "--config", str(config)], capture_output=True, env=env
    )
    if proc.returncode != 0:
        raise RuntimeError(f"the smoke test failed:\n{proc.stdout.decode()}")
    return _children_peak()


def _children_peak() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def environment(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.update(QT_QPA_PLATFORM="offscreen", KIOSK_EXIT_AFTER_FIRST_PAINT="1")
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env[var] = str(home / var.lower())  # the kiosk's log and statistics stay out of ~
    # A kiosk that builds a speech engine never reaches the user's own speech service; the
    # real-X cases say which service they talk to. Nor does it have speech-dispatcher start one
    # for it (autospawn), which would outlive the run: the client library asks for one whenever
    # it finds no service, unless the configuration of the user it runs as refuses.
    env["SPEECHD_ADDRESS"] = f"unix_socket:{home / 'no-speech-service.sock'}"
    conf = home / "xdg_config_home" / "speech-dispatcher" / "speechd.conf"
    conf.parent.mkdir(parents=True, exist_ok=True)
    conf.write_text("DisableAutoSpawn\n", encoding="utf-8")
    return env


def _machine() -> str:
    return f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"


def offscreen(kiosk: Path, runs: int, home: Path) -> None:
    env = environment(home)
    speech_off = write_settings(home, "speech-off.toml", "none")
    commands = programs(kiosk, speech_off)
    times: dict[str, list[float]] = {label: [] for label in commands}
    peaks: dict[str, list[float]] = {label: [] for label in commands}
    for command in commands.values():
        start_once(command, env)  # warm-up: the files are in the disk cache after it
    for _ in range(runs):
        for label, command in commands.items():
            seconds, peak = start_once(command, env)
            if seconds is None:
                raise RuntimeError(f"{command[0]}: no first paint within {TIMEOUT} s")
            times[label].append(seconds * 1000)
            peaks[label].append(peak)
    env.pop("KIOSK_EXIT_AFTER_FIRST_PAINT")
    smoke = smoke_peak(kiosk, env, speech_off)
    reference = statistics.median(times[REFERENCE])
    rows = []
    for label in commands:
        stats = summarise(times[label])
        median_peak = statistics.median(peaks[label])
        rows.append([label, *stats.values(), stats["median"] / reference, median_peak])
    print_table(
        f"Start-up to first paint, offscreen, read aloud off, {runs} runs each, ms; peak memory "
        f"MiB ({_machine()}; aims: kiosk <= 1.3x minimal, <= 150 MiB)",
        ["program", "median", "p95", "min", "max", "x minimal", "peak MiB"],
        rows,
    )
    print(f"\nPeak memory of the frozen smoke test (every screen, both leaflets): {smoke:.0f} MiB")


def _speech_parts(stack: ExitStack, home: Path) -> tuple[dict[str, str], dict[str, str] | str]:
    """The locale every real-X case runs in, and the private speech-dispatcher's variables (or
    why there is none). tests/integration/speechd.py raises pytest's outcomes where a part is
    missing; here they are a line under the table, not a failure."""
    import pytest

    from tests.integration.speechd import LOCALE, locale_env, private_speech_dispatcher

    outcomes = (Exception, pytest.skip.Exception, pytest.fail.Exception)
    try:
        locale = locale_env(home)
    except outcomes as exc:
        locale = {"LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}
        print(f"(no {LOCALE} locale: {exc}; running in C.UTF-8)", file=sys.stderr)
    try:
        daemon = stack.enter_context(private_speech_dispatcher(home))
    except outcomes as exc:
        return locale, f"not measured: {exc}"
    return locale, daemon.env


def real_x(kiosk: Path, runs: int, home: Path) -> None:
    with ExitStack() as stack:
        display = stack.enter_context(xvfb(f"{SCREEN[0]}x{SCREEN[1]}"))
        hung = stack.enter_context(hung_speech_service(home / "hung-speechd.sock"))
        locale, speechd = _speech_parts(stack, home)
        env = {**environment(home), **locale, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
        # Full screen and locked, as deployed: the settings file an installer writes, plus log_dir.
        speech_off = ["run", "--config", str(write_settings(home, "x-speech-off.toml", "none"))]
        speech_on = ["run", "--config", str(write_settings(home, "x-speech-on.toml", None))]
        no_service = {"SPEECHD_ADDRESS": f"unix_socket:{home / 'no-speech-service.sock'}"}
        cases: dict[str, tuple[list[str], dict[str, str] | str]] = {
            REFERENCE: ([str(minimal_app.build("trimmed"))], {}),
            "kiosk, read aloud off": ([str(kiosk), *speech_off], {}),
            "kiosk, speech-dispatcher + espeak-ng": ([str(kiosk), *speech_on], speechd),
            "kiosk, no speech service": ([str(kiosk), *speech_on], no_service),
            "kiosk, hung speech service": (
                [str(kiosk), *speech_on],
                {"SPEECHD_ADDRESS": hung},
            ),
        }
        times: dict[str, list[float]] = {label: [] for label in cases}
        never: dict[str, int] = dict.fromkeys(cases, 0)
        in_a_row: dict[str, int] = dict.fromkeys(cases, 0)
        started = time.monotonic()
        for round_ in range(runs + 1):  # round 0 is the warm-up
            for label, (command, extra) in cases.items():
                if isinstance(extra, str) or in_a_row[label] >= GIVE_UP_AFTER:
                    continue
                seconds, _peak = start_once(command, {**env, **extra}, timeout=CAP)
                if seconds is None:
                    never[label] += 1
                    in_a_row[label] += 1
                elif round_:
                    times[label].append(seconds * 1000)
                    in_a_row[label] = 0
        took = time.monotonic() - started
    reference = statistics.median(times[REFERENCE]) if times[REFERENCE] else float("nan")
    rows = []
    for label, (_command, extra) in cases.items():
        tried = len(times[label]) + never[label]
        if isinstance(extra, str):
            rows.append([label, extra, "", "", "", "", ""])
        elif not times[label]:
            rows.append([label, "never", "", "", "", "", f"0 of {tried}"])
        else:
            stats = summarise(times[label])
            painted = f"{len(times[label])} of {tried}"
            rows.append([label, *stats.values(), stats["median"] / reference, painted])
    print_table(
        f"Start-up to first paint on a real X server (Xvfb {SCREEN[0]}x{SCREEN[1]}, xcb, the "
        f"frozen kiosk full screen), {runs} runs each after a warm-up, ms; a run is killed "
        f"after {CAP:.0f} s without a paint ({_machine()}; aim: the kiosk paints within 2 s "
        "whatever the speech service does)",
        ["program", "median", "p95", "min", "max", "x minimal", "painted"],
        rows,
    )
    print(f"(real X server runs took {took:.0f} s; the warm-up run of each case is not counted)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="offscreen runs of each program")
    parser.add_argument("--x-runs", type=int, default=7, help="runs of each real-X-server case")
    parser.add_argument("--only", choices=("offscreen", "x"), help="one of the two tables")
    parser.add_argument("--kiosk", type=Path, default=KIOSK, help="the frozen kiosk to measure")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-") as home:
        kiosk = installed_copy(args.kiosk.resolve(), Path(home))
        if args.only != "x":
            offscreen(kiosk, args.runs, Path(home))
        if args.only != "offscreen":
            real_x(kiosk, args.x_runs, Path(home))


def installed_copy(kiosk: Path, home: Path) -> Path:
    """The build folder copied under ``home``, as an installer copies it: a `make exe` in
    another terminal (which replaces dist/) cannot pull it away in the middle of the runs."""
    LOCK.parent.mkdir(exist_ok=True)
    with LOCK.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # the Makefile's build takes the same lock
        if not kiosk.is_file():
            raise SystemExit(f"{kiosk} is missing: run `make exe` first")
        folder = home / "install" / kiosk.parent.name
        shutil.copytree(kiosk.parent, folder, symlinks=True)
    return folder / kiosk.name


if __name__ == "__main__":
    main()
