"""Every HTML page written without the whitespace a browser does not need.

Furo's templates indent their markup for the people who read them, and every
page repeats that markup around its own content: at 1,000 posts the
indentation, quotes and comments weigh about 4 MB of the output
(``make bench``). This extension passes each page Sphinx renders through
minify-html, a maintained minifier whose output depends only on its input, so
that an incremental build still writes what a clean build writes. Closing
tags, the ``<html>`` and ``<head>`` tags and scripts are kept as written;
whitespace that shows on the page (between words, in ``<pre>``) is kept.
"""

from __future__ import annotations

from importlib.metadata import version

import minify_html
from sphinx.application import Sphinx

from sphinx_blog_fr._rendered_pages import transform_rendered_pages

#: minify-html's options: keep the page's structure explicit, minify its inline CSS only.
MINIFY_OPTIONS = {"keep_closing_tags": True, "keep_html_and_head_opening_tags": True, "minify_css": True}


def minify(html: str) -> str:
    """Return the page *html* minified."""
    return minify_html.minify(html, **MINIFY_OPTIONS)


def _minify_rendered_pages(app: Sphinx) -> None:
    transform_rendered_pages(app, lambda html, _context: minify(html))


def setup(app: Sphinx) -> dict:
    app.connect("builder-inited", _minify_rendered_pages)
    # _incremental renders generated pages again when an extension's version changes.
    return {"version": version("minify-html"), "parallel_read_safe": True, "parallel_write_safe": True}
