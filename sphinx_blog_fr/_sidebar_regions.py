"""Each folder's sidebar region rendered and minified once per build, then copied into the folder's other pages.

Every page shows the sidebar: the brand, the search box, the latest posts, the
top tags, the years, the menu. ``_sidebar_sections`` renders each section
once per folder, but each page still joined them, and minify-html read them
again: the sidebar is about a fifth of each page's HTML, and at 1,000 posts
it was minified 1,860 times (``make bench``). Its region
(``<aside class=sidebar-drawer>…</aside>``, Furo's ``left_sidebar`` block) is
the same on every page of a folder whose region is its folder's:

* every section of its sidebar is one of :data:`FOLDER_SECTIONS`, whose HTML
  depends only on the page's folder;
* the page is no menu page (the menu marks the current page) and not the
  404 page (its links are absolute);
* and no section links to it: a link to the page itself is « # ».

The first such page of a folder is rendered in full, and its region, as it is
written (after ``_minify`` and ``_icon_file``), kept with the pages it links
to. The folder's other such pages are rendered with a placeholder in the
region (``blog_folder_sidebar()`` in page.html; random for each build, so no
page's text can hold it), which the kept region replaces once the page is
minified; the markup around it is Furo's, checked on each such page
(``compat.furo.replace_sidebar_region``). ``_sidebar_refresh`` splices the
same regions into the files an added post changes only in their sidebar.
"""

from __future__ import annotations

import posixpath
import secrets
from dataclasses import dataclass

from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup
from sphinx.application import Sphinx

from sphinx_blog_fr._menu import current_menu
from sphinx_blog_fr._rendered_pages import transform_rendered_pages
from sphinx_blog_fr._sidebar_sections import SAME_IN_A_FOLDER
from sphinx_blog_fr._state import build_state
from sphinx_blog_fr.compat.furo import SIDEBAR_END, SIDEBAR_START, replace_sidebar_region

#: The sections whose HTML is the same on every page of a folder that is no menu page and that they do not link to.
FOLDER_SECTIONS = SAME_IN_A_FOLDER | {
    "sidebar/scroll-start.html",
    "sidebar/scroll-end.html",
    "sidebar/blog-menu.html",
}


@dataclass(frozen=True)
class FolderRegion:
    """A folder's sidebar region, as written, and the pages it links to (which show their own)."""

    html: str
    links: frozenset[str]


def region_span(html: str | bytes) -> tuple[int, int] | None:
    """Return where the one sidebar region of *html* starts and ends, or None if it is not there exactly once."""
    start_tag, end_tag, other = (
        (SIDEBAR_START, SIDEBAR_END, "<aside")
        if isinstance(html, str)
        else (SIDEBAR_START.encode(), SIDEBAR_END.encode(), b"<aside")
    )
    start = html.find(start_tag)
    if start < 0 or html.find(start_tag, start + 1) >= 0:
        return None
    end = html.find(end_tag, start)
    if end < 0 or html.find(other, start + 1, end) >= 0:
        return None
    return start, end + len(end_tag)


def folder_of(app: Sphinx, pagename: str) -> str:
    """The folder of page *pagename* in the output, whose pages share a sidebar."""
    return posixpath.dirname(app.builder.get_target_uri(pagename))


def is_not_found_page(app: Sphinx, pagename: str) -> bool:
    """Whether *pagename* is the 404 page, whose links are absolute: its sidebar is its own."""
    return pagename == getattr(app.config, "notfound_pagename", None)


def sidebars_are_shared(app: Sphinx) -> bool:
    """Whether every page's sidebar is made of sections that are the same in a folder (``html_sidebars``)."""
    sidebars = app.config.html_sidebars
    return list(sidebars) == ["**"] and set(sidebars["**"]) <= FOLDER_SECTIONS


def folder_region(app: Sphinx, folder: str) -> FolderRegion | None:
    """The sidebar region of *folder*'s pages, once a page of it rendered in full was written, in this build."""
    return build_state(app).sidebar_regions.get(folder)


def _shows_a_folder_region(app: Sphinx, context: dict) -> bool:
    """Whether the page of *context* shows its folder's region, but for the pages the region links to."""
    pagename = context["pagename"]
    return (
        sidebars_are_shared(app)
        and list(context.get("sidebars", ())) == list(app.config.html_sidebars["**"])
        and not is_not_found_page(app, pagename)
        and pagename not in {docname for docname, _title in current_menu(app.env)}
    )


def _placeholder(app: Sphinx) -> str:
    """This build's stand-in for a sidebar (random: no page's text can hold it)."""
    state = build_state(app)
    if state.sidebar_placeholder is None:
        state.sidebar_placeholder = f"blog-folder-sidebar-{secrets.token_hex(16)}"
    return state.sidebar_placeholder


def _placeholder_renderer(app: Sphinx):
    @pass_context
    def blog_folder_sidebar(context: Context) -> Markup:
        """The placeholder of the folder's region if the page shows it and it is known, else nothing."""
        region = folder_region(app, folder_of(app, context["pagename"]))
        if region is None or context["pagename"] in region.links or not _shows_a_folder_region(app, context):
            return Markup("")
        return Markup(_placeholder(app))

    return blog_folder_sidebar


def _keep_region(app: Sphinx, html: str, context: dict) -> None:
    """Keep the region of a page rendered in full if it is its folder's and the folder has none yet."""
    pagename = context["pagename"]
    folder = folder_of(app, pagename)
    regions = build_state(app).sidebar_regions
    if folder in regions or not _shows_a_folder_region(app, context):
        return
    sections, root = build_state(app).sidebar_sections, context["pathto"](context["root_doc"])
    keys = [(name, folder, root) for name in context["sidebars"] if name in SAME_IN_A_FOLDER]
    if not all(key in sections and pagename not in sections[key][1] for key in keys):
        return
    span = region_span(html)
    if span is not None:
        links = frozenset().union(*(sections[key][1] for key in keys))
        regions[folder] = FolderRegion(html[span[0] : span[1]], links)


def _write_or_keep_region(app: Sphinx, html: str, context: dict) -> str:
    """Put the folder's region in place of the placeholder, or keep the region of a page rendered in full."""
    state = build_state(app)
    if state.sidebar_placeholder is None or state.sidebar_placeholder not in html:
        _keep_region(app, html, context)
        return html
    state.sidebar_regions_copied += 1
    region = folder_region(app, folder_of(app, context["pagename"]))
    return replace_sidebar_region(html, state.sidebar_placeholder, region.html)


def _give_pages_the_placeholder(app: Sphinx) -> None:
    renderer = _placeholder_renderer(app)

    def add_renderer(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
        context["blog_folder_sidebar"] = renderer

    app.connect("html-page-context", add_renderer)
    transform_rendered_pages(app, lambda html, context: _write_or_keep_region(app, html, context))


def setup(app: Sphinx) -> dict:
    app.setup_extension("sphinx_blog_fr._state")
    app.setup_extension("sphinx_blog_fr._sidebar_sections")
    # After the transforms of _minify and _icon_file (builder-inited, 500): the region kept is the one written.
    app.connect("builder-inited", _give_pages_the_placeholder, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
