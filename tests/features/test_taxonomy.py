"""A tag or a category in any script gets a readable ASCII page; spellings that differ by case or accents are one."""

from __future__ import annotations

import pytest

from features.conftest import Site, words

pytestmark = pytest.mark.sphinx("html", testroot="taxonomy")


@pytest.mark.parametrize(
    ("page", "heading"),
    [
        ("blog/tag/ellinika.html", "Articles avec l’étiquette «\u00a0ελληνικά\u00a0»"),
        ("blog/category/yuanzhengshouji.html", "Articles de la catégorie «\u00a0远征手记\u00a0»"),
    ],
)
def test_a_greek_tag_and_a_chinese_category_have_transliterated_pages(site: Site, page: str, heading: str):
    listing = site.page(page)
    assert words(listing.h1) == heading
    assert [words(link) for link in listing.select(".blog-listing .blog-entry-title a")] == ["Un article grec"]


def test_every_label_page_has_an_ascii_name(site: Site):
    names = [page for page in site.pages() if page.startswith(("blog/tag/", "blog/category/"))]
    assert names and all(name.isascii() for name in names), names


def test_two_spellings_of_a_tag_are_one_tag_shown_with_its_accent(site: Site):
    listing = site.page("blog/tag/numerique.html")
    assert words(listing.h1) == "Articles avec l’étiquette «\u00a0numérique\u00a0»"
    titles = [words(link) for link in listing.select(".blog-listing .blog-entry-title a")]
    assert titles == ["Un article grec", "Sans accent"]
    for post in ("posts/2017/grec.html", "posts/2017/sans-accent.html"):
        tags = [words(link) for link in site.page(post).select(".blog-post-meta a[href*='tag/numerique']")]
        assert tags == ["numérique"], post
