"""OpenGraph tags: a post is an article that shares its first image; other pages are the website."""

from __future__ import annotations

import html

import pytest
from markupsafe import Markup

from features.conftest import BASEURL, Site
from sphinx_blog_fr._opengraph import _text

pytestmark = pytest.mark.sphinx("html", testroot="opengraph")


def _og(site: Site, page: str) -> dict[str, str]:
    return {tag["property"]: tag["content"] for tag in site.page(page).select("meta[property^='og:']")}


def test_a_post_is_an_article_sharing_its_own_image(site: Site):
    tags = _og(site, "posts/2017/photo.html")
    assert tags["og:type"] == "article"
    assert tags["og:url"] == f"{BASEURL}posts/2017/photo.html"
    assert tags["og:title"] == "Avec photo"
    assert tags["og:image"] == f"{BASEURL}_images/carre.png"
    assert (site.outdir / "_images/carre.png").read_bytes() == (site.app.srcdir / "posts/2017/carre.png").read_bytes()
    assert (tags["og:image:width"], tags["og:image:height"], tags["og:image:alt"]) == ("320", "200", "Un carré bleu")
    assert tags["og:locale"] == "fr_FR"


def test_the_home_page_is_the_website_sharing_the_blog_s_picture(site: Site):
    tags = _og(site, "index.html")
    assert tags["og:type"] == "website"
    assert tags["og:image"].startswith(f"{BASEURL}_static/")
    assert (site.outdir / tags["og:image"].removeprefix(BASEURL)).is_file()
    assert (tags["og:image:width"], tags["og:image:height"], tags["og:image:alt"]) == ("1200", "630", "Partage")


@pytest.mark.parametrize(
    ("title", "text"),
    [
        (Markup("Articles de l'équipe"), "Articles de l'équipe"),
        (Markup("C++ &amp; <em>HTML</em>"), "C++ & HTML"),
        ("Bilan\u00a0: «\u00a0oui\u00a0»", "Bilan\u00a0: «\u00a0oui\u00a0»"),
        ("\u00a0", ""),
        ("a\rb", "a\nb"),
    ],
)
def test_a_page_title_is_shared_as_the_text_a_browser_shows_escaped_once(title: str, text: str):
    # Most titles take a shortcut past lxml's parser: the text must be the same, and a plain str
    # (Markup's methods, html.escape's among them, would escape the escaped title again).
    assert (_text(title), html.escape(_text(title))) == (text, html.escape(text))
