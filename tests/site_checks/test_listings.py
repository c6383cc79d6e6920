"""Every published post is in each of its listings (home, all posts, tag, category, author, year, month), and only there."""

from __future__ import annotations

from collections import Counter

import pytest

from conftest import Build
from sphinx_blog_fr._slugs import slugify

from .conftest import LISTINGS, SETTINGS, Post, assert_newest_first, link_target, listing_titles


@pytest.mark.parametrize("page", sorted(LISTINGS))
def test_listing_shows_exactly_its_posts_newest_first(site: Build, page: str):
    assert_newest_first(listing_titles(site, page), LISTINGS[page])


def test_home_page_shows_the_newest_posts_then_the_rest_of_them_page_by_page(site: Build, posts: list[Post]):
    per_page = SETTINGS["blog_posts_per_page"]
    home = site.page("index.html")
    first = [title.get_text() for title in home.select(".blog-listing .blog-entry-title")]
    assert_newest_first(first, posts[:per_page])
    older = home.select_one("a.blog-pagination-older")
    assert (older is not None) == (len(posts) > per_page)
    if older:
        assert_newest_first(first + listing_titles(site, link_target("index.html", older["href"])), posts)


def test_no_other_listing_page_exists(site: Build):
    built = {
        path.relative_to(site.html).as_posix()
        for folder in ("blog/tag", "blog/category", "blog/author")
        for path in (site.html / folder).glob("*.html")
    }
    built |= {path.relative_to(site.html).as_posix() for path in site.html.glob("blog/[0-9][0-9][0-9][0-9]*.html")}
    built |= {
        path.relative_to(site.html).as_posix() for path in site.html.glob("blog/[0-9][0-9][0-9][0-9]/[0-9][0-9].html")
    }
    assert built == set(LISTINGS) - {"blog.html"}


def test_listing_entries_link_to_their_posts(site: Build, posts: list[Post]):
    by_title = {post.title: post.page for post in posts}
    for listing in LISTINGS:
        for entry in site.page(listing).select(".blog-entry"):
            link = entry.select_one(".blog-entry-title a")
            assert link_target(listing, link["href"]) == by_title[link.get_text()], listing


def test_each_post_page_links_to_its_tags_category_and_neighbours(site: Build, posts: list[Post]):
    for newer, post, older in zip([None, *posts[:-1]], posts, [*posts[1:], None], strict=True):
        page = site.page(post.page)
        tag_links = page.select(".blog-post-tags a[rel=tag]")
        # Labels differing only in case or accents are one tag, shown in one spelling (blog_taxonomy).
        assert [slugify(link.get_text()) for link in tag_links] == [slugify(tag) for tag in post.tags], post.page
        for link in tag_links:
            assert link_target(post.page, link["href"]) == f"blog/tag/{slugify(link.get_text())}.html"
        assert page.select_one(".blog-post-meta time")["datetime"] == post.date.date().isoformat()
        for selector, neighbour in (("a.next-page", newer), ("a.prev-page", older)):
            link = page.select_one(selector)
            if neighbour is not None and neighbour.date != post.date:
                assert link_target(post.page, link["href"]) == neighbour.page, (post.page, selector)


def test_sidebar_lists_recent_posts_most_used_tags_and_years(site: Build, posts: list[Post]):
    page = site.page("blog.html")
    recent = [link.get_text() for link in page.select("#sidebar-blog-recent + ul a")]
    assert_newest_first(recent, posts[: len(recent)])
    assert 0 < len(recent) <= len(posts)
    counts = Counter(slugify(tag) for post in posts for tag in post.tags)
    shown = [link.get_text() for link in page.select("#sidebar-blog-tags + ul a")]
    tag_counts = [int(text.rsplit("(", 1)[1].rstrip(")")) for text in shown if text.endswith(")")]
    assert len(tag_counts) == min(len(counts), SETTINGS["blog_sidebar_tags"])
    assert sorted(tag_counts, reverse=True) == sorted(counts.values(), reverse=True)[: len(tag_counts)]
    years = [link.get_text().split(" (")[0] for link in page.select("#sidebar-blog-archives + ul a")]
    assert years == sorted({f"{post.date:%Y}" for post in posts}, reverse=True)


def test_archive_index_lists_every_year_and_month(site: Build):
    page = site.page("blog/archive.html")
    links = {link_target("blog/archive.html", link["href"]) for link in page.select(".blog-catalog a")}
    assert links == {page for page in LISTINGS if page[5:9].isdigit()}
