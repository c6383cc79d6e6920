"""The search index holds every word of every page once, however often a text repeats it.

``AccentInsensitiveFrenchSearch.split`` gives each text's distinct words,
in the order they first appear: Sphinx stems and filters each word it is
given, and a word's pages are a set.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sphinx.search.fr import SearchFrench

from features.conftest import Site
from sphinx_blog_fr._search import AccentInsensitiveFrenchSearch

pytestmark = pytest.mark.sphinx("html", testroot="sidebar")


@given(st.lists(st.sampled_from(["le", "billet", "Billet", "été", "ete", "42", "l’été", "ça"]) | st.text()))
def test_a_text_is_split_into_its_distinct_words_in_their_order(pieces: list[str]):
    text = " ".join(pieces)
    words = SearchFrench({}).split(text)
    distinct = AccentInsensitiveFrenchSearch({}).split(text)
    assert sorted(set(distinct)) == sorted(set(words)) and len(distinct) == len(set(distinct))
    assert distinct == sorted(distinct, key=words.index)


def test_a_word_repeated_in_a_text_reaches_every_page_that_holds_it(site: Site):
    script = site.text("searchindex.js")
    index = json.loads(script[script.index("(") + 1 : script.rindex(")")])
    posts = [number for number, docname in enumerate(index["docnames"]) if docname.startswith("posts/")]
    # « Texte du billet atelier, un texte court. »: every post, once each.
    assert index["terms"]["text"] == posts
