"""A sitemap of every page, in a stable order, after any build.

sphinx-sitemap lists the pages as they are written (``html-page-context``),
so after an incremental build ``sitemap.xml`` holds only the pages that
build rewrote (jdillard/sphinx-sitemap#13), in the order they were written.
This extension replaces its listener: it notes every page of the build, and
when the build ends hands sphinx-sitemap, once and sorted, every document,
every generated page, and every listing page that ``blog_incremental`` left
in place because it had not changed. The sitemap is then a clean build's,
and its page paths are percent-encoded (``posts/2020/été.html`` →
``posts/2020/%C3%A9t%C3%A9.html``), as the sitemap protocol requires.
Each post's ``<lastmod>`` is the day it was last updated (``updated:``), or
else published: never the build's clock.
"""

from __future__ import annotations

import queue

import ablog
from ablog.blog import Blog
from sphinx.application import Sphinx
from sphinx_sitemap import add_html_link

from sphinx_blog_fr._baseurl import percent_encoded
from sphinx_blog_fr._dates import localize


def _replace_sitemap_listener(app: Sphinx) -> None:
    app.blog_pages = set()
    listeners = app.events.listeners["html-page-context"]
    listeners[:] = [listener for listener in listeners if listener.handler is not add_html_link]


def _note_page(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    app.blog_pages.add(pagename)


def _queue_every_page(app: Sphinx, exception: Exception | None) -> None:
    """Queue for sphinx-sitemap every page of the site, sorted: documents, and generated pages, written or not."""
    if exception is not None or not hasattr(app, "blog_generated_files"):
        return
    suffix = app.builder.link_suffix
    left_in_place = {path.removesuffix(suffix) for path in app.blog_generated_files.current if path.endswith(suffix)}
    lastmods = post_lastmods(app)
    # Documents may be written by parallel writers: they are all in found_docs.
    encoded = queue.SimpleQueue()
    for pagename in sorted(app.env.found_docs | app.blog_pages | left_in_place):
        app.sitemap_links = queue.SimpleQueue()
        add_html_link(app, pagename, "page.html", {}, None)
        # sphinx-sitemap writes each link as it is: encode them in its queue.
        while not app.sitemap_links.empty():
            link, last_updated = app.sitemap_links.get_nowait()
            encoded.put((percent_encoded(link), lastmods.get(pagename, last_updated)))
    app.sitemap_links = encoded


def post_lastmods(app: Sphinx) -> dict[str, str]:
    """Return each dated post's ``<lastmod>``: the day of its update (ABlog's ``update``: ``updated:``) or of its date.

    Taken from the posts, never from the build's clock or git, so two builds of one commit agree.
    """
    if not ablog.builder_support(app):
        return {}
    return {
        post.docname: localize(post.update or post.date, app.config).date().isoformat()
        for post in Blog(app).posts
        if post.date
    }


def setup(app: Sphinx) -> dict:
    app.setup_extension("sphinx_blog_fr._baseurl")
    app.setup_extension("sphinx_blog_fr._dates")
    app.setup_extension("sphinx_sitemap")
    app.setup_extension("sphinx_blog_fr._incremental")
    app.connect("builder-inited", _replace_sitemap_listener)
    app.connect("html-page-context", _note_page)
    # After blog_incremental has recorded this build's generated files (400),
    # before sphinx-sitemap writes sitemap.xml (500).
    app.connect("build-finished", _queue_every_page, priority=450)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
