"""The one way the local extensions change a page's final HTML.

Sphinx writes each page as its template bridge renders it, and no Sphinx event
sees the rendered HTML. The extensions that must change it (_minify,
_icon_file) register a function here when the builder starts; the
machinery's template bridge (:class:`PageTransformingLoader`, Sphinx's own
loader with ``render`` extended, its public API) then passes each page through
every registered function, in the order of ``extensions`` in conf.py. If
Sphinx adds such an event, this module is the one place to move to it.
"""

from __future__ import annotations

from collections.abc import Callable

from sphinx.application import Sphinx
from sphinx.jinja2glue import BuiltinTemplateLoader
from sphinx.util import logging

logger = logging.getLogger(__name__)

#: A change to a rendered page: it takes the page's HTML and its template context, and returns the new HTML.
PageTransform = Callable[[str, dict], str]


class PageTransformingLoader(BuiltinTemplateLoader):
    """Sphinx's template loader, passing each rendered page through the registered transforms."""

    def init(self, builder, theme=None, dirs=None) -> None:
        super().init(builder, theme, dirs)
        self.page_transforms: list[PageTransform] = []

    def render(self, template: str, context: dict) -> str:
        html = super().render(template, context)
        for transform in self.page_transforms:
            html = transform(html, context)
        return html


def transform_rendered_pages(app: Sphinx, transform: PageTransform) -> None:
    """Pass every HTML page the builder renders through *transform* (call it on ``builder-inited``)."""
    templates = getattr(app.builder, "templates", None)
    if templates is None or app.builder.format != "html":
        return
    if not isinstance(templates, PageTransformingLoader):
        logger.warning(
            "template_bridge (%s) ne dérive pas de %s.PageTransformingLoader : les pages ne sont ni allégées ni minifiées",
            type(templates).__name__,
            __name__,
            type="blog",
            subtype="template_bridge",
        )
        return
    templates.page_transforms.append(transform)
