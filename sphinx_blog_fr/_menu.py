"""A menu of the blog's pages (À propos, Contact, imported WordPress pages) in every page's sidebar.

The pages under ``pages/`` are in no table of contents (an imported page is
``orphan``), so Furo's navigation never showed them: they were reached only
by links. The sidebar section ``sidebar/blog-menu.html`` lists them, from
``blog_menu_pages``, in the order of ``blog_menu`` in ``conf.py`` (a list of
page names such as ``"pages/a-propos"``); the pages it does not name follow,
so that no page is ever left out of the menu: first those with a ``menu_order``
in their front matter (a whole number; the WordPress importer writes its menu's
order there), by that number, then the others, each group sorted by title (case
and accents aside). Without ``blog_menu`` or ``menu_order``, every page is sorted
by title. A name in ``blog_menu`` that is no page under ``pages/`` is one French
error, which fails the build.

The menu is on every page: when it changes (a page added, removed or
retitled, or ``blog_menu`` changed), every page is rewritten (``env-get-updated``).
The menu of the previous build is the environment's (``blog`` domain, ``menu``):
it is worked out from every page once reading is done, not kept by page.
"""

from __future__ import annotations

import unicodedata

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from sphinx_blog_fr._domain import blog_data

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
    others = sorted(
        titles.keys() - set(order),
        key=lambda docname: (*_menu_order(env, docname), title_order(titles[docname]), docname),
    )
    return tuple((docname, titles[docname]) for docname in [*order, *others])


def _menu_order(env: BuildEnvironment, docname: str) -> tuple[bool, int]:
    """Sort key of a page's ``menu_order`` (front matter): the pages with one first, by it."""
    value = str(env.metadata.get(docname, {}).get("menu_order", "")).strip()
    try:
        return (False, int(value))
    except ValueError:
        return (True, 0)


def current_menu(env: BuildEnvironment) -> tuple[tuple[str, str], ...]:
    """The menu of this build's pages, once reading is done (empty before)."""
    return blog_data(env)["menu"] or ()


def _rewrite_every_page_when_the_menu_changed(app: Sphinx, env: BuildEnvironment) -> list[str]:
    menu = menu_pages(env, app.config.blog_menu)
    previous = blog_data(env)["menu"]
    blog_data(env)["menu"] = menu
    return sorted(env.found_docs) if previous is not None and previous != menu else []


def _add_menu(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    context["blog_menu_pages"] = current_menu(app.env)


def setup(app: Sphinx) -> dict:
    app.setup_extension("sphinx_blog_fr._domain")
    app.add_config_value("blog_menu", [], "env", types=[list, tuple])
    app.connect("env-get-updated", _rewrite_every_page_when_the_menu_changed)
    app.connect("html-page-context", _add_menu)
    # The menu's (page name, title) pairs are pickled in the environment (the blog domain):
    # a change of their shape must change this number.
    return {"env_version": 1, "parallel_read_safe": True, "parallel_write_safe": True}
