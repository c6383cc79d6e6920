"""``robots.txt`` at the root of the output, pointing crawlers to the sitemap.

sphinx-sitemap writes ``sitemap.xml`` but no ``robots.txt``, and a static file
in ``html_extra_path`` could not name the sitemap's address, which depends on
``html_baseurl`` (a domain root or a GitHub Pages sub-path). This extension
writes one that allows every page and gives that address, percent-encoded
(``blog_baseurl`` has refused an address that could add a line).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

from sphinx.application import Sphinx

from sphinx_blog_fr._baseurl import percent_encoded


def write_robots_txt(app: Sphinx, exception: Exception | None) -> None:
    """Write ``robots.txt`` once an HTML build has succeeded (the ``build-finished`` event)."""
    if exception is not None or app.builder.format != "html":
        return
    sitemap = percent_encoded(urljoin(app.config.html_baseurl, app.config.sitemap_filename))
    Path(app.outdir, "robots.txt").write_text(f"User-agent: *\nDisallow:\n\nSitemap: {sitemap}\n", encoding="utf-8")


def setup(app: Sphinx) -> dict:
    app.setup_extension("sphinx_blog_fr._baseurl")
    app.setup_extension("sphinx_sitemap")
    app.connect("build-finished", write_robots_txt)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
