"""The shapes of Furo's templates the blog relies on, checked against Furo 2025.12.19.

Furo writes a few labels in plain English in its templates (``aria-label``
values, the ``<title>`` of its icons), and inlines on every page an SVG sprite
(``partials/icons.html``) that its icons reference as ``#svg-…``. Neither is
an API: the blog translates the first and moves the second to one file.
"""

from __future__ import annotations

import re
from pathlib import Path

import furo
from jinja2 import Environment

from sphinx_blog_fr.compat import require

DISTRIBUTION = "furo"
#: The Furo releases these shapes were read in: [low, below).
CHECKED = ("2025.12.19", "2026")

TEMPLATES = Path(furo.THEME_PATH).resolve()
#: Furo's own sprite template ("!" skips templates_path, where the blog empties it).
ICON_SPRITE_TEMPLATE = "!partials/icons.html"
#: The start of an icon's reference to Furo's inline sprite, quoted or not (_minify drops the quotes).
ICON_REFERENCE = re.compile(r"""(<use\s[^>]*?\bhref=)(["']?)#(?=svg-)""")

_LITERAL_LABELS = re.compile(r'(?P<open>aria-label="|<title>)(?P<label>[A-Za-z][^"<>{}]*?)(?P<close>"|</title>)')

#: The literal labels the blog's catalog translates, by the Furo template that writes them.
KNOWN_LABELS = {
    "page.html": (
        "Toggle Light / Dark / Auto color theme",
        "Toggle site navigation sidebar",
        "Toggle table of contents sidebar",
        "On Read the Docs",
        "On GitHub",
    ),
    "partials/icons.html": (
        "Contents",
        "Menu",
        "Expand",
        "Light mode",
        "Dark mode",
        "Auto light/dark, in light mode",
        "Auto light/dark, in dark mode",
    ),
}


def is_furo_template(filename: str | None) -> bool:
    """Whether *filename* is one of Furo's own templates."""
    return bool(filename) and Path(filename).resolve().is_relative_to(TEMPLATES)


def translate_literal_labels(source: str) -> str:
    """Wrap every literal ``aria-label`` value and ``<title>`` text of *source* in ``_()``."""
    return _LITERAL_LABELS.sub(lambda match: f"{match['open']}{{{{ _({match['label']!r}) }}}}{match['close']}", source)


def require_known_labels() -> None:
    """Check that Furo's templates still write, in the shape the blog translates, the labels its catalog knows."""
    for template, labels in KNOWN_LABELS.items():
        path = TEMPLATES / template
        found = (
            {match["label"] for match in _LITERAL_LABELS.finditer(path.read_text(encoding="utf-8"))}
            if path.is_file()
            else set()
        )
        missing = [label for label in labels if label not in found]
        require(not missing, "Furo", f"{template} n’écrit plus les libellés « {' », « '.join(missing)} »")


def render_icon_sprite(environment: Environment) -> str:
    """Return Furo's SVG sprite as its own template renders it."""
    sprite = environment.get_template(ICON_SPRITE_TEMPLATE).render()
    require('id="svg-' in sprite, "Furo", "partials/icons.html n’écrit plus de symboles « svg-… »")
    return sprite


def point_icons_at(icon_file_url: str, html: str) -> str:
    """Return *html* with every ``<use href="#svg-…">`` pointing into *icon_file_url*."""
    return ICON_REFERENCE.sub(lambda match: f"{match[1]}{match[2]}{icon_file_url}#", html)
