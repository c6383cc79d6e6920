"""French search that forgives missing accents.

Sphinx's French search (``sphinx.search.fr``) stems words with Snowball's
French stemmer, in Python when it indexes the pages and in JavaScript when it
reads the reader's query. That stemmer keeps accents, so a reader who types
« universite » or « reseau », as many do on a phone, finds nothing about
« université » or « réseaux ». This extension registers, for ``language =
"fr"``, the same search with one step added on both sides: words are folded
before they are stemmed (accents dropped, « œ » and « æ » spelled out), so a
query with or without accents reaches the same index entries, and plurals
still meet their singular through the stemmer.

Each text is split into its distinct words: Sphinx stems and filters every
word it is given, and a word's second time in a paragraph changes nothing in
the index (about a quarter of the words of the benchmark's posts).

Folding before stemming costs a few feminine forms the stemmer recognises by
their accents (« dernière » no longer meets « dernier »): a query still finds
the exact form it types.
"""

from __future__ import annotations

import unicodedata

from sphinx.application import Sphinx
from sphinx.search.fr import SearchFrench

from sphinx_blog_fr.compat.sphinx import require_search_summary_hook, snowball_stemmer_script

_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae"})

# The same folding as fold(), for the reader's query in the browser.
_FOLDING_STEMMER_JS = """
window.Stemmer = function () {
  const french = new FrenchStemmer();
  this.stemWord = (word) => french.stemWord(
    word.toLowerCase().normalize("NFD").replace(/\\p{Mn}/gu, "").replace(/œ/g, "oe").replace(/æ/g, "ae"),
  );
};
"""


def fold(word: str) -> str:
    """Return *word* in lower case, without accents, with « œ » and « æ » spelled out."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    return "".join(char for char in decomposed if unicodedata.category(char) != "Mn").translate(_LIGATURES)


class AccentInsensitiveFrenchSearch(SearchFrench):
    """Sphinx's French search, on words folded by :func:`fold` before they are stemmed."""

    # Sphinx inlines js_stemmer_code only when there is no js_stemmer_rawcode.
    js_stemmer_rawcode = ""

    @property
    def js_stemmer_code(self) -> str:
        return "\n".join(
            (
                snowball_stemmer_script("base-stemmer"),
                snowball_stemmer_script("french-stemmer"),
                _FOLDING_STEMMER_JS,
            )
        )

    def __init__(self, options: dict[str, str]) -> None:
        super().__init__(options)
        # Sphinx remembers stems page by page only; a blog's words recur from post
        # to post, and stemming them again was a quarter of a clean build.
        self._stems: dict[str, str] = {}

    def split(self, input: str) -> list[str]:
        # Each word maps to the set of pages that hold it: a word twice in one text adds nothing to the index.
        return list(dict.fromkeys(super().split(input)))

    def stem(self, word: str) -> str:
        if word not in self._stems:
            self._stems[word] = super().stem(fold(word))
        return self._stems[word]


def setup(app: Sphinx) -> dict:
    app.add_search_language(AccentInsensitiveFrenchSearch)
    # The search page's readable summaries (templates/search.html) replace a function of Sphinx's script.
    require_search_summary_hook()
    return {"parallel_read_safe": True, "parallel_write_safe": True}
