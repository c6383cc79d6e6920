"""A menu of the blog's pages (À propos, Contact, imported WordPress pages) in every page's sidebar.

The pages under ``pages/`` are in no table of contents (an imported page is
``orphan``), so Furo's navigation never showed them: they were reached only
by links. The sidebar section ``sidebar/blog-menu.html`` lists them, from
``blog_menu_pages``, in the order of ``blog_menu`` in ``conf.py`` (a list of
page names such as ``"pages/a-propos"``); the pages it does not name follow,
sorted by title (case and accents aside), so that no page is ever left out of the menu. Without
``blog_menu``, every page is sorted by title. A name in ``blog_menu`` that is
no page under ``pages/`` is one French error, which fails the build.

The menu is on every page: when it changes (a page added, removed or
retitled, or ``blog_menu`` changed), every page is rewritten (``env-get-updated``).
"""

from __future__ import annotations

import unicodedata

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

logger = logging.getLogger(__name__)

PAGES_FOLDER = "pages/"


def title_order(title: str) -> str:
    """Sort key of a title as a French reader orders them: case and accents aside (« À propos » before « Contact »)."""
    decomposed = unicodedata.normalize("NFKD", title.casefold())
    return "".join(character for character in decomposed if not unicodedata.combining(character))


def menu_pages(env: BuildEnvironment, order: list[str]) -> tuple[tuple[str, str], ...]:
    """Return the menu's (page name, title): those of *order* first, in its order, then the others by title."""
    titles = {
        docname: env.titles[docname].astext()
        for docname in env.found_docs
        if docname.startswith(PAGES_FOLDER) and docname in env.titles
    }
    for docname in [docname for docname in order if docname not in titles]:
        # Not a ConfigError: Sphinx 9 prints one with a traceback and asks for a bug report.
        logger.error(
            "conf.py, blog_menu : « %s » n’est pas une page du dossier %s (pages : %s)",
            docname,
            PAGES_FOLDER,
            ", ".join(sorted(titles)) or "aucune",
            type="blog",
            subtype="menu",
        )
    order = [docname for docname in order if docname in titles]
    others = sorted(titles.keys() - set(order), key=lambda docname: (title_order(titles[docname]), docname))
    return tuple((docname, titles[docname]) for docname in [*order, *others])


def _rewrite_every_page_when_the_menu_changed(app: Sphinx, env: BuildEnvironment) -> list[str]:
    menu = menu_pages(env, app.config.blog_menu)
    previous = getattr(env, "blog_menu", None)
    env.blog_menu = menu
    return sorted(env.found_docs) if previous is not None and previous != menu else []


def _add_menu(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    context["blog_menu_pages"] = getattr(app.env, "blog_menu", ())


def setup(app: Sphinx) -> dict:
    app.add_config_value("blog_menu", [], "env", types=[list, tuple])
    app.connect("env-get-updated", _rewrite_every_page_when_the_menu_changed)
    app.connect("html-page-context", _add_menu)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
