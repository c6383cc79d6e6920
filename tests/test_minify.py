"""Pages are minified with their CSS, and minify-html's CSS pass runs only where it changes something.

``sphinx_blog_fr._minify`` skips minify-html's CSS pass on a page without a
``<style>`` element or a ``style`` attribute (every page of the blog): the
result must be what the pass would have given, on any markup.
"""

from __future__ import annotations

import minify_html
from hypothesis import given
from hypothesis import strategies as st

from conftest import build_site, post_source
from sphinx_blog_fr._minify import MINIFY_OPTIONS, minify

PIECES = [
    "<p>",
    "</p>",
    "<span",
    "<div",
    ">",
    "</span>",
    "</div>",
    ' style="color :  teal ;"',
    "\nSTYLE = 'margin : 0 '",
    ' class="a  b"',
    "<style>p {  color : red ; }</style>",
    "<STYLE type=text/css>a { b : c }</STYLE>",
    "style=",
    "texte",
    " ",
    "\n  ",
    "<pre>  a  </pre>",
]


@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_minifying_gives_what_minify_html_gives_with_its_css_pass(html: str):
    assert minify(html) == minify_html.minify(html, **MINIFY_OPTIONS, minify_css=True)


def test_a_post_s_own_style_attribute_is_minified_with_the_page(tmp_path):
    body = 'Un mot <span style="color :  teal ;">en couleur</span>.'
    build = build_site(tmp_path, {"posts/2020/couleur.md": post_source("En couleur", date="2020-02-02", body=body)})
    assert build.returncode == 0, build.output
    page = (build.html / "posts/2020/couleur.html").read_text(encoding="utf-8")
    assert "<span style=color:teal>en couleur</span>" in page
