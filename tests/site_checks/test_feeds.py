"""The Atom feeds hold the newest posts (up to ``blog_feed_length``), in French, with absolute links: in full
in the blog's feed, by their excerpts (the listings') in a tag's or a category's, which is in Atom only."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import feedparser
import pytest
from bs4 import BeautifulSoup

from conftest import Build

from .conftest import BY_TITLE, LISTINGS, SETTINGS, Post, assert_newest_first

BASEURL = SETTINGS["blog_baseurl"]
LENGTH = SETTINGS["blog_feed_length"]
TAXONOMY_LISTINGS = sorted(page for page in LISTINGS if page.startswith(("blog/tag/", "blog/category/")))


def parse(site: Build, path: str) -> feedparser.FeedParserDict:
    feed = feedparser.parse((site.html / path).read_bytes())
    assert not feed.bozo, feed.bozo_exception
    return feed


def _rendered_text(paragraph) -> str:
    """A paragraph's text as a browser shows it: each run of ASCII white space one space (pages are minified, feeds not)."""
    return " ".join(re.split(r"[ \t\n\r\f]+", paragraph.get_text())).strip()


def _post_paragraphs(page: BeautifulSoup) -> list[str]:
    """The paragraphs of a post's text on its page, its sections' included, without what the templates add."""
    text = page.select_one("article[role=main] > section")
    return [_rendered_text(p) for p in text.find_all("p") if not p.find_parent("div", class_=re.compile("^blog-"))]


def test_site_feed_has_the_newest_posts_in_full(site: Build, posts: list[Post]):
    feed = parse(site, "blog/atom.xml")
    assert feed.feed.title == SETTINGS["project"]
    assert feed.feed.language == "fr"
    assert_newest_first([entry.title for entry in feed.entries], posts[:LENGTH])
    for entry in feed.entries:
        post = BY_TITLE[entry.title]
        assert entry.link == BASEURL + post.page
        assert entry.id == entry.link
        feed_text = BeautifulSoup(entry.content[0].value, "html.parser")
        assert [_rendered_text(p) for p in feed_text.find_all("p")] == _post_paragraphs(site.page(post.page))


def test_feed_times_are_on_the_blogs_clock(site: Build):
    zone = ZoneInfo(SETTINGS["blog_timezone"])
    for entry in parse(site, "blog/atom.xml").entries:
        published = datetime.fromisoformat(entry.published)
        post = BY_TITLE[entry.title]
        assert published.utcoffset() == post.date.replace(tzinfo=zone).utcoffset()
        assert published.date() == post.date.date()


def test_links_inside_posts_are_absolute(site: Build):
    for entry in parse(site, "blog/atom.xml").entries:
        for link in BeautifulSoup(entry.content[0].value, "html.parser").find_all(["a", "img"]):
            address = link.get("href") or link.get("src") or ""
            assert "://" in address or address.startswith(("#", "mailto:")), (entry.title, address)


@pytest.mark.parametrize("listing", TAXONOMY_LISTINGS)
def test_each_tag_and_category_has_its_feed(site: Build, listing: str):
    feed_path = listing.removesuffix(".html") + "/atom.xml"
    feed = parse(site, feed_path)
    assert_newest_first([entry.title for entry in feed.entries], LISTINGS[listing][:LENGTH])
    heading = site.page(listing).h1.get_text()
    assert feed.feed.title == f"{SETTINGS['project']} – {heading}"
    links = [link["href"] for link in site.page(listing).select('head link[type="application/atom+xml"]')]
    assert links == ["../atom.xml", feed_path.removeprefix(listing.rsplit("/", 1)[0] + "/")]
    # In Atom only: the one RSS feed is the blog's.
    assert not (site.html / feed_path.replace("atom.xml", "rss.xml")).exists()
    rss_links = [link["href"] for link in site.page(listing).select('head link[type="application/rss+xml"]')]
    assert rss_links == ["../rss.xml"]


def _excerpts(site: Build, listing: str) -> dict[str, str]:
    """The text of each excerpt on the first page of *listing*, by post title."""
    return {
        entry.h2.get_text(): entry.select_one(".blog-entry-excerpt").get_text(" ", strip=True)
        for entry in site.page(listing).select(".blog-entry")
    }


@pytest.mark.parametrize("listing", TAXONOMY_LISTINGS)
def test_tag_and_category_feeds_carry_the_listings_excerpts(site: Build, listing: str):
    excerpts = _excerpts(site, listing)
    for entry in parse(site, listing.removesuffix(".html") + "/atom.xml").entries:
        assert "content" not in entry, entry.title
        summary = BeautifulSoup(entry.summary, "html.parser")
        # The excerpt, then « Continuer la lecture de … », a link to the post.
        more = summary.find_all("p", recursive=False)[-1].extract()
        assert more.a["href"] == entry.link, entry.title
        if entry.title in excerpts:  # on the listing's first page
            assert summary.get_text(" ", strip=True) == excerpts[entry.title], entry.title
        for link in summary.find_all(["a", "img"]):
            address = link.get("href") or link.get("src") or ""
            assert "://" in address or address.startswith(("#", "mailto:")), (entry.title, address)


def test_every_page_head_links_the_site_feed(site: Build):
    for path in site.pages():
        page = site.page(path.relative_to(site.html).as_posix())
        feeds = page.select('head link[rel=alternate][type="application/atom+xml"]')
        # 404.html's links start from the site's root: servers send it at any depth.
        targets = {
            (
                site.html / feed["href"].lstrip("/") if feed["href"].startswith("/") else path.parent / feed["href"]
            ).resolve()
            for feed in feeds
        }
        assert (site.html / "blog/atom.xml").resolve() in targets, path
