"""The shapes of Furo's templates the blog relies on, checked against Furo 2025.12.19.

Furo writes a few labels in plain English in its templates (``aria-label``
values, the ``<title>`` of its icons), inlines on every page an SVG sprite
(``partials/icons.html``) that its icons reference as ``#svg-…``, and a
``<style>`` of its code colours and css variables
(``partials/_head_css_variables.html``, the ``theme_styles`` block of
``base.html``), computed for each page by its ``html-page-context`` listener
(``furo_pygments``). None is an API: the blog translates the first and moves
the other two to one file each. It also copies a folder's sidebar region
(``<aside class="sidebar-drawer">``, around the ``left_sidebar`` block of
``page.html``) from page to page, as minify-html writes it.
"""

from __future__ import annotations

import re
from pathlib import Path

import furo
from jinja2 import Environment
from sphinx.application import Sphinx

from sphinx_blog_fr.compat import require

DISTRIBUTION = "furo"
#: The Furo releases these shapes were read in: [low, below).
CHECKED = ("2025.12.19", "2026")

TEMPLATES = Path(furo.THEME_PATH).resolve()
#: Furo's own sprite template ("!" skips templates_path, where the blog empties it).
ICON_SPRITE_TEMPLATE = "!partials/icons.html"
#: The start of an icon's reference to Furo's inline sprite, quoted or not (_minify drops the quotes).
ICON_REFERENCE = re.compile(r"""(<use\s[^>]*?\bhref=)(["']?)#(?=svg-)""")

#: The start and end of Furo's sidebar region (page.html), as minify-html writes them.
SIDEBAR_START, SIDEBAR_END = "<aside class=sidebar-drawer>", "</aside>"
#: What page.html writes around its left_sidebar block, in the region, as minify-html writes it.
LEFT_SIDEBAR_WRAPPER = ("<div class=sidebar-container>", "</div>")

#: Furo's <style> of code colours and css variables, included by base.html's block theme_styles.
CSS_VARIABLES_TEMPLATE = "partials/_head_css_variables.html"
_THEME_STYLES_BLOCK = re.compile(
    r'{%-?\s*block theme_styles\s*-?%}\s*{%-?\s*include "partials/_head_css_variables.html" with context\s*-?%}'
    r"\s*{%-?\s*endblock\s*-?%}"
)
_STYLE_ELEMENT = re.compile(r"\s*<style>[^<]*</style>\s*")

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


def require_css_variables_block() -> None:
    """Check that Furo's base.html writes its css variables' ``<style>`` in block ``theme_styles``, and only it."""
    source = (TEMPLATES / "base.html").read_text(encoding="utf-8")
    require(
        _THEME_STYLES_BLOCK.search(source) is not None,
        "Furo",
        f"base.html n’inclut plus {CSS_VARIABLES_TEMPLATE} seul dans le bloc theme_styles",
    )


def code_colors(app: Sphinx) -> dict:
    """Return ``furo_pygments``, the code blocks' light and dark colours, as Furo's page listener computes it.

    Furo computes it, the same for every page, from ``pygments_style`` and
    ``pygments_dark_style`` (with its fallbacks); its listener is called here
    on a context of its own, a page without address, which it leaves alone.
    """
    context = {"pageurl": None}
    furo._html_page_context(app, app.config.root_doc, "page.html", context, None)
    colors = context.get("furo_pygments")
    require(
        isinstance(colors, dict)
        and sorted(colors) == ["dark", "light"]
        and all(sorted(pair) == ["background", "foreground"] for pair in colors.values()),
        "Furo",
        "son écouteur html-page-context ne donne plus furo_pygments (couleurs claires et sombres du code)",
    )
    return colors


def render_css_variables(environment: Environment, context: dict) -> str:
    """Return the ``<style>`` element Furo's partials/_head_css_variables.html writes in *context*, as it renders it."""
    style = environment.get_template(CSS_VARIABLES_TEMPLATE).render(context)
    require(
        _STYLE_ELEMENT.fullmatch(style) is not None,
        "Furo",
        f"{CSS_VARIABLES_TEMPLATE} n’écrit plus un seul élément <style>",
    )
    return style.strip()


def replace_sidebar_region(html: str, left_sidebar: str, region: str) -> str:
    """Return the minified page *html* with the sidebar region whose ``left_sidebar`` block wrote
    *left_sidebar* replaced by *region*; stop if the page has no such region, or more than one."""
    written = f"{SIDEBAR_START}{LEFT_SIDEBAR_WRAPPER[0]}{left_sidebar}{LEFT_SIDEBAR_WRAPPER[1]}{SIDEBAR_END}"
    require(
        html.count(written) == 1,
        "Furo",
        'page.html n’écrit plus son bloc left_sidebar dans <aside class="sidebar-drawer">'
        '<div class="sidebar-container">…</div></aside>',
    )
    return html.replace(written, region)
