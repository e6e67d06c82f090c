"""What the kiosk's PyInstaller builds leave out of Qt and Python, and what they must keep.

Shared by ``build_spec.spec`` and the minimal window that ``bench/bundle.py`` builds "the same
way". Plugins are filtered when PyInstaller's Qt hooks collect them, before it follows their
library dependencies, so a dropped plugin takes its libraries with it (the GTK theme takes GTK,
the PDF image plugin takes QtPdf, the virtual keyboard takes QtQuick, the multimedia backend
takes FFmpeg). System libraries are never removed by name: printing needs libcups and whatever
it links, and a "reachability" trim can silently lose real printing (packaging guide, trap 2).
Plugin types not named here are kept whole.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import PurePath

# Plugin types a kiosk never uses: desktop themes (the kiosk styles itself), input and
# display back ends for framebuffer devices, network plugins (the kiosk is offline), the
# FFmpeg media back end (speech goes through speech-dispatcher or SAPI, not Qt's audio).
DROP_PLUGIN_TYPES = frozenset(
    {
        "platformthemes",
        "generic",
        "egldeviceintegrations",
        "tls",
        "networkinformation",
        "bearer",
        "multimedia",
        "qmltooling",
        "virtualkeyboard",
    }
)

# Plugin types filtered by name: only these are kept (file name without "lib" and suffix).
KEEP_PLUGINS: dict[str, frozenset[str]] = {
    # Linux: X11, Wayland (cage) and offscreen (smoke test); Windows; macOS.
    "platforms": frozenset({"qxcb", "qwayland", "qoffscreen", "qwindows", "qcocoa"}),
    # PNG is built into QtGui. JPEG and SVG: content images and the clinic's logo.
    "imageformats": frozenset({"qjpeg", "qsvg"}),
    # Typing with a hardware keyboard (compose keys, IBus); not Qt's QML virtual keyboard.
    "platforminputcontexts": frozenset(
        {"composeplatforminputcontextplugin", "ibusplatforminputcontextplugin"}
    ),
    # Client side of Wayland: EGL and shared-memory buffers, no compositor-only ones.
    "wayland-graphics-integration-client": frozenset({"qt-plugin-wayland-egl"}),
}

# What a build must contain on Linux, or it is not a working kiosk (checked after analysis).
REQUIRED_ON_LINUX = (
    "plugins/printsupport/libcupsprintersupport.so",
    "plugins/platforms/libqxcb.so",
    "plugins/platforms/libqoffscreen.so",
    "plugins/imageformats/libqsvg.so",
    "plugins/imageformats/libqjpeg.so",
)

# Python modules the kiosk never imports that hooks or optional imports would pull in. ssl:
# offline (urllib and http.client, imported by segno, do without it), saving its import
# at every start and libssl; hashlib keeps libcrypto for the PIN's scrypt. East Asian codecs:
# every file the kiosk reads is UTF-8. rapidfuzz's AVX2 builds: it falls back to its SSE2
# build (search over one content pack does not notice), and kiosk PCs often lack AVX2 anyway.
EXCLUDED_MODULES = (
    "tkinter",
    "readline",
    "ssl",
    "pygments",  # only Markdown's code highlighting uses it, and the kiosk does not
    *(f"_codecs_{name}" for name in ("cn", "hk", "iso2022", "jp", "kr", "tw")),
    "rapidfuzz.fuzz_cpp_avx2",
    "rapidfuzz.process_cpp_avx2",
    "rapidfuzz.distance.metrics_cpp_avx2",
    "rapidfuzz.distance._initialize_cpp_avx2",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtPdf",
    "PySide6.QtNetwork",
    "PySide6.QtDBus",
    "PySide6.QtConcurrent",
    "PySide6.QtMultimediaWidgets",
)

HERE = PurePath(__file__).parent


def runtime_hooks() -> list[str]:
    """Start-up fixes for the frozen program (as Picard keeps them: out of the app code)."""
    return [str(HERE / "rthook_utf8_locale.py")]


def plugin_name(path: str) -> str:
    """``/x/libqxcb.so`` -> ``qxcb``; ``qwindows.dll`` -> ``qwindows``."""
    name = PurePath(path).name.split(".", 1)[0]
    return name[3:] if name.startswith("lib") else name


def keep_plugin(plugin_type: str, path: str) -> bool:
    if plugin_type in DROP_PLUGIN_TYPES:
        return False
    wanted = KEEP_PLUGINS.get(plugin_type)
    return wanted is None or plugin_name(path) in wanted


def install_plugin_filter() -> None:
    """Make PyInstaller's Qt hooks collect only the plugins :func:`keep_plugin` accepts."""
    from PyInstaller.utils.hooks.qt import QtLibraryInfo

    collect = QtLibraryInfo.collect_plugins
    if getattr(collect, "kiosk_trimmed", False):
        return

    def collect_kept(self, plugin_type):
        return [item for item in collect(self, plugin_type) if keep_plugin(plugin_type, item[0])]

    collect_kept.kiosk_trimmed = True
    QtLibraryInfo.collect_plugins = collect_kept


def is_dropped_data(dest: str) -> bool:
    """Data files left out: Qt's translations (the kiosk shows no Qt dialog) and hyphenation
    dictionaries other than English (textstat scores English only)."""
    parts = PurePath(dest).parts
    if "translations" in parts and "Qt" in parts:
        return True
    if "dictionaries" in parts and parts[0] == "pyphen":
        return not PurePath(dest).name.startswith(("hyph_en", "README_hyph_en"))
    return False


def trimmed_datas(datas: Iterable) -> list:
    return [entry for entry in datas if not is_dropped_data(entry[0])]


def missing_required(binaries: Iterable) -> list[str]:
    """The required files that the analysis did not collect (empty: the build can go on)."""
    collected = {PurePath(entry[0]).as_posix() for entry in binaries}
    return [
        need for need in REQUIRED_ON_LINUX if not any(dest.endswith(need) for dest in collected)
    ]
