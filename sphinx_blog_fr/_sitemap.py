"""A sitemap of every page, in a stable order, after any build.

sphinx-sitemap lists the pages as they are written (``html-page-context``),
so after an incremental build ``sitemap.xml`` holds only the pages that
build rewrote (jdillard/sphinx-sitemap#13), in the order they were written.
This extension replaces its listener (and the queue it fills, made without a
server process): it notes every page of the build, and
when the build ends hands sphinx-sitemap, once and sorted, every document,
every generated page, and every listing page that ``_incremental`` left
in place because it had not changed. The sitemap is then a clean build's,
and its page paths are percent-encoded (``posts/2020/été.html`` →
``posts/2020/%C3%A9t%C3%A9.html``), as the sitemap protocol requires.
Each post's ``<lastmod>`` is the day it was last updated (``updated:``), or
else published: never the build's clock.
"""

from __future__ import annotations

import ablog
from ablog.blog import Blog
from sphinx.application import Sphinx

from sphinx_blog_fr._baseurl import percent_encoded
from sphinx_blog_fr._dates import localize
from sphinx_blog_fr._incremental import GeneratedFiles
from sphinx_blog_fr._state import build_state
from sphinx_blog_fr.compat.sitemap import (
    disconnect_link_collector,
    links_of,
    replace_builder_recorder,
    replace_link_queue,
)


def _replace_sitemap_listener(app: Sphinx) -> None:
    disconnect_link_collector(app)


def _queue_every_page(app: Sphinx, generated_files: GeneratedFiles) -> None:
    """Queue for sphinx-sitemap every page of the site, sorted: documents, and generated pages, written or not."""
    suffix = app.builder.link_suffix
    left_in_place = {path.removesuffix(suffix) for path in generated_files.current if path.endswith(suffix)}
    lastmods = post_lastmods(app)
    # Documents may be written by parallel writers: they are all in found_docs.
    # sphinx-sitemap writes each link as it is: encode them.
    replace_link_queue(
        app,
        [
            (percent_encoded(link), lastmods.get(pagename, last_updated))
            for pagename, link, last_updated in links_of(
                app, sorted(app.env.found_docs | build_state(app).written_pages | left_in_place)
            )
        ],
    )


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
    replace_builder_recorder(app)
    app.connect("builder-inited", _replace_sitemap_listener)
    # Once a build that did not fail has its generated files (build-finished, before sphinx-sitemap's
    # create_sitemap writes sitemap.xml: _incremental emits it at priority 400, sphinx-sitemap is at 500).
    app.connect("blog-generated-files-saved", _queue_every_page)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
