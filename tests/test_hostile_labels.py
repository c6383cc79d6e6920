"""Labels and titles are text on every page the build writes, never markup.

A tag, category or author named ``<img src=x onerror=alert(1)>``, typed by
the author or brought by an import, and a post titled ``C++ & <html>``, are
shown as those characters on posts, listings, indexes, the 404 and search
pages, in every sidebar, and as text in the feeds, the sitemap and
``robots.txt``: no element, no attribute, no script comes out of them.
"""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from lxml import etree

from conftest import REPOSITORY_ROOT, Build, build_site, post_source
from sphinx_blog_fr._settings import load_settings

#: « é » is typed with the no-break spaces blog_typography gives a post's title, so that it is the same as a title and as a tag.
LABELS = ["<img src=x onerror=alert(1)>", "<b>balises</b>", "C++ & <html>", "\"quotes'", "«\u00a0é\u00a0»"]
#: Tags are shown in lower case (blog_taxonomy), and ABlog strips quotes from their ends
#: (it takes them for the remains of a YAML list): « "quotes' » is the tag « quotes ».
TAGS = [label.lower().strip("\"'") for label in LABELS]
#: The identity the test site copies from conf.py, whatever the blog (a fork has its own).
SETTINGS = load_settings(REPOSITORY_ROOT)
SITE = SETTINGS["project"]
ATOM = "{http://www.w3.org/2005/Atom}"
#: One post per label: its file, its title, its category and its author are that label.
POSTS = {f"posts/{2019 + number // 3}/article-{number}.md": label for number, label in enumerate(LABELS)}
#: A post whose file name has accents and a space: its addresses must be percent-encoded.
ACCENTED_POST = "posts/2018/été à Cluny.md"
ACCENTED_TITLE = "Un été à Cluny"
ACCENTED_ADDRESS = f"{SETTINGS['blog_baseurl']}posts/2018/%C3%A9t%C3%A9%20%C3%A0%20Cluny.html"


def _yaml(label: str) -> str:
    return "'" + label.replace("'", "''") + "'"


def _myst_title(label: str) -> str:
    """The label as a MyST heading shows it: ``<`` and ``>`` escaped, so they are not raw HTML."""
    return label.replace("<", "\\<").replace(">", "\\>")


def _sources() -> dict[str, str]:
    tags = "[" + ", ".join(_yaml(label) for label in LABELS) + "]"
    files = {
        path: post_source(
            _myst_title(label),
            date=f"{path[6:10]}-0{number + 1}-15",
            tags=tags,
            category=_yaml(label),
            extra=f"author: {_yaml(label)}",
        )
        for number, (path, label) in enumerate(POSTS.items())
    }
    # Older than the others, so that the sidebar's five recent posts are the hostile ones.
    files[ACCENTED_POST] = post_source(ACCENTED_TITLE, date="2018-07-01", tags="cluny")
    return files


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    build = build_site(tmp_path_factory.mktemp("hostile"), _sources())
    assert build.returncode == 0, build.output
    return build


def _page(build: Build, path: str) -> BeautifulSoup:
    """Parse a built page as browsers do: libxml2 reads ``<title>`` as text, Python 3.11's html.parser does not."""
    return BeautifulSoup((build.html / path).read_text(encoding="utf-8"), "lxml")


def _page_of(source: str) -> str:
    return source.removesuffix(".md") + ".html"


def _listing(build: Build, kind: str, label: str) -> str:
    """The page of the tag, category or author *label*, found by its link on its index."""
    index = _page(build, f"blog/{kind}.html")
    links = [link for link in index.select(".blog-catalog li a") if link.get_text() == label]
    assert len(links) == 1, [link.get_text() for link in index.select(".blog-catalog li a")]
    return f"blog/{links[0]['href']}"


_ATTRIBUTE_NAME = re.compile(r"[a-z][a-z0-9:_-]*")


def assert_inert(page: BeautifulSoup, path: str) -> None:
    """No label became an element or an attribute: no image, no bold, no second <html>, no on* handler."""
    assert page.find_all(["img", "b"]) == [], path
    # JSON-LD holds the labels as JSON text (blog_jsonld escapes < > &): data, not script.
    scripts = [script for script in page.find_all("script") if script.get("type") != "application/ld+json"]
    assert not any("alert" in (script.string or "") for script in scripts), path
    assert len(page.find_all("html")) == 1, path
    for element in page.find_all(True):
        for name in element.attrs:
            assert _ATTRIBUTE_NAME.fullmatch(name) and not name.startswith("on"), (path, element.name, name)


def assert_sidebar_shows_labels(page: BeautifulSoup, path: str) -> None:
    """The sidebar lists the posts' titles and the tags, as text."""
    sidebar = [link.get_text() for link in page.select(".sidebar-blog li a")]
    for label, tag in zip(LABELS, TAGS, strict=True):
        assert label in sidebar, (path, sidebar)
        assert f"{tag} ({len(LABELS)})" in sidebar, (path, sidebar)


def _meta(page: BeautifulSoup, key: str) -> list[str]:
    return [meta["content"] for meta in page.find_all("meta") if key in (meta.get("property"), meta.get("name"))]


def test_every_html_page_shows_the_labels_as_text(hostile_site: Build):
    pages = hostile_site.pages()
    expected = {
        "index.html",
        "404.html",
        "search.html",
        "blog.html",
        "blog/tag.html",
        "blog/category.html",
        "blog/author.html",
        "blog/archive.html",
        "blog/2019.html",
        "blog/2019/01.html",
    }
    assert expected <= {path.relative_to(hostile_site.html).as_posix() for path in pages}
    for path in pages:
        relative = path.relative_to(hostile_site.html).as_posix()
        page = _page(hostile_site, relative)
        assert_inert(page, relative)
        assert_sidebar_shows_labels(page, relative)


def test_a_post_shows_its_title_and_labels_as_text(hostile_site: Build):
    for number, (source, label) in enumerate(POSTS.items()):
        page = _page(hostile_site, _page_of(source))
        assert page.h1.get_text().removesuffix("¶") == label
        assert page.title.get_text() == f"{label} – {SITE}"
        meta = page.select_one(".blog-post-meta")
        assert [link.get_text() for link in meta.select("a")] == [label, label, *TAGS]
        assert _meta(page, "og:title") == [label]
        assert _meta(page, "article:section") == [label]
        assert _meta(page, "article:tag") == TAGS
        # Furo's footer and <head> name the neighbours by their titles.
        neighbours = [title.get_text() for title in page.select(".related-pages .title")]
        linked = [link["title"] for link in page.find_all("link", rel=["next", "prev"])]
        newer = [LABELS[number + 1]] if number + 1 < len(LABELS) else []
        older = [LABELS[number - 1]] if number else [ACCENTED_TITLE]
        assert sorted(neighbours) == sorted(newer + older) == sorted(linked), (neighbours, linked)


def test_listings_show_titles_and_labels_as_text(hostile_site: Build):
    for label, tag in zip(LABELS, TAGS, strict=True):
        for kind, shown in (("tag", tag), ("category", label), ("author", label)):
            path = _listing(hostile_site, kind, shown)
            page = _page(hostile_site, path)
            assert shown in page.h1.get_text() and not page.h1.find(True), (path, page.h1)
            assert shown in page.title.get_text(), path
            assert shown in _meta(page, "og:title")[0] and shown in _meta(page, "og:description")[0], path
            listed = [*reversed(LABELS)] if kind == "tag" else [label]
            assert [entry.get_text() for entry in page.select(".blog-entry-title a")] == listed, path
            if kind != "author":
                feed_titles = [
                    link["title"] for link in page.find_all("link", rel="alternate", type="application/atom+xml")
                ]
                assert feed_titles == [SITE, page.h1.get_text()], path
    for path in ("index.html", "blog.html", "blog/2019.html", "blog/2020.html", "blog/2019/01.html"):
        page = _page(hostile_site, path)
        titles = [entry.get_text() for entry in page.select(".blog-entry-title a")]
        more = [entry.get_text() for entry in page.select(".blog-entry-more a")]
        assert titles and all(title in [*LABELS, ACCENTED_TITLE] for title in titles), (path, titles)
        assert more == [f"Continuer la lecture de «\u00a0{title}\u00a0»" for title in titles], (path, more)


def test_indexes_show_labels_as_text(hostile_site: Build):
    for kind, shown in (("tag", [*TAGS, "cluny"]), ("category", LABELS), ("author", [*LABELS, SETTINGS["author"]])):
        index = _page(hostile_site, f"blog/{kind}.html")
        assert sorted(link.get_text() for link in index.select(".blog-catalog li a")) == sorted(shown), kind


def _feed(build: Build, path: str) -> etree._Element:
    return etree.parse(str(build.html / path), etree.XMLParser(resolve_entities=False)).getroot()


def test_feeds_carry_titles_and_labels_as_text(hostile_site: Build):
    feed = _feed(hostile_site, "blog/atom.xml")
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == [*reversed(LABELS), ACCENTED_TITLE]
    for entry, label in zip(entries[: len(LABELS)], reversed(LABELS), strict=True):
        assert [category.get("term") for category in entry.findall(f"{ATOM}category")] == TAGS
        assert entry.findtext(f"{ATOM}author/{ATOM}name") == label
    for tag in TAGS:
        page = _listing(hostile_site, "tag", tag)
        tag_feed = _feed(hostile_site, page.removesuffix(".html") + "/atom.xml")
        assert tag_feed.findtext(f"{ATOM}title") == f"{SITE} – Articles avec l’étiquette «\u00a0{tag}\u00a0»"
        # Each summary is HTML, which names the post as text: no element comes out of its title.
        for entry in tag_feed.findall(f"{ATOM}entry"):
            summary = BeautifulSoup(entry.findtext(f"{ATOM}summary"), "html.parser")
            assert {element.name for element in summary.find_all(True)} == {"p", "a"}, tag
            more = f"Continuer la lecture de «\u00a0{entry.findtext(f'{ATOM}title')}\u00a0»"
            assert summary.find_all("p")[-1].get_text() == more, tag
    accented = next(entry for entry in entries if entry.findtext(f"{ATOM}title") == ACCENTED_TITLE)
    assert accented.findtext(f"{ATOM}id") == ACCENTED_ADDRESS
    assert accented.find(f"{ATOM}link").get("href") == ACCENTED_ADDRESS


def test_the_sitemap_and_robots_txt_hold_percent_encoded_addresses(hostile_site: Build):
    sitemap = _feed(hostile_site, "sitemap.xml")
    addresses = [loc.text for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert ACCENTED_ADDRESS in addresses
    for address in addresses:
        assert re.fullmatch(re.escape(SETTINGS["blog_baseurl"]) + r"[A-Za-z0-9/._%-]*", address), address
    robots = (hostile_site.html / "robots.txt").read_text(encoding="utf-8")
    assert robots == f"User-agent: *\nDisallow:\n\nSitemap: {SETTINGS['blog_baseurl']}sitemap.xml\n"
