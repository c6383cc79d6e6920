"""Each post shows how long it takes to read, in whole minutes rounded up, at least one."""

from __future__ import annotations

import pytest

from features.conftest import Site, words

pytestmark = pytest.mark.sphinx("html", testroot="reading-time")


@pytest.mark.parametrize(
    ("page", "shown"),
    [
        ("posts/2017/court.html", "· 1\u00a0min de lecture"),
        # 701 words (the title and 700 of text) at 230 a minute: 3.05 minutes, shown as 4.
        ("posts/2017/long.html", "· 4\u00a0min de lecture"),
    ],
)
def test_a_post_shows_its_reading_time(site: Site, page: str, shown: str):
    assert [words(line) for line in site.page(page).select(".blog-post-meta .blog-reading-time")] == [shown]


def test_only_posts_show_a_reading_time(site: Site):
    assert not site.page("index.html").select(".blog-reading-time")
