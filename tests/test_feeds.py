"""The Atom and RSS feeds, on a small test site: French titles, the latest posts only, the blog's clock,
absolute links, each post in full in the blog's feed and by its summary in a tag's or a category's.

That every feed of the real blog holds its newest posts, whatever they are,
is checked in tests/site_checks/test_feeds.py.
"""

from __future__ import annotations

from datetime import datetime

import feedparser
import pytest
from bs4 import BeautifulSoup

from conftest import Build, build_site, post_source

BASEURL = "https://blog.example.org/"
#: The second paragraph of « L’été »: in its full text, not in its excerpt (the first paragraph).
SECOND_PARAGRAPH = "Ce paragraphe-ci n’est que dans le texte entier."


@pytest.fixture(scope="module")
def feeds_blog(tmp_path_factory: pytest.TempPathFactory) -> Build:
    build = build_site(
        tmp_path_factory.mktemp("feeds"),
        {
            "posts/2020/ancien.md": post_source("L’ancien", date="2020-01-15", tags="design"),
            # 23:30 in New York is 05:30 the next day in Paris, in summer time.
            "posts/2020/ete.md": post_source(
                "L’été",
                date="2020-07-01T23:30:00-04:00",
                tags="design",
                body=f"Suite de [l’ancien](ancien.md).\n\n{SECOND_PARAGRAPH}",
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
    # The tag's feed is in Atom only; the blog's is in RSS 2.0 too.
    rss = feeds_blog.page("blog/tag/design.html").select('head link[type="application/rss+xml"]')
    assert [feed["href"] for feed in rss] == ["../rss.xml"]
    assert not (feeds_blog.html / "blog/tag/design/rss.xml").exists()
    assert (feeds_blog.html / "blog/rss.xml").is_file()


def _summer(feed: feedparser.FeedParserDict) -> feedparser.FeedParserDict:
    return next(entry for entry in feed.entries if entry.title == "L’été")


def test_the_blogs_feed_carries_each_post_in_full(feeds_blog: Build):
    for path in ("blog/atom.xml", "blog/rss.xml"):
        summer = _summer(parse(feeds_blog, path))
        text = BeautifulSoup(summer.content[0].value, "html.parser").get_text(" ", strip=True)
        assert "Suite de l’ancien" in text and SECOND_PARAGRAPH in text, path


def test_a_tag_feed_carries_each_posts_excerpt_and_a_link_to_it(feeds_blog: Build):
    summer = _summer(parse(feeds_blog, "blog/tag/design/atom.xml"))
    assert "content" not in summer
    summary = BeautifulSoup(summer.summary, "html.parser")
    assert [p.get_text() for p in summary.find_all("p")] == [
        "Suite de l’ancien.",
        "Continuer la lecture de «\u00a0L’été\u00a0»",
    ]
    assert [a["href"] for a in summary.find_all("a")] == [f"{BASEURL}posts/2020/ancien.html", summer.link]
    assert summer.link == f"{BASEURL}posts/2020/ete.html"


def test_a_category_feed_carries_summaries(feeds_blog: Build):
    (entry,) = parse(feeds_blog, "blog/category/reflexions/atom.xml").entries
    assert "content" not in entry
    assert BeautifulSoup(entry.summary, "html.parser").p.get_text() == "Un paragraphe."


def test_a_long_post_is_in_the_feed_in_full_and_not_in_the_environment_too(tmp_path):
    # ABlog copied each post's whole text into environment.pickle, which every build loads and saves;
    # the blog's feed reads it from the post's own doctree.
    paragraphs = [f"Paragraphe numéro {number}, assez long pour peser dans l’environnement." for number in range(400)]
    sizes = {}
    for name, body in (("court", paragraphs[0]), ("long", "\n\n".join(paragraphs))):
        build = build_site(
            tmp_path / name,
            {"posts/2020/texte.md": post_source("Un texte", date="2020-05-01", tags="design", body=body)},
            conf=f'blog_baseurl = html_baseurl = ogp_site_url = "{BASEURL}"',
        )
        assert build.returncode == 0, build.output
        sizes[name] = (build.html.parent / "doctrees" / "environment.pickle").stat().st_size
    text_size = len("\n\n".join(paragraphs).encode())
    assert sizes["long"] - sizes["court"] < text_size / 4, (sizes, text_size)
    (entry,) = parse(build, "blog/atom.xml").entries
    assert paragraphs[-1] in entry.content[0].value and paragraphs[0] in entry.content[0].value
