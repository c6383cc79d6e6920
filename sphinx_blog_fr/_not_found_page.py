"""The 404 page rewritten only when what it shows changed.

sphinx-notfound-page renders ``404.html`` on every build, even when nothing
changed. This extension generates the page sphinx-notfound-page asks for
(its ``html_collect_pages``, its listener, called as it is) through
``_incremental``'s ``blog-generated-pages``: the page is left in place when
its context (``notfound_context``, ``notfound_template``) and
``_incremental``'s fingerprints' context (the configuration, the sidebar,
the templates…) are those of the previous build, so an incremental build
leaves it as a clean one writes it.
"""

from __future__ import annotations

import ablog
import notfound.extension
from sphinx.application import Sphinx

from sphinx_blog_fr._incremental import is_unchanged
from sphinx_blog_fr.compat.sphinx import disconnect_listeners


def generate_not_found_page(app: Sphinx) -> list:
    """Return sphinx-notfound-page's 404 page if it changed (``blog-generated-pages``)."""
    pages = notfound.extension.html_collect_pages(app)
    if not ablog.builder_support(app):
        return pages
    return [page for page in pages if not is_unchanged(app, app.builder.get_target_uri(page[0]), page)]


def setup(app: Sphinx) -> dict:
    app.setup_extension("notfound.extension")
    app.setup_extension("sphinx_blog_fr._incremental")
    disconnect_listeners(app, "html-collect-pages", notfound.extension, "html_collect_pages", "sphinx-notfound-page")
    app.connect("blog-generated-pages", generate_not_found_page)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
