"""PyInstaller runtime hook: a UTF-8 locale when the environment gives none (Linux).

From source, Python itself turns a "C" or "POSIX" locale into C.UTF-8 (PEP 538) before Qt
starts; the frozen program's bootloader does not, so under an empty environment (``env -i``,
a bare service) Qt would warn "Detected locale "C" ... not UTF-8" on every start. This does
what Python does from source: set LC_CTYPE=C.UTF-8 (built into glibc 2.35 and later).
"""

import contextlib
import locale
import os
import sys


def _coerce_c_locale() -> None:
    try:
        wanted = locale.setlocale(locale.LC_CTYPE, "")
    except locale.Error:
        wanted = "C"  # an unknown locale in the environment falls back to C as well
    if wanted in ("C", "POSIX"):
        os.environ["LC_CTYPE"] = "C.UTF-8"
        with contextlib.suppress(locale.Error):
            locale.setlocale(locale.LC_CTYPE, "C.UTF-8")


if sys.platform.startswith("linux"):
    _coerce_c_locale()
