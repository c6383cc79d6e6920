"""« 4 min de lecture » in each post's metadata line, from the words of its text.

Readers of PaperMod or Quarto blogs expect to know how long a post takes to
read. The post's words are counted in its doctree as Sphinx read it (its
title, text, captions, code; no markup), a word being a run of letters or
digits, with its apostrophes and hyphens (« l’innovation », « peut-être »:
one word each), and divided by :data:`WORDS_PER_MINUTE`, a usual silent
reading speed for French prose, rounded up, never under one minute. The
template ``blog/post-meta.html`` shows ``blog_reading_minutes``.

A post's reading time depends only on its own text: it is rewritten
whenever its source is, and incremental builds need nothing more.
"""

from __future__ import annotations

import math
import re

import ablog
from ablog.blog import Blog
from docutils import nodes
from sphinx.application import Sphinx

#: Words an adult reads in a minute in French (silent reading of prose).
WORDS_PER_MINUTE = 230
WORD = re.compile(r"\w+(?:[’'\-]\w+)*")


def reading_minutes(doctree: nodes.Node) -> int:
    """Return the minutes needed to read *doctree*'s text at :data:`WORDS_PER_MINUTE`, at least one."""
    words = len(WORD.findall(doctree.astext()))
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


def _add_reading_time(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if doctree is None or not ablog.builder_support(app) or pagename not in Blog(app).posts:
        return
    context["blog_reading_minutes"] = reading_minutes(doctree)


def setup(app: Sphinx) -> dict:
    app.setup_extension("ablog")
    app.connect("html-page-context", _add_reading_time)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
