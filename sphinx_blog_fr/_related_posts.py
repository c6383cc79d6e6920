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
edit and rewrites the posts whose list changed. The lists are kept in the
environment, and scored again only when what they are found from changed.
"""

from __future__ import annotations

from collections import Counter
from itertools import combinations
from operator import itemgetter

import ablog
from ablog.blog import Blog
from sphinx.application import Sphinx

from sphinx_blog_fr._domain import blog_data
from sphinx_blog_fr._state import build_state

TAG_WEIGHT = 2
CATEGORY_WEIGHT = 1
RELATED_POSTS = 3


def _pages(collections) -> set[str]:
    return {collection.docname for collection in collections or ()}


def _standings(posts) -> list:
    """Return *posts* in the order that breaks ties, the winner last: the newest, then by title, then by page name."""
    by_title = sorted(posts, key=lambda post: (post.title, post.docname), reverse=True)
    return sorted(by_title, key=lambda post: post.date)


def _index(labels: list[tuple[set[str], set[str]]], which: int) -> dict:
    """Return each tag page (*which* 0) or category page (1) → the standings of the posts that have it."""
    posts: dict[str, list[int]] = {}
    for standing, post_labels in enumerate(labels):
        for page in post_labels[which]:
            posts.setdefault(page, []).append(standing)
    return posts


def _pair_index(labels: list[tuple[set[str], set[str]]]) -> dict[tuple[str, str], list[int]]:
    """Return each pair of tag pages → the standings of the posts that have both."""
    posts: dict[tuple[str, str], list[int]] = {}
    for standing, (tags, _categories) in enumerate(labels):
        for pair in combinations(sorted(tags), 2):
            posts.setdefault(pair, []).append(standing)
    return posts


class _Scores:
    """The scores of every post against the others, from the posts' tag and category pages."""

    def __init__(self, labels: list[tuple[set[str], set[str]]]) -> None:
        self.labels = labels
        self.tagged, self.categorized, self.paired = _index(labels, 0), _index(labels, 1), _pair_index(labels)

    def best(self, standing: int) -> list[int]:
        """Return the standings of the :data:`RELATED_POSTS` best posts for the post at *standing*, best first.

        The posts sharing two of its tags or more are enough when the
        last of the best of them scores more than one tag and every category
        would; otherwise every post sharing a tag or a category is counted.
        """
        tags, categories = self.labels[standing]
        sharing_two = {other for pair in combinations(sorted(tags), 2) for other in self.paired[pair]}
        sharing_two.discard(standing)
        best = sorted(sharing_two, key=lambda other: (self._score(standing, other), other), reverse=True)
        best = best[:RELATED_POSTS]
        outside = TAG_WEIGHT + CATEGORY_WEIGHT * len(categories)
        if len(best) == RELATED_POSTS and self._score(standing, best[-1]) > outside:
            return best
        return self._best_of_all(standing)

    def _score(self, standing: int, other: int) -> int:
        (tags, categories), (other_tags, other_categories) = self.labels[standing], self.labels[other]
        return TAG_WEIGHT * len(tags & other_tags) + CATEGORY_WEIGHT * len(categories & other_categories)

    def _best_of_all(self, standing: int) -> list[int]:
        tags, categories = self.labels[standing]
        scores: Counter = Counter()
        for page in tags:
            scores.update(self.tagged[page] * TAG_WEIGHT)
        for page in categories:
            scores.update(self.categorized[page] * CATEGORY_WEIGHT)
        scores.pop(standing, None)
        best = []
        for _place in range(min(RELATED_POSTS, len(scores))):
            other, _score = max(scores.items(), key=itemgetter(1, 0))
            del scores[other]
            best.append(other)
        return best


def related_posts_of_every_post(blog: Blog, previous: tuple | None = None) -> tuple[dict[str, list], tuple]:
    """Return, for each post of *blog*, up to :data:`RELATED_POSTS` related posts, best first, and
    what they were found from (the posts' pages, tag and category pages, in the order of ties).

    Each post is scored only against the posts that share two of its tags,
    or else a tag or its category, not against every post: at 10,000 posts,
    every pair would be 10⁸ comparisons. When *previous*, an earlier
    ``(found from, standings found)``, was found from the same, its standings
    are taken again without scoring (an edit of a post's text, 0.05 s at 1,000 posts).
    """
    standings = _standings(blog.posts)
    labels = [(_pages(post.tags), _pages(post.category)) for post in standings]
    found_from = tuple(
        (post.docname, sorted(tags), sorted(categories))
        for post, (tags, categories) in zip(standings, labels, strict=True)
    )
    if previous is not None and previous[0] == found_from:
        found = previous[1]
    else:
        scores = _Scores(labels)
        found = {post.docname: scores.best(standing) for standing, post in enumerate(standings)}
    related = {docname: [standings[other] for other in others] for docname, others in found.items()}
    return related, (found_from, found)


def related_posts(app: Sphinx) -> dict[str, list]:
    """Return each post's related posts, found once per build (``BuildState.related_posts``), and
    scored only when the posts, their order of ties, tags or categories changed since the last
    build (the ``blog`` domain's ``related_posts``)."""
    state = build_state(app)
    if state.related_posts is None:
        data = blog_data(app.env)
        state.related_posts, data["related_posts"] = related_posts_of_every_post(Blog(app), data.get("related_posts"))
    return state.related_posts


def related_lists(app: Sphinx) -> dict[str, tuple]:
    """Return, for each post, what its « À lire aussi » shows: the related posts' pages and titles."""
    return {
        docname: tuple((other.docname, other.title) for other in others)
        for docname, others in related_posts(app).items()
    }


def _add_related_posts(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if not ablog.builder_support(app):
        return
    if pagename in Blog(app).posts:
        context["blog_related_posts"] = related_posts(app)[pagename]


def setup(app: Sphinx) -> dict:
    app.setup_extension("ablog")
    app.setup_extension("sphinx_blog_fr._domain")
    app.connect("html-page-context", _add_related_posts)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
