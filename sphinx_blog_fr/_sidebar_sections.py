"""The sidebar's sections rendered once per folder of pages, not once per page.

Furo's sidebar includes each template of ``html_sidebars`` on every page: at
1,000 posts, the brand, the search box, the recent posts, the top tags, the
years and the « S’abonner » link were rendered by Jinja 1,852 times
(``make bench``), though their HTML is the same on every page of one
folder (their links are relative to the page's folder). The machinery's
``page.html`` calls ``blog_sidebar_section(name)`` in place of Furo's
include: a section of :data:`SAME_IN_A_FOLDER` is rendered the first time a
page of a folder needs it, and its HTML reused on the folder's other pages
of the build; any other section (the menu, which marks the current page;
a template the blog adds) is rendered on each page, as Furo does. A page
a section links to (a year in the archives: its link there is « # ») gets
the section rendered for itself, and a page with its own ``pathto`` (the
404 page's absolute links) its own HTML. Most pages do not render their
sidebar at all: ``_sidebar_regions`` gives them their folder's whole region.
"""

from __future__ import annotations

import posixpath

from jinja2 import Template, pass_context
from jinja2.runtime import Context
from markupsafe import Markup
from sphinx.application import Sphinx

from sphinx_blog_fr._state import build_state

#: The sections whose HTML depends only on the page's folder, not on the page.
SAME_IN_A_FOLDER = frozenset(
    {
        "sidebar/brand.html",
        "sidebar/search.html",
        "sidebar/blog-recent.html",
        "sidebar/blog-tags.html",
        "sidebar/blog-archives.html",
        "sidebar/blog-subscribe.html",
    }
)


def _render(template: Template, context: Context) -> tuple[Markup, set[str]]:
    """Render *template* on *context*'s page; return its HTML and every page or file it links to."""
    linked: set[str] = set()
    pathto = context["pathto"]

    def recording_pathto(otheruri: str, *arguments, **options) -> str:
        linked.add(otheruri)
        return pathto(otheruri, *arguments, **options)

    return Markup(template.render({**context.get_all(), "pathto": recording_pathto})), linked


def _section_renderer(app: Sphinx):
    """Return ``blog_sidebar_section`` for the pages of *app*'s build."""
    rendered = build_state(app).sidebar_sections

    @pass_context
    def blog_sidebar_section(context: Context, name: str) -> Markup:
        template = context.environment.get_template(name)
        if name not in SAME_IN_A_FOLDER:
            return Markup(template.render(context.get_all()))
        pagename = context["pagename"]
        folder = posixpath.dirname(app.builder.get_target_uri(pagename))
        key = (name, folder, context["pathto"](context["root_doc"]))
        if key in rendered and pagename not in rendered[key][1]:
            return rendered[key][0]
        html, linked = _render(template, context)
        # A link to the page itself is « # »: that HTML is this page's alone.
        if pagename not in linked:
            rendered[key] = html, linked
        return html

    return blog_sidebar_section


def _give_pages_the_renderer(app: Sphinx) -> None:
    renderer = _section_renderer(app)

    def add_renderer(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
        context["blog_sidebar_section"] = renderer

    app.connect("html-page-context", add_renderer)


def setup(app: Sphinx) -> dict:
    app.connect("builder-inited", _give_pages_the_renderer)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
