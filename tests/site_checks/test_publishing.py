"""Every page of the blog goes online with its address, title, favicon and sharing metadata; sitemap, robots.txt and 404 follow."""

from __future__ import annotations

import re
from urllib.parse import urlsplit
from xml.etree import ElementTree

from conftest import Build, meta, one_meta

from .conftest import LISTINGS, SETTINGS, Post

BASEURL = SETTINGS["blog_baseurl"]
BLOG = SETTINGS["project"]
#: Pages that are no destination of their own: they are in no sitemap.
NOT_IN_SITEMAP = {"search.html", "genindex.html", "404.html"}
SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
#: Titles of the pages whose <h1> is not their title.
SPECIAL_TITLES = {"index.html": BLOG, "search.html": f"Recherche – {BLOG}"}


def relative_pages(build: Build) -> list[str]:
    return [path.relative_to(build.html).as_posix() for path in build.pages()]


def heading(page) -> str:
    """The text of the page's <h1>, without its permalink."""
    h1 = page.find("article").find("h1")
    for anchor in h1.select("a.headerlink"):
        anchor.decompose()
    return h1.get_text().strip()


def canonical(page) -> str:
    (link,) = page.find_all("link", rel="canonical")
    return link["href"]


def one_line(text: str) -> str:
    """*text* with its line breaks and runs of spaces as one space, keeping no-break spaces."""
    return re.sub(r"[ \t\r\n]+", " ", text).strip()


def test_every_page_has_its_canonical_address(site: Build):
    for name in relative_pages(site):
        assert canonical(site.page(name)) == BASEURL + name, name


def test_every_title_is_the_page_then_the_blog(site: Build):
    for name in relative_pages(site):
        page = site.page(name)
        title = site.title(name)
        if name in SPECIAL_TITLES:
            assert title == SPECIAL_TITLES[name]
            continue
        # A listing's later pages say which page they are: « Articles de 2017 – page 2 ».
        number = re.search(r"/page/(\d+)\.html$", name)
        shown = f"{heading(page)} – page {number[1]}" if number else heading(page)
        # The no-break spaces of « … » and « : » are kept (blog_typography's striptags).
        assert title == f"{shown} – {BLOG}", name
        assert "documentation" not in title.lower()


def test_the_home_page_is_headed_by_the_blogs_name(site: Build):
    assert heading(site.page("index.html")) == BLOG


def test_every_page_shows_the_favicon(site: Build):
    for name in relative_pages(site):
        (icon,) = site.page(name).find_all("link", rel="icon")
        target = (site.html / name).parent / icon["href"]
        if icon["href"].startswith("/"):
            target = site.html / icon["href"].removeprefix(urlsplit(BASEURL).path)
        assert ElementTree.parse(target.resolve()).getroot().tag == "{http://www.w3.org/2000/svg}svg", name


def test_each_post_is_an_article_with_its_excerpt_date_tags_and_locale(site: Build, posts: list[Post]):
    for post in posts:
        page = site.page(post.page)
        assert one_meta(page, "og:type") == "article"
        assert one_meta(page, "og:title") == heading(page) == post.title
        assert one_meta(page, "og:url") == canonical(page) == BASEURL + post.page
        assert one_meta(page, "og:locale") == "fr_FR"
        assert one_meta(page, "og:site_name") == BLOG
        assert one_meta(page, "twitter:card") == "summary"
        description = one_meta(page, "og:description")
        assert one_meta(page, "description") == description
        assert 0 < len(description) <= 200
        assert one_meta(page, "article:published_time").startswith(f"{post.date.date().isoformat()}T")
        assert meta(page, "article:tag") == [tag.get_text() for tag in page.select(".blog-post-tags a")]


def test_each_entry_of_the_home_page_is_described_by_its_excerpt(site: Build):
    for entry in site.page("index.html").select(".blog-entry"):
        name = entry.select_one(".blog-entry-title a")["href"]
        excerpt = one_line(" ".join(block.get_text() for block in entry.select(".blog-entry-excerpt > *")))
        description = one_meta(site.page(name), "og:description")
        assert description == excerpt or (description.endswith("…") and excerpt.startswith(description[:-1])), name


def test_listing_pages_have_their_own_metadata(site: Build):
    for name in ["index.html", "blog.html", "blog/tag.html", "blog/archive.html", *sorted(LISTINGS)]:
        page = site.page(name)
        title = heading(page)
        assert one_meta(page, "og:type") == "website", name
        assert one_meta(page, "og:title") == title, name
        assert one_meta(page, "og:url") == BASEURL + name
        assert one_meta(page, "og:locale") == "fr_FR"
        description = one_meta(page, "og:description")
        assert one_meta(page, "description") == description
        assert description.startswith(f"{title}\u00a0: "), name
    for name, posts in LISTINGS.items():
        assert one_meta(site.page(name), "og:description").startswith(
            f"{heading(site.page(name))}\u00a0: {posts[0].title}"
        )
    years = sorted({name[5:9] for name in LISTINGS if name[5:9].isdigit()}, reverse=True)
    assert one_meta(site.page("blog/archive.html"), "og:description").startswith("Archives\u00a0: " + " · ".join(years))


def test_the_search_and_404_pages_say_what_they_are_when_shared(site: Build):
    """Pages written from no source get the tags of any other page, with what each is as description."""
    search, missing = site.page("search.html"), site.page("404.html")
    assert one_meta(search, "og:description") == "Rechercher dans le blog"
    assert one_meta(missing, "og:description") == one_line(missing.select_one("article p").get_text())
    assert one_meta(search, "og:title") == "Recherche"
    assert one_meta(missing, "og:title") == heading(missing) == "Page introuvable"
    for name, page in (("search.html", search), ("404.html", missing)):
        assert one_meta(page, "og:type") == "website", name
        assert one_meta(page, "og:url") == BASEURL + name
        assert one_meta(page, "og:locale") == "fr_FR"
        assert one_meta(page, "og:image").startswith(BASEURL), name


def test_metadata_lives_in_the_head(site: Build):
    for name in relative_pages(site):
        assert site.page(name).body.find_all("meta") == [], name


def test_sitemap_lists_every_page_but_search_and_404(site: Build):
    root = ElementTree.parse(site.html / "sitemap.xml").getroot()
    listed = [loc.text for loc in root.findall("sm:url/sm:loc", SITEMAP_NS)]
    assert len(listed) == len(set(listed))
    assert set(listed) == {BASEURL + name for name in relative_pages(site) if name not in NOT_IN_SITEMAP}
    assert {BASEURL + name for name in LISTINGS} <= set(listed)


def test_robots_txt_points_to_the_sitemap(site: Build):
    robots = (site.html / "robots.txt").read_text(encoding="utf-8")
    assert re.search(r"^User-agent: \*$", robots, re.MULTILINE)
    assert re.search(rf"^Sitemap: {re.escape(BASEURL)}sitemap\.xml$", robots, re.MULTILINE)


def test_404_page_is_french_in_furos_layout_and_its_links_lead_somewhere(site: Build):
    page = site.page("404.html")
    assert page.html["lang"] == "fr"
    assert page.find(class_="sidebar-drawer") and page.find(id="furo-main-content")
    assert [h1.get_text() for h1 in page.find_all("h1")] == ["Page introuvable"]
    assert page.head.title.get_text() == f"Page introuvable – {BLOG}"
    links = {a.get_text(): a["href"] for a in page.select(".blog-not-found a")}
    root = urlsplit(BASEURL).path
    assert links == {
        "Page d’accueil": f"{root}index.html",
        "Archives": f"{root}blog/archive.html",
        "Rechercher dans le blog": f"{root}search.html",
    }
    for href in links.values():
        assert (site.html / href.removeprefix(root)).is_file(), href
