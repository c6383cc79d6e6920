"""A blog started from this repository: its name, author and years come from conf.py and the posts, and an empty blog works.

Everything that names the blog (home heading, titles, footer, feed, 404 page)
follows conf.py's ``project`` and ``author``; the footer's years are those of
the published posts (``blog_copyright``), also after an incremental build; a
blog with no post yet says so on its home page, and its pages' links all work.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

import feedparser
import pytest

from conftest import ROOT, Build, SiteFactory, build_site, make_html, post_source
from sphinx_blog_fr._settings import load_settings
from sphinx_blog_fr.commands.audit import find_pages

TOMORROW = "2099-01-01"


#: A blog's identity, appended to the copied conf.py as the README's steps say (set in every
#: test site here, so that the tests hold in a fork whose conf.py names another blog).
def identity(project: str, author: str, address: str = "https://blog.example.org/") -> str:
    return (
        f"project = {project!r}\nauthor = {author!r}\ncopyright = author\n"
        "blog_title = html_title = project\nblog_authors = {'auteur': (author, None)}\n"
        f"blog_baseurl = html_baseurl = ogp_site_url = {address!r}"
    )


TEST_BLOG = identity("Le blog d’essai", "Camille Durand")
HOME = (ROOT / "index.md").read_text(encoding="utf-8")


def footer(build: Build, page: str) -> str:
    return build.page(page).select_one(".copyright").get_text(" ", strip=True)


def broken_links(build: Build, page: str) -> list[str]:
    """The internal links and assets of *page* that lead to no file (root-relative ones from the site's root)."""
    broken = []
    for element in build.page(page).find_all(["a", "link", "script", "img", "use"]):
        for attribute in ("href", "src"):
            url = element.get(attribute)
            if not url or urlsplit(url).scheme or url.startswith(("//", "#", "mailto:")):
                continue
            folder = build.html if url.startswith("/") else (build.html / page).parent
            target = folder / unquote(urlsplit(url).path).lstrip("/")
            if not (target.is_file() or (target / "index.html").is_file()):
                broken.append(url)
    return broken


@pytest.fixture(scope="module")
def empty_blog(tmp_path_factory: pytest.TempPathFactory) -> Build:
    build = build_site(
        tmp_path_factory.mktemp("empty"),
        {
            "posts/2099/demain.md": post_source("Un brouillon", date=TOMORROW, tags="secret"),
        },
        conf=TEST_BLOG,
        index=HOME,
    )
    assert build.returncode == 0, build.output
    return build


def test_an_empty_blog_says_so_on_its_home_page(empty_blog: Build):
    home = empty_blog.page("index.html")
    assert home.h1.get_text().rstrip("#¶") == "Le blog d’essai"
    assert home.select_one(".blog-listing-empty").get_text() == "Aucun article pour l’instant."
    assert not home.select(".blog-entry")


@pytest.mark.parametrize("page", ["index.html", "404.html", "blog.html", "search.html"])
def test_every_link_of_an_empty_blog_leads_to_a_file(empty_blog: Build, page: str):
    assert broken_links(empty_blog, page) == []


def test_an_empty_blog_footer_has_no_years_and_the_audit_finds_its_few_pages(empty_blog: Build):
    assert footer(empty_blog, "index.html") == "© Camille Durand"
    assert find_pages(empty_blog.html) == {
        "home": "index.html",
        "all-posts": "blog.html",
        "404": "404.html",
        "subscribe": "blog/abonnement.html",
        "accessibility": "blog/accessibilite.html",
    }


def test_the_footer_spans_the_years_of_the_published_posts(build_test_site: SiteFactory):
    build = build_test_site(
        {
            "posts/2017/ancien.md": post_source("L’ancien", date="2017-03-01"),
            "posts/2026/recent.md": post_source("Le récent", date="2026-01-10"),
            "posts/2099/brouillon.md": post_source("Le brouillon", date=TOMORROW),
        },
        conf=TEST_BLOG,
    )
    assert build.returncode == 0, build.output
    for page in (
        "index.html",
        "posts/2017/ancien.html",
        "blog.html",
        "404.html",
        "search.html",
    ):
        assert footer(build, page) == "© 2017–2026, Camille Durand", page


def test_a_post_of_a_new_year_reaches_every_footer_in_an_incremental_build(tmp_path: Path):
    first = build_site(tmp_path, {"posts/2020/seul.md": post_source("Le seul", date="2020-05-01")}, conf=TEST_BLOG)
    assert first.returncode == 0, first.output
    assert footer(first, "posts/2020/seul.html") == "© 2020, Camille Durand"
    (first.srcdir / "posts/2021").mkdir()
    (first.srcdir / "posts/2021/suite.md").write_text(post_source("La suite", date="2021-02-01"), encoding="utf-8")
    again = make_html(first.srcdir, tmp_path / "build")
    assert again.returncode == 0, again.output
    # The page of the post that did not change is rewritten too (blog_incremental: the archive changed).
    for page in ("posts/2020/seul.html", "index.html", "404.html", "blog/2020.html"):
        assert footer(again, page) == "© 2020–2021, Camille Durand", page


def test_a_fork_is_named_by_its_conf_py_everywhere(build_test_site: SiteFactory):
    build = build_test_site(
        {"posts/2026/premier.md": post_source("Mon premier article", date="2026-02-01", tags="carnet")},
        conf=identity("Mon carnet", "Jeanne Martin", "https://carnet.example/"),
        index=HOME,
    )
    assert build.returncode == 0, build.output
    home = build.page("index.html")
    assert home.h1.get_text().rstrip("#¶") == "Mon carnet"
    assert home.head.title.get_text() == "Mon carnet"
    assert build.page("posts/2026/premier.html").head.title.get_text() == "Mon premier article – Mon carnet"
    assert build.page("search.html").head.title.get_text() == "Recherche – Mon carnet"
    assert build.page("404.html").head.title.get_text() == "Page introuvable – Mon carnet"
    assert feedparser.parse((build.html / "blog/atom.xml").read_bytes()).feed.title == "Mon carnet"
    assert footer(build, "posts/2026/premier.html") == "© 2026, Jeanne Martin"
    # Nothing of the blog this one was copied from: its name, author or address.
    original = load_settings(ROOT)
    names = [original[key].encode() for key in ("project", "author", "blog_baseurl")]
    leaks = [
        path.relative_to(build.html).as_posix()
        for path in build.html.rglob("*")
        if path.is_file() and any(name in path.read_bytes() for name in names)
    ]
    assert leaks == []
