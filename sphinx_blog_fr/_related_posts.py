"""« À lire aussi »: under each post, up to three posts that share its tags or category.

Each other published post scores :data:`TAG_WEIGHT` per tag it shares with
the post and :data:`CATEGORY_WEIGHT` per category; the
:data:`RELATED_POSTS` best are shown, ties broken by the newest date, then
by title (then page name), so that every build lists the same posts in the same order. A
post that shares nothing with any other shows no list. Tags and categories
are compared by their page (``_taxonomy`` gives labels that differ only
by case or accents one page).

The template ``blog/related-posts.html`` shows ``blog_related_posts``. A
post's list depends on every other post's tags, category, date and title:
``_incremental`` compares :func:`related_lists` before and after an
edit and rewrites the posts whose list changed.
"""

from __future__ import annotations

import ablog
from ablog.blog import Blog
from sphinx.application import Sphinx

TAG_WEIGHT = 2
CATEGORY_WEIGHT = 1
RELATED_POSTS = 3


def _pages(collections) -> set[str]:
    return {collection.docname for collection in collections or ()}


def related_posts(blog: Blog, post) -> list:
    """Return up to :data:`RELATED_POSTS` posts of *blog* related to *post*, best first."""
    tags, categories = _pages(post.tags), _pages(post.category)
    scored = []
    for other in blog.posts:
        if other.docname == post.docname:
            continue
        score = TAG_WEIGHT * len(tags & _pages(other.tags)) + CATEGORY_WEIGHT * len(categories & _pages(other.category))
        if score:
            scored.append((score, other))
    by_title = sorted(scored, key=lambda item: (item[1].title, item[1].docname))
    best = sorted(by_title, key=lambda item: (item[0], item[1].date), reverse=True)
    return [other for _score, other in best[:RELATED_POSTS]]


def related_lists(blog: Blog) -> dict[str, tuple]:
    """Return, for each post, what its « À lire aussi » shows: the related posts' pages and titles."""
    return {
        post.docname: tuple((other.docname, other.title) for other in related_posts(blog, post)) for post in blog.posts
    }


def _add_related_posts(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if not ablog.builder_support(app):
        return
    blog = Blog(app)
    if pagename in blog.posts:
        context["blog_related_posts"] = related_posts(blog, blog.posts[pagename])


def setup(app: Sphinx) -> dict:
    app.setup_extension("ablog")
    app.connect("html-page-context", _add_related_posts)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
