"""What the usage statistics may count: a fixed list of events, and the keys each may carry."""

from __future__ import annotations

import re

PAGE_VIEW = "page_view"  # key: the page id, or "glossary" for Words explained
PRINT = "print"  # key: leaflet format; amount: copies (staff print screen)
PATIENT_PRINT = "patient_print"  # key: leaflet format ("Print this for me")
PDF_EXPORT = "pdf_export"  # key: leaflet format
READ_ALOUD = "read_aloud"
SEARCH = "search"  # a count only: what was searched for is never passed in
IDLE_RESET = "idle_reset"
SESSION = "session"  # a patient touched the attract screen
SESSION_LENGTH = "session_length"  # key: one of SESSION_BUCKETS

GLOSSARY_KEY = "glossary"

# Events whose key names something from the content or the kiosk (a page id, a format). The
# others must have no key at all, so patient-typed text has nowhere to go.
KEYED: frozenset[str] = frozenset({PAGE_VIEW, PRINT, PATIENT_PRINT, PDF_EXPORT, SESSION_LENGTH})
KEYLESS: frozenset[str] = frozenset({READ_ALOUD, SEARCH, IDLE_RESET, SESSION})
EVENTS: frozenset[str] = KEYED | KEYLESS

# Page ids are "lower-case letters, digits and single hyphens" (the loader checks); formats and
# buckets are ours. Anything else (spaces, capitals, long text) is refused.
KEY_PATTERN = re.compile(r"[a-z0-9][a-z0-9_-]{0,79}")
MAX_AMOUNT = 1000  # more copies than the print screen allows: a bug, not a count

# (key, label, upper bound in seconds): how long a patient stayed, from first touch to last.
SESSION_BUCKETS: tuple[tuple[str, str, float], ...] = (
    ("under-1-min", "Under 1 minute", 60),
    ("1-3-min", "1 to 3 minutes", 180),
    ("3-10-min", "3 to 10 minutes", 600),
    ("10-min-plus", "10 minutes or more", float("inf")),
)


def session_bucket(seconds: float) -> str:
    """The bucket key for a session that lasted ``seconds``."""
    for key, _label, upper in SESSION_BUCKETS:
        if seconds < upper:
            return key
    return SESSION_BUCKETS[-1][0]


def check_event(event: str, key: str, amount: int) -> str:
    """Empty when the event may be counted, else why not (never quoting the key)."""
    if event not in EVENTS:
        # Never quoted: if text reached here by mistake, the log must not keep it either.
        return "unknown event (see kiosk.core.stats_events.EVENTS)"
    if event in KEYLESS and key:
        return f"{event} takes no key, so none is stored"
    if event in KEYED and not KEY_PATTERN.fullmatch(key):
        return f"{event} needs a key of lower-case letters, digits and hyphens"
    if type(amount) is not int or not 1 <= amount <= MAX_AMOUNT:
        return f"{event}: amount must be a whole number from 1 to {MAX_AMOUNT}"
    return ""
