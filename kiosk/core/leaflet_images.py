"""Images for leaflets: the offline QR code, and the size and type of logo and content images."""

from __future__ import annotations

import html
import io
import math
import struct
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.core.render import is_local_image

if TYPE_CHECKING:
    import segno

# Image sizes in HTML are CSS pixels: QTextDocument scales them by the paint device's DPI over
# 96, so on paper 96 px is one inch whatever the printer's resolution.
CSS_PX_PER_MM = 96 / 25.4
QR_PRINT_MM = 30  # the whole image, quiet zone included: the code itself is about 24 mm
QR_WIDTH_PX = round(QR_PRINT_MM * CSS_PX_PER_MM)  # 113: the width="..." on the <img>
QR_BORDER = 4  # modules of quiet zone: the minimum the QR standard asks for
QR_MIN_PIXELS = 300  # so the PNG is sharp at 30 mm on a 300 dpi printer, not blurred by scaling
LOGO_MAX = (round(60 * CSS_PX_PER_MM), round(20 * CSS_PX_PER_MM))  # fits in 60 x 20 mm
IMAGE_MAX_WIDTH = round(150 * CSS_PX_PER_MM)  # inside the text width of A4 and Letter

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_JPEG_SOF = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}  # frame headers, not tables


def qr_code(url: str) -> segno.QRCode:
    """The QR code for ``url``: error level M (survives a crease), never a Micro QR code,
    which many phone cameras cannot read."""
    import segno  # here: its import is a cost start-up need not pay before a leaflet is made

    return segno.make(url, error="m", micro=False)


def qr_png(url: str) -> bytes:
    """PNG bytes of :func:`qr_code`, whole pixels per module and at least QR_MIN_PIXELS wide."""
    code = qr_code(url)
    modules = code.symbol_size(scale=1, border=QR_BORDER)[0]
    buffer = io.BytesIO()
    code.save(buffer, kind="png", scale=math.ceil(QR_MIN_PIXELS / modules), border=QR_BORDER)
    return buffer.getvalue()


@dataclass(frozen=True)
class ImageInfo:
    """What a leaflet needs to know about an image file."""

    extension: str  # "png", "jpg" or "svg": tells Qt which reader to use
    size: tuple[int, int] | None  # pixels; None for SVG (Qt works it out)


def image_info(data: bytes) -> ImageInfo | None:
    """The type and size of PNG, JPEG or SVG bytes; None for anything else."""
    if data.startswith(PNG_SIGNATURE) and data[12:16] == b"IHDR" and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return ImageInfo("png", (width, height))
    if data.startswith(b"\xff\xd8\xff"):
        size = _jpeg_size(data)
        return ImageInfo("jpg", size) if size else None
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<svg", b"<?xml")) and b"<svg" in data[:4096].lower():
        return ImageInfo("svg", None)
    return None


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    i = 2
    while i + 9 <= len(data) and data[i] == 0xFF:
        marker = data[i + 1]
        if marker in _JPEG_SOF:
            height, width = struct.unpack(">HH", data[i + 5 : i + 9])
            return width, height
        i += 2 + struct.unpack(">H", data[i + 2 : i + 4])[0]
    return None


def fit(size: tuple[int, int] | None, max_width: int, max_height: int | None = None) -> str:
    """``width``/``height`` attributes that keep the aspect ratio inside the box.

    Images smaller than the box keep their own size (one image pixel per CSS pixel).
    """
    if size is None or min(size) <= 0:
        return f' height="{max_height}"' if max_height else ""  # SVG: Qt uses its own size
    width, height = size
    scale = min(1.0, max_width / width, (max_height or height) / height)
    return f' width="{max(1, round(width * scale))}" height="{max(1, round(height * scale))}"'


@dataclass
class LeafletImages:
    """The image resources of one leaflet, each under a unique name: ``qr.png``, ``image-2.jpg``."""

    root: Path  # the content pack, where content images are
    resources: dict[str, bytes] = field(default_factory=dict)
    _by_src: dict[str, tuple[str, ImageInfo] | None] = field(default_factory=dict)

    def add(self, stem: str, extension: str, data: bytes) -> str:
        name, n = f"{stem}.{extension}", 1
        while name in self.resources:
            n += 1
            name = f"{stem}-{n}.{extension}"
        self.resources[name] = data
        return name

    def logo(self, path: Path, alt: str) -> str:
        """The ``<img>`` for the clinic's logo. Raises ValueError if it cannot be used."""
        try:
            data = path.read_bytes()
        except OSError as error:
            raise ValueError(f"cannot read the logo {path}: {error.strerror or error}") from error
        info = image_info(data)
        if info is None:
            raise ValueError(f"the logo {path} is not a PNG, JPEG or SVG image")
        name = self.add("logo", info.extension, data)
        return f'<img src="{name}"{fit(info.size, *LOGO_MAX)} alt="{html.escape(alt)}">'

    def content(self, src: str, alt: str) -> str | None:
        """The ``<img>`` for an image in the pack; None (drop it) if it cannot be read."""
        if src not in self._by_src:
            self._by_src[src] = self._load(src)
        found = self._by_src[src]
        if found is None:
            return None
        name, info = found
        return f'<img src="{name}"{fit(info.size, IMAGE_MAX_WIDTH)} alt="{html.escape(alt)}">'

    def _load(self, src: str) -> tuple[str, ImageInfo] | None:
        if not is_local_image(src):  # the renderer dropped these already; paths stay in the pack
            return None
        try:
            data = (self.root / src).read_bytes()
        except OSError:
            return None
        info = image_info(data)
        return (self.add("image", info.extension, data), info) if info else None
