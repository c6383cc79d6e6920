"""The sphinxext-opengraph function the blog calls, checked against sphinxext-opengraph 0.13.0.

sphinxext-opengraph writes a page's tags only for pages with a doctree; the
blog has it write those of its generated listing pages through ``get_tags``,
which it does not document.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable

import sphinxext.opengraph
from docutils.utils import new_document
from sphinx.application import Sphinx

from sphinx_blog_fr.compat import require

DISTRIBUTION = "sphinxext-opengraph"
#: The sphinxext-opengraph releases this function was read in: [low, below).
CHECKED = ("0.13", "0.14")

#: The arguments ``get_tags`` takes, after the page's context and doctree.
_GET_TAGS_KEYWORDS = ("srcdir", "outdir", "config", "builder", "env")


@functools.cache
def _takes_blog_keywords(get_tags: Callable) -> bool:
    """Whether *get_tags* takes the arguments the blog passes; read once per function, not once per page."""
    parameters = inspect.signature(get_tags).parameters
    return all(name in parameters for name in _GET_TAGS_KEYWORDS)


def tags_of_page_without_doctree(app: Sphinx, context: dict) -> str:
    """Return the OpenGraph tags sphinxext-opengraph writes for a page, for one that has no doctree."""
    get_tags = getattr(sphinxext.opengraph, "get_tags", None)
    require(
        callable(get_tags) and _takes_blog_keywords(get_tags), "sphinxext-opengraph", "get_tags(context, doctree, …)"
    )
    return get_tags(
        context,
        new_document("", app.builder.docsettings),
        srcdir=app.srcdir,
        outdir=app.outdir,
        config=app.config,
        builder=app.builder,
        env=app.env,
    )
