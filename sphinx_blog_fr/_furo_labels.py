"""Furo's hard-coded English labels, translated like every other string.

Furo passes most of its words through gettext, but writes a few in plain
English in its templates: the ``aria-label`` of the theme toggle and of the
sidebar checkboxes, and the ``<title>`` of its SVG icons (« Contents »,
« Light mode »…). Screen readers speak them, so a French site must
translate them. This template bridge (``template_bridge`` in conf.py) is
the machinery's template loader (``_rendered_pages``), except that it wraps those literal labels of
Furo's templates in ``_()`` as it loads them; the French catalog
(``sphinx_blog_fr/locale/fr/LC_MESSAGES/sphinx_blog_fr.po``, see ``_i18n``) then translates them. Nothing of
Furo is copied: a new Furo keeps working, and any label it adds shows up
untranslated in the tests rather than disappearing.
"""

from __future__ import annotations

from jinja2 import Environment

from sphinx_blog_fr._i18n import translations
from sphinx_blog_fr._rendered_pages import PageTransformingLoader
from sphinx_blog_fr.compat.furo import is_furo_template, require_known_labels, translate_literal_labels


class TranslatingTemplateLoader(PageTransformingLoader):
    """Sphinx's template loader, with Furo's literal labels routed through gettext."""

    def get_source(self, environment: Environment, template: str):
        source, filename, uptodate = super().get_source(environment, template)
        if is_furo_template(filename):
            source = translate_literal_labels(source)
        return source, filename, uptodate

    def init(self, builder, theme=None, dirs=None) -> None:
        if theme is not None and any(is_furo_template(folder) for folder in theme.get_theme_dirs()):
            require_known_labels()
        super().init(builder, theme, dirs)
        # The blog's catalogs, then the machinery's, then Sphinx's (_i18n).
        self.environment.install_gettext_translations(translations())
