"""Throwaway blog sites for the importer's tests: import an export into one, build it, read its pages.

A site is a copy of this repository's own site machinery (conf.py,
its templates and static files, and the home page; the machinery is installed), so
imported posts meet the real front-matter checks, slug rule, listings and
templates. The settings the importer needs are added to the copied conf.py
when the real one does not have them yet: the ``wordpress_redirects``
extension, ``pages/**`` among the sources, and ``smartquotes = False`` (with
it on, Sphinx rewrites the imported "quotes", -- and ... in French style). The build runs in a separate
process (ABlog keeps state between builds of one process) with the
Makefile's options: warnings are errors.
"""

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup, Tag

from conftest import make_html
from sphinx_blog_fr._settings import load_settings
from sphinx_blog_fr.commands._site import copy_site_machinery
from sphinx_blog_fr.wordpress.importer import (
    BlogSettings,
    Plan,
    apply_plan,
    comments_already_imported,
    plan_import,
)
from sphinx_blog_fr.wordpress.wxr import read_export

REPOSITORY = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
INVISIBLE = ["script", "style", "template", "iframe", "audio", "video", "object", "noscript"]


@dataclass
class Site:
    """An imported and built site: its root, the import plan, and the build's output folder."""

    root: Path
    plan: Plan
    html: Path

    def page(self, source: str) -> BeautifulSoup:
        """The built HTML of the imported file *source* (``posts/2017/x.md``)."""
        return BeautifulSoup((self.html / source).with_suffix(".html").read_text(encoding="utf-8"), "html.parser")


def blog_settings() -> BlogSettings:
    """The blog's settings, read from the repository's conf.py as ``make import`` reads them."""
    return BlogSettings.from_conf(load_settings(REPOSITORY))


def new_site(root: Path) -> Path:
    """Lay out an empty blog in *root* from the repository's site machinery."""
    copy_site_machinery(root)
    shutil.copy2(REPOSITORY / "index.md", root / "index.md")
    return root


def import_into(root: Path, export: Path, uploads: Path | None = None, force: bool = False) -> Plan:
    """Import *export* into the site at *root*, as ``make import`` does."""
    plan = plan_import(read_export(export), blog_settings(), uploads, earlier_comments=comments_already_imported(root))
    apply_plan(plan, root, force)
    return plan


def build(root: Path) -> Path:
    """Build the site with ``make html``; fail with Sphinx's output if the build fails."""
    result = make_html(root, root / "_build", options="--quiet")
    assert result.returncode == 0, result.output
    return result.html


def imported_and_built(root: Path, export: Path) -> Site:
    """A new site at *root* with *export* imported and built."""
    new_site(root)
    plan = import_into(root, export)
    return Site(root, plan, build(root))


def visible_text(element: Tag) -> str:
    """The characters a reader sees in *element*, whitespace removed (line breaks and spacing differ by theme)."""
    for hidden in element.find_all(INVISIBLE):
        hidden.decompose()
    return re.sub(r"\s+", "", element.get_text())


def post_body(page: BeautifulSoup) -> Tag:
    """The body of a built post or page: its section without title, post details, heading links, archived comments."""
    section = page.find(attrs={"role": "main"}).find("section")
    section.find("h1").decompose()
    for removed in section.select("a.headerlink, .blog-post-meta, section#commentaires-archives"):
        removed.decompose()
    return section


def write_export(path: Path, items: str, site: str = "https://blog.example", channel: str = "") -> Path:
    """Write a small WXR 1.2 export of *site* at *path*: the channel's own elements *channel*, then *items*."""
    path.write_text(
        f"""<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
	xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
	<title>Test</title>
	<link>{site}</link>
	<wp:wxr_version>1.2</wp:wxr_version>
	<wp:base_blog_url>{site}</wp:base_blog_url>
	{channel}
	{items}
</channel>
</rss>
""",
        encoding="utf-8",
    )
    return path
