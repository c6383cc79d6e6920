"""Furo's hard-coded English labels, translated like every other string.

Furo passes most of its words through gettext, but writes a few in plain
English in its templates: the ``aria-label`` of the theme toggle and of the
sidebar checkboxes, and the ``<title>`` of its SVG icons (« Contents »,
« Light mode »…). Screen readers speak them, so a French site must
translate them. This template bridge (``template_bridge`` in conf.py) is
Sphinx's own template loader, except that it wraps those literal labels of
Furo's templates in ``_()`` as it loads them; the French catalog
(``sphinx_blog_fr/locale/fr/LC_MESSAGES/sphinx_blog_fr.po``, see ``_i18n``) then translates them. Nothing of
Furo is copied: a new Furo keeps working, and any label it adds shows up
untranslated in the tests rather than disappearing.
"""

from __future__ import annotations

import re
from pathlib import Path

import furo
from jinja2 import Environment
from sphinx.jinja2glue import BuiltinTemplateLoader

from sphinx_blog_fr._i18n import translations

FURO_TEMPLATES = Path(furo.THEME_PATH).resolve()

_LITERAL_LABELS = re.compile(r'(?P<open>aria-label="|<title>)(?P<label>[A-Za-z][^"<>{}]*?)(?P<close>"|</title>)')


def translate_literal_labels(source: str) -> str:
    """Wrap every literal ``aria-label`` value and ``<title>`` text of *source* in ``_()``."""
    return _LITERAL_LABELS.sub(lambda match: f"{match['open']}{{{{ _({match['label']!r}) }}}}{match['close']}", source)


class TranslatingTemplateLoader(BuiltinTemplateLoader):
    """Sphinx's template loader, with Furo's literal labels routed through gettext."""

    def get_source(self, environment: Environment, template: str):
        source, filename, uptodate = super().get_source(environment, template)
        if filename and Path(filename).resolve().is_relative_to(FURO_TEMPLATES):
            source = translate_literal_labels(source)
        return source, filename, uptodate

    def init(self, builder, theme=None, dirs=None) -> None:
        super().init(builder, theme, dirs)
        # The blog's catalogs, then the machinery's, then Sphinx's (_i18n).
        self.environment.install_gettext_translations(translations())
