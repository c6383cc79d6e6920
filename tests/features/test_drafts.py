"""A post dated after the build's day is a draft: no page, and no trace in any listing or feed."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import feedparser
import pytest

from features.conftest import Site, build
from sphinx_blog_fr import _drafts
from sphinx_blog_fr._build_record import record_path

pytestmark = pytest.mark.sphinx("html", testroot="drafts")


def test_the_published_post_has_its_page_and_its_place_in_the_listings(site: Site):
    assert (site.outdir / "posts/2017/publie.html").is_file()
    listed = [link.get_text() for link in site.page("blog.html").select(".blog-entry-title a")]
    assert listed == ["Article publié"]


def test_a_future_post_has_no_page(site: Site):
    assert not (site.outdir / "posts/2099/futur.html").exists()


@pytest.mark.parametrize("secret", ["Brouillon daté de 2099", "tombouctou", "futur"])
def test_a_future_post_appears_in_no_file_written(site: Site, secret: str):
    """Not in the listings, the feeds, the sidebars, the sitemap nor the search index."""
    written = (path.read_bytes().decode("utf-8", "replace") for path in site.outdir.rglob("*") if path.is_file())
    assert not [text for text in written if secret in text]


@pytest.mark.parametrize("feed", ["blog/atom.xml", "blog/rss.xml", "blog/tag/brouillons/atom.xml"])
def test_the_feeds_carry_only_the_published_post(site: Site, feed: str):
    assert [entry.title for entry in feedparser.parse(site.text(feed)).entries] == ["Article publié"]


def test_a_build_running_past_midnight_decides_every_post_by_the_day_it_started(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    # The clock turns to the draft's day after the first post is checked: the draft stays one,
    # and the build's record holds only until the midnight after the day it published posts up to.
    days = iter([date(2098, 12, 31)])
    monkeypatch.setattr(_drafts, "today", lambda config: next(days, date(2099, 1, 1)))
    site = build("drafts", tmp_path)
    assert not (site.outdir / "posts/2099/futur.html").exists()
    record = json.loads(record_path(site.app.doctreedir).read_text(encoding="utf-8"))
    assert record["until"] == datetime(2099, 1, 1, tzinfo=UTC).timestamp()
