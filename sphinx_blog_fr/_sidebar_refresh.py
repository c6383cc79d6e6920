"""A new sidebar spliced into the pages that show nothing else new, instead of rendering them again.

Every page shows the sidebar (the latest posts, the top tags and the years
with their counts): adding one post changed it, and ``_incremental`` had
all 1,860 pages of the 1,000-post benchmark rendered again (Jinja,
minify-html, the page-context listeners: about 20 s), though on most of them only
the sidebar's bytes differed. When the sidebar changed and nothing else
that every page shows or is made with did since the last build that did not
fail (the configuration, templates, code, translations and extensions'
versions, as ``_incremental`` fingerprints them, and the footer's years,
``_copyright``: kept beside the doctrees; ``_menu`` has every page rendered
when the menu changed), a page whose own content did not change keeps its
previous file, with its sidebar region
(``<aside class=sidebar-drawer>…</aside>``, Furo's ``left_sidebar`` block,
minified) replaced by the new region of its folder:

* the region is the folder's, from a page of it rendered in this build
  (``_sidebar_regions``); one post of each folder is rendered for it
  (``env-get-updated``), and the first listing page of a folder that has none;
* a page is refreshed so only if its region is, in a full render, the
  folder's region (``_sidebar_regions``: every section of its sidebar depends
  only on the folder, the page is no menu page, not the 404 page, and no
  section links to it); nor did the previous sidebar link to it;
* and only if its previous file holds the region exactly once.

Any other page is rendered in full, as before. A post that turns out, once
the pages are rendered, not to be refreshable so is written in full then,
before the search index is written. Refreshed documents keep their search
index entries (Sphinx keeps the documents it does not write); refreshed
listing pages get the fingerprint a full render gives them (``_incremental``),
so the sitemap and ``_stale_pages`` count them as this build's. The refresh
is off with parallel writing (``--jobs``): the pages written by other
processes cannot hand their region back.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

import ablog
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from sphinx_blog_fr._copyright import years_of_posts
from sphinx_blog_fr._domain import blog_data
from sphinx_blog_fr._menu import current_menu
from sphinx_blog_fr._sidebar_regions import (
    folder_of,
    folder_region,
    is_not_found_page,
    region_span,
    sidebars_are_shared,
)
from sphinx_blog_fr._state import build_state

#: What every page of the last build that did not fail was made with (:func:`every_page`), beside the doctrees.
EVERY_PAGE_FILE = "blog-every-page.txt"


@dataclass
class SidebarRefresh:
    """What one build needs to splice its new sidebar into the pages that show nothing else new."""

    #: The posts whose previous file gets the new sidebar, unless they are written in full.
    documents: set[str]
    #: The pages the previous sidebar linked to.
    previous_links: set[str]


def _old_region(path: Path) -> bool:
    try:
        return region_span(path.read_bytes()) is not None
    except OSError:
        return False


def _linked_pages(sidebar: tuple) -> set[str]:
    """The docnames in ``BlogState.sidebar``: the recent posts, the catalogs and each of their pages."""
    recent, catalogs = sidebar
    return {docname for docname, _title in recent} | {
        name for catalog, colls in catalogs for name in (catalog, *(coll for coll, _label, _count in colls))
    }


def every_page(app: Sphinx) -> str:
    """What every page is made with or shows besides its own content and the sidebar, once reading is done:
    the configuration, templates, code, translations (``_incremental``) and the footer's years."""
    state = build_state(app)
    if state.every_page is None:
        # Imported here: _incremental imports this module.
        from sphinx_blog_fr._incremental import made_with

        state.every_page = repr((made_with(app), years_of_posts(app)))
    return state.every_page


def _made_as_before(app: Sphinx) -> bool:
    try:
        return (Path(app.doctreedir) / EVERY_PAGE_FILE).read_text(encoding="utf-8") == every_page(app)
    except (OSError, UnicodeError):
        return False


def _can_refresh(app: Sphinx) -> bool:
    return app.parallel <= 1 and sidebars_are_shared(app) and _made_as_before(app)


def pages_to_render(app: Sphinx, env: BuildEnvironment, previous_sidebar: tuple, sidebar: tuple, stale: set[str]):
    """Return the documents to render in full now that the sidebar changed, and note the others to refresh."""
    if not _can_refresh(app):
        return set(env.found_docs)
    previous_links = _linked_pages(previous_sidebar)
    excluded = previous_links | _linked_pages(sidebar) | {docname for docname, _title in current_menu(env)}
    posts = blog_data(env)["post_summaries"].keys() & env.found_docs
    refreshable = {
        docname for docname in posts - excluded - stale if _old_region(Path(app.builder.get_outfilename(docname)))
    }
    render = set(env.found_docs) - refreshable
    folders_with_a_sample = {folder_of(app, docname) for docname in (posts - excluded) & render}
    for docname in sorted(refreshable):
        if folder_of(app, docname) not in folders_with_a_sample:
            folders_with_a_sample.add(folder_of(app, docname))
            render.add(docname)
    build_state(app).sidebar_refresh = SidebarRefresh(refreshable - render, previous_links)
    return render


def _splice(app: Sphinx, pagename: str, path: Path) -> bool:
    """Put its folder's new sidebar region into the file of *pagename*; return whether it could."""
    refresh = build_state(app).sidebar_refresh
    region = folder_region(app, folder_of(app, pagename))
    if region is None or pagename in region.links or pagename in refresh.previous_links:
        return False
    if is_not_found_page(app, pagename):
        return False
    try:
        html = path.read_bytes()
    except OSError:
        return False
    span = region_span(html)
    if span is None:
        return False
    # As Sphinx writes a page (StandaloneHTMLBuilder.handle_page).
    written = region.html.encode(app.config.html_output_encoding, "xmlcharrefreplace")
    path.write_bytes(html[: span[0]] + written + html[span[1] :])
    return True


def refresh_generated_page(app: Sphinx, path: str) -> bool:
    """Give generated page *path* (relative to the output) the new sidebar if only its sidebar changed;
    return whether it did (``_incremental``, for a file whose other inputs are the same)."""
    if build_state(app).sidebar_refresh is None or not path.endswith(app.builder.link_suffix):
        return False
    pagename = unquote(path.removesuffix(app.builder.link_suffix))
    return _splice(app, pagename, Path(app.outdir) / path)


def _refresh_documents(app: Sphinx) -> list:
    """Splice the new sidebar into the posts not written, or write them in full (``html-collect-pages``; adds no page)."""
    refresh = build_state(app).sidebar_refresh
    if refresh is None:
        return []
    builder, written = app.builder, build_state(app).written_pages
    for docname in sorted(refresh.documents - written):
        if not _splice(app, docname, Path(builder.get_outfilename(docname))):
            doctree = app.env.get_and_resolve_doctree(docname, builder)
            builder.write_doc_serialized(docname, doctree)
            builder.write_doc(docname, doctree)
    return []


def _note_every_page(app: Sphinx, env: BuildEnvironment) -> list:
    """Work out :func:`every_page` once reading is done (``env-get-updated``), in every build; rewrites nothing."""
    if ablog.builder_support(app):
        every_page(app)
    return []


def _save_every_page(app: Sphinx, exception: Exception | None) -> None:
    made = build_state(app).every_page
    if exception is None and made is not None:
        (Path(app.doctreedir) / EVERY_PAGE_FILE).write_text(made, encoding="utf-8")


def setup(app: Sphinx) -> dict:
    app.setup_extension("sphinx_blog_fr._state")
    app.setup_extension("sphinx_blog_fr._sidebar_regions")
    # After _stale_pages removes the pages of documents gone (300), before the generated pages.
    app.connect("html-collect-pages", _refresh_documents, priority=400)
    app.connect("env-get-updated", _note_every_page)
    app.connect("build-finished", _save_every_page)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
