"""A series (``series:``): each part shows its position and every part in order, and the series has its page.

A small site with three parts of « Voyage en Bretagne » (written out of date
order), a post of no series and a draft part, which is never listed; then a
fourth part is added and the site built again in place, which must give a
clean build's output.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Build, SiteFactory, build_site, clean_build_of, make_html, post_source
from site_checks.test_html_checker import vnu_errors
from test_incremental import tree_differences

SERIES = "Voyage en Bretagne"
#: (path, title, date), in the order of the series (dates), not of the file names.
PARTS = [
    ("posts/2021/z-depart.md", "Le départ", "2021-03-01"),
    ("posts/2021/a-arrivee.md", "L’arrivée à Brest", "2021-03-08"),
    ("posts/2021/m-retour.md", "Le retour", "2021-04-02"),
]
FILES = {
    **{path: post_source(title, date=day, extra=f"series: {SERIES}") for path, title, day in PARTS},
    "posts/2021/autre.md": post_source("Un article hors série", date="2021-03-05"),
    "posts/2021/brouillon.md": post_source("Un brouillon de la série", date="2099-01-01", extra=f"series: {SERIES}"),
}
SERIES_PAGE = "blog/serie/voyage-en-bretagne.html"


def _html(path: str) -> str:
    return path.removesuffix(".md") + ".html"


def _text(element) -> str:
    return " ".join(element.get_text().split())


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    build = build_site(tmp_path_factory.mktemp("series"), FILES)
    assert build.returncode == 0, build.output
    return build


@pytest.mark.parametrize(("position", "part"), list(enumerate(PARTS, start=1)))
def test_each_part_shows_its_position_and_every_part_in_order(site: Build, position: int, part: tuple):
    page = site.page(_html(part[0]))
    series = page.select_one("nav.blog-series")
    assert _text(series.select_one(".blog-series-title")) == f"Série « {SERIES} » : partie {position} sur 3"
    items = series.select("ol > li")
    assert [_text(item) for item in items] == [title for _path, title, _day in PARTS]
    for number, (item, (path, _title, _day)) in enumerate(zip(items, PARTS, strict=True), start=1):
        link = item.find("a")
        if number == position:
            assert link is None
            assert item.find(attrs={"aria-current": "page"}) is not None
        else:
            assert (site.html / Path(_html(part[0])).parent / link["href"]).resolve() == (
                site.html / _html(path)
            ).resolve()
    series_link = series.select_one(".blog-series-link a")
    assert _text(series_link) == "Toute la série"
    assert (site.html / Path(_html(part[0])).parent / series_link["href"]).resolve() == (
        site.html / SERIES_PAGE
    ).resolve()


def test_a_post_of_no_series_shows_no_series(site: Build):
    assert site.page("posts/2021/autre.html").select_one("nav.blog-series") is None


def test_the_series_page_lists_the_parts_in_order(site: Build):
    page = site.page(SERIES_PAGE)
    assert _text(page.select_one("main h1, article h1, h1")) == f"Série « {SERIES} »"
    items = page.select("ol.blog-series-parts > li")
    assert [_text(item.find("a")) for item in items] == [title for _path, title, _day in PARTS]
    assert [item.find("time")["datetime"] for item in items] == [day for _path, _title, day in PARTS]
    assert "Un brouillon" not in page.get_text()
    assert _text(items[0]).endswith("1er mars 2021")


def test_the_parts_and_the_series_page_are_valid_html(site: Build):
    pages = [site.html / _html(path) for path, _title, _day in PARTS] + [site.html / SERIES_PAGE]
    assert vnu_errors(pages) == []


def test_a_bad_series_name_is_one_french_error(build_test_site: SiteFactory):
    build = build_test_site(
        {"posts/2021/fautif.md": post_source("Un article", date="2021-03-01", extra="series: '!!!'")}
    )
    assert build.returncode != 0
    assert (
        "fautif.md:4: ERROR: champ series : « !!! » n’a ni lettre ni chiffre, la page de la série n’aurait pas "
        "d’adresse ; écrivez le nom de la série, par exemple « series: Voyage en Bretagne »"
    ) in build.output
    assert "Traceback" not in build.output


FOURTH = ("posts/2021/suite.md", "Une suite", "2021-05-01")
JOINING = ("posts/2021/autre.md", "Un article hors série", "2021-03-05")
#: Each edit adds a fourth part: a new post (every page changes: the sidebar's latest posts), or a post
#: already published joining the series (only the parts' pages and the series page change).
EDITS = {"a new post": FOURTH, "a published post joining": JOINING}


@pytest.fixture(scope="module", params=list(EDITS))
def after_a_fourth_part(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Build, Build, tuple]:
    """The site built, a fourth part added, built again in place; and a clean build of the same sources."""
    workdir = tmp_path_factory.mktemp("series-incremental")
    first = build_site(workdir / "incremental", FILES)
    assert first.returncode == 0, first.output
    path, title, day = part = EDITS[request.param]
    (first.srcdir / path).write_text(post_source(title, date=day, extra=f"series: {SERIES}"), encoding="utf-8")
    incremental = make_html(first.srcdir, first.html.parent)
    assert incremental.returncode == 0, incremental.output
    return incremental, clean_build_of(first.srcdir, workdir / "clean"), part


def test_after_adding_a_part_the_output_is_a_clean_builds(after_a_fourth_part: tuple[Build, Build, tuple]):
    incremental, clean, _part = after_a_fourth_part
    assert tree_differences(incremental.html, clean.html) == []


def test_after_adding_a_part_every_part_counts_four(after_a_fourth_part: tuple[Build, Build, tuple]):
    incremental, _clean, part = after_a_fourth_part
    parts = sorted([*PARTS, part], key=lambda part: part[2])
    for position, (path, _title, _day) in enumerate(parts, start=1):
        title = incremental.page(_html(path)).select_one(".blog-series-title")
        assert _text(title) == f"Série « {SERIES} » : partie {position} sur 4"
    assert len(incremental.page(SERIES_PAGE).select("ol.blog-series-parts > li")) == 4
