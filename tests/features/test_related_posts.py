"""« À lire aussi »: the posts sharing the most tags and category with a post, under it."""

from __future__ import annotations

import posixpath

import pytest

from features.conftest import Site, words

pytestmark = pytest.mark.sphinx("html", testroot="related")


def _related(site: Site, page: str) -> list[tuple[str, str]]:
    links = site.page(page).select(".blog-related-posts a")
    return [(words(link), posixpath.normpath(posixpath.join(posixpath.dirname(page), link["href"]))) for link in links]


def test_the_most_related_post_comes_first_and_the_links_lead_to_them(site: Site):
    assert _related(site, "posts/2020/sujet.html") == [
        ("Deux étiquettes", "posts/2019/deux-etiquettes.html"),
        ("Une étiquette", "posts/2018/une-etiquette.html"),
    ]
    assert words(site.page("posts/2020/sujet.html").select_one(".blog-related-posts h2")) == "À lire aussi"


def test_a_post_sharing_nothing_shows_no_list(site: Site):
    assert not site.page("posts/2018/rien.html").select(".blog-related-posts")
