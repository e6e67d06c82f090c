"""Start-up to first paint and peak memory: the kiosk against a minimal window, same run.

    python -m bench.startup [--runs N]      (after `make exe`; `make bench` does both)

Each program starts offscreen with KIOSK_EXIT_AFTER_FIRST_PAINT=1 (kiosk/ui/first_paint.py),
prints the time of its window's first paint and quits; start-up is that time minus the moment
just before it was started. Peak memory is the process's maximum resident set (wait4). Runs
are interleaved, one of each program in turn, after one warm-up run each (disk cache). The
minimal window (bench/minimal_app.py) is built like the kiosk and cached under build/bench/.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import minimal_app
from bench.table import print_table, summarise
from kiosk import APP_ID

REPO = minimal_app.REPO
KIOSK = REPO / "dist" / APP_ID / APP_ID
ONEFILE = REPO / "dist" / "onefile" / APP_ID
TIMEOUT = 60.0
MARK = "first-paint"


def programs() -> dict[str, list[str]]:
    """Label -> command line, the reference (frozen minimal window) first."""
    found = {
        "minimal window, frozen onedir": [str(minimal_app.build("trimmed"))],
        "minimal window, from source": [sys.executable, str(minimal_app.app_source())],
        "kiosk, frozen onedir": [str(KIOSK), "run", "--windowed"],
        "kiosk, from source": [sys.executable, "-m", "kiosk", "run", "--windowed"],
    }
    if ONEFILE.is_file():
        found["kiosk, frozen onefile"] = [str(ONEFILE), "run", "--windowed"]
    return found


def start_once(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Seconds from start to first paint, and peak resident memory in MiB."""
    started = time.time()
    proc = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True, cwd=REPO
    )
    painted = None
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith(MARK):
            painted = float(line.split()[1])
        if time.time() - started > TIMEOUT:
            proc.kill()
            break
    _pid, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if painted is None:
        raise RuntimeError(f"{command[0]}: no first paint (exit code {proc.returncode})")
    return painted - started, usage.ru_maxrss / 1024  # ru_maxrss is in KiB on Linux


def smoke_peak(env: dict[str, str]) -> float:
    """Peak memory of the frozen smoke test: every screen, both leaflets made as PDFs."""
    proc = subprocess.run([str(KIOSK), "smoke-test"], capture_output=True, env=env, check=False)
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
    return env


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    if not KIOSK.is_file():
        raise SystemExit(f"{KIOSK} is missing: run `make exe` first")
    commands = programs()
    times: dict[str, list[float]] = {label: [] for label in commands}
    peaks: dict[str, list[float]] = {label: [] for label in commands}
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-") as home:
        env = environment(Path(home))
        for command in commands.values():
            start_once(command, env)  # warm-up: the files are in the disk cache after it
        for _ in range(args.runs):
            for label, command in commands.items():
                seconds, peak = start_once(command, env)
                times[label].append(seconds * 1000)
                peaks[label].append(peak)
        env.pop("KIOSK_EXIT_AFTER_FIRST_PAINT")
        smoke = smoke_peak(env)
    reference = statistics.median(times["minimal window, frozen onedir"])
    rows = []
    for label in commands:
        stats = summarise(times[label])
        median_peak = statistics.median(peaks[label])
        rows.append([label, *stats.values(), stats["median"] / reference, median_peak])
    print_table(
        f"Start-up to first paint, offscreen, {args.runs} runs each, ms; peak memory MiB "
        f"({platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
        "aims: kiosk <= 1.3x minimal, <= 150 MiB)",
        ["program", "median", "p95", "min", "max", "x minimal", "peak MiB"],
        rows,
    )
    print(f"\nPeak memory of the frozen smoke test (every screen, both leaflets): {smoke:.0f} MiB")


if __name__ == "__main__":
    main()
