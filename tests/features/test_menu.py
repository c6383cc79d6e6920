"""The sidebar's menu of pages: ``blog_menu``'s pages first, in its order, then the others by title."""

from __future__ import annotations

import posixpath

import pytest

from features.conftest import Site, words

pytestmark = pytest.mark.sphinx("html", testroot="menu")

MENU = [
    ("Contact", "pages/contact.html"),
    ("À propos", "pages/a-propos.html"),
    ("Mentions légales", "pages/mentions.html"),
]


def _menu(site: Site, page: str) -> list[tuple[str, str]]:
    links = site.page(page).select(".sidebar-blog-menu a")
    return [
        (
            words(link),
            page if link["href"] == "#" else posixpath.normpath(posixpath.join(posixpath.dirname(page), link["href"])),
        )
        for link in links
    ]


@pytest.mark.parametrize(
    "page", ["index.html", "posts/2017/article.html", "pages/mentions.html", "blog/tag/innovation.html"]
)
def test_every_page_shows_the_menu_in_order(site: Site, page: str):
    assert _menu(site, page) == MENU
    assert words(site.page(page).select_one(".sidebar-blog-menu .caption")) == "Pages"


def test_the_current_page_is_marked(site: Site):
    current = site.page("pages/contact.html").select(".sidebar-blog-menu a[aria-current=page]")
    assert [words(link) for link in current] == ["Contact"]
