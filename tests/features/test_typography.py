"""French spacing in what a reader sees: U+202F before « ? ! », U+00A0 before « : » and inside « », none in code."""

from __future__ import annotations

import pytest

from features.conftest import Site, words

pytestmark = pytest.mark.sphinx("html", testroot="typography")

NNBSP, NBSP = "\u202f", "\u00a0"
POST = "posts/2017/question.html"


def test_the_title_gets_a_narrow_no_break_space_before_the_question_mark(site: Site):
    page = site.page(POST)
    assert page.h1.get_text().removesuffix("¶") == f"Faut-il innover{NNBSP}?"
    assert page.title.get_text().startswith(f"Faut-il innover{NNBSP}?")


def test_the_text_gets_french_spacing(site: Site):
    paragraphs = [words(paragraph) for paragraph in site.page(POST).select("article p")]
    assert f"Est-ce utile{NNBSP}? Oui{NBSP}: «{NBSP}toujours{NBSP}»{NNBSP}!" in paragraphs


def test_code_is_left_as_typed(site: Site):
    page = site.page(POST)
    assert page.select_one("p code").get_text() == "a ? b"
    assert page.select_one("pre").get_text() == "x = a ? b : c\n"


def test_listings_and_feeds_show_the_spaced_title(site: Site):
    assert f"Faut-il innover{NNBSP}?" in [words(link) for link in site.page("blog.html").select(".blog-entry-title a")]
    assert f"<title>Faut-il innover{NNBSP}?</title>" in site.text("blog/atom.xml")
