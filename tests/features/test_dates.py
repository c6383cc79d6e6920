"""Dates are written in French, the first of the month as « 1er »."""

from __future__ import annotations

from datetime import UTC, date, datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from features.conftest import Site, words
from sphinx_blog_fr._dates import format_day

pytestmark = pytest.mark.sphinx("html", testroot="dates")


def test_listings_show_the_dates_in_french_newest_first(site: Site):
    dates = [words(time) for time in site.page("blog.html").select(".blog-listing time")]
    assert dates == ["10 novembre 2017", "1er novembre 2017"]


@pytest.mark.parametrize(
    ("page", "shown", "machine"),
    [
        ("posts/2017/seminaire.html", "10 novembre 2017", "2017-11-10"),
        ("posts/2017/premier.html", "1er novembre 2017", "2017-11-01"),
    ],
)
def test_a_post_shows_its_date_in_french_and_in_iso_8601_for_machines(site: Site, page: str, shown: str, machine: str):
    time = site.page(page).select_one(".blog-post-meta time")
    assert (words(time), time["datetime"]) == (shown, machine)


@pytest.mark.parametrize(
    ("page", "heading"), [("blog/2017/11.html", "Articles de novembre 2017"), ("blog/2017.html", "Articles de 2017")]
)
def test_archive_pages_are_titled_in_french(site: Site, page: str, heading: str):
    assert words(site.page(page).h1) == heading


def test_a_moment_is_written_as_its_own_day_even_when_another_zone_makes_it_the_same_instant():
    # 23:30 UTC and 00:30 the next day in Paris are equal datetimes, but not the same day.
    config = SimpleNamespace(language="fr")
    utc = datetime(2017, 11, 10, 23, 30, tzinfo=UTC)
    paris = utc.astimezone(ZoneInfo("Europe/Paris"))
    assert utc == paris
    assert [format_day(moment, config) for moment in (utc, paris, date(2017, 11, 1))] == [
        "10 novembre 2017",
        "11 novembre 2017",
        "1er novembre 2017",
    ]
