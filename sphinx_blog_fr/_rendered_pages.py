"""The one way the local extensions change a page's final HTML.

Sphinx writes each page as its template bridge renders it, and no Sphinx event
sees the rendered HTML. The extensions that must change it (blog_minify,
furo_icon_file) register a function here when the builder starts; each page
then passes through every registered function, in the order of
``extensions`` in conf.py. If Sphinx adds such an event, this module is the
one place to move to it.
"""

from __future__ import annotations

from collections.abc import Callable

from sphinx.application import Sphinx

#: A change to a rendered page: it takes the page's HTML and its template context, and returns the new HTML.
PageTransform = Callable[[str, dict], str]


def transform_rendered_pages(app: Sphinx, transform: PageTransform) -> None:
    """Pass every HTML page the builder renders through *transform* (call it on ``builder-inited``)."""
    templates = getattr(app.builder, "templates", None)
    if templates is None or app.builder.format != "html":
        return
    render = templates.render
    templates.render = lambda template, context: transform(render(template, context), context)
