"""Every listing is cut into pages of ``blog_posts_per_page`` posts, as a WordPress blog's.

A test site with two posts per page: the home page, all posts, a tag, a
category, the author, a year and a month each span several pages. Following
« Articles plus anciens » from a listing's first page must reach every post
of the listing exactly once, newest first, two at most per page, and
« Articles plus récents » must lead back page by page.
"""

from __future__ import annotations

import itertools
import posixpath

import pytest

from conftest import Build, build_site, post_source

PER_PAGE = 2
#: (slug, title, date, tags, category), oldest first.
POSTS = [
    ("premier", "Premier article", "2019-11-02", "commun, rare", "Carnet"),
    ("deuxieme", "Deuxième article", "2020-01-05", "commun", "Réflexions"),
    ("troisieme", "Troisième article", "2020-03-01", "commun", "Réflexions"),
    ("quatrieme", "Quatrième article", "2020-03-10", "autre", "Réflexions"),
    ("cinquieme", "Cinquième article", "2020-03-20", "commun", "Réflexions"),
    ("sixieme", "Sixième article", "2020-06-01", "commun, autre", "Réflexions"),
    ("septieme", "Septième article", "2021-02-14", "autre", "Carnet"),
]
NEWEST_FIRST = [title for _slug, title, *_rest in reversed(POSTS)]


def titles_where(condition) -> list[str]:
    return [title for _slug, title, day, tags, category in reversed(POSTS) if condition(day, tags, category)]


#: Each kind of listing: its first page and the posts it must show, newest first.
LISTINGS = {
    "all posts": ("blog.html", NEWEST_FIRST),
    "tag": ("blog/tag/commun.html", titles_where(lambda day, tags, category: "commun" in tags)),
    "category": ("blog/category/reflexions.html", titles_where(lambda day, tags, category: category == "Réflexions")),
    # The author's page is named after conf.py's author: found through the authors' index.
    "author": ("blog/author.html", NEWEST_FIRST),
    "year": ("blog/2020.html", titles_where(lambda day, tags, category: day.startswith("2020"))),
    "month": ("blog/2020/03.html", titles_where(lambda day, tags, category: day.startswith("2020-03"))),
}


@pytest.fixture(scope="module")
def paginated(tmp_path_factory: pytest.TempPathFactory) -> Build:
    files = {
        f"posts/{day[:4]}/{slug}.md": post_source(title, date=day, tags=tags, category=category)
        for slug, title, day, tags, category in POSTS
    }
    build = build_site(tmp_path_factory.mktemp("pagination"), files, conf=f"blog_posts_per_page = {PER_PAGE}")
    assert build.returncode == 0, build.output
    return build


def _link(page: str, href: str) -> str:
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), href))


def first_page(build: Build, kind: str) -> str:
    """Return the first page of the listing *kind* of the test site."""
    page = LISTINGS[kind][0]
    if kind == "author":
        (author,) = build.page(page).select(".blog-catalog li a")
        page = _link(page, author["href"])
    return page


def walk_pages(build: Build, first: str) -> list[tuple[str, list[str]]]:
    """Follow « Articles plus anciens » from *first*; return each page with its post titles."""
    pages, page = [], first
    while page:
        soup = build.page(page)
        titles = [link.get_text(strip=True) for link in soup.select(".blog-entry-title a")]
        pages.append((page, titles))
        older = soup.select_one("a.blog-pagination-older")
        if older is not None:
            assert older.get_text(strip=True) == "Articles plus anciens"
        page = _link(page, older["href"]) if older else None
        assert len(pages) <= len(POSTS), f"the pages of {first} link in a loop: {pages}"
    return pages


@pytest.mark.parametrize("kind", LISTINGS)
def test_following_older_posts_shows_each_post_once_newest_first(paginated: Build, kind: str):
    first, expected = first_page(paginated, kind), LISTINGS[kind][1]
    pages = walk_pages(paginated, first)
    assert len(expected) > PER_PAGE, "the test site must give this listing several pages"
    assert [title for _page, titles in pages for title in titles] == expected
    assert all(0 < len(titles) <= PER_PAGE for _page, titles in pages)
    assert len(pages) == -(-len(expected) // PER_PAGE)


@pytest.mark.parametrize("kind", LISTINGS)
def test_pages_are_numbered_and_link_back_to_newer_posts(paginated: Build, kind: str):
    first = first_page(paginated, kind)
    pages = [page for page, _titles in walk_pages(paginated, first)]
    stem = first.removesuffix(".html")
    assert pages[1:] == [f"{stem}/page/{number}.html" for number in range(2, len(pages) + 1)]
    assert paginated.page(first).select_one("a.blog-pagination-newer") is None
    assert paginated.page(pages[-1]).select_one("a.blog-pagination-older") is None
    for newer, page in itertools.pairwise(pages):
        link = paginated.page(page).select_one("a.blog-pagination-newer")
        assert link.get_text(strip=True) == "Articles plus récents"
        assert _link(page, link["href"]) == newer
        assert f"Page {pages.index(page) + 1} sur {len(pages)}" in paginated.page(page).get_text(" ", strip=True)


def test_home_shows_the_newest_posts_and_links_to_the_second_page(paginated: Build):
    home = paginated.page("index.html")
    assert [link.get_text(strip=True) for link in home.select(".blog-entry-title a")] == NEWEST_FIRST[:PER_PAGE]
    older = home.select_one("a.blog-pagination-older")
    assert older.get_text(strip=True) == "Articles plus anciens"
    assert _link("index.html", older["href"]) == "blog/page/2.html"


def test_no_page_lists_more_posts_than_a_page_holds(paginated: Build):
    for path in paginated.pages():
        entries = paginated.page(path.relative_to(paginated.html).as_posix()).select(".blog-entry")
        assert len(entries) <= PER_PAGE, f"{path} lists {len(entries)} posts"
