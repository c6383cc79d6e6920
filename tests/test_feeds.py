"""The Atom feeds, on a small test site: French titles, the latest posts only, the blog's clock, absolute links.

That every feed of the real blog holds its newest posts, whatever they are,
is checked in tests/site_checks/test_feeds.py.
"""

from __future__ import annotations

from datetime import datetime

import feedparser
import pytest

from conftest import Build, build_site, post_source

BASEURL = "https://blog.example.org/"


@pytest.fixture(scope="module")
def feeds_blog(tmp_path_factory: pytest.TempPathFactory) -> Build:
    build = build_site(
        tmp_path_factory.mktemp("feeds"),
        {
            "posts/2020/ancien.md": post_source("L’ancien", date="2020-01-15", tags="design"),
            # 23:30 in New York is 05:30 the next day in Paris, in summer time.
            "posts/2020/ete.md": post_source(
                "L’été", date="2020-07-01T23:30:00-04:00", tags="design", body="Suite de [l’ancien](ancien.md)."
            ),
            "posts/2021/nouveau.md": post_source("Le nouveau", date="2021-03-01", tags="design", category="Réflexions"),
        },
        conf=f'project = "Le blog d’essai"\nblog_title = html_title = project\nblog_feed_length = 2\n'
        f'blog_baseurl = html_baseurl = ogp_site_url = "{BASEURL}"',
    )
    assert build.returncode == 0, build.output
    return build


def parse(build: Build, path: str) -> feedparser.FeedParserDict:
    feed = feedparser.parse((build.html / path).read_bytes())
    assert not feed.bozo, feed.bozo_exception
    return feed


def test_feeds_are_titled_in_french_after_the_blog(feeds_blog: Build):
    assert parse(feeds_blog, "blog/atom.xml").feed.title == "Le blog d’essai"
    assert (
        parse(feeds_blog, "blog/tag/design/atom.xml").feed.title
        == "Le blog d’essai – Articles avec l’étiquette «\u00a0design\u00a0»"
    )
    assert parse(feeds_blog, "blog/category/reflexions/atom.xml").feed.title == (
        "Le blog d’essai – Articles de la catégorie «\u00a0Réflexions\u00a0»"
    )


def test_a_feed_holds_only_the_latest_posts(feeds_blog: Build):
    for path in ("blog/atom.xml", "blog/tag/design/atom.xml"):
        assert [entry.title for entry in parse(feeds_blog, path).entries] == ["Le nouveau", "L’été"]


def test_feed_times_are_on_the_blogs_clock(feeds_blog: Build):
    summer = next(entry for entry in parse(feeds_blog, "blog/atom.xml").entries if entry.title == "L’été")
    assert datetime.fromisoformat(summer.published).isoformat() == "2020-07-02T05:30:00+02:00"


def test_links_inside_posts_are_absolute(feeds_blog: Build):
    summer = next(entry for entry in parse(feeds_blog, "blog/atom.xml").entries if entry.title == "L’été")
    assert f'href="{BASEURL}posts/2020/ancien.html"' in summer.content[0].value
    assert 'href="../' not in summer.content[0].value


def test_tag_page_head_links_the_site_feed_and_its_own(feeds_blog: Build):
    feeds = feeds_blog.page("blog/tag/design.html").select('head link[type="application/atom+xml"]')
    assert [feed["href"] for feed in feeds] == ["../atom.xml", "design/atom.xml"]
