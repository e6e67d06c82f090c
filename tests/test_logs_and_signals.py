"""The kiosk process: a rotating log file, and a clean exit on SIGTERM."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from kiosk.commands.logs import LOG_FILE_NAME, setup_logging


def test_log_file_is_written_in_log_dir(tmp_path: Path) -> None:
    path = setup_logging(str(tmp_path / "logs"))
    try:
        assert path == tmp_path / "logs" / LOG_FILE_NAME
        logging.getLogger("kiosk.test").warning("hello from the test")
        for handler in logging.getLogger().handlers:
            handler.flush()
        assert "hello from the test" in path.read_text(encoding="utf-8")
    finally:
        setup_logging(str(tmp_path / "logs"))  # leave handlers in a known state
        for handler in list(logging.getLogger().handlers):
            if getattr(handler, "_kiosk", False):
                logging.getLogger().removeHandler(handler)
                handler.close()


def test_unwritable_log_dir_falls_back_to_the_console(tmp_path: Path, caplog) -> None:
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    try:
        with caplog.at_level(logging.WARNING):
            assert setup_logging(str(blocker / "logs")) is None
        assert "cannot write the log file" in caplog.text
    finally:
        for handler in list(logging.getLogger().handlers):
            if getattr(handler, "_kiosk", False):
                logging.getLogger().removeHandler(handler)
                handler.close()


def test_sigterm_exits_cleanly(tmp_path: Path) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text(f'fullscreen = false\nlog_dir = "{tmp_path / "logs"}"\n', encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "run", "--config", str(config)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    log_file = tmp_path / "logs" / LOG_FILE_NAME
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if log_file.exists() and "kiosk started" in log_file.read_text(encoding="utf-8"):
            break
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.1)
    else:
        proc.kill()
        raise AssertionError("the kiosk did not start within 30 s")
    proc.send_signal(signal.SIGTERM)
    _, stderr = proc.communicate(timeout=15)
    assert proc.returncode == 0, stderr
    assert "kiosk stopped" in log_file.read_text(encoding="utf-8")
    assert "Traceback" not in stderr
