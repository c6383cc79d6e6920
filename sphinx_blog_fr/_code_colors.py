"""Furo's code colours in the blog's style sheet, once, not in a ``<style>`` on every page.

Furo writes in the ``<head>`` of every page a ``<style>``
(``partials/_head_css_variables.html``, block ``theme_styles`` of its
``base.html``) that sets the code blocks' background and foreground, light and
dark (from ``pygments_style`` and ``pygments_dark_style``), and the theme's
``light_css_variables`` and ``dark_css_variables``: the same 317 bytes on
every page, 0.6 MB at 1,000 posts. The machinery's style sheet is a static
template, ``static/blog.css_t``, which Sphinx renders once per build into
``_static/blog.css``; it ends with ``blog_furo_css_variables()``: Furo's own
template rendered with Furo's own colours (``compat.furo``), minified as
``_minify`` minified it on the pages, without its ``<style>`` tags. The
machinery's ``page.html`` then leaves the block empty. ``blog.css`` is the
last style sheet Furo's pages load, just before where the ``<style>`` was, so
every rule applies as before; the 404 and search pages extend ``page.html``.

A blog whose ``html_static_path`` holds its own ``blog.css`` (or
``blog.css_t``) replaces the machinery's: its pages keep Furo's ``<style>``.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup
from sphinx.application import Sphinx

from sphinx_blog_fr._defaults import STATIC, STYLE_SHEET
from sphinx_blog_fr._minify import minify
from sphinx_blog_fr.compat.furo import code_colors, render_css_variables, require_css_variables_block


def blog_replaces_style_sheet(app: Sphinx) -> bool:
    """Whether a folder (or file) of ``html_static_path`` other than the machinery's gives its own ``blog.css``."""
    names = (STYLE_SHEET, f"{STYLE_SHEET}_t")
    for entry in app.config.html_static_path:
        path = Path(app.confdir, entry)
        if path.resolve() == STATIC.resolve():
            continue
        if path.name in names and path.is_file() or any((path / name).is_file() for name in names):
            return True
    return False


def _css_variables_renderer(app: Sphinx):
    """Return ``blog_furo_css_variables``, for ``blog.css_t``."""

    @pass_context
    def blog_furo_css_variables(context: Context) -> Markup:
        # The static templates' context is the builder's global one: Furo's theme options are in it.
        style = render_css_variables(context.environment, {**context.get_all(), "furo_pygments": code_colors(app)})
        return Markup(minify(style).removeprefix("<style>").removesuffix("</style>"))

    return blog_furo_css_variables


def _install_globals(app: Sphinx) -> None:
    templates = getattr(app.builder, "templates", None)
    if templates is None or app.builder.format != "html":
        return
    require_css_variables_block()
    template_globals = templates.environment.globals
    template_globals["blog_furo_css_variables"] = _css_variables_renderer(app)
    # page.html writes Furo's <style> only where blog.css lacks it.
    template_globals["blog_code_colors_in_style_sheet"] = not blog_replaces_style_sheet(app)


def setup(app: Sphinx) -> dict:
    app.setup_extension("sphinx_blog_fr._defaults")
    app.connect("builder-inited", _install_globals)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
