"""A post's page shows its date, author, category and tags, and links to its neighbours.

Posts are in no table of contents, so Furo's « Précédent » / « Suivant »
footer is empty on them, and ABlog's own post card is a sidebar template
with English labels and invalid HTML (``li`` elements inside a ``div``,
ids with spaces). This extension gives the page template, for each post:

* ``blog_post``: ABlog's post, for ``blog/post-meta.html``, shown under the
  title (``blog_post_heading``, the body's first ``<h1>``) and above the text
  (``blog_post_text``);
* ``prev`` and ``next``: the older and the newer post, in the shape Furo's
  footer already renders.

The templates escape what they show: the heading and the text, HTML that
Sphinx wrote, are handed over as ``Markup``; the neighbours' titles, which
Furo's footer inserts as HTML, are the posts' titles escaped.
"""

from __future__ import annotations

import ablog
from ablog.blog import Blog
from markupsafe import Markup, escape
from sphinx.application import Sphinx


def _neighbour(context: dict, post) -> dict | None:
    if post is None:
        return None
    return {"link": context["pathto"](post.docname), "title": escape(post.title)}


def add_post_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Add the post's metadata and neighbours to the page's template context."""
    if not ablog.builder_support(app):
        return
    blog = Blog(app)
    if pagename not in blog.posts:
        return
    post = blog.posts[pagename]
    heading, _, text = context["body"].partition("</h1>")
    context["blog_post"] = post
    context["blog_post_heading"] = Markup(heading + "</h1>")
    context["blog_post_text"] = Markup(text)
    context["prev"] = _neighbour(context, post.prev)
    context["next"] = _neighbour(context, post.next)


def setup(app: Sphinx) -> dict:
    app.setup_extension("ablog")
    app.connect("html-page-context", add_post_context)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
