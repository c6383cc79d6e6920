"""Every private name of an upstream project the blog uses, behind one shim per upstream.

Each shim (``ablog.py``, ``sphinx.py``, …) imports the internals it needs,
says which versions it was checked against (``CHECKED``), and asserts that
each replacement of upstream behaviour took effect, so that an upgrade fails
loudly instead of silently bringing back what the blog replaces.
``check_versions`` warns, at start-up, about an installed version outside the
checked range (the build's ``-W`` makes it fail).

The shims: ``ablog`` (its blog and post records, its listeners, slug rule,
parallel-safety flag and HTML writer), ``sphinx`` (listener removal,
``Config``'s raw values, the search index's words, the Snowball stemmers and
``searchtools.js``'s ``makeSearchSummary``, the console catalog, permalinks,
the assets' checksums, the reader's docutils settings, its logger's level, its standard domain's tables,
its HTML translators' docutils settings), ``furo`` (its
templates' literal labels, its icon sprite, its code colours' ``<style>`` and
their values, its sidebar region's markup), ``myst`` (its ``include``, its two readings of a front matter,
its renderer's docutils settings, its Markdown parser and the merge of a
page's options), ``opengraph`` (its tags of a page),
``sitemap`` (its link queue) and ``autobuild`` (its server, for
``make livehtml``; not part of a build).
docutils, sphinx-reredirects and sphinx-notfound-page are used through their
public API only. An author who tries a newer upstream on purpose silences the
version warning with ``suppress_warnings = ["blog.upstream"]``.
"""

from __future__ import annotations

import importlib
from importlib.metadata import version

from packaging.version import Version
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

logger = logging.getLogger(__name__)

#: The shims a build loads (``autobuild`` is checked by ``make livehtml`` itself).
BUILD_SHIMS = ("ablog", "furo", "myst", "opengraph", "sitemap", "sphinx")


class UpstreamChanged(SystemExit):
    """An upstream internal the blog relies on is gone or behaves differently.

    A ``SystemExit``: Sphinx wraps any other exception of a listener in an
    ``ExtensionError`` and answers with a traceback file and a request for a
    bug report; this one ends the build with its French message alone, and
    exit status 1.
    """

    def __init__(self, message: str) -> None:
        super().__init__(f"sphinx_blog_fr : {message}")


def installed_version(distribution: str) -> Version:
    return Version(version(distribution))


def outside_checked_range(distribution: str, low: str, below: str) -> str | None:
    """Return a French warning if *distribution*'s installed version is not in [low, below), else None."""
    found = installed_version(distribution)
    if Version(low) <= found < Version(below):
        return None
    return (
        f"{distribution} {found} n’a pas été vérifié avec sphinx_blog_fr "
        f"(versions vérifiées : {low} ≤ version < {below}) ; lancez make test-upstream"
    )


def require(condition: bool, upstream: str, what: str) -> None:
    """Stop with a clear message if an upstream behaviour the blog replaces was not replaced."""
    if not condition:
        raise UpstreamChanged(f"{upstream} a changé : {what}. sphinx_blog_fr doit être adapté à cette version.")


def check_versions(app: Sphinx, config: Config) -> None:
    """Warn about each upstream whose installed version its shim was not checked against (``config-inited``)."""
    for name in BUILD_SHIMS:
        shim = importlib.import_module(f"{__name__}.{name}")
        problem = outside_checked_range(shim.DISTRIBUTION, *shim.CHECKED)
        if problem:
            logger.warning(problem, type="blog", subtype="upstream")


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", check_versions)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
