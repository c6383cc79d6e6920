"""Atom and RSS feeds: French titles, absolute links a feed reader can follow, the latest ``blog_feed_length`` posts."""

from __future__ import annotations

import feedparser
import pytest

from features.conftest import BASEURL, Site

pytestmark = pytest.mark.sphinx("html", testroot="feeds")

FEEDS = ["blog/atom.xml", "blog/rss.xml"]
#: The root's eleven posts, newest first: the feeds carry the first ten (blog_feed_length = 10).
NEWEST_FIRST = [f"Billet du {day:02} novembre" for day in range(11, 0, -1)]


def _feed(site: Site, path: str) -> feedparser.FeedParserDict:
    parsed = feedparser.parse(site.text(path))
    assert not parsed.bozo, parsed.bozo_exception
    return parsed


@pytest.mark.parametrize("path", FEEDS)
def test_the_feed_carries_the_ten_newest_posts(site: Site, path: str):
    assert [entry.title for entry in _feed(site, path).entries] == NEWEST_FIRST[:10]


@pytest.mark.parametrize("path", FEEDS)
def test_every_link_of_the_feed_is_absolute(site: Site, path: str):
    feed = _feed(site, path)
    assert feed.feed.link == f"{BASEURL}blog.html"
    assert [entry.link for entry in feed.entries][:2] == [
        f"{BASEURL}posts/2017/billet-11.html",
        f"{BASEURL}posts/2017/billet-10.html",
    ]
    content = feed.entries[0].content[0].value
    assert f'href="{BASEURL}posts/2017/billet-01.html"' in content


@pytest.mark.parametrize(
    ("path", "title"),
    [
        ("blog/atom.xml", "Fil d’essai"),
        ("blog/rss.xml", "Fil d’essai"),
        ("blog/tag/innovation/atom.xml", "Fil d’essai – Articles avec l’étiquette «\u00a0innovation\u00a0»"),
        ("blog/category/methodes/atom.xml", "Fil d’essai – Articles de la catégorie «\u00a0Méthodes\u00a0»"),
    ],
)
def test_feeds_are_titled_in_french(site: Site, path: str, title: str):
    feed = _feed(site, path)
    assert feed.feed.title == title
    assert feed.feed.language == "fr"
