"""Furo's icons served once, from a file browsers cache, not inline on every page.

Furo writes its SVG icons (menu, contents, theme toggle, arrows) at the top of
every page, as a hidden sprite of about 5 KB that the page's icons point to
(``<use href="#svg-menu">``). On a blog, where pages are short and numerous,
that sprite is a quarter of each post's HTML: at 1,000 posts it weighs 10 MB
of the output (``make bench``), and every page a reader opens downloads it
again. This extension writes the sprite once, as ``_static/furo-icons.svg``,
from Furo's own template (``partials/icons.html``, its labels translated by
_furo_labels), and points every icon of every page at that file.
``_templates/partials/icons.html`` is the empty override that takes the
sprite out of the pages.

Browsers load an SVG ``<use>`` from another file only over HTTP: a page opened
straight from the disk (``file://``) shows the icons' buttons without their
pictures. ``make livehtml`` serves the preview over HTTP.
"""

from __future__ import annotations

import re
from pathlib import Path

from sphinx.application import Sphinx

from sphinx_blog_fr._rendered_pages import transform_rendered_pages
from sphinx_blog_fr.compat.furo import point_icons_at, render_icon_sprite

ICON_FILE = "_static/furo-icons.svg"

_BETWEEN_TAGS = re.compile(r">\s+<")


def _point_rendered_icons_at_the_file(app: Sphinx) -> None:
    # Furo's templates and its navigation tree write the references: only the rendered page holds them all.
    transform_rendered_pages(app, lambda html, context: point_icons_at(context["pathto"](ICON_FILE, 1), html))


def write_icon_file(app: Sphinx, exception: Exception | None) -> None:
    """Write Furo's sprite, as its template renders it, to ``_static/furo-icons.svg`` (``build-finished``)."""
    if exception is not None or app.builder.format != "html":
        return
    sprite = render_icon_sprite(app.builder.templates.environment)
    # An SVG file is XML, which an HTML minifier would break; only the indentation between tags goes.
    Path(app.outdir, ICON_FILE).write_text(_BETWEEN_TAGS.sub("><", sprite.strip()) + "\n", encoding="utf-8")


def setup(app: Sphinx) -> dict:
    app.connect("builder-inited", _point_rendered_icons_at_the_file)
    app.connect("build-finished", write_icon_file)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
