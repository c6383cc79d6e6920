"""The posts are the seed page's, character for character, and link to each other."""

from __future__ import annotations

import pytest

from conftest import Build, SeedPost

CONTINUE = "Continuer la lecture de «\u00a0{title}\u00a0»"


def paragraphs_of(container) -> list[str]:
    return [paragraph.get_text() for paragraph in container.find_all("p")]


def post_page(site: Build, title: str):
    """Return the path and parsed page of the post whose heading is *title*."""
    for path in sorted((site.html / "posts").rglob("*.html")):
        page = site.page(path.relative_to(site.html).as_posix())
        heading = page.select_one("article[role=main] h1")
        if heading and heading.get_text().rstrip("¶#") == title:
            return path.relative_to(site.html).as_posix(), page
    pytest.fail(f"no post page has the title {title!r}")


def test_there_are_exactly_the_seed_posts(site: Build, seed_posts: list[SeedPost]):
    assert len(seed_posts) == 10
    assert len(list((site.html / "posts").rglob("*.html"))) == len(seed_posts)


def test_each_post_page_has_the_seed_text_verbatim(site: Build, seed_posts: list[SeedPost]):
    for seed in seed_posts:
        _, page = post_page(site, seed.title)
        text = page.select_one("article[role=main] section")
        body = [p for p in text.find_all("p", recursive=False)]
        assert [p.get_text() for p in body] == seed.paragraphs, seed.title


def test_home_page_lists_the_posts_newest_first_with_their_excerpts(site: Build, seed_posts: list[SeedPost]):
    home = site.page("index.html")
    entries = home.select(".blog-listing .blog-entry")
    assert [entry.select_one(".blog-entry-title").get_text() for entry in entries] == [s.title for s in seed_posts]
    for entry, seed in zip(entries, seed_posts):
        assert paragraphs_of(entry.select_one(".blog-entry-excerpt")) == seed.paragraphs, seed.title
        more = entry.select_one(".blog-entry-more a")
        assert more.get_text() == CONTINUE.format(title=seed.title)
        path, _ = post_page(site, seed.title)
        assert more["href"] == path
        assert entry.select_one(".blog-entry-title a")["href"] == path


def test_dates_are_french_and_newest_first(site: Build):
    home = site.page("index.html")
    times = home.select(".blog-entry-date time")
    iso = [time["datetime"] for time in times]
    assert iso == sorted(iso, reverse=True)
    assert times[5].get_text() == "10 novembre 2017"
    assert iso[5] == "2017-11-10"


@pytest.mark.parametrize(
    ("source_title", "target_title", "link_text"),
    [
        ("Petit à petit, la communauté innovation publique fait son nid", "Université d’été de Cluny 2017, le livre", "l’université d’été de Cluny"),
        ("Avoir des bons copains…", "MOOC innovation publique : bilan à mi parcours", "un MOOC"),
    ],
)
def test_posts_link_to_each_other(site: Build, source_title: str, target_title: str, link_text: str):
    _, page = post_page(site, source_title)
    target_path, _ = post_page(site, target_title)
    link = page.find("a", string=link_text)
    assert link is not None and "internal" in link["class"]
    source_path, _ = post_page(site, source_title)
    resolved = (site.html / source_path).parent / link["href"]
    assert resolved.resolve() == (site.html / target_path).resolve()
