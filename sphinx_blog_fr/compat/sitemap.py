"""The sphinx-sitemap internals the blog uses, checked against sphinx-sitemap 2.9.0.

sphinx-sitemap collects each page's link as the page is written
(``add_html_link`` on ``html-page-context``) into a queue on the application
(``app.sitemap_links``) that ``create_sitemap`` empties at ``build-finished``.
The blog lists every page instead, written by this build or not, so it
disconnects the collector and fills the queue itself.
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


def links_of(app: Sphinx, pagename: str) -> list[tuple[str, str | None]]:
    """Return the (link, last update) sphinx-sitemap would list for page *pagename*."""
    app.sitemap_links = queue.SimpleQueue()
    sphinx_sitemap.add_html_link(app, pagename, "page.html", {}, None)
    links = []
    while not app.sitemap_links.empty():
        links.append(app.sitemap_links.get_nowait())
    return links


def replace_link_queue(app: Sphinx, links: list[tuple[str, str | None]]) -> None:
    """Make *links* the sitemap's whole content, in this order (before sphinx-sitemap's ``build-finished``)."""
    reads_queue = "sitemap_links" in inspect.getsource(getattr(sphinx_sitemap, "create_sitemap", lambda: None))
    require(reads_queue, "sphinx-sitemap", "create_sitemap ne lit plus la file app.sitemap_links")
    replacement = queue.SimpleQueue()
    for link in links:
        replacement.put(link)
    app.sitemap_links = replacement
