"""The seed posts are the author's WordPress home page (../shared/seed/blog-home.txt), character for character.

This file is about this blog's ten seed posts only: the title, text, excerpt
and order of each (verbatim in the source files; on the pages, with the French
spacing the build adds, blog_typography), the dates reconstructed from their clues, the words turned
into links between them, and French searches that find them. A blog started
from this repository deletes its seed posts, and this file with them (see the
README, « Créer son propre blog à partir de ce dépôt »). The checks that hold
for any posts are in tests/site_checks/.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from browser.conftest import Reader
from browser.test_reading import open_navigation
from conftest import Build
from sphinx_blog_fr._typography import french_spacing

from .conftest import SeedPost

ROOT = Path(__file__).resolve().parents[2]

CONTINUE = "Continuer la lecture de «\u00a0{title}\u00a0»"


def paragraphs_of(container) -> list[str]:
    return [paragraph.get_text() for paragraph in container.find_all("p")]


def post_page(site: Build, title: str):
    """Return the path and parsed page of the post whose heading is *title*."""
    for path in sorted((site.html / "posts").rglob("*.html")):
        page = site.page(path.relative_to(site.html).as_posix())
        heading = page.select_one("article[role=main] h1")
        if heading and heading.get_text().rstrip("¶#") == french_spacing(title):
            return path.relative_to(site.html).as_posix(), page
    pytest.fail(f"no post page has the title {title!r}")


def all_posts_entries(site: Build) -> list[tuple[str, object]]:
    """Every entry of the « all posts » listing, following its pages, with the page that shows it."""
    entries, page = [], "blog.html"
    while page:
        soup = site.page(page)
        entries += [(page, entry) for entry in soup.select(".blog-listing .blog-entry")]
        older = soup.select_one("a.blog-pagination-older")
        page = (
            (site.html / page).parent.joinpath(older["href"]).resolve().relative_to(site.html.resolve()).as_posix()
            if older
            else None
        )
    return entries


def test_the_seed_page_has_ten_posts(seed_posts: list[SeedPost]):
    assert len(seed_posts) == 10


def test_each_post_source_holds_the_seed_text_verbatim(seed_posts: list[SeedPost]):
    # The cross-references are the posts' own words made links: their text is the seed's.
    sources = [
        re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", path.read_text(encoding="utf-8"))
        for path in sorted((ROOT / "posts").rglob("*.md"))
    ]
    for seed in seed_posts:
        (source,) = [text for text in sources if f"\n# {seed.title}\n" in text]
        assert all(f"\n{paragraph}\n" in source for paragraph in seed.paragraphs), seed.title


def test_each_post_page_has_the_seed_text_with_french_spacing(site: Build, seed_posts: list[SeedPost]):
    for seed in seed_posts:
        _, page = post_page(site, seed.title)
        text = page.select_one("article[role=main] section")
        body = [p for p in text.find_all("p", recursive=False)]
        assert [p.get_text() for p in body] == [french_spacing(p) for p in seed.paragraphs], seed.title


def test_listings_show_the_seed_posts_in_the_seed_order_with_their_excerpts(site: Build, seed_posts: list[SeedPost]):
    # The author's later posts come before them, and push some to the listing's next pages.
    titles = {french_spacing(seed.title) for seed in seed_posts}
    entries = [
        (page, entry)
        for page, entry in all_posts_entries(site)
        if entry.select_one(".blog-entry-title").get_text() in titles
    ]
    shown = [entry.select_one(".blog-entry-title").get_text() for _, entry in entries]
    assert shown == [french_spacing(s.title) for s in seed_posts]
    for (page, entry), seed in zip(entries, seed_posts, strict=True):
        excerpt = paragraphs_of(entry.select_one(".blog-entry-excerpt"))
        assert excerpt == [french_spacing(p) for p in seed.paragraphs], seed.title
        more = entry.select_one(".blog-entry-more a")
        assert more.get_text() == CONTINUE.format(title=french_spacing(seed.title))
        path, _ = post_page(site, seed.title)
        for link in (more, entry.select_one(".blog-entry-title a")):
            assert posixpath.normpath(posixpath.join(posixpath.dirname(page), link["href"])) == path


@pytest.mark.parametrize(
    ("title", "day", "shown"),
    [
        ("La diffusion de l’innovation dans tous les territoires", "2017-11-10", "10 novembre 2017"),
        ("MOOC innovation publique : bilan à mi parcours", "2018-06-29", "29 juin 2018"),
    ],
)
def test_the_reconstructed_dates_are_shown_in_french(site: Build, title: str, day: str, shown: str):
    _, page = post_page(site, title)
    time = page.select_one(".blog-post-meta time")
    assert (time["datetime"], time.get_text()) == (day, shown)


@pytest.mark.parametrize(
    ("source_title", "target_title", "link_text"),
    [
        (
            "Petit à petit, la communauté innovation publique fait son nid",
            "Université d’été de Cluny 2017, le livre",
            "l’université d’été de Cluny",
        ),
        ("Avoir des bons copains…", "MOOC innovation publique : bilan à mi parcours", "un MOOC"),
    ],
)
def test_posts_link_to_each_other(site: Build, source_title: str, target_title: str, link_text: str):
    source_path, page = post_page(site, source_title)
    target_path, _ = post_page(site, target_title)
    link = page.find("a", string=link_text)
    assert link is not None and "internal" in link["class"]
    resolved = (site.html / source_path).parent / link["href"]
    assert resolved.resolve() == (site.html / target_path).resolve()


@pytest.mark.parametrize(
    ("query", "post_title"),
    [
        ("numerique", "L’uberisation de l’administration est-elle possible ?"),  # « numérique »
        ("seminaires", "La diffusion de l’innovation dans tous les territoires"),  # « séminaire »
        ("territoire", "La diffusion de l’innovation dans tous les territoires"),  # « territoires »
        ("territoires", "La diffusion de l’innovation dans tous les territoires"),
        ("creativites", "La note de synthèse et la culture de l’innovation"),  # « créativité »
    ],
)
def test_searching_from_the_sidebar_forgives_accents_and_plurals(reader: Reader, query: str, post_title: str):
    page = reader.page
    page.goto("index.html")
    open_navigation(reader)
    search_box = page.get_by_role("search").get_by_role("textbox", name="Recherche")
    search_box.fill(query)
    search_box.press("Enter")
    expect(page.locator("#search-results .search-summary")).to_contain_text("correspondant à la requête")
    expect(
        page.locator("#search-results ul.search").get_by_role("link", name=french_spacing(post_title), exact=True)
    ).to_be_visible()
