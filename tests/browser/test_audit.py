"""``make audit`` weighs one page of each kind of the blog and says which read without JavaScript."""

from __future__ import annotations

from conftest import Build
from sphinx_blog_fr._accessibility_checks import PAGE_TYPES
from sphinx_blog_fr.commands.audit import audit, find_pages, table


def test_the_audit_weighs_every_page_type(site: Build):
    weights = audit(site.html)
    assert [weight.page_type for weight in weights] == list(PAGE_TYPES)
    for weight in weights:
        # The page and at least its stylesheet; gzip shrinks the text.
        assert weight.requests >= 2
        assert 0 < weight.compressed < weight.transferred
    without_javascript = {weight.page_type for weight in weights if weight.works_without_javascript}
    # Only the search page needs JavaScript: Sphinx's search runs in the browser.
    assert without_javascript == set(PAGE_TYPES) - {"search"}
    lines = table(weights).splitlines()
    assert lines[0].split("|")[1].strip() == "page"
    assert len(lines) == 2 + len(PAGE_TYPES)


def test_the_audit_picks_its_pages_from_the_built_blog(site: Build):
    pages = find_pages(site.html)
    assert list(pages) == list(PAGE_TYPES)
    for kind, path in pages.items():
        assert (site.html / path.partition("?")[0]).is_file(), kind
    newest = site.page("index.html").select_one(".blog-entry-title a")["href"]
    assert pages["post"] == newest
