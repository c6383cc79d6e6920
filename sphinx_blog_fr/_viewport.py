"""One ``<meta name="viewport">`` on each page, not two.

docutils' HTML5 writer adds a viewport tag to every document it writes, and
Sphinx (9.0) hands it to the template among the page's ``metatags``
(sphinx-doc/sphinx#11699), after the one Furo's ``base.html`` writes itself:
each post and page said it twice, 65 KB at 1,000 posts. This extension takes
docutils' tag out of ``metatags``; Furo's stays. Generated pages (listings)
have no document, hence Furo's tag only.
"""

from __future__ import annotations

from sphinx.application import Sphinx

#: The tag docutils' HTML5 writer (0.22) adds to a document's meta tags; Furo's says the same.
DOCUTILS_VIEWPORT = '<meta name="viewport" content="width=device-width, initial-scale=1" />\n'


def drop_docutils_viewport(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Remove docutils' viewport tag from the page's ``metatags`` (``html-page-context``)."""
    if "metatags" in context:
        context["metatags"] = str(context["metatags"]).replace(DOCUTILS_VIEWPORT, "")


def setup(app: Sphinx) -> dict:
    app.connect("html-page-context", drop_docutils_viewport)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
