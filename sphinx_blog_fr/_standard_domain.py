"""Sphinx's standard domain forgets a document read for the first time without scanning every label.

Sphinx clears each document from every domain before it reads it; the
standard domain scans all its labels for that document's, and ABlog gives
each post one. At 10,000 posts a clean build spent about a minute in those
scans. The blog's standard domain (``compat.sphinx.QuicklyClearedStandardDomain``)
scans only for the documents that hold entries: a document new to the
environment is forgotten at no cost, an edited or removed one as before.
"""

from __future__ import annotations

from sphinx.application import Sphinx

from sphinx_blog_fr.compat.sphinx import QuicklyClearedStandardDomain, require_standard_tables


def setup(app: Sphinx) -> dict:
    require_standard_tables()
    app.add_domain(QuicklyClearedStandardDomain, override=True)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
