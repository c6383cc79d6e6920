"""The search index's French stems come from PyStemmer, and are the stems the search page computes.

Sphinx stems each word of the index with ``snowballstemmer``, which hands
the work to PyStemmer (C) when it is installed; the reader's query is stemmed
in the page by Sphinx's JavaScript Snowball stemmer. A word whose two stems
differed could never be found, so the test stems the same words both ways,
with Node running the page's own script.
"""

from __future__ import annotations

import json
import shutil
import subprocess

from hypothesis import given, settings
from hypothesis import strategies as st
from sphinx.search.fr import SearchFrench

from sphinx_blog_fr.compat.sphinx import snowball_stemmer_script

FRENCH_LETTERS = "abcdefghijklmnopqrstuvwxyzàâæçéèêëîïôœùûüÿ"
PAGE_STEMMER = """
const words = JSON.parse(require("fs").readFileSync(0, "utf8"));
const stemmer = new FrenchStemmer();
process.stdout.write(JSON.stringify(words.map((word) => stemmer.stemWord(word))));
"""


def _index_stems(words: list[str]) -> list[str]:
    return [SearchFrench({}).stem(word) for word in words]


def _page_stems(words: list[str]) -> list[str]:
    script = snowball_stemmer_script("base-stemmer") + snowball_stemmer_script("french-stemmer") + PAGE_STEMMER
    node = shutil.which("node")
    assert node, "Node (installé avec npm, que make test demande) est introuvable"
    result = subprocess.run([node, "-e", script], input=json.dumps(words), capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def test_the_index_stems_french_with_pystemmer():
    assert type(SearchFrench({}).stemmer).__module__ == "Stemmer"


def test_the_index_and_the_search_page_stem_the_blog_s_words_alike():
    words = ["continuer", "lecture", "innovations", "publique", "l’administration", "expérimentations", "élégamment"]
    assert _index_stems(words) == _page_stems(words)


@settings(max_examples=15, deadline=None)
@given(st.lists(st.text(FRENCH_LETTERS, min_size=1, max_size=20), min_size=1, max_size=200))
def test_the_index_and_the_search_page_stem_any_french_word_alike(words: list[str]):
    assert _index_stems(words) == _page_stems(words)
