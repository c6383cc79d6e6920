"""The sphinx-sitemap internals the blog uses, checked against sphinx-sitemap 2.9.0.

sphinx-sitemap collects each page's link as the page is written
(``add_html_link`` on ``html-page-context``) into a queue on the application
(``app.sitemap_links``) that ``create_sitemap`` empties at ``build-finished``.
The blog lists every page instead, written by this build or not, so it
disconnects the collector and fills the queue itself. That queue is made at
``builder-inited`` (``record_builder_type``) by a ``multiprocessing.Manager``,
a server process started and stopped on every build (0.05 s) for parallel
writers to reach it; the blog fills it in the main process alone, so its
own listener makes it a plain queue.
"""

from __future__ import annotations

import inspect
import queue

import sphinx_sitemap
from sphinx.application import Sphinx

from sphinx_blog_fr.compat import require
from sphinx_blog_fr.compat.sphinx import disconnect_listeners

DISTRIBUTION = "sphinx-sitemap"
#: The sphinx-sitemap releases these internals were read in: [low, below).
CHECKED = ("2.9", "2.10")


def disconnect_link_collector(app: Sphinx) -> None:
    """Stop sphinx-sitemap from collecting links as pages are written (``builder-inited``)."""
    disconnect_listeners(app, "html-page-context", sphinx_sitemap, "add_html_link", "sphinx-sitemap")


def replace_builder_recorder(app: Sphinx) -> None:
    """Have :func:`record_builder_type` note the builder instead of sphinx-sitemap's listener (in ``setup``)."""
    source = inspect.getsource(getattr(sphinx_sitemap, "record_builder_type", lambda: None))
    require(
        "is_directory_builder" in source and "sitemap_links" in source,
        "sphinx-sitemap",
        "record_builder_type ne note plus is_directory_builder et la file app.sitemap_links",
    )
    disconnect_listeners(app, "builder-inited", sphinx_sitemap, "record_builder_type", "sphinx-sitemap")
    app.connect("builder-inited", record_builder_type)


def record_builder_type(app: Sphinx) -> None:
    """Note, as sphinx-sitemap does, whether the builder writes a folder per page, and give it a plain queue."""
    builder = getattr(app, "builder", None)
    if builder is None:
        return
    builder.env.is_directory_builder = type(builder).__name__ == "DirectoryHTMLBuilder"
    app.sitemap_links = queue.SimpleQueue()


def links_of(app: Sphinx, pagenames: list[str]) -> list[tuple[str, str, str | None]]:
    """Return the (page name, link, last update) sphinx-sitemap would list for each page of *pagenames*."""
    app.sitemap_links = collected = queue.SimpleQueue()
    links = []
    for pagename in pagenames:
        sphinx_sitemap.add_html_link(app, pagename, "page.html", {}, None)
        while not collected.empty():
            links.append((pagename, *collected.get_nowait()))
    return links


def replace_link_queue(app: Sphinx, links: list[tuple[str, str | None]]) -> None:
    """Make *links* the sitemap's whole content, in this order (before sphinx-sitemap's ``build-finished``)."""
    reads_queue = "sitemap_links" in inspect.getsource(getattr(sphinx_sitemap, "create_sitemap", lambda: None))
    require(reads_queue, "sphinx-sitemap", "create_sitemap ne lit plus la file app.sitemap_links")
    replacement = queue.SimpleQueue()
    for link in links:
        replacement.put(link)
    app.sitemap_links = replacement
