"""A post with no date, or a date still to come on the blog's clock, is not published anywhere."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from conftest import Build, build_site, post_source

TOMORROW_IN_PARIS = (datetime.now(ZoneInfo("Europe/Paris")) + timedelta(days=1)).date().isoformat()


@pytest.fixture(scope="module")
def site_with_drafts(tmp_path_factory) -> Build:
    build = build_site(
        tmp_path_factory.mktemp("drafts"),
        {
            "posts/2020/publie.md": post_source("Article publié", tags="brouillons", category="Essais"),
            "posts/2020/sans-date.md": post_source(
                "Brouillon sans date", date=None, tags="brouillons", category="Essais", body="Texte secret zanzibar."
            ),
            "posts/2099/futur.md": post_source(
                "Brouillon daté demain",
                date=TOMORROW_IN_PARIS,
                tags="brouillons",
                category="Essais",
                body="Texte secret tombouctou.",
            ),
        },
    )
    assert build.returncode == 0, build.output
    return build


def everything_written(build: Build) -> str:
    return "\n".join(
        path.read_text(encoding="utf-8", errors="replace") for path in build.html.rglob("*") if path.is_file()
    )


def test_published_post_is_built(site_with_drafts: Build):
    assert (site_with_drafts.html / "posts/2020/publie.html").is_file()
    assert "Article publié" in site_with_drafts.page("blog/tag/brouillons.html").get_text()


@pytest.mark.parametrize("page", ["posts/2020/sans-date.html", "posts/2099/futur.html"])
def test_drafts_have_no_page(site_with_drafts: Build, page: str):
    assert not (site_with_drafts.html / page).exists()


@pytest.mark.parametrize(
    "secret", ["Brouillon sans date", "Brouillon daté demain", "zanzibar", "tombouctou", "sans-date", "futur"]
)
def test_drafts_appear_nowhere_in_the_output(site_with_drafts: Build, secret: str):
    """Not in listings, feeds, sidebars, the search index, nor any other file."""
    assert secret not in everything_written(site_with_drafts)


def test_listings_and_feeds_hold_only_the_published_post(site_with_drafts: Build):
    import feedparser

    for feed in ("blog/atom.xml", "blog/tag/brouillons/atom.xml", "blog/category/essais/atom.xml"):
        entries = feedparser.parse((site_with_drafts.html / feed).read_bytes()).entries
        assert [entry.title for entry in entries] == ["Article publié"]
    titles = [entry.get_text() for entry in site_with_drafts.page("blog.html").select(".blog-entry-title")]
    assert titles == ["Article publié"]
