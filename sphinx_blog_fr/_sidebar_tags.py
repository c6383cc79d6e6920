"""The sidebar's tags: the most used ones, and a link to all of them.

The sidebar is on every page, so with every tag of the blog in it each new
tag made every page heavier: at 1,000 posts and 40 tags the list weighed
about 5 KB on each of the 1,850 pages (``make bench``). Like WordPress's tag
cloud widget, which shows only the most used tags, the sidebar shows the
``blog_sidebar_tags`` most used (20 by default), in ABlog's order, with their
counts, then a link to the index of every tag when some were left out. The
template ``sidebar/blog-tags.html`` reads them as ``blog_sidebar_tags``, and
``blog_sidebar_more_tags`` says whether there are more.
"""

from __future__ import annotations

from operator import itemgetter

import ablog
from ablog.blog import Blog
from sphinx.application import Sphinx

from sphinx_blog_fr._state import build_state


def tags_in_use(blog: Blog) -> list[tuple[object, int]]:
    """Return each tag that has posts with its number of posts, in ABlog's order.

    ABlog's catalog sorts its tags and counts their posts anew on each reading: it is read once per page.
    """
    counted = [(tag, len(tag)) for tag in blog.tags]
    return [(tag, count) for tag, count in counted if count]


def most_used_tags(in_use: list[tuple[object, int]], limit: int) -> list:
    """Return the *limit* tags of *in_use* with the most posts (ties: ABlog's order), in ABlog's order."""
    kept = {tag.name for tag, _ in sorted(in_use, key=itemgetter(1), reverse=True)[:limit]}
    return [tag for tag, _ in in_use if tag.name in kept]


def _sidebar_tags(app: Sphinx) -> tuple[list, bool]:
    """The tags the sidebar shows, and whether there are more, worked out once per build (the posts are read)."""
    state = build_state(app)
    if state.sidebar_tags is None:
        in_use = tags_in_use(Blog(app))
        shown = most_used_tags(in_use, app.config.blog_sidebar_tags)
        state.sidebar_tags = shown, len(shown) < len(in_use)
    return state.sidebar_tags


def _add_sidebar_tags(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if not ablog.builder_support(app):
        return
    context["blog_sidebar_tags"], context["blog_sidebar_more_tags"] = _sidebar_tags(app)


def setup(app: Sphinx) -> dict:
    app.setup_extension("ablog")
    app.setup_extension("sphinx_blog_fr._state")
    app.add_config_value("blog_sidebar_tags", 20, "html", types=[int])
    app.connect("html-page-context", _add_sidebar_tags)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
