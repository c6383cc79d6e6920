"""The Atom feeds parse, carry every post in full, in French, with absolute URLs."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import feedparser
import pytest
from bs4 import BeautifulSoup

from blogtools.slugs import slugify
from conftest import ROOT, Build
from test_listings import EXPECTED, POSTS

BASEURL = "https://innovation-publique.example/"


def parse(site: Build, path: str) -> feedparser.FeedParserDict:
    feed = feedparser.parse((site.html / path).read_bytes())
    assert not feed.bozo, feed.bozo_exception
    return feed


def test_site_feed_has_every_post_in_full_newest_first(site: Build):
    feed = parse(site, "blog/atom.xml")
    assert feed.feed.title == "Innovation publique"
    assert feed.feed.language == "fr"
    assert [entry.title for entry in feed.entries] == [post["title"] for post in POSTS]
    for entry, post in zip(feed.entries, POSTS):
        assert entry.link == BASEURL + post["page"]
        assert entry.id == entry.link
        page_paragraphs = [p.get_text() for p in site.page(post["page"]).select("article[role=main] section > p")]
        feed_paragraphs = [p.get_text() for p in BeautifulSoup(entry.content[0].value, "html.parser").find_all("p")]
        assert feed_paragraphs == page_paragraphs


def test_feed_times_are_on_the_blogs_clock(site: Build):
    feed = parse(site, "blog/atom.xml")
    for entry, post in zip(feed.entries, POSTS):
        published = datetime.fromisoformat(entry.published)
        assert published.utcoffset() == datetime(post["date"].year, post["date"].month, post["date"].day, tzinfo=ZoneInfo("Europe/Paris")).utcoffset()
        assert published.date() == post["date"]


def test_links_inside_posts_are_absolute(site: Build):
    feed = parse(site, "blog/atom.xml")
    content = next(entry for entry in feed.entries if entry.title.startswith("Avoir des bons")).content[0].value
    assert f'href="{BASEURL}posts/2018/mooc-innovation-publique-bilan-a-mi-parcours.html"' in content
    for entry in feed.entries:
        assert 'href="../' not in entry.content[0].value


@pytest.mark.parametrize("listing", sorted(page for page in EXPECTED if page.startswith(("blog/tag/", "blog/category/"))))
def test_each_tag_and_category_has_its_feed(site: Build, listing: str):
    feed = parse(site, listing.removesuffix(".html") + "/atom.xml")
    assert [entry.title for entry in feed.entries] == EXPECTED[listing]
    heading = site.page(listing).h1.get_text()
    assert feed.feed.title == f"Innovation publique – {heading}"


def test_every_page_head_links_the_site_feed(site: Build):
    for path in site.pages():
        page = site.page(path.relative_to(site.html).as_posix())
        feeds = page.select('head link[rel=alternate][type="application/atom+xml"]')
        # 404.html's links start from the site's root: servers send it at any depth.
        targets = {(site.html / feed["href"].lstrip("/") if feed["href"].startswith("/") else path.parent / feed["href"]).resolve()
                   for feed in feeds}
        assert (site.html / "blog/atom.xml").resolve() in targets, path


def test_tag_page_head_links_its_own_feed(site: Build):
    feeds = site.page("blog/tag/cnfpt.html").select('head link[type="application/atom+xml"]')
    assert [feed["href"] for feed in feeds] == ["../atom.xml", "cnfpt/atom.xml"]
