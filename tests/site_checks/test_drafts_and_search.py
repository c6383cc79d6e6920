"""Every published post is in the sitemap and the search index; no draft is anywhere in the output."""

from __future__ import annotations

import json
import re
from xml.etree import ElementTree

from conftest import Build

from .conftest import DRAFTS, SETTINGS, Post

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def search_index(site: Build) -> dict:
    text = (site.html / "searchindex.js").read_text(encoding="utf-8")
    return json.loads(re.fullmatch(r"Search\.setIndex\((.*)\)\s*", text, re.DOTALL).group(1))


def test_every_post_is_in_the_sitemap(site: Build, posts: list[Post]):
    root = ElementTree.parse(site.html / "sitemap.xml").getroot()
    listed = {loc.text for loc in root.findall("sm:url/sm:loc", SITEMAP_NS)}
    assert {SETTINGS["blog_baseurl"] + post.page for post in posts} <= listed


def test_every_post_is_in_the_search_index_under_its_title(site: Build, posts: list[Post]):
    index = search_index(site)
    titles = dict(zip(index["docnames"], index["titles"], strict=True))
    assert {post.docname: post.title for post in posts}.items() <= titles.items()


def test_the_search_index_holds_no_draft(site: Build):
    docnames = set(search_index(site)["docnames"])
    assert not {draft.docname for draft in DRAFTS} & docnames


def test_no_draft_appears_anywhere_in_the_output(site: Build):
    """A draft of posts/ (no date, or a date to come) has no page, and no file of the output names it.

    The seed posts have no draft; the scenarios (tests/scenarios/) add one.
    """
    written = "\n".join(
        path.read_text(encoding="utf-8", errors="replace")
        for path in site.html.rglob("*")
        if path.is_file() and path.suffix in {".html", ".xml", ".js", ".txt"}
    )
    for draft in DRAFTS:
        assert not (site.html / draft.page).exists(), draft.page
        assert draft.title not in written and draft.docname not in written, draft.docname
