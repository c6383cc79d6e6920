"""Search results a reader can read, on a small test site searched in Chromium.

The pages are minified (blog_minify), so no whitespace separates their block
elements, and Sphinx's summaries took the page's text from its title on: they
read « …innovationPublié le… ». Searching « numerique » (no accent, as on a
phone) must show, under each result, the post's own text, its words apart,
the query highlighted whatever its accents (_static/blog-search-summaries.js).
The last test searches the real blog the same way, whatever its posts.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from conftest import Build, build_site, post_source
from sphinx_blog_fr.commands.audit import DESKTOP, serve

pytestmark = pytest.mark.browser

TITLE = "Le numérique et l’innovation"
#: The post's text: a heading and a list glue to their neighbours once minified.
BODY = (
    "Premier paragraphe sur le numérique public.\n\n"
    "## Les réseaux\n\n"
    "- Une liste\n- de mots\n\n"
    "Dernier paragraphe, encore numérique."
)


@pytest.fixture(scope="module")
def searched_blog(tmp_path_factory: pytest.TempPathFactory) -> Build:
    build = build_site(
        tmp_path_factory.mktemp("search"),
        {
            "posts/2020/numerique.md": post_source(TITLE, tags="Numérique", body=BODY),
            "posts/2020/autre.md": post_source("Autre chose", date="2020-02-01", body="Rien à voir."),
        },
    )
    assert build.returncode == 0, build.output
    return build


@pytest.fixture
def search_page(browser: Browser, searched_blog: Build) -> Iterator[Page]:
    with serve(searched_blog.html) as address:
        context = browser.new_context(viewport=DESKTOP, base_url=address, locale="fr-FR")
        context.set_default_timeout(10_000)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto("search.html?q=numerique")
        yield page
        context.close()
        assert not errors, errors


def test_search_summaries_are_the_posts_text_with_words_apart(search_page: Page):
    result = search_page.locator("#search-results li").filter(has_text=TITLE)
    summary = result.locator("p.context")
    summary.wait_for()
    text = summary.inner_text()
    # The post's text, not its title nor its « Publié le … » line.
    assert text.startswith("Premier paragraphe sur le numérique public. Les réseaux Une liste de mots"), text
    assert "Publié" not in text and TITLE not in text
    assert "public.Les" not in text and "réseauxUne" not in text
    # The accentless query is highlighted in the page's own spelling.
    assert summary.locator(".highlighted").all_inner_texts() == ["numérique", "numérique"]


def test_the_pages_are_still_minified(searched_blog: Build):
    html = (searched_blog.html / "posts/2020/numerique.html").read_text(encoding="utf-8")
    assert "</p>\n" not in html and "</h1> " not in html


def test_search_summaries_on_the_blog_are_readable(reader):
    """The same on the real blog, whatever its posts: no summary starts with its title or shows the metadata."""
    page = reader.page
    page.goto("search.html?q=numerique")
    results = page.locator("#search-results li")
    results.first.locator("p.context").wait_for()
    page.wait_for_function(
        "[...document.querySelectorAll('#search-results li')].every(li => li.querySelector('p.context'))"
    )
    for item in results.all():
        title, summary = item.locator("a").first.inner_text(), item.locator("p.context").inner_text()
        assert not summary.startswith(title), summary
        assert "Publié le" not in summary and "Étiquettes" not in summary, summary
    assert page.locator("#search-results p.context .highlighted").count() >= 1
