"""Sphinx's HTML translators, made and run without work docutils does for nothing on a Sphinx page.

Sphinx makes a translator for each page, its title and its table of contents,
and the blog one for each excerpt and feed entry: 4,183 at 1,000 posts
(``make bench``). Two things docutils' HTML writer does there change nothing
on the blog's pages:

* **Its own stylesheets.** Each new translator looks for ``minimal.css`` and
  ``plain.css`` on the disk (``stylesheet_path``, ``stylesheet_dirs``) and
  writes their links, for a standalone docutils page; Sphinx's pages take
  their styles from the theme and never show them (0.35 s). This extension
  empties ``stylesheet_path`` in the settings Sphinx makes its translators
  with (``compat.sphinx.set_translator_setting``).
* **Escaping text with nothing to escape.** ``encode`` passes every text and
  attribute through ``str.translate`` with a table of the five characters it
  escapes (``& < " > @``), character by character, though French prose rarely
  holds one (0.6 s). The builder's translator class gets a subclass
  (``app.set_translator``) whose ``encode`` returns a text without any of them
  as it is, and escapes any other as docutils does.
"""

from __future__ import annotations

import re
from functools import cache

from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder

from sphinx_blog_fr.compat.sphinx import set_translator_setting


@cache
def _escaped_character(special_characters: tuple[int, ...]) -> re.Pattern:
    """A search for any of the characters *special_characters* (code points)."""
    return re.compile("[" + re.escape("".join(map(chr, special_characters))) + "]")


class QuickEscaping:
    """Put before a docutils HTML translator class: ``encode`` returns text without a character to escape as it is."""

    def encode(self, text) -> str:
        text = str(text)
        if _escaped_character(tuple(self.special_characters)).search(text) is None:
            return text
        return super().encode(text)


def _translate_cheaply(app: Sphinx) -> None:
    builder = app.builder
    if not isinstance(builder, StandaloneHTMLBuilder):
        return
    set_translator_setting(app, "stylesheet_path", "")
    translator = builder.get_translator_class()
    if not issubclass(translator, QuickEscaping):
        quick = type(translator.__name__, (QuickEscaping, translator), {"__module__": __name__})
        app.set_translator(builder.name, quick, override=True)


def setup(app: Sphinx) -> dict:
    app.connect("builder-inited", _translate_cheaply)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
