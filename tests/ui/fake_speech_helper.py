"""A speech process that misbehaves as a stuck or broken speech service does.

``python fake_speech_helper.py MODE``, where MODE is one of:

- ``silent``: never says anything (the engine hangs while it is built);
- ``never-starts``: ready, then ignores every ``say``;
- ``never-ends``: speaks, and never finishes;
- ``ignores-stop``: speaks, and does not answer ``stop``;
- ``exits``: ready, then ends as soon as it is asked to say something;
- ``good``: ready, speaks each text and finishes at once.
"""

from __future__ import annotations

import json
import sys
import time


def send(kind: str, **fields: object) -> None:
    sys.stdout.write(json.dumps({"kind": kind, **fields}) + "\n")
    sys.stdout.flush()


def main(mode: str) -> int:
    if mode == "silent":
        time.sleep(3600)
        return 0
    send("ready", engine="fake", voice=mode)
    last = 0
    for line in sys.stdin:
        message = json.loads(line)
        kind, ident = message["kind"], message.get("id", 0)
        if kind == "say":
            if mode == "never-starts":
                continue
            if mode == "exits":
                return 3
            send("state", id=ident, state="speaking")
            if mode == "good":
                send("state", id=ident, state="ready")
            last = ident
        elif kind == "stop" and mode != "ignores-stop":
            send("state", id=last, state="ready")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
