"""What the site's tests expect, worked out from whatever posts are in posts/.

These tests run on the real site (the ``site`` fixture) and hold for any
posts: the seed posts, the author's next one, or a fork's first. What each
page should show is computed here from the posts' own front matter, read by
the build's own reader (``sphinx_blog_fr._front_matter.read_post``) with conf.py's
settings, independently of ABlog, and compared with the built pages.
"""

from __future__ import annotations

import posixpath
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from types import SimpleNamespace

import pytest
from markdown_it.renderer import RendererHTML
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

from conftest import ROOT, Build
from sphinx_blog_fr._dates import today
from sphinx_blog_fr._drafts import is_draft
from sphinx_blog_fr._front_matter import read_post
from sphinx_blog_fr._posts_folder import find_post_files
from sphinx_blog_fr._settings import load_settings
from sphinx_blog_fr._slugs import slugify
from sphinx_blog_fr._taxonomy import split_labels
from sphinx_blog_fr._typography import french_spacing

#: conf.py's names, as the build and the author's commands read them.
SETTINGS = load_settings(ROOT)


@dataclass
class Post:
    """One post as the reader should meet it: its title, date, labels and page."""

    title: str
    date: datetime
    tags: list[str]
    categories: list[str]
    author: str
    page: str
    draft: bool
    docname: str


def _author_name(front_matter: dict) -> str:
    key = front_matter.get("author") or SETTINGS["blog_default_author"]
    return SETTINGS["blog_authors"].get(key, (key,))[0]


def read_posts() -> list[Post]:
    """Every post of posts/, drafts included, newest first (drafts last)."""
    config = SimpleNamespace(**SETTINGS)
    markdown = create_md_parser(MdParserConfig(heading_anchors=SETTINGS.get("myst_heading_anchors", 0)), RendererHTML)
    posts = []
    for path in find_post_files(ROOT):
        if path.suffix != ".md":
            continue
        source = read_post(path, ROOT, config, markdown)
        posts.append(
            Post(
                # As the pages show it: with blog_typography's French spacing (the source keeps the author's).
                title=french_spacing(source.title) if SETTINGS.get("blog_french_spacing", True) else source.title,
                date=source.date or datetime.max,
                tags=split_labels(source.front_matter.get("tags")),
                categories=split_labels(source.front_matter.get("category")),
                author=_author_name(source.front_matter),
                page=f"{source.docname}.html",
                draft=is_draft(source, today(config)),
                docname=source.docname,
            )
        )
    return sorted(posts, key=lambda post: post.date, reverse=True)


ALL_POSTS = read_posts()
#: The published posts, newest first.
POSTS = [post for post in ALL_POSTS if not post.draft]
DRAFTS = [post for post in ALL_POSTS if post.draft]


def expected_listings() -> dict[str, list[Post]]:
    """Map the first page of each listing to the posts it must show over all its pages, newest first."""
    listings: dict[str, list[Post]] = defaultdict(list)
    for post in POSTS:
        pages = {
            "blog.html",
            f"blog/author/{slugify(post.author)}.html",
            f"blog/{post.date:%Y}.html",
            f"blog/{post.date:%Y/%m}.html",
        }
        pages |= {f"blog/tag/{slugify(tag)}.html" for tag in post.tags}
        pages |= {f"blog/category/{slugify(category)}.html" for category in post.categories}
        for page in pages:
            listings[page].append(post)
    return dict(listings)


LISTINGS = expected_listings()
BY_TITLE = {post.title: post for post in POSTS}


def link_target(page: str, href: str) -> str:
    """The site path a relative link *href* on *page* leads to."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), href))


def listing_titles(site: Build, first: str) -> list[str]:
    """The titles a listing shows, from its first page *first* through « Articles plus anciens »."""
    titles, page = [], first
    while page:
        soup = site.page(page)
        titles += [title.get_text() for title in soup.select(".blog-listing .blog-entry-title")]
        older = soup.select_one("a.blog-pagination-older")
        page = link_target(page, older["href"]) if older else None
        assert len(titles) <= len(POSTS), f"the pages of {first} link in a loop"
    return titles


def assert_newest_first(titles: list[str], expected: list[Post]) -> None:
    """*titles* are exactly the *expected* posts, newest first (posts of the same moment in any order)."""
    assert sorted(titles) == sorted(post.title for post in expected)
    assert [BY_TITLE[title].date for title in titles] == [post.date for post in expected]


@pytest.fixture(scope="session")
def posts() -> list[Post]:
    if not POSTS:
        pytest.fail("posts/ has no published post: the site's tests check the posts a blog has")
    return POSTS
