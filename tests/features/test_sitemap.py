"""sitemap.xml lists every page a reader can land on, at its absolute address, posts with their last change."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree

import pytest

from features.conftest import BASEURL, Site

pytestmark = pytest.mark.sphinx("html", testroot="sitemap")

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
#: Pages no search engine should list.
NOT_LISTED = {"search.html", "404.html", "genindex.html"}


def _urls(site: Site) -> dict[str, str | None]:
    """Each address of the sitemap, with its ``<lastmod>`` (None when it has none)."""
    root = ElementTree.fromstring(site.text("sitemap.xml"))
    return {url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod") for url in root.iter(f"{SITEMAP}url")}


def test_every_page_is_listed_once_at_its_absolute_address(site: Site):
    expected = {BASEURL + page for page in site.pages() if page not in NOT_LISTED}
    root = ElementTree.fromstring(site.text("sitemap.xml"))
    listed = [url.findtext(f"{SITEMAP}loc") for url in root.iter(f"{SITEMAP}url")]
    assert sorted(listed) == sorted(expected)
    assert f"{BASEURL}posts/2017/revu.html" in listed and f"{BASEURL}blog/tag/innovation.html" in listed


def test_a_post_s_lastmod_is_its_updated_date_else_its_date(site: Site):
    urls = _urls(site)
    assert urls[f"{BASEURL}posts/2017/revu.html"] == "2018-03-04"
    assert urls[f"{BASEURL}posts/2017/premier.html"] == "2017-11-01"
