"""Every listing (tag, category, author, year, month, all posts) shows exactly its posts.

What each listing should hold is worked out here from the posts' own front
matter, independently of ABlog, then compared with the built pages.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
import yaml

from blogtools.slugs import slugify
from conftest import ROOT, Build, SiteFactory, post_source


def read_posts() -> list[dict]:
    """Return each source post's title, date, tags, category and output path."""
    posts = []
    for path in sorted((ROOT / "posts").rglob("*.md")):
        _, front_matter, body = path.read_text(encoding="utf-8").split("---\n", 2)
        meta = yaml.safe_load(front_matter)
        title = next(line[2:] for line in body.splitlines() if line.startswith("# "))
        posts.append({
            "title": title,
            "date": meta["date"],
            "tags": [tag.strip() for tag in meta.get("tags", "").split(",") if tag.strip()],
            "category": meta["category"],
            "page": path.relative_to(ROOT).with_suffix(".html").as_posix(),
        })
    return sorted(posts, key=lambda post: post["date"], reverse=True)


POSTS = read_posts()


def expected_listings() -> dict[str, list[str]]:
    """Map each listing page to the titles it must show, newest first."""
    listings: dict[str, list[str]] = defaultdict(list)
    for post in POSTS:
        listings["blog.html"].append(post["title"])
        for tag in post["tags"]:
            listings[f"blog/tag/{slugify(tag)}.html"].append(post["title"])
        listings[f"blog/category/{slugify(post['category'])}.html"].append(post["title"])
        listings[f"blog/{post['date']:%Y}.html"].append(post["title"])
        listings[f"blog/{post['date']:%Y/%m}.html"].append(post["title"])
    return dict(listings)


EXPECTED = expected_listings()


def listed_titles(site: Build, page: str) -> list[str]:
    return [title.get_text() for title in site.page(page).select(".blog-listing .blog-entry-title")]


@pytest.mark.parametrize("page", sorted(EXPECTED))
def test_listing_shows_exactly_its_posts_newest_first(site: Build, page: str):
    assert listed_titles(site, page) == EXPECTED[page]


def test_no_other_listing_page_exists(site: Build):
    built = {
        path.relative_to(site.html).as_posix()
        for folder in ("blog/tag", "blog/category")
        for path in (site.html / folder).glob("*.html")
    }
    assert built == {page for page in EXPECTED if page.startswith(("blog/tag/", "blog/category/"))}


def test_author_listing_holds_every_post(site: Build):
    (author_page,) = (site.html / "blog" / "author").glob("*.html")
    titles = listed_titles(site, author_page.relative_to(site.html).as_posix())
    assert titles == [post["title"] for post in POSTS]


def test_listings_have_french_headings(site: Build):
    assert site.page("blog/tag/cnfpt.html").h1.get_text() == "Articles avec l’étiquette «\u00a0cnfpt\u00a0»"
    assert site.page("blog/category/reflexions.html").h1.get_text() == "Articles de la catégorie «\u00a0Réflexions\u00a0»"
    assert site.page("blog/2017/11.html").h1.get_text() == "Articles de novembre 2017"
    assert site.page("blog/2017.html").h1.get_text() == "Articles de 2017"


def test_listing_entries_link_to_their_posts(site: Build):
    by_title = {post["title"]: post["page"] for post in POSTS}
    for entry in site.page("blog/tag/cnfpt.html").select(".blog-entry"):
        link = entry.select_one(".blog-entry-title a")
        target = (site.html / "blog/tag" / link["href"]).resolve()
        assert target == (site.html / by_title[link.get_text()]).resolve()


def test_post_page_links_to_its_tags_category_and_neighbours(site: Build):
    post = POSTS[5]
    page = site.page(post["page"])
    folder = (site.html / post["page"]).parent
    tag_links = page.select(".blog-post-tags a[rel=tag]")
    assert [link.get_text() for link in tag_links] == post["tags"]
    for link in tag_links:
        assert (folder / link["href"]).resolve() == (site.html / f"blog/tag/{slugify(link.get_text())}.html").resolve()
    assert page.select_one(".blog-post-meta time").get_text() == f"{post['date'].day} novembre 2017"
    newer, older = POSTS[4], POSTS[6]
    assert (folder / page.select_one("a.next-page")["href"]).resolve() == (site.html / newer["page"]).resolve()
    assert (folder / page.select_one("a.prev-page")["href"]).resolve() == (site.html / older["page"]).resolve()
    assert "Suivant" in page.select_one("a.next-page").get_text()


def test_sidebar_lists_recent_posts_tags_with_counts_and_years(site: Build):
    page = site.page("blog/2016.html")
    recent = [link.get_text() for link in page.select("#sidebar-blog-recent + ul a")]
    assert recent == [post["title"] for post in POSTS[:5]]
    tags = [link.get_text() for link in page.select("#sidebar-blog-tags + ul a")]
    expected = defaultdict(int)
    for post in POSTS:
        for tag in post["tags"]:
            expected[tag] += 1
    # The blog has fewer tags than the sidebar shows (blog_sidebar_tags): all of them, and no link to more.
    assert sorted(tags) == sorted(f"{tag} ({count})" for tag, count in expected.items())
    years = [link.get_text().split(" (")[0] for link in page.select("#sidebar-blog-archives + ul a")]
    assert years == ["2018", "2017", "2016", "2015"]


def test_sidebar_shows_the_most_used_tags_and_links_to_all_of_them(build_test_site: SiteFactory):
    build = build_test_site({
        "posts/2020/a.md": post_source("A", date="2020-01-01", tags="europe, design, numérique"),
        "posts/2020/b.md": post_source("B", date="2020-01-02", tags="numérique, design"),
        "posts/2020/c.md": post_source("C", date="2020-01-03", tags="design, budget"),
    }, conf="blog_sidebar_tags = 2")
    assert build.returncode == 0, build.output
    page = build.page("posts/2020/a.html")
    links = page.select("#sidebar-blog-tags + ul a")
    assert [link.get_text() for link in links] == ["design (3)", "numérique (2)", "Toutes les étiquettes"]
    assert (build.html / "posts/2020" / links[-1]["href"]).resolve() == (build.html / "blog/tag.html").resolve()
    index = [link.get_text() for link in build.page("blog/tag.html").select(".blog-catalog li a")]
    assert index == ["budget", "design", "europe", "numérique"]


def test_archive_index_lists_every_year_and_month(site: Build):
    page = site.page("blog/archive.html")
    links = {link["href"] for link in page.select(".blog-catalog a")}
    expected = {page.removeprefix("blog/") for page in EXPECTED if page[5:9].isdigit()}
    assert links == expected
