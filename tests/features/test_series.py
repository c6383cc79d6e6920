"""A series: each part shows its place and every part in date order; the series has its own page."""

from __future__ import annotations

import posixpath

import pytest

from features.conftest import Site, words

pytestmark = pytest.mark.sphinx("html", testroot="series")

#: The parts, in date order (not the order of their file names).
PARTS = [
    ("posts/2021/z-depart.html", "Le départ", "1er mars 2021"),
    ("posts/2021/a-arrivee.html", "L’arrivée à Brest", "8 mars 2021"),
    ("posts/2021/m-retour.html", "Le retour", "2 avril 2021"),
]
SERIES_PAGE = "blog/serie/voyage-en-bretagne.html"


def _target(page: str, href: str) -> str:
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), href))


@pytest.mark.parametrize("position", [1, 2, 3])
def test_each_part_shows_its_position_and_links_to_the_others(site: Site, position: int):
    page, title, _date = PARTS[position - 1]
    series = site.page(page).select_one("nav.blog-series")
    assert (
        words(series.select_one(".blog-series-title"))
        == f"Série «\u00a0Voyage en Bretagne\u00a0»\u00a0: partie {position} sur 3"
    )
    items = series.select("ol > li")
    assert [words(item) for item in items] == [part_title for _page, part_title, _date in PARTS]
    assert [words(current) for current in series.select("[aria-current=page]")] == [title]
    links = [_target(page, link["href"]) for link in series.select("ol a")]
    assert links == [part_page for part_page, _title, _date in PARTS if part_page != page]
    assert _target(page, series.select_one(".blog-series-link a")["href"]) == SERIES_PAGE


def test_a_post_of_no_series_shows_none(site: Site):
    assert site.page("posts/2021/autre.html").select_one("nav.blog-series") is None


def test_the_series_page_lists_the_parts_in_order_with_their_dates(site: Site):
    items = site.page(SERIES_PAGE).select("ol.blog-series-parts > li")
    shown = [(_target(SERIES_PAGE, item.a["href"]), words(item.a), words(item.time)) for item in items]
    assert shown == PARTS
