"""Listings are cut into pages of ``blog_posts_per_page`` posts, titled in French, linked newest to oldest."""

from __future__ import annotations

import posixpath

import pytest

from features.conftest import Site, words

pytestmark = pytest.mark.sphinx("html", testroot="listings")

NEWEST_FIRST = ["Les vœux", "Le séminaire", "Le premier de novembre"]


def _titles(site: Site, page: str) -> list[str]:
    return [words(link) for link in site.page(page).select(".blog-listing .blog-entry-title a")]


def _older(site: Site, page: str) -> str | None:
    link = site.page(page).select_one("a.blog-pagination-older")
    if link is None:
        return None
    assert words(link) == "Articles plus anciens"
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), link["href"]))


def test_following_older_posts_shows_one_post_a_page_newest_first(site: Site):
    pages, page = [], "blog.html"
    while page is not None:
        pages.append(page)
        page = _older(site, page)
    assert pages == ["blog.html", "blog/page/2.html", "blog/page/3.html"]
    assert [title for page in pages for title in _titles(site, page)] == NEWEST_FIRST
    assert "Page 2 sur 3" in words(site.page("blog/page/2.html"))


def test_a_tag_with_three_posts_has_three_pages(site: Site):
    assert _titles(site, "blog/tag/cnfpt.html") == ["Les vœux"]
    assert _older(site, "blog/tag/cnfpt.html") == "blog/tag/cnfpt/page/2.html"


@pytest.mark.parametrize(
    ("page", "heading"),
    [
        ("blog/tag/cnfpt.html", "Articles avec l’étiquette «\u00a0cnfpt\u00a0»"),
        ("blog/category/evenements.html", "Articles de la catégorie «\u00a0Événements\u00a0»"),
        ("blog/2018.html", "Articles de 2018"),
    ],
)
def test_listings_have_french_headings(site: Site, page: str, heading: str):
    assert words(site.page(page).h1) == heading
