"""The « S’abonner » page and the feeds' formats, on a small test site.

The blog's feed is in Atom and in RSS 2.0, with the same posts, both parsed
by feedparser and both linked in ``<head>``; a tag's or a category's feed is
in Atom only, linked from its listing's ``<head>``. The page
``blog/abonnement.html``, linked from every sidebar and footer, lists each
feed file the build wrote, and each of its links leads to a file of the
site. Feeds are the same bytes on two builds; after an incremental build
that removes a tag, its feed and its line on the page are gone, and one
after a build that wrote an RSS feed per tag removes those files.
"""

from __future__ import annotations

import pickle
import posixpath
from pathlib import Path

import feedparser
import pytest

from conftest import Build, build_site, make_html, post_source
from sphinx_blog_fr._incremental import FINGERPRINTS_FILE

BASEURL = "https://abonnement.example.org/"
CONF = f'blog_feed_length = 2\nblog_baseurl = html_baseurl = ogp_site_url = "{BASEURL}"'
PAGE = "blog/abonnement.html"


def sources(*, second_tags: str = "design, Numérique") -> dict[str, str]:
    return {
        "posts/2020/premier.md": post_source("Le premier", date="2020-01-15", tags="design", category="Réflexions"),
        "posts/2020/second.md": post_source("Le second", date="2020-03-01", tags=second_tags),
        "posts/2021/troisieme.md": post_source("Le troisième", date="2021-02-01", tags="design"),
    }


@pytest.fixture(scope="module")
def blog(tmp_path_factory: pytest.TempPathFactory) -> Build:
    build = build_site(tmp_path_factory.mktemp("subscribe"), sources(), conf=CONF)
    assert build.returncode == 0, build.output
    return build


def feed_files(build: Build) -> set[str]:
    return {
        path.relative_to(build.html).as_posix() for name in ("atom.xml", "rss.xml") for path in build.html.rglob(name)
    }


def parse(build: Build, path: str) -> feedparser.FeedParserDict:
    feed = feedparser.parse((build.html / path).read_bytes())
    assert not feed.bozo, (path, feed.bozo_exception)
    return feed


def resolve(page: str, href: str) -> str:
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), href.partition("#")[0]))


def test_the_blogs_feed_is_in_atom_and_rss_a_tags_or_a_categorys_in_atom_only(blog: Build):
    assert sorted(feed_files(blog)) == [
        "blog/atom.xml",
        "blog/category/reflexions/atom.xml",
        "blog/rss.xml",
        "blog/tag/design/atom.xml",
        "blog/tag/numerique/atom.xml",
    ]
    for path in sorted(feed_files(blog)):
        assert parse(blog, path).version == ("rss20" if path.endswith("rss.xml") else "atom10"), path
    atom, rss = parse(blog, "blog/atom.xml"), parse(blog, "blog/rss.xml")
    assert [entry.title for entry in rss.entries] == [entry.title for entry in atom.entries]
    assert [entry.link for entry in rss.entries] == [entry.link for entry in atom.entries]
    assert rss.feed.title == atom.feed.title
    # RSS's channel link is the listing's page, its self link the RSS file itself.
    assert rss.feed.link == atom.feed.link
    assert {link.href for link in rss.feed.links if link.rel == "self"} == {BASEURL + "blog/rss.xml"}
    assert [entry.title for entry in rss.entries] == ["Le troisième", "Le second"]


@pytest.mark.parametrize(
    ("page", "topic_feed"),
    [("blog/tag/design.html", "design/atom.xml"), ("blog/category/reflexions.html", "reflexions/atom.xml")],
)
def test_a_listings_head_links_the_blogs_feed_in_both_formats_and_its_own_in_atom(
    blog: Build, page: str, topic_feed: str
):
    links = blog.page(page).select('head link[rel="alternate"]')
    assert [(link["type"], link["href"]) for link in links] == [
        ("application/atom+xml", "../atom.xml"),
        ("application/rss+xml", "../rss.xml"),
        ("application/atom+xml", topic_feed),
    ]
    assert (blog.html / resolve(page, topic_feed)).is_file()


def test_a_posts_head_links_the_blogs_feed_in_both_formats(blog: Build):
    links = blog.page("posts/2020/second.html").select('head link[rel="alternate"]')
    assert [(link["type"], link["href"]) for link in links] == [
        ("application/atom+xml", "../../blog/atom.xml"),
        ("application/rss+xml", "../../blog/rss.xml"),
    ]


def test_the_page_lists_every_feed_and_every_link_resolves(blog: Build):
    article = blog.page(PAGE).select_one("article")
    assert article.h1.get_text() == "S’abonner"
    assert "lecteur de flux" in article.get_text()
    hrefs = [link["href"] for link in article.select("a[href]")]
    listed = {resolve(PAGE, href) for href in hrefs if href.endswith(".xml")}
    assert listed == feed_files(blog)
    for href in hrefs:
        assert (blog.html / resolve(PAGE, href)).is_file(), href
    # Each address is shown in full, for the reader to copy into a feed reader.
    shown = [link.get_text() for link in article.select('a[type="application/rss+xml"]')]
    assert shown == [f"{BASEURL}blog/rss.xml"]
    assert f"{BASEURL}blog/tag/numerique/atom.xml" in {link.get_text() for link in article.select("a")}
    headings = [heading.get_text() for heading in article.select("h2")]
    assert headings == ["Tout le blog", "Par étiquette", "Par catégorie"]


@pytest.mark.parametrize("page", ["index.html", "posts/2020/second.html", "blog/tag/design.html", PAGE])
def test_sidebar_and_footer_link_to_the_page(blog: Build, page: str):
    soup = blog.page(page)
    for place in (".sidebar-drawer", "footer"):
        links = [link for link in soup.select(f"{place} a[href]") if link.get_text(strip=True) == "S’abonner"]
        assert len(links) == 1, place
        href = links[0]["href"]
        assert href == "#" and page == PAGE or resolve(page, href) == PAGE


def test_feeds_and_page_are_the_same_on_two_builds(blog: Build, tmp_path: Path):
    again = build_site(tmp_path, sources(), conf=CONF)
    assert again.returncode == 0, again.output
    for path in sorted(feed_files(blog)) + [PAGE]:
        assert (again.html / path).read_bytes() == (blog.html / path).read_bytes(), path


def test_an_incremental_build_removes_the_feed_of_a_tag_gone(tmp_path: Path):
    build = build_site(tmp_path, sources(), conf=CONF)
    assert build.returncode == 0, build.output
    assert (build.html / "blog/tag/numerique/atom.xml").is_file()
    (build.srcdir / "posts/2020/second.md").write_text(sources(second_tags="design")["posts/2020/second.md"], "utf-8")
    rebuilt = make_html(build.srcdir, build.html.parent)
    assert rebuilt.returncode == 0, rebuilt.output
    assert not (build.html / "blog/tag/numerique").exists()
    assert "numerique" not in (build.html / PAGE).read_text(encoding="utf-8")
    assert (build.html / "blog/tag/design/atom.xml").is_file()


def test_an_incremental_build_removes_the_rss_feeds_of_tags_an_older_build_wrote(tmp_path: Path):
    build = build_site(tmp_path, sources(), conf=CONF)
    assert build.returncode == 0, build.output
    # What a build before Atom-only tag feeds left: an rss.xml beside each atom.xml, fingerprinted.
    fingerprints_file = build.html.parent / "doctrees" / FINGERPRINTS_FILE
    fingerprints = pickle.loads(fingerprints_file.read_bytes())
    old_feeds = ["blog/tag/design/rss.xml", "blog/category/reflexions/rss.xml"]
    for path in old_feeds:
        (build.html / path).write_bytes((build.html / "blog/rss.xml").read_bytes())
        fingerprints[path] = "the older build's"
    fingerprints_file.write_bytes(pickle.dumps(fingerprints))
    rebuilt = make_html(build.srcdir, build.html.parent)
    assert rebuilt.returncode == 0, rebuilt.output
    assert not any((build.html / path).exists() for path in old_feeds)
    assert (build.html / "blog/rss.xml").is_file() and (build.html / "blog/tag/design/atom.xml").is_file()


def test_the_page_says_how_many_posts_each_feed_holds(blog: Build, tmp_path: Path):
    assert "les 2 plus récents" in blog.page(PAGE).get_text()
    unbounded = build_site(tmp_path, sources(), conf=CONF.replace("blog_feed_length = 2", "blog_feed_length = None"))
    assert unbounded.returncode == 0, unbounded.output
    text = unbounded.page(PAGE).get_text()
    assert "tous les articles parus" in text and "None" not in text
