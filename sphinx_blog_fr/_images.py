"""Images that do not shift the layout, load when needed, and reach phones at a phone's size.

docutils writes a bare ``<img>``: no size (the text jumps when the image
arrives), no ``loading="lazy"``, and a phone photo of 4000 px is sent whole
to every reader. When a document is read, before ABlog copies a post for its listings and
feeds, this extension sets on each image node:

* ``loading = "lazy"`` on every image but the document's first, which is
  likely above the fold and should not wait (docutils ≥ 0.21 writes the
  ``loading`` attribute of image nodes);
* ``width`` and ``height``, the raster image's intrinsic size as displayed
  (after its EXIF orientation), read with Pillow, unless the author gave a
  size or a scale (docutils writes unitless sizes as attributes);
* for a JPEG or PNG wider than :data:`RESIZE_ABOVE` pixels, the resized
  copies to offer in ``srcset`` (:data:`WIDTHS`, never upscaled; the
  original too when it is narrower than the largest).

An image Pillow cannot read is one French error naming the post's file and
line, which fails the build.

The copies are written into ``_images/`` beside Sphinx's copy of the
original, named after the source's SHA-256 (two images never share a name,
a changed image gets new names), once: a copy already there is the same.
They are reproducible byte for byte: the EXIF orientation applied first,
no metadata kept (no EXIF, no timestamps; the colour profile is kept),
fixed encoder settings. ``_stale_pages`` keeps them
(:func:`resized_image_names`) and removes those no document uses any more.

The HTML translator (:class:`ImageTranslator`, Sphinx's HTML5 translator
with one method more) only writes ``srcset`` and ``sizes`` from what the
node holds, relative to the page as Sphinx's own ``src`` is. Limits: on
listing pages an excerpt's first image is not lazy either; SVG and remote
images get ``loading`` only.

The copies each document uses are kept in the environment's ``blog`` domain
(``resized_images``), which forgets a document's when it is read again or
removed. Images are described once ``_confinement`` has removed those
that leave the repository (``blog-doctree-confined``): a refused path is
never opened.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
from pathlib import Path

from docutils import nodes
from PIL import Image, UnidentifiedImageError
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.writers.html5 import HTML5Translator

from sphinx_blog_fr._domain import blog_data

logger = logging.getLogger(__name__)

#: Images wider than this (in px, as displayed) get resized copies.
RESIZE_ABOVE = 800
#: The widths of the resized copies (those under the image's own width).
WIDTHS = (480, 800, 1200)
#: Furo's text column is 46em with 3em of padding; below 46em, the screen's width.
SIZES = "(max-width: 46em) 100vw, 40em"
#: The formats resized, with their fixed encoder settings.
ENCODERS = {
    "JPEG": {"quality": 82, "optimize": True, "progressive": True},
    "PNG": {"optimize": True},
}
#: Changes with the resizing or encoding rules, and so with every copy's name.
RESIZE_RULES = "lanczos-1"
#: EXIF orientations that turn the image a quarter (width and height swap).
QUARTER_TURNS = {5, 6, 7, 8}
EXIF_ORIENTATION = 0x0112
#: What Pillow raises for a file it cannot read: not an image, truncated, or too large to decode.
UNREADABLE = (OSError, UnidentifiedImageError, Image.DecompressionBombError)


def _displayed_size(image: Image.Image) -> tuple[int, int]:
    width, height = image.size
    return (height, width) if image.getexif().get(EXIF_ORIENTATION) in QUARTER_TURNS else (width, height)


def _resized_copies(path: Path, image: Image.Image, width: int) -> list[tuple[str, int]]:
    if image.format not in ENCODERS or width <= RESIZE_ABOVE:
        return []
    digest = hashlib.sha256(path.read_bytes() + RESIZE_RULES.encode()).hexdigest()[:20]
    extension = ".jpg" if image.format == "JPEG" else ".png"
    return [(f"{digest}-{copy_width}{extension}", copy_width) for copy_width in WIDTHS if copy_width < width]


def resized_images(env: BuildEnvironment) -> dict[str, set[tuple[str, str, int]]]:
    """Each document's resized copies, ``(source, name, width)`` (the ``blog`` domain's ``resized_images``)."""
    return blog_data(env)["resized_images"]


def _describe_image(app: Sphinx, node: nodes.image) -> None:
    """Set *node*'s intrinsic size and resized copies, from the image file."""
    source, absolute = app.env.relfn2path(node["uri"], app.env.docname)
    path = Path(absolute)
    if not path.is_file():
        return  # Sphinx reports it.
    try:
        with Image.open(path) as image:
            width, height = _displayed_size(image)
            copies = _resized_copies(path, image, width)
    except UNREADABLE as error:
        logger.warning(
            "image illisible « %s » : Pillow ne sait pas la lire (%s)",
            source,
            error,
            location=node,
            type="blog",
            subtype="image",
        )
        return
    if not {"width", "height", "scale"} & node.attributes.keys():
        node["width"], node["height"] = str(width), str(height)
    if copies:
        # Under the largest copy's width, the original itself is the best candidate (None: its src).
        node["blog_srcset"] = copies + ([(None, width)] if width < max(WIDTHS) else [])
        resized_images(app.env).setdefault(app.env.docname, set()).update(
            (source, name, copy_width) for name, copy_width in copies
        )


def _describe_images(app: Sphinx, doctree: nodes.document) -> None:
    for position, node in enumerate(doctree.findall(nodes.image)):
        if position and "loading" not in node:
            node["loading"] = "lazy"
        uri = node["uri"]
        # A local file (not a remote image, nor a choice by format "image.*").
        if not ("://" in uri or uri.startswith("data:") or "*" in uri or uri.lower().endswith((".svg", ".svgz"))):
            _describe_image(app, node)


def _write_copy(source: Path, destination: Path, width: int) -> None:
    # Imported here: only a build that resizes an image needs it.
    from PIL import ImageOps

    with Image.open(source) as original:
        image_format, profile = original.format, original.info.get("icc_profile")
        image = ImageOps.exif_transpose(original)
    if image.mode not in ("RGB", "RGBA", "L", "LA"):
        image = image.convert("RGBA" if image_format == "PNG" else "RGB")
    height = round(image.height * width / image.width)
    resized = image.resize((width, height), Image.Resampling.LANCZOS)
    settings = dict(ENCODERS[image_format], **({"icc_profile": profile} if profile else {}))
    partial = destination.with_suffix(".partial")
    resized.save(partial, image_format, **settings)
    os.replace(partial, destination)


def _write_resized_copies(app: Sphinx) -> list:
    """Write the resized copies not yet in ``_images/`` (``html-collect-pages``; adds no page)."""
    folder = Path(app.outdir) / "_images"
    for source, name, width in sorted(set().union(*resized_images(app.env).values())):
        if (folder / name).is_file():
            continue
        folder.mkdir(exist_ok=True)
        try:
            _write_copy(Path(app.srcdir) / source, folder / name, width)
        except UNREADABLE as error:
            logger.warning(
                "image « %s » : la copie réduite à %d px ne peut pas être écrite (%s)",
                source,
                width,
                error,
                type="blog",
                subtype="image",
            )
    return []


def resized_image_names(env: BuildEnvironment) -> set[str]:
    """The names, in ``_images/``, of the resized copies the documents use."""
    return {name for images in resized_images(env).values() for _source, name, _width in images}


class ImageTranslator(HTML5Translator):
    """Sphinx's HTML5 translator, writing ``srcset`` and ``sizes`` for images with resized copies."""

    def emptytag(self, node, tagname, suffix="\n", **attributes):
        copies = node.get("blog_srcset") if tagname == "img" and isinstance(node, nodes.image) else None
        if copies:
            attributes["srcset"] = ", ".join(
                f"{posixpath.join(self.builder.imgpath, name) if name else attributes['src']} {width}w"
                for name, width in copies
            )
            attributes["sizes"] = SIZES
        return super().emptytag(node, tagname, suffix, **attributes)


def setup(app: Sphinx) -> dict:
    app.setup_extension("sphinx_blog_fr._domain")
    app.setup_extension("sphinx_blog_fr._confinement")
    app.set_translator("html", ImageTranslator, override=True)
    # Emitted in doctree-read before ABlog (500) copies the post and its excerpt for listings and feeds.
    app.connect("blog-doctree-confined", _describe_images)
    app.connect("html-collect-pages", _write_resized_copies)
    # The (source, name, width) tuples are pickled in the environment (the blog domain):
    # a change of their shape must change this number.
    return {"env_version": 1, "parallel_read_safe": True, "parallel_write_safe": True}
