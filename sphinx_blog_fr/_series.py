"""Series: posts that are the parts of one whole, listed in order on each part and on the series' page.

A post's ``series:`` (in the schema, ``sphinx_blog_fr._schema``) names the
series it is a part of. The parts of a series are its published posts (never
a draft: ``_front_matter`` keeps them out of ABlog), in date order, then
by page name; series whose names differ only by case or accents are one, by
their slug (``sphinx_blog_fr._slugs``, as tags), named as their first part names it.

* each part shows, under its meta line, « Série « Nom » : partie 2 sur 3 »
  and the list of the parts, the current one not a link but
  ``aria-current="page"`` (``blog/series.html``, from ``blog_series``);
* ``blog/serie/<slug>.html`` lists every part in order (``blog/series-page.html``),
  linked from each part.

A part's list depends on the other parts' titles and dates:
``_incremental`` compares :func:`series_lists` before and after an edit
and rewrites every part whose list changed. The series pages are
fingerprinted by ``_incremental`` like the listings, so an unchanged page
is left in place and a series no post names any more loses its page.
"""

from __future__ import annotations

from dataclasses import dataclass

import ablog
from ablog.blog import Blog, Post
from sphinx.application import Sphinx

from sphinx_blog_fr._elision import insert_label
from sphinx_blog_fr._i18n import gettext as _
from sphinx_blog_fr._slugs import slugify
from sphinx_blog_fr._state import build_state
from sphinx_blog_fr.compat.ablog import registered_blog

#: Where the series' pages are: ``blog/serie/<slug>``.
SERIES_PATH = "blog/serie"


@dataclass(frozen=True)
class Series:
    """One series: its name (text), its page, and its parts, first part first."""

    name: str
    docname: str
    parts: tuple[Post, ...]

    def summary(self) -> tuple:
        """What a part's page and the series page show: the name, and each part's page, title and date."""
        return (self.name, self.docname, tuple((part.docname, part.title, part.date) for part in self.parts))


def _series_name(app: Sphinx, post: Post) -> str:
    source = build_state(app).post_sources.get(post.docname)
    return str(source.front_matter.get("series") or "").strip() if source else ""


def collect_series(app: Sphinx) -> list[Series]:
    """Return every series of the published posts, by page address, found once per build (``BuildState.series``)."""
    state = build_state(app)
    if state.series is None:
        state.series = _find_series(app)
    return state.series


def _find_series(app: Sphinx) -> list[Series]:
    groups: dict[str, list[tuple[str, Post]]] = {}
    for post in Blog(app).posts:
        name = _series_name(app, post)
        if name:
            groups.setdefault(slugify(name), []).append((name, post))
    series = []
    for slug, named_parts in sorted(groups.items()):
        named_parts.sort(key=lambda named: (named[1].date, named[1].docname))
        parts = tuple(post for _name, post in named_parts)
        series.append(Series(named_parts[0][0], f"{SERIES_PATH}/{slug}", parts))
    return series


def series_lists(app: Sphinx) -> dict[str, tuple]:
    """Return, for each part of a series, what its series list shows (for ``_incremental``)."""
    return {part.docname: one.summary() for one in collect_series(app) for part in one.parts}


def _add_series(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Give a part's page its series: name, page, position and parts (``blog_series``)."""
    if not ablog.builder_support(app):
        return
    for one in collect_series(app):
        docnames = [part.docname for part in one.parts]
        if pagename in docnames:
            context["blog_series"] = {
                "name": one.name,
                "docname": one.docname,
                "position": docnames.index(pagename) + 1,
                "count": len(one.parts),
                "parts": one.parts,
            }
            return


def generate_series_pages(app: Sphinx) -> list[tuple[str, dict, str]]:
    """Return the page of each series that changed (``blog-generated-pages``)."""
    if not ablog.builder_support(app):
        return []
    registered_blog(app)
    pages = []
    for one in collect_series(app):
        # blog_incremental's fingerprints: left in place when unchanged, removed when the series is gone.
        if build_state(app).generated_files.is_unchanged(app.builder.get_target_uri(one.docname), one.summary()):
            continue
        context = {
            "title": insert_label(_("Series “%s”"), one.name),
            "body": "",
            "blog_series_page": {"name": one.name, "parts": one.parts},
            "blog_page_description": f"Les {len(one.parts)} parties de la série «\u00a0{one.name}\u00a0», dans l’ordre.",
        }
        pages.append((one.docname, context, "page.html"))
    return pages


def setup(app: Sphinx) -> dict:
    app.setup_extension("ablog")
    app.setup_extension("sphinx_blog_fr._incremental")
    app.connect("html-page-context", _add_series)
    app.connect("blog-generated-pages", generate_series_pages)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
