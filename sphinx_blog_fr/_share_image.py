"""The blog's default sharing picture: its name on a plain background, drawn at build time.

A link to a page without a picture of its own, shared on Mastodon, LinkedIn
or Bluesky, showed a bare card. This extension draws, with Pillow, a
1200 × 630 PNG (the size those services crop to) showing conf.py's
``project`` in Pillow's built-in scalable font, and writes it to
``_static/blog-partage.png``; ``_opengraph`` gives it to every page
that has no picture of its own.

The picture is the same bytes on every build of one commit: Pillow writes
no date or other metadata into a PNG unless asked (``pnginfo``), and the
font is Pillow's own (``ImageFont.load_default``), not the machine's. It is
written only when its bytes change, so an incremental build leaves it alone;
and drawn only when what it is drawn from (``project``, Pillow's version, this
module's code: the key kept beside the doctrees) changed since the last build,
or the file is not the one that build left (drawing and encoding it cost
0.05 s of every build).
"""

from __future__ import annotations

import hashlib
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin

import PIL
from sphinx.application import Sphinx

if TYPE_CHECKING:
    from PIL import ImageFont

#: Where the picture is written, relative to the output.
SHARE_IMAGE_PATH = "_static/blog-partage.png"
#: What the last build drew it from, and the digest of what it wrote, in the doctree folder.
KEY_FILE = "blog-share-image.json"
WIDTH, HEIGHT = 1200, 630
_MARGIN = 80
_BACKGROUND, _TEXT, _ACCENT = "#1b365d", "#ffffff", "#f2c14e"
_FONT_SIZES = (112, 96, 80, 64, 52, 44)
_MAX_LINES = 4


@dataclass(frozen=True)
class ShareImage:
    """A picture for OpenGraph: its absolute address, size in pixels (None when unknown) and text alternative."""

    url: str
    width: int | None
    height: int | None
    alt: str


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Cut *text* at spaces into lines no wider than *width* (a single long word stays whole)."""
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and font.getlength(candidate) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines


def _layout(text: str) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    """Return the largest font, and its lines, in which *text* fits the picture."""
    from PIL import ImageFont

    room = WIDTH - 2 * _MARGIN
    for size in _FONT_SIZES:
        font = ImageFont.load_default(size=size)
        lines = _wrap(text, font, room)
        if len(lines) <= _MAX_LINES and all(font.getlength(line) <= room for line in lines):
            return font, lines
    return font, lines[:_MAX_LINES]


def draw_share_image(text: str) -> bytes:
    """Return the PNG bytes of the picture showing *text* (the blog's name)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (WIDTH, HEIGHT), _BACKGROUND)
    draw = ImageDraw.Draw(image)
    font, lines = _layout(text)
    line_height = int(font.size * 1.2)
    top = (HEIGHT - line_height * len(lines)) // 2
    for number, line in enumerate(lines):
        draw.text((_MARGIN, top + number * line_height), line, font=font, fill=_TEXT)
    draw.rectangle((_MARGIN, top - 40, _MARGIN + 160, top - 28), fill=_ACCENT)
    output = io.BytesIO()
    image.save(output, format="PNG", optimize=True)
    return output.getvalue()


def site_share_image(app: Sphinx) -> ShareImage:
    """Return the blog's default sharing picture."""
    return ShareImage(urljoin(app.config.blog_baseurl, SHARE_IMAGE_PATH), WIDTH, HEIGHT, app.config.project)


def _drawn_from(text: str) -> str:
    """What the picture showing *text* is drawn from: the text, Pillow's version and this module's code."""
    return hashlib.sha256(f"{text}\0{PIL.__version__}\0".encode() + Path(__file__).read_bytes()).hexdigest()


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_share_image(app: Sphinx) -> list:
    """Write the picture if its bytes changed (``html-collect-pages``; adds no page)."""
    if app.builder.format != "html":
        return []
    target, key_file = Path(app.outdir, SHARE_IMAGE_PATH), Path(app.doctreedir, KEY_FILE)
    key = _drawn_from(app.config.project)
    try:
        last = json.loads(key_file.read_text(encoding="utf-8"))
        if last["drawn_from"] == key and last["written"] == _digest(target.read_bytes()):
            return []
    except (OSError, ValueError, KeyError, TypeError):
        pass
    picture = draw_share_image(app.config.project)
    if not target.is_file() or target.read_bytes() != picture:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(picture)
    key_file.write_text(json.dumps({"drawn_from": key, "written": _digest(picture)}), encoding="utf-8")
    return []


def setup(app: Sphinx) -> dict:
    app.setup_extension("sphinx_blog_fr._baseurl")
    app.connect("html-collect-pages", write_share_image)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
