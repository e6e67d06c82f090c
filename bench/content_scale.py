"""Content at scale: the bundled pack against generated packs of 100 and 1,000 pages.

    python -m bench.content_scale [--runs 5] [--pages 100 1000]

For each pack it reports, as medians of ``--runs`` runs in this process:
- read: reading every file and its metadata (``read_pack_files``), what start-up waits for;
- check: parsing every body for errors and building the search index from that parse, which
  the kiosk does on a worker thread after its first paint (``kiosk.ui.content_check``);
- full load: both in one, as ``kiosk validate`` and a staff reload do;
- first paint: ``kiosk run --windowed --content PACK`` from start to its window's first paint,
  in a fresh process each time, with its peak memory; a minimal PySide6 window is the
  reference, run interleaved with the kiosks;
- memory: resident memory of a kiosk window with that pack, once the check has finished;
- search: every prefix of a set of queries typed letter by letter, as the on-screen keyboard
  sends them, on a fresh index each run (so no answer is remembered from the last run).
The packs are written by bench/synthetic_pack.py into a temporary folder.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench import minimal_app, startup
from bench.synthetic_pack import write_pack
from bench.table import print_table, summarise
from kiosk.core.loader import PackReading, load_library, pack_dir, read_pack_files
from kiosk.core.search import SearchIndex

REPO = minimal_app.REPO
BUNDLED = pack_dir(REPO / "content", "en-GB")
QUERIES = ["collagen", "pelvic joint", "injection", "sacroilliac", "how does walking help"]
QUERIES += ["stairs", "ligament", "lingro", "sleep", "exercise plan", "swelling", "posture"]


def timed(work: Callable[[], object], runs: int) -> float:
    """Median milliseconds of ``work`` over ``runs`` runs."""
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def check_with_index(reading: PackReading) -> SearchIndex:
    """What the kiosk's background check does: check every body, index the same parse."""
    texts: dict[tuple[str, str], str] = {}
    return SearchIndex(reading.check(texts), texts)


def search_samples(pack: Path, runs: int) -> list[float]:
    """Milliseconds per search, for every prefix of every query, on a fresh index each run."""
    samples = []
    for _ in range(runs):
        index = check_with_index(read_pack_files(pack))
        for query in QUERIES:
            for end in range(1, len(query) + 1):
                start = time.perf_counter()
                index.search(query[:end], limit=12)
                samples.append((time.perf_counter() - start) * 1000)
    return samples


def window_memory(pack: Path) -> dict[str, float]:
    """Resident memory (MiB) of a kiosk window with ``pack``, in a fresh process."""
    code = (
        "import json, sys\n"
        "from bench.content_scale import measure_window\n"
        "print(json.dumps(measure_window(sys.argv[1])))\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", code, str(pack)],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        check=True,
    )
    return json.loads(result.stdout.splitlines()[-1])


def measure_window(pack: str) -> dict[str, float]:
    """In the child: build the kiosk as ``kiosk run`` does, let the check finish, read RSS."""
    from PySide6.QtWidgets import QApplication

    from kiosk.core.settings import Settings
    from kiosk.ui.app import build_window
    from kiosk.ui.content_check import ContentCheck

    app = QApplication([])
    reading = read_pack_files(Path(pack))
    window = build_window(reading.library, app, Settings(speech_engine="mock"))
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    shown = rss_mib()
    check = ContentCheck(window, reading)
    check.start()
    check.wait()
    app.processEvents()  # delivers the result to the window
    assert window.search_screen.index is not None
    return {"shown": shown, "checked": rss_mib()}


def rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def first_paints(packs: dict[str, Path], runs: int) -> dict[str, tuple[float, float]]:
    """Median ms to first paint and median peak MiB, for each pack and the minimal window."""
    commands = {"minimal window (reference)": [sys.executable, str(minimal_app.app_source())]}
    for label, pack in packs.items():
        commands[label] = [sys.executable, "-m", "kiosk", "run", "--windowed", "--content"]
        commands[label].append(str(pack))
    times: dict[str, list[float]] = {label: [] for label in commands}
    peaks: dict[str, list[float]] = {label: [] for label in commands}
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-") as home:
        env = startup.environment(Path(home))
        for command in commands.values():
            startup.start_once(command, env)  # warm-up: files in the disk cache
        for _ in range(runs):
            for label, command in commands.items():
                seconds, peak = startup.start_once(command, env)
                times[label].append(seconds * 1000)
                peaks[label].append(peak)
    return {k: (statistics.median(times[k]), statistics.median(peaks[k])) for k in commands}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pages", type=int, nargs="+", default=[100, 1000])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kiosk-packs-") as tmp:
        packs = {f"bundled ({len(load_library(BUNDLED).pages)} pages)": BUNDLED}
        for count in args.pages:
            terms = max(30, count * 3 // 10)
            pack = write_pack(Path(tmp) / str(count), pages=count, glossary_terms=terms)
            packs[f"{count:,} pages, {terms} terms"] = pack
        report(packs, args.runs)


def report(packs: dict[str, Path], runs: int) -> None:
    print(
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.platform()}; {runs} runs, medians"
    )
    rows = []
    for label, pack in packs.items():
        read = timed(lambda pack=pack: read_pack_files(pack), runs)
        reading = read_pack_files(pack)
        check = timed(lambda r=reading: check_with_index(r), runs)
        full = timed(lambda pack=pack: load_library(pack), runs)
        memory = window_memory(pack)
        rows.append([label, read, check, full, memory["shown"], memory["checked"]])
    print_table(
        "Loading (ms) and a kiosk window's memory (MiB) (aim: 1,000 pages read in <= 1,000 ms)",
        ["pack", "read", "check + index", "full load", "MiB shown", "MiB checked"],
        rows,
    )
    paints = first_paints(packs, runs)
    reference = paints["minimal window (reference)"][0]
    print_table(
        "Start-up to first paint from source, offscreen (ms; peak MiB until then)",
        ["program", "first paint", "x minimal", "peak MiB"],
        [[label, ms, ms / reference, peak] for label, (ms, peak) in paints.items()],
    )
    rows = []
    for label, pack in packs.items():
        stats = summarise(search_samples(pack, runs))
        rows.append([label, stats["median"], stats["p95"], stats["max"]])
    searches = sum(len(q) for q in QUERIES)
    print_table(
        f"Search as a patient types: {searches} searches a run, {len(QUERIES)} queries "
        "letter by letter, fresh index each run (ms; aim: p95 <= 10 ms at 1,000 pages)",
        ["pack", "median", "p95", "max"],
        rows,
    )


if __name__ == "__main__":
    main()
