"""The footer's « © 2015–2026, Auteur » spans the years of the published posts.

Sphinx prints conf.py's ``copyright`` as written, so a fixed « 2015–2018 »
went on being shown under a post of 2026. Here conf.py's ``copyright`` is
the holder alone (the author), and every page's footer (Furo's, from the
template value ``copyright``) shows the first and last years of the
published posts before it: « 2017–2026, Auteur », « 2026, Auteur » when
they are the same year, the holder alone when there is no post yet. Drafts
are no posts here: ``_front_matter`` keeps them out of the build.

The years come from the posts, never from the build's clock, so two builds
of one commit stay identical. An incremental build stays a clean build's:
the range changes only when the set of years with posts changes, which
changes the sidebar's archive (years and their counts), and
``_incremental`` then renders every page and generated file again, with no
sidebar refresh (``_sidebar_refresh``)
(``tests/test_own_blog.py`` checks that a post of a new year reaches the
footer of a page whose source did not change).
"""

from __future__ import annotations

import ablog
from sphinx.application import Sphinx

from sphinx_blog_fr._state import build_state
from sphinx_blog_fr.compat.ablog import registered_blog


def years_of_posts(app: Sphinx) -> str:
    """« 2017–2026 », « 2026 », or "" without posts: the years of the published posts."""
    blog = registered_blog(app)
    years = sorted({post.date.year for post in blog.posts if post.date})
    if not years:
        return ""
    return f"{years[0]}" if years[0] == years[-1] else f"{years[0]}–{years[-1]}"


def _show_years(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if not ablog.builder_support(app) or not app.config.copyright:
        return
    state = build_state(app)
    if state.copyright_years is None:
        state.copyright_years = years_of_posts(app)
    years = state.copyright_years
    context["copyright"] = f"{years}, {app.config.copyright}" if years else app.config.copyright


def setup(app: Sphinx) -> dict:
    app.setup_extension("ablog")
    app.setup_extension("sphinx_blog_fr._state")
    app.connect("html-page-context", _show_years)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
