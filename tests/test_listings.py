"""Listing pages and post pages, on a small test site: French headings, French dates, links to tags and neighbours.

That every post of a blog is in each of its listings is checked on the real
site, whatever its posts (tests/site_checks/test_listings.py); pagination on
tests/test_pagination.py's site.
"""

from __future__ import annotations

import posixpath
from io import BytesIO
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from conftest import Build, SiteFactory, build_site, post_source

#: (file, title, date, tags, category), oldest first.
POSTS = [
    ("posts/2017/premier.md", "Le premier de novembre", "2017-11-01", "cnfpt, Numérique", "Réflexions"),
    ("posts/2017/seminaire.md", "Le séminaire", "2017-11-10", "cnfpt", "Événements"),
    ("posts/2018/voeux.md", "Les vœux", "2018-01-05", "numérique", "Réflexions"),
]


@pytest.fixture(scope="module")
def small_blog(tmp_path_factory: pytest.TempPathFactory) -> Build:
    build = build_site(
        tmp_path_factory.mktemp("listings"),
        {
            path: post_source(title, date=day, tags=tags, category=category)
            for path, title, day, tags, category in POSTS
        },
    )
    assert build.returncode == 0, build.output
    return build


def target(page: str, href: str) -> str:
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), href))


@pytest.mark.parametrize(
    ("page", "heading"),
    [
        ("blog/tag/cnfpt.html", "Articles avec l’étiquette «\u00a0cnfpt\u00a0»"),
        # « Numérique » and « numérique » are one tag, shown with its accent.
        ("blog/tag/numerique.html", "Articles avec l’étiquette «\u00a0numérique\u00a0»"),
        ("blog/category/reflexions.html", "Articles de la catégorie «\u00a0Réflexions\u00a0»"),
        ("blog/category/evenements.html", "Articles de la catégorie «\u00a0Événements\u00a0»"),
        ("blog/2017/11.html", "Articles de novembre 2017"),
        ("blog/2017.html", "Articles de 2017"),
    ],
)
def test_listings_have_french_headings(small_blog: Build, page: str, heading: str):
    assert small_blog.page(page).h1.get_text() == heading


def test_listings_show_french_dates(small_blog: Build):
    dates = [date.get_text() for date in small_blog.page("blog/2017/11.html").select(".blog-entry-date")]
    assert dates == ["10 novembre 2017", "1er novembre 2017"]


def test_post_page_links_to_its_tags_category_and_neighbours(small_blog: Build):
    name = "posts/2017/seminaire.html"
    page = small_blog.page(name)
    assert page.select_one(".blog-post-meta time").get_text() == "10 novembre 2017"
    tags = page.select(".blog-post-tags a[rel=tag]")
    assert [(link.get_text(), target(name, link["href"])) for link in tags] == [("cnfpt", "blog/tag/cnfpt.html")]
    category = page.find("a", string="Événements")
    assert target(name, category["href"]) == "blog/category/evenements.html"
    newer, older = page.select_one("a.next-page"), page.select_one("a.prev-page")
    assert target(name, newer["href"]) == "posts/2018/voeux.html" and "Suivant" in newer.get_text()
    assert target(name, older["href"]) == "posts/2017/premier.html" and "Précédent" in older.get_text()


def test_archive_index_lists_every_year_and_month(small_blog: Build):
    links = [link["href"] for link in small_blog.page("blog/archive.html").select(".blog-catalog a")]
    assert links == ["2018.html", "2018/01.html", "2017.html", "2017/11.html"]


def test_each_page_of_a_folder_has_the_sidebar_of_its_own_folder_and_no_link_to_itself(small_blog: Build):
    # The sidebar's sections are rendered once per folder and reused (_sidebar_sections).
    def archive_links(page: str) -> list[str]:
        return [link["href"] for link in small_blog.page(page).select("#sidebar-blog-archives + ul a")]

    assert archive_links("blog/2018.html") == ["#", "2017.html"]
    assert archive_links("blog/2017.html") == ["2018.html", "#"]
    assert archive_links("blog/tag.html") == ["2018.html", "2017.html"]
    assert archive_links("posts/2017/premier.html") == ["../../blog/2018.html", "../../blog/2017.html"]
    assert archive_links("posts/2018/voeux.html") == ["../../blog/2018.html", "../../blog/2017.html"]
    recent = [
        link["href"] for link in small_blog.page("posts/2017/seminaire.html").select("#sidebar-blog-recent + ul a")
    ]
    assert recent == ["../2018/voeux.html", "#", "premier.html"]


def test_sidebar_shows_the_most_used_tags_and_links_to_all_of_them(build_test_site: SiteFactory):
    build = build_test_site(
        {
            "posts/2020/a.md": post_source("A", date="2020-01-01", tags="europe, design, numérique"),
            "posts/2020/b.md": post_source("B", date="2020-01-02", tags="numérique, design"),
            "posts/2020/c.md": post_source("C", date="2020-01-03", tags="design, budget"),
        },
        conf="blog_sidebar_tags = 2",
    )
    assert build.returncode == 0, build.output
    page = build.page("posts/2020/a.html")
    links = page.select("#sidebar-blog-tags + ul a")
    assert [link.get_text() for link in links] == ["design (3)", "numérique (2)", "Toutes les étiquettes"]
    assert (build.html / "posts/2020" / links[-1]["href"]).resolve() == (build.html / "blog/tag.html").resolve()
    index = [link.get_text() for link in build.page("blog/tag.html").select(".blog-catalog li a")]
    assert index == ["budget", "design", "europe", "numérique"]


def test_an_excerpt_image_is_found_from_every_listing_that_shows_it(tmp_path: Path):
    """An excerpt is rendered once per folder of listing pages: each of them must find its image."""
    png = BytesIO()
    Image.new("RGB", (20, 10), "teal").save(png, format="PNG")
    body = "![Un schéma](schema.png) Le début du texte."
    build = build_site(
        tmp_path,
        {
            "posts/2020/schema.png": png.getvalue(),
            "posts/2020/image.md": post_source("Avec image", date="2020-03-01", tags="alpha, beta", body=body),
        },
    )
    assert build.returncode == 0, build.output
    sources = {}
    for page in (
        "index.html",
        "blog.html",
        "blog/tag/alpha.html",
        "blog/tag/beta.html",
        "blog/2020.html",
        "blog/2020/03.html",
    ):
        html = BeautifulSoup((build.html / page).read_text(encoding="utf-8"), "html.parser")
        src = next(img["src"] for img in html.find_all("img") if img.get("alt") == "Un schéma")
        assert (build.html / target(page, src)).is_file(), (page, src)
        sources[page] = src
    assert sources["blog/tag/alpha.html"] == sources["blog/tag/beta.html"] == "../../_images/schema.png"
