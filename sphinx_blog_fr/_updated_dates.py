"""Make a post's ``updated`` ABlog's ``update``, which feeds, JSON-LD and templates read.

ABlog takes ``update`` only from ``.. update::`` directives (the latest of
them and the date), so a post's ``updated`` front matter would be ignored:
its page's « Mis à jour le … », its feed entries, its sitemap ``<lastmod>``
and its JSON-LD ``dateModified`` would keep its publication date. The later
of ABlog's value and ``updated`` is written into ABlog's post record.

Event this extension emits, for the package's modules and any other extension:

``blog-post-recorded(app, doctree)``
    In ``doctree-read`` (priority 550, after ABlog's ``process_posts``, 500,
    which writes its record of the document's posts, ``env.ablog_posts``),
    for every document read, once ``updated`` is in that record: a listener
    may still change it. Listener: ``_listings`` (a ``description`` as the excerpt).

``blog-post-complete(app, doctree)``
    Right after ``blog-post-recorded``: the record no longer changes, a
    listener only reads it. Listener: ``_incremental`` (the post's summary,
    which must see the excerpt a ``description`` gave, or an edit of it alone
    would leave the listings stale).
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from sphinx_blog_fr._state import build_state
from sphinx_blog_fr.compat.ablog import postpone_update


def hand_ablog_update(app: Sphinx, doctree: nodes.document) -> None:
    """Make a post's ``updated`` ABlog's ``update``, if it is later.

    ABlog's post record is written by its ``doctree-read`` listener, just before this one.
    """
    post = build_state(app).post_sources.get(app.env.docname)
    if post is None or post.updated is None:
        return
    postpone_update(app.env, app.env.docname, post.updated)


def _record_post(app: Sphinx, doctree: nodes.document) -> None:
    """Complete ABlog's record of the document just read; emit ``blog-post-recorded``, then ``blog-post-complete``."""
    hand_ablog_update(app, doctree)
    app.emit("blog-post-recorded", doctree)
    app.emit("blog-post-complete", doctree)


def setup(app: Sphinx) -> dict:
    app.setup_extension("sphinx_blog_fr._front_matter")
    app.add_event("blog-post-recorded")
    app.add_event("blog-post-complete")
    # After ABlog's process_posts (doctree-read, priority 500), which writes the record completed here.
    app.connect("doctree-read", _record_post, priority=550)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
