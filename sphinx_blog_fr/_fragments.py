"""Render a post's excerpt or whole text to HTML, once per build, for the listings and the feeds;
and give an excerpt as plain text, for descriptions and feed summaries.

Sphinx writes a document's HTML only as a page of its own. The listings show
each post's excerpt on about ten pages (all posts, its tags, category,
author, year and month), the feeds its whole text in up to six feeds. Each
such fragment is copied into a document of its own, its references resolved
for the page that shows it, and written by the HTML builder as a page's body
is, as ABlog's ``Post.to_html`` does, but once per build for each fragment
and page, and with Sphinx's docutils settings, which ``to_html`` leaves
docutils to rebuild from scratch for every call. A broken reference is
reported once, by the post's own page, not again for every fragment.
"""

from __future__ import annotations

import contextlib
from collections.abc import Hashable, Iterable

from docutils import nodes
from docutils.utils import new_document
from sphinx.application import Sphinx
from sphinx.util.logging import suppress_logging

from sphinx_blog_fr._state import build_state
from sphinx_blog_fr.compat.ablog import point_references_at, write_fragment
from sphinx_blog_fr.compat.sphinx import without_permalinks


def render_fragment(
    app: Sphinx,
    key: Hashable,
    fragment: Iterable[nodes.Node],
    docname: str,
    *,
    images_as_on_post_page: bool = False,
    permalinks: bool = True,
) -> str:
    """Return the HTML of the nodes *fragment*, its links relative to page *docname*; render it once per *key*.

    *images_as_on_post_page* gives images the addresses they have on the
    post's page, even when this build did not write it; *permalinks* writes
    the ``¶`` links of headings.
    """
    rendered = build_state(app).fragments
    if key in rendered:
        return rendered[key]
    doctree = new_document("", app.builder.docsettings)
    doctree.extend(node.deepcopy() for node in fragment)
    point_references_at(doctree, docname)
    if images_as_on_post_page:
        app.builder.post_process_images(doctree)
    with suppress_logging():
        app.env.resolve_references(doctree, docname, app.builder)
    with contextlib.nullcontext() if permalinks else without_permalinks(app.builder):
        rendered[key] = write_fragment(app.builder, docname, doctree)
    return rendered[key]


def setup(app: Sphinx) -> dict:
    app.setup_extension("sphinx_blog_fr._state")
    return {"parallel_read_safe": True, "parallel_write_safe": True}


def plain_text(fragment: Iterable[nodes.Node]) -> str:
    """The text of *fragment*'s nodes, one space between them, each raw HTML or LaTeX node a space.

    MyST writes a hard line break as raw nodes (``<br />`` for HTML, ``\\`` for
    LaTeX), whose ``astext`` is that markup: a description or a feed summary
    would show it as text.
    """
    texts = []
    for node in fragment:
        node = node.deepcopy()
        for raw in list(node.findall(nodes.raw)):
            raw.replace_self(nodes.Text(" "))
        texts.append(node.astext())
    return " ".join(texts)
