"""The messages between the kiosk and its speech process, and how long speech may take.

The text-to-speech engine runs in a process of its own (``kiosk speech-helper``), because
building it can block for seconds, or for ever when the speech service is stuck. The two sides
exchange one JSON object per line: the kiosk writes commands to the helper's standard input,
the helper writes events to its standard output.

Commands: ``say`` (``id``, ``text``), ``stop``, ``pause``, ``resume``, ``tune`` (``rate``,
``volume``). Events: ``ready`` (``engine``, ``voice``), ``unavailable`` (``reason``,
``lasting``), ``state`` (``id``, ``state``: speaking, paused, ready or error, with
``message``), ``word`` (``id``, ``start``, ``length``), ``tuned`` (``rate``, ``volume``: what
the engine now uses).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

# States as the helper reports them.
SPEAKING = "speaking"
PAUSED = "paused"
READY = "ready"
ERROR = "error"

# Slowest speech the kiosk asks for (rate -1) is about half of espeak-ng's 175 words a minute,
# some 7 characters a second; allow for half that again before calling an utterance stuck.
SLOWEST_CHARS_PER_S = 3.5


@dataclass(frozen=True)
class Timeouts:
    """How long the engine may take before the kiosk decides it is stuck, in seconds."""

    ready: float = 12.0  # to come up; a healthy speech-dispatcher takes 2-3 s to list voices
    start: float = 6.0  # from say to speaking
    stop: float = 5.0  # from stop to ready
    # After a failure the kiosk tries again, waiting longer each time, up to five minutes.
    retries: tuple[float, ...] = (5.0, 30.0, 60.0, 120.0, 300.0)

    def speaking_deadline(self, text: str) -> float:
        """The longest ``text`` may take to be spoken at the slowest rate, with a margin."""
        return self.start + len(text) / SLOWEST_CHARS_PER_S

    def retry_delay(self, failures: int) -> float:
        """How long to wait before trying again after ``failures`` failures in a row."""
        return self.retries[min(max(failures, 1), len(self.retries)) - 1]


class ProtocolError(ValueError):
    """A line that is not one message."""


@dataclass(frozen=True)
class Message:
    kind: str
    fields: dict[str, Any] = field(default_factory=dict)

    def get(self, name: str, default: Any = None) -> Any:
        return self.fields.get(name, default)


def encode(kind: str, **fields: Any) -> bytes:
    """One message as a line of UTF-8 JSON."""
    return (json.dumps({"kind": kind, **fields}, ensure_ascii=False) + "\n").encode("utf-8")


def decode(line: bytes | str) -> Message:
    text = line.decode("utf-8", "replace") if isinstance(line, bytes) else line
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ProtocolError(f"not JSON: {text[:80]!r}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("kind"), str):
        raise ProtocolError(f"not a message: {text[:80]!r}")
    kind = data.pop("kind")
    return Message(kind, data)
