"""Two blogs built one after the other in one process (a test suite, a preview server) do not leak into each other."""

from __future__ import annotations

import gc
from pathlib import Path

import feedparser
import pytest

from features.conftest import build


@pytest.fixture(scope="module")
def second_blog(tmp_path_factory: pytest.TempPathFactory):
    """test-isolation, built right after test-drafts, whose draft sits where test-isolation has a published post."""
    first = build("drafts", tmp_path_factory.mktemp("first"))
    assert first.warnings == "", first.warnings
    second = build("isolation", tmp_path_factory.mktemp("second"))
    assert second.warnings == "", second.warnings
    return second


def test_the_second_blog_lists_only_its_own_posts(second_blog):
    """ABlog's registry of posts is the process's: sphinx_blog_fr._parallel empties it when each build starts."""
    titles = [link.get_text() for link in second_blog.page("blog.html").select(".blog-listing .blog-entry-title a")]
    assert "Le billet de l’autre blog" in titles and "Article publié" not in titles
    assert [entry.title for entry in feedparser.parse(second_blog.text("blog/atom.xml")).entries] == titles
    assert not (second_blog.outdir / "blog/tag/brouillons.html").exists()


def test_a_post_where_the_first_blog_had_a_draft_is_published(second_blog):
    assert Path(second_blog.outdir, "posts/2099/futur.html").is_file()


def test_the_cycle_collector_is_back_on_after_a_build(second_blog):
    """_garbage_collection pauses and freezes the collector for a build: the next code in the process gets it whole."""
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0
