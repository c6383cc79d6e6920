"""« N min de lecture » under each post's title: its words at 230 words a minute, rounded up, at least one."""

from __future__ import annotations

import pytest

from conftest import Build, build_site, post_source

#: With the title's four words, 231 words (« l’innovation » is one): one more than a minute's reading.
JUST_OVER_A_MINUTE = " ".join(["l’innovation"] * 227)
#: 690 words of text: three minutes, plus the title's words: four.
LONG_TEXT = " ".join(["mot"] * 690)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    build = build_site(
        tmp_path_factory.mktemp("reading-time"),
        {
            "posts/2020/court.md": post_source("Court", body="Deux mots."),
            "posts/2020/juste.md": post_source("Juste un peu trop", date="2020-02-01", body=JUST_OVER_A_MINUTE),
            "posts/2020/long.md": post_source("Long", date="2020-03-01", body=LONG_TEXT),
        },
    )
    assert build.returncode == 0, build.output
    return build


def reading_time(site: Build, page: str) -> str:
    (line,) = site.page(page).select(".blog-post-meta .blog-reading-time")
    return line.get_text(" ", strip=True)


def test_a_short_post_takes_one_minute(site: Build):
    assert reading_time(site, "posts/2020/court.html") == "· 1\u00a0min de lecture"


def test_minutes_are_rounded_up(site: Build):
    assert reading_time(site, "posts/2020/juste.html") == "· 2\u00a0min de lecture"
    assert reading_time(site, "posts/2020/long.html") == "· 4\u00a0min de lecture"


def test_only_posts_show_a_reading_time(site: Build):
    assert not site.page("index.html").select(".blog-reading-time")
