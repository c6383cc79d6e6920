"""Sphinx's HTML translators escape text as docutils does, with a shortcut for text with nothing to escape.

``sphinx_blog_fr._html_translators`` gives the builder's translator an
``encode`` that returns a text without ``& < " > @`` as it is: for any text,
it must write what docutils' ``encode`` writes; and the blog's pages, built
with it, show those characters as text.
"""

from __future__ import annotations

import warnings

import pytest
from docutils.frontend import OptionParser
from docutils.utils import new_document
from docutils.writers.html5_polyglot import HTMLTranslator, Writer
from hypothesis import given
from hypothesis import strategies as st

from features.conftest import Site, words
from sphinx_blog_fr._html_translators import QuickEscaping

pytestmark = pytest.mark.sphinx("html", testroot="escaping")


class QuickTranslator(QuickEscaping, HTMLTranslator):
    pass


@pytest.fixture(scope="module")
def translators() -> tuple[HTMLTranslator, HTMLTranslator]:
    with warnings.catch_warnings(action="ignore", category=DeprecationWarning):
        settings = OptionParser(components=(Writer,)).get_default_values()
    document = new_document("essai", settings)
    return HTMLTranslator(document), QuickTranslator(document)


@given(st.text(alphabet=st.sampled_from("&<\">@'éà « » \u00a0\n\tabc;#")) | st.text())
def test_the_quick_escaping_writes_what_docutils_writes(translators, text: str):
    docutils_translator, quick = translators
    assert quick.encode(text) == docutils_translator.encode(text)


def test_the_blogs_translator_is_the_quick_one(site: Site):
    assert issubclass(site.app.builder.get_translator_class(), QuickEscaping)


def test_a_post_shows_the_escaped_characters_as_text(site: Site):
    paragraph = site.page("posts/2020/signes.html").select_one("article section > p")
    # The blog's typography puts a no-break space inside the guillemets.
    assert words(paragraph) == "R&D <b>gras</b> «\u00a0cité\u00a0» contact@essai.example, sans rien à échapper ici."
    assert paragraph.find("b") is None
