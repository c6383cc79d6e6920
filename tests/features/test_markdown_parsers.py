"""MyST's Markdown parser built once per build (``_markdown_parsers``), and nothing of one post left in it for the next.

The site's posts are read in order: the first with the site's MyST options,
the second with its own (``myst: disable_syntax: [emphasis]``), the third
with the site's again: « *mot* » is emphasised in the first and the third only.
The first defines a link reference and a footnote; the third uses the same
reference without defining it, which must stay text.
"""

from __future__ import annotations

import pytest

from features.conftest import words

pytestmark = pytest.mark.sphinx("html", testroot="markdown-parsers")


def sentence(site, post: str):
    return next(p for p in site.page(f"posts/2020/{post}.html").find_all("p") if "mis en valeur" in p.get_text())


def test_each_post_is_read_with_its_own_myst_options(site):
    for post in ("a-premier", "c-dernier"):
        assert str(sentence(site, post).em) == "<em>mot</em>", post
    assert sentence(site, "b-options").em is None
    assert words(sentence(site, "b-options")) == "Un *mot* mis en valeur."


def test_a_link_reference_of_one_post_does_not_reach_the_next(site):
    first = site.page("posts/2020/a-premier.html")
    assert first.find("a", href="https://guide.example/") is not None
    assert "Une note du premier billet." in first.get_text()
    last = site.page("posts/2020/c-dernier.html")
    assert last.find("a", href="https://guide.example/") is None
    assert "Une note du premier billet." not in last.get_text()
