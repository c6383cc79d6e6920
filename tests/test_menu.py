"""The pages under pages/ are in every page's sidebar menu, in the order of ``blog_menu``, then by title."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Build, build_site, clean_build_of, make_html, post_source
from test_incremental import tree_differences

PAGES = {
    "pages/a-propos.md": "---\norphan: true\n---\n\n# À propos\n\nQui écrit.\n",
    "pages/contact.md": "---\norphan: true\n---\n\n# Contact\n\nÉcrire.\n",
    "pages/mentions.md": "---\norphan: true\n---\n\n# Mentions légales\n\nL’éditeur.\n",
    "posts/2020/article.md": post_source("Un article"),
}


def menu(build: Build, page: str) -> list[tuple[str, str]]:
    """The menu's (title, target page) on *page*, the targets relative to the output.

    « # » is *page* itself; the 404 page's links start from the site's root.
    """
    base = (build.html / page).parent
    return [
        (link.get_text(), _target(build, base, page, link["href"]))
        for link in build.page(page).select(".sidebar-blog-menu a")
    ]


def _target(build: Build, base, page: str, href: str) -> str:
    if href == "#":
        return page
    if href.startswith("/"):
        return href[1:]
    return (base / href).resolve().relative_to(build.html.resolve()).as_posix()


@pytest.fixture(scope="module")
def ordered(tmp_path_factory: pytest.TempPathFactory) -> Build:
    build = build_site(tmp_path_factory.mktemp("menu"), PAGES, conf='blog_menu = ["pages/contact", "pages/a-propos"]')
    assert build.returncode == 0, build.output
    return build


def test_every_page_shows_the_menu_in_the_set_order_then_the_others_by_title(ordered: Build):
    expected = [
        ("Contact", "pages/contact.html"),
        ("À propos", "pages/a-propos.html"),
        ("Mentions légales", "pages/mentions.html"),
    ]
    for page in ("index.html", "posts/2020/article.html", "pages/contact.html", "blog/archive.html", "404.html"):
        assert menu(ordered, page) == expected, page
    caption = ordered.page("index.html").select_one(".sidebar-blog-menu .caption").get_text(strip=True)
    assert caption == "Pages"


def test_the_current_page_is_marked_in_the_menu(ordered: Build):
    current = ordered.page("pages/contact.html").select(".sidebar-blog-menu a[aria-current=page]")
    assert [link.get_text() for link in current] == ["Contact"]


def test_without_blog_menu_pages_are_sorted_by_title(build_test_site):
    build = build_test_site(PAGES)
    assert build.returncode == 0, build.output
    assert [title for title, _page in menu(build, "index.html")] == ["À propos", "Contact", "Mentions légales"]


def test_a_menu_naming_a_missing_page_is_one_french_error(build_test_site):
    build = build_test_site(PAGES, conf='blog_menu = ["pages/equipe"]')
    assert build.returncode != 0
    assert "blog_menu : « pages/equipe » n’est pas une page du dossier pages/" in build.output
    assert "Traceback" not in build.output


def test_a_site_without_pages_has_no_menu(build_test_site):
    build = build_test_site({"posts/2020/article.md": post_source("Un article")})
    assert build.returncode == 0, build.output
    assert not build.page("index.html").select(".sidebar-blog-menu")


def test_a_page_added_is_in_every_menu_after_an_incremental_build(tmp_path: Path):
    first = build_site(tmp_path / "incremental", PAGES)
    assert first.returncode == 0, first.output
    (first.srcdir / "pages/equipe.md").write_text("---\norphan: true\n---\n\n# Équipe\n\nNous.\n", encoding="utf-8")
    incremental = make_html(first.srcdir, first.html.parent)
    assert incremental.returncode == 0, incremental.output
    assert ("Équipe", "pages/equipe.html") in menu(incremental, "posts/2020/article.html")
    assert tree_differences(incremental.html, clean_build_of(first.srcdir, tmp_path / "clean").html) == []
