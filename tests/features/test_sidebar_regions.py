"""Each folder's sidebar region is rendered once and copied into the folder's other pages, which show
exactly what a full render of their own sidebar shows.

``sphinx_blog_fr._sidebar_regions`` gives a page the region of the first page
of its folder rendered in full, unless the page is a menu page, the 404 page,
or one the sidebar links to. A sidebar with a section of the blog's own
(``_templates/sidebar/vide.html``, empty) is rendered in full on every page:
the same site built so is what each page must show.
"""

from __future__ import annotations

import posixpath
import shutil
from pathlib import Path

import furo
import pytest
from bs4 import BeautifulSoup

from features.conftest import Site, build
from sphinx_blog_fr._sidebar_regions import region_span
from sphinx_blog_fr._state import build_state
from sphinx_blog_fr.commands.benchmark import differing_files
from sphinx_blog_fr.compat import UpstreamChanged

pytestmark = pytest.mark.sphinx("html", testroot="sidebar")


@pytest.fixture(scope="module")
def rendered_in_full(site: Site, tmp_path_factory: pytest.TempPathFactory) -> Site:
    sections = [*site.app.config.html_sidebars["**"], "sidebar/vide.html"]
    built = build("sidebar", tmp_path_factory.mktemp("full"), confoverrides={"html_sidebars": {"**": sections}})
    assert built.warnings == "", built.warnings
    return built


def _regions(site: Site) -> dict[str, str]:
    """Each HTML page's sidebar region."""
    regions = {}
    for page in site.pages():
        html = site.text(page)
        span = region_span(html)
        assert span is not None, page
        regions[page] = html[span[0] : span[1]]
    return regions


def test_every_page_is_what_a_full_render_of_its_sidebar_writes(site: Site, rendered_in_full: Site):
    assert build_state(rendered_in_full.app).sidebar_regions_copied == 0
    assert differing_files(site.outdir, rendered_in_full.outdir) == [".buildinfo"]


def test_every_page_that_shows_its_folders_region_got_it_without_a_render(site: Site):
    kept = {folder: region.html for folder, region in build_state(site.app).sidebar_regions.items()}
    assert {"posts/2017", "blog", "blog/page", "blog/2017"} <= kept.keys()
    showing = [page for page, region in _regions(site).items() if kept.get(posixpath.dirname(page)) == region]
    # The first page of each folder was rendered in full; every other one that shows the region got it copied.
    assert build_state(site.app).sidebar_regions_copied == len(showing) - len(kept) > 10


def test_the_menu_pages_and_the_pages_the_sidebar_links_to_have_their_own(site: Site):
    regions = _regions(site)
    contact = BeautifulSoup(regions["pages/contact.html"], "html.parser")
    assert contact.select_one(".sidebar-blog-menu a[aria-current=page]")["href"] == "#"
    recent = BeautifulSoup(regions["posts/2018/usagers.html"], "html.parser").select("#sidebar-blog-recent + ul a")
    assert "#" in [link["href"] for link in recent]
    assert (
        regions["posts/2017/atelier.html"] == regions["posts/2017/budget.html"] != regions["posts/2017/seminaire.html"]
    )


def test_a_change_of_furos_sidebar_markup_stops_the_build_with_a_french_message(tmp_path: Path, monkeypatch):
    # Furo writes another wrapper around its left_sidebar block: the copied region would not fit the page.
    theme = tmp_path / "furo-theme"
    shutil.copytree(furo.THEME_PATH, theme)
    page = theme / "page.html"
    page.write_text(page.read_text().replace('class="sidebar-container"', 'class="sidebar-container sidebar-box"'))
    monkeypatch.setattr(furo, "THEME_PATH", theme)
    with pytest.raises(UpstreamChanged, match="Furo a changé : page.html n’écrit plus son bloc left_sidebar"):
        build("sidebar", tmp_path / "site")
