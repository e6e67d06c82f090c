"""A private speech-dispatcher with the real espeak-ng voice, speaking into ALSA's null device.

``private_speech_dispatcher(tmp_path)`` starts one daemon of its own (its own configuration,
socket, log and pid file under ``tmp_path``), so it never meets the machine's own daemon or another
test's, and it needs no sound card or PulseAudio session:

    with private_speech_dispatcher(tmp_path) as speechd:
        subprocess.run(["spd-say", "-w", "Hello"], env={**os.environ, **speechd.env})
        assert "Hello" in speechd.spoken()
        assert speechd.samples() > 0   # espeak-ng really synthesised audio

- ``env``: the variables a client needs (``SPEECHD_ADDRESS=unix_socket:...``, a locale that has a
  voice in ``LANG``/``LC_ALL``, and ``LOCPATH`` where that locale had to be built here).
- ``spoken()``: every text the daemon was asked to say so far, in order (SSML given as its words).
  It is read from the daemon's own log at level 5 ("Queueing message |TEXT| with priority N"), so
  it records what any client sent (Orca, Qt's speechd engine, spd-say) without changing how the
  speech is made; ``wait_for(text)`` waits until some utterance contains ``text``.
- ``samples()``: audio samples espeak-ng produced and the daemon sent to the audio output.

Qt's speechd engine reports an error at start when no voice matches the process locale, so the
daemon and its clients run in ``en_GB.UTF-8`` (``locale_env(folder)`` gives those variables on
their own); where the machine has not generated that locale it is built once per test run into a
test's folder with ``localedef`` (Debian's ``locales`` package) and found through ``LOCPATH``, so
nothing outside the test folders is changed.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

LOCALE = "en_GB.UTF-8"
LANGUAGE = "en-GB"  # speech-dispatcher's language code for the default voice
START_TIMEOUT = 15.0  # seconds for the daemon's socket to appear
MODULE = "/usr/lib/speech-dispatcher-modules/sd_espeak-ng"
REQUIRED = ("speech-dispatcher", "espeak-ng", "localedef")
INSTALL_HINT = "run deploy/linux/system-packages.sh test"

_QUEUED = re.compile(r"Queueing message \|(.*?)\| with priority \d+", re.S)
_SAMPLES = re.compile(r"speak_queue Sending (\d+) samples to audio")
_TAG = re.compile(r"<[^>]*>")


def _words(message: str) -> str:
    message = message.strip()
    if message.startswith("<speak"):
        message = html.unescape(_TAG.sub("", message))
    return message


def missing_parts() -> list[str]:
    """What this machine lacks to run the daemon (commands and the espeak-ng module)."""
    missing = [tool for tool in REQUIRED if shutil.which(tool) is None]
    if not Path(MODULE).exists():
        missing.append(MODULE)
    return missing


def require_speech_dispatcher() -> None:
    """Skip where the daemon truly cannot run here; fail where it should but is not installed.

    A root Linux machine can install the packages (``make test`` does), so there a missing part is
    a failure, not a skip.
    """
    if not sys.platform.startswith("linux"):
        pytest.skip("speech-dispatcher runs on Linux only")
    require_installed(missing_parts())


def require_installed(missing: list[str]) -> None:
    """Nothing where ``missing`` is empty; else skip where the parts cannot be installed here
    (not root) and fail where they can (``make test`` installs them)."""
    if not missing:
        return
    if os.geteuid() != 0:
        pytest.skip(f"not installed: {', '.join(missing)}; as root, {INSTALL_HINT}")
    pytest.fail(f"not installed: {', '.join(missing)}; {INSTALL_HINT}", pytrace=False)


def _normal(locale_name: str) -> str:
    """``locale -a`` spells en_GB.UTF-8 as en_GB.utf8."""
    return locale_name.lower().replace("-", "")


_built_locales: dict[str, Path] = {}  # locale name -> a LOCPATH folder built in this run


def locale_env(folder: Path, name: str = LOCALE) -> dict[str, str]:
    """Variables that make ``name`` the locale. Where the system lacks it, it is built once
    (about 1.5 s) into ``folder`` and used from there by every later call in this test run."""
    env = {"LANG": name, "LC_ALL": name, "LANGUAGE": ""}
    listed = subprocess.run(["locale", "-a"], capture_output=True, text=True, check=False).stdout
    if _normal(name) in {_normal(line) for line in listed.split()}:
        return env
    built = _built_locales.get(name)
    if built is None or not (built / name).is_dir():
        built = folder / "locale"
        built.mkdir(parents=True, exist_ok=True)
        language, charset = name.split(".", 1)
        made = subprocess.run(
            ["localedef", "-i", language, "-c", "-f", charset, str(built / name)],
            capture_output=True,
            text=True,
            check=False,
        )
        if not (built / name).is_dir():
            pytest.fail(
                f"cannot build the {name} locale (Debian's locales package; {INSTALL_HINT}): "
                f"{made.stderr.strip()}",
                pytrace=False,
            )
        _built_locales[name] = built
    env["LOCPATH"] = str(built)
    return env


@dataclass
class SpeechDispatcher:
    """A running private daemon: how to reach it and what it was asked to say."""

    folder: Path
    socket: Path
    log: Path
    process: subprocess.Popen[bytes]
    env: dict[str, str] = field(default_factory=dict)

    def _log_text(self) -> str:
        try:
            return self.log.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return ""

    def spoken(self) -> list[str]:
        """Every text clients asked the daemon to say, oldest first. A message sent as SSML
        (Orca sends ``<speak>`` with a ``<mark/>`` before each word) is given as its words."""
        return [_words(text) for text in _QUEUED.findall(self._log_text())]

    def samples(self) -> int:
        """How many audio samples espeak-ng synthesised and the daemon played so far."""
        return sum(int(n) for n in _SAMPLES.findall(self._log_text()))

    def wait_for(self, text: str, timeout: float = 10.0) -> list[str]:
        """Wait until some utterance contains ``text``; return all utterances either way."""
        deadline = time.monotonic() + timeout
        while True:
            said = self.spoken()
            if any(text in s for s in said) or time.monotonic() > deadline:
                return said
            time.sleep(0.1)

    def alive(self) -> bool:
        return self.process.poll() is None

    def tail(self, lines: int = 30) -> str:
        """The end of the daemon's log, for failure messages."""
        return "\n".join(self._log_text().splitlines()[-lines:])


def _write_config(conf: Path, log_dir: Path) -> None:
    (conf / "modules").mkdir(parents=True, exist_ok=True)
    (conf / "speechd.conf").write_text(
        "\n".join(
            (
                # Level 5 logs each message queued, which spoken() reads.
                "LogLevel 5",
                f'LogDir "{log_dir}"',
                # No sound card, no PulseAudio: ALSA's null device takes the audio and never
                # blocks, so the daemon cannot hang on an audio output.
                'AudioOutputMethod "alsa"',
                'AudioALSADevice "null"',
                'AddModule "espeak-ng" "sd_espeak-ng" "espeak-ng.conf"',
                "DefaultModule espeak-ng",
                f'DefaultLanguage "{LANGUAGE}"',
                "DefaultVolume 100",
                "",
            )
        ),
        encoding="utf-8",
    )
    (conf / "modules" / "espeak-ng.conf").write_text("", encoding="utf-8")


@contextmanager
def private_speech_dispatcher(tmp_path: Path) -> Iterator[SpeechDispatcher]:
    """Start a private speech-dispatcher under ``tmp_path``; stop it on leaving the block."""
    require_speech_dispatcher()
    folder = tmp_path / "speechd"
    conf, log_dir, runtime = folder / "conf", folder / "log", folder / "runtime"
    for path in (log_dir, runtime):
        path.mkdir(parents=True, exist_ok=True)
    for old_log in log_dir.glob("*.log"):
        old_log.unlink()  # spoken() is this daemon's only: it appends to a log it finds
    runtime.chmod(0o700)
    _write_config(conf, log_dir)
    socket = folder / "speechd.sock"
    socket.unlink(missing_ok=True)
    env = {
        **locale_env(tmp_path),
        "SPEECHD_ADDRESS": f"unix_socket:{socket}",
    }
    daemon_env = {**os.environ, **env, "XDG_RUNTIME_DIR": str(runtime), "HOME": str(folder)}
    output = (folder / "daemon-output.txt").open("wb")
    process = subprocess.Popen(
        [
            "speech-dispatcher",
            "--run-single",
            "--config-dir",
            str(conf),
            "--communication-method",
            "unix_socket",
            "--socket-path",
            str(socket),
            "--pid-file",
            str(folder / "speechd.pid"),
            "--timeout",
            "0",  # stay up while no client is connected
        ],
        env=daemon_env,
        stdout=output,
        stderr=subprocess.STDOUT,
    )
    daemon = SpeechDispatcher(folder, socket, log_dir / "speech-dispatcher.log", process, env)
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while not socket.exists():
            if process.poll() is not None or time.monotonic() > deadline:
                said = (folder / "daemon-output.txt").read_text(errors="replace")
                pytest.fail(
                    f"speech-dispatcher did not open {socket} within {START_TIMEOUT} s "
                    f"(exit {process.poll()}): {said}\n{daemon.tail()}",
                    pytrace=False,
                )
            time.sleep(0.05)
        yield daemon
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)
        output.close()
