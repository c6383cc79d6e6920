"""The « Accessibilité » page: an accessibility statement in the shape RGAA statements take.

A French public-sector author owes readers an accessibility statement
(« déclaration d’accessibilité »), and the blog already checks, in its
tests, a part of what such a statement reports. This extension writes
``blog/accessibilite.html``, linked from every footer
(``blog_accessibility_page`` in every page's context), from what the tests
check (``blog_accessibility_checks``, the list they read too): the WCAG 2.1
criteria axe-core tests on each page type, in light and dark mode, the
keyboard journeys, the HTML checker, and the known limits.

The statement is dated by the blog's content, never by the build's clock:
the date of its newest post, so two builds of one commit are identical.
The checkers' versions are read from ``package-lock.json`` beside conf.py
(« version non précisée » without it). The page is rewritten
only when what it shows changed (``_incremental``'s fingerprints), so an
incremental build leaves it as a clean one writes it.
"""

from __future__ import annotations

import json
from pathlib import Path

import ablog
from markupsafe import Markup
from sphinx.application import Sphinx

from sphinx_blog_fr import _accessibility_checks as checks
from sphinx_blog_fr._dates import format_day
from sphinx_blog_fr._incremental import is_unchanged
from sphinx_blog_fr.compat.ablog import registered_blog

ACCESSIBILITY_DOCNAME = "blog/accessibilite"
ACCESSIBILITY_TITLE = "Déclaration d’accessibilité"
UNKNOWN_VERSION = "version non précisée"


def checker_versions(srcdir: Path) -> dict[str, str]:
    """Return the versions of axe-core and of the Nu checker (vnu-jar) that package-lock.json pins."""
    try:
        packages = json.loads((srcdir / "package-lock.json").read_text(encoding="utf-8"))["packages"]
    except (OSError, ValueError, KeyError, TypeError):
        packages = {}
    versions = {}
    for name in ("axe-core", "vnu-jar"):
        entry = packages.get(f"node_modules/{name}") if isinstance(packages, dict) else None
        version = entry.get("version") if isinstance(entry, dict) else None
        versions[name] = version if isinstance(version, str) else UNKNOWN_VERSION
    return versions


def content_date(app: Sphinx) -> str:
    """Return « 10 novembre 2017 »: the newest post's day, or "" without posts."""
    blog = registered_blog(app)
    dates = [post.date for post in blog.posts if post.date]
    return format_day(max(dates), app.config) if dates else ""


def statement_context(app: Sphinx) -> dict:
    """Return what ``blog/accessibility.html`` shows."""
    return {
        "site": app.config.project,
        "author": app.config.author,
        "date": content_date(app),
        "versions": checker_versions(Path(app.srcdir)),
        # A page type without a French name yet is left out (tests/test_accessibility_statement.py fails on it).
        "page_types": [checks.PAGE_TYPE_NAMES[kind] for kind in checks.PAGE_TYPES if kind in checks.PAGE_TYPE_NAMES],
        "themes": list(checks.THEMES.values()),
        "viewports": list(checks.VIEWPORTS.values()),
        "criteria": sorted(checks.AXE_CRITERIA.values(), key=lambda item: [int(part) for part in item[0].split(".")]),
        "validator_criterion": checks.VALIDATOR_CRITERION,
        "journeys": checks.KEYBOARD_JOURNEYS,
        "limits": checks.KNOWN_LIMITS,
    }


def generate_statement(app: Sphinx) -> list:
    """Yield the accessibility statement (``blog-generated-pages``) if it changed."""
    if not ablog.builder_support(app):
        return []
    context = {
        "title": Markup.escape(ACCESSIBILITY_TITLE),
        "body": "",
        "blog_accessibility": statement_context(app),
        "blog_page_description": f"Déclaration d’accessibilité du site {app.config.project} : état de conformité "
        "au RGAA, résultats des tests, contenus non accessibles et voies de recours.",
    }
    if is_unchanged(app, app.builder.get_target_uri(ACCESSIBILITY_DOCNAME), context):
        return []
    return [(ACCESSIBILITY_DOCNAME, context, "page.html")]


def link_statement(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Give every page the statement's docname, for the footer."""
    if ablog.builder_support(app):
        context["blog_accessibility_page"] = ACCESSIBILITY_DOCNAME


def setup(app: Sphinx) -> dict:
    app.setup_extension("ablog")
    app.setup_extension("sphinx_blog_fr._dates")
    app.setup_extension("sphinx_blog_fr._incremental")
    app.connect("blog-generated-pages", generate_statement)
    app.connect("html-page-context", link_statement)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
