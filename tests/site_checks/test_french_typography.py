"""French to the letter on every page of the built site, whatever its posts.

* Titles the blog makes from a label (listings' headings, ``<title>``,
  OpenGraph titles, feed titles) never leave « de », « le » or « la » before
  a word where French elides them (french_elision decides, aspirated h
  included): « Articles d’octobre 2017 », never « Articles de octobre 2017 ».
* No rendered text, outside code, has an ordinary space before « : ; ! ? »
  or inside « » (blog_typography): pages, ``<title>``, OpenGraph
  descriptions, feeds.
* The search results' summaries can be readable: the search page loads
  _static/blog-search-summaries.js after Sphinx's search, and every post
  marks its metadata line so that summaries skip it (the summaries
  themselves are read in tests/browser/test_search_summaries.py).
"""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from conftest import Build
from sphinx_blog_fr._elision import elides
from sphinx_blog_fr._typography import french_spacing

from .conftest import POSTS, SETTINGS

#: Text that is not prose: code, scripts, styles.
NOT_PROSE = ["pre", "code", "kbd", "samp", "script", "style", "math"]
#: An ordinary space before « : ; ! ? » that ends a word group, or beside « and ».
BAD_SPACING = re.compile(r" [:;!?]+(?=[\s»)]|$)|« | »")
#: « de », « le », « la » before a word: the word is checked with french_elision.
ARTICLE_BEFORE_WORD = re.compile(r"\b(?:[dD]e|[lL][ea]) (\S+)")
URL = re.compile(r"\S*(?:://|www\.)\S*")


def _spacing_mistakes(text: str) -> list[str]:
    text = URL.sub("", text)
    return [text[max(0, match.start() - 20) : match.end() + 5] for match in BAD_SPACING.finditer(text)]


def _prose(soup: BeautifulSoup) -> list[str]:
    """The text nodes of *soup*'s body that are not code."""
    for element in soup.body.find_all(NOT_PROSE):
        element.decompose()
    return [str(text) for text in soup.body.find_all(string=True)]


def _generated_titles(soup: BeautifulSoup) -> list[str]:
    titles = [soup.title.get_text()]
    titles += [tag["content"] for tag in soup.find_all("meta", property="og:title")]
    titles += [link["title"] for link in soup.find_all("link", type="application/atom+xml")]
    heading = soup.select_one("article h1")
    return [*titles, heading.get_text()] if heading else titles


def _missing_elisions(title: str) -> list[str]:
    return [match.group() for match in ARTICLE_BEFORE_WORD.finditer(title) if elides(match[1])]


@pytest.fixture(scope="module")
def listing_pages(site: Build) -> list[str]:
    return [path.relative_to(site.html).as_posix() for path in site.html.glob("blog/**/*.html")]


def test_generated_titles_elide(site: Build, listing_pages: list[str]):
    assert listing_pages
    mistakes = {
        page: missing
        for page in listing_pages
        if (missing := [m for title in _generated_titles(site.page(page)) for m in _missing_elisions(title)])
    }
    assert not mistakes


def test_feed_titles_elide_and_are_spaced(site: Build):
    feeds = sorted(site.html.rglob("atom.xml"))
    assert feeds
    for feed in feeds:
        xml = BeautifulSoup(feed.read_text(encoding="utf-8"), "xml")
        title = xml.find("title").get_text()
        assert not _missing_elisions(title), (feed, title)
        texts = [element.get_text() for element in xml.find_all(["title", "summary"])]
        assert not [m for text in texts for m in _spacing_mistakes(text)], feed


def test_rendered_text_has_french_spacing(site: Build):
    if not SETTINGS.get("blog_french_spacing", True):
        pytest.skip("blog_french_spacing = False in conf.py")
    mistakes = {}
    for path in site.pages():
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        texts = [soup.title.get_text() if soup.title else ""]
        texts += [
            tag["content"]
            for tag in soup.find_all("meta")
            if "description" in str(tag.get("property", tag.get("name")))
        ]
        found = [m for text in texts + _prose(soup) for m in _spacing_mistakes(text)]
        if found:
            mistakes[path.relative_to(site.html).as_posix()] = found
    assert not mistakes


def test_every_post_shows_its_title_and_excerpt_with_french_spacing(site: Build, posts):
    """A post's title (typography applied to the author's) and excerpt, wherever they are shown."""
    home = site.page("index.html")
    feed = BeautifulSoup((site.html / "blog/atom.xml").read_text(encoding="utf-8"), "xml")
    feed_titles = {entry.title.get_text(): entry for entry in feed.find_all("entry")}
    home_titles = [title.get_text() for title in home.select(".blog-entry-title")]
    for post in posts:
        page = site.page(post.page)
        assert page.find("meta", property="og:title")["content"] == post.title
        assert page.title.get_text().startswith(post.title + " – ")
        description = page.find("meta", property="og:description")["content"]
        assert french_spacing(description) == description, post.page
        if post.title in feed_titles:
            summary = feed_titles[post.title].summary
            assert summary is None or french_spacing(summary.get_text()) == summary.get_text()
    assert set(home_titles) <= {post.title for post in posts}
    for excerpt in home.select(".blog-entry-excerpt"):
        assert not [m for text in excerpt.find_all(string=True) for m in _spacing_mistakes(str(text))]


def test_search_summaries_can_skip_the_title_and_metadata(site: Build):
    search = site.page("search.html")
    scripts = [script.get("src", "") for script in search.find_all("script")]
    summaries = next(i for i, src in enumerate(scripts) if src.endswith("blog-search-summaries.js"))
    assert summaries > next(i for i, src in enumerate(scripts) if src.endswith("searchtools.js"))
    for post in POSTS:
        article = site.page(post.page).select_one('[role="main"]')
        assert len(article.select(".blog-post-meta[data-search-skip]")) == 1, post.page
        # The summary starts after the post's first heading, its title.
        assert article.find("h1") is not None
