"""After an edit, ``make html`` (and ``make livehtml``, which runs the same build) is incremental and correct.

A test site is built, one post is edited in place, and the site is built
again in the same folders, as the author's ``make html`` and sphinx-autobuild
do. Every page must then show the change, not only the edited one: the
output must be, file for file, byte for byte, the output of a clean build of
the edited sources. The readers' view of it is checked too: the home page,
the tag pages, every page's sidebar, the feed.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import feedparser
import pytest

from blogtools.benchmark import differing_files
from conftest import Build, build_site, make_html, post_source

#: (path, title, date, tags), oldest first; « territoires » is only on the post that is edited.
POSTS = [
    ("posts/2019/ancien.md", "Un ancien article", "2019-05-02", "design, agents"),
    ("posts/2020/milieu.md", "Un article du milieu", "2020-02-03", "design"),
    ("posts/2020/edite.md", "Le titre d’avant", "2020-06-04", "territoires, agents"),
    ("posts/2021/recent.md", "Un article récent", "2021-01-05", "design, agents"),
    ("posts/2021/dernier.md", "Le dernier article", "2021-09-06", "agents"),
]
EDITED = "posts/2020/edite.md"
NEW_TITLE, NEW_TAGS = "Le titre d’après", "ruralité, agents"
CONF = "blog_posts_per_page = 2"


def sources(edit: dict[str, str] | None = None) -> dict[str, str]:
    files = {path: post_source(title, date=day, tags=tags, body=f"Le texte de « {title} ».")
             for path, title, day, tags in POSTS}
    return files | (edit or {})


@dataclass
class Rebuild:
    """A site built, edited and built again in place, and a clean build of the edited sources."""

    incremental: Build
    clean: Build
    #: Modification times of the output's files before the rebuild.
    mtimes_before: dict[str, int]

    def rewritten(self) -> set[str]:
        """The HTML pages the incremental build wrote."""
        return {path for path, mtime in _mtimes(self.incremental.html).items()
                if path.endswith(".html") and self.mtimes_before.get(path) != mtime}


def _mtimes(html: Path) -> dict[str, int]:
    return {path.relative_to(html).as_posix(): path.stat().st_mtime_ns for path in html.rglob("*") if path.is_file()}


def rebuild_after(workdir: Path, edit: dict[str, str]) -> Rebuild:
    """Build the site, write *edit* into its sources, build it again in place, and build it clean elsewhere."""
    first = build_site(workdir / "incremental", sources(), conf=CONF)
    assert first.returncode == 0, first.output
    mtimes = _mtimes(first.html)
    for path, text in edit.items():
        (first.srcdir / path).write_text(text, encoding="utf-8")
    incremental = make_html(first.srcdir, first.html.parent)
    assert incremental.returncode == 0, incremental.output
    clean_sources = workdir / "clean" / "src"
    shutil.copytree(first.srcdir, clean_sources, ignore=shutil.ignore_patterns("__pycache__"))
    clean = make_html(clean_sources, workdir / "clean" / "build")
    assert clean.returncode == 0, clean.output
    return Rebuild(incremental, clean, mtimes)


@pytest.fixture(scope="module")
def title_and_tags_edited(tmp_path_factory: pytest.TempPathFactory) -> Rebuild:
    _path, _title, day, _tags = next(post for post in POSTS if post[0] == EDITED)
    edit = {EDITED: post_source(NEW_TITLE, date=day, tags=NEW_TAGS, body=f"Le texte de « {NEW_TITLE} ».")}
    return rebuild_after(tmp_path_factory.mktemp("title-edit"), edit)


@pytest.fixture(scope="module")
def body_edited(tmp_path_factory: pytest.TempPathFactory) -> Rebuild:
    path, title, day, tags = POSTS[0]
    edit = {path: post_source(title, date=day, tags=tags, body=f"Le texte de « {title} ».\n\nUn ajout à la fin.")}
    return rebuild_after(tmp_path_factory.mktemp("body-edit"), edit)


def test_after_a_title_and_tags_edit_the_output_is_a_clean_builds(title_and_tags_edited: Rebuild):
    rebuild = title_and_tags_edited
    assert differing_files(rebuild.incremental.html, rebuild.clean.html) == []


def test_after_a_body_edit_the_output_is_a_clean_builds(body_edited: Rebuild):
    assert differing_files(body_edited.incremental.html, body_edited.clean.html) == []


def test_a_body_edit_rewrites_the_post_but_not_every_page(body_edited: Rebuild):
    rewritten = body_edited.rewritten()
    assert "posts/2019/ancien.html" in rewritten
    untouched = {"posts/2021/dernier.html", "posts/2020/milieu.html", "index.html", "blog/tag/design.html"}
    assert not rewritten & untouched, f"pages that show nothing of the edit were written again: {rewritten & untouched}"


def test_the_home_page_shows_the_new_title(title_and_tags_edited: Rebuild):
    home = title_and_tags_edited.incremental.page("blog/page/2.html")
    titles = [link.get_text(strip=True) for link in home.select(".blog-entry-title a")]
    assert NEW_TITLE in titles
    assert all("avant" not in page.read_text(encoding="utf-8") for page in title_and_tags_edited.incremental.pages())


def test_tag_pages_follow_the_new_tags(title_and_tags_edited: Rebuild):
    build = title_and_tags_edited.incremental
    ruralite = [link.get_text(strip=True) for link in build.page("blog/tag/ruralite.html").select(".blog-entry-title a")]
    assert ruralite == [NEW_TITLE]
    assert not (build.html / "blog/tag/territoires.html").exists(), "the tag no post has any more still has a page"
    assert not (build.html / "blog/tag/territoires/atom.xml").exists(), "the tag no post has any more still has a feed"


def test_every_sidebar_shows_the_new_tags_and_title(title_and_tags_edited: Rebuild):
    build = title_and_tags_edited.incremental
    for path in ("posts/2019/ancien.html", "posts/2021/dernier.html", "blog/tag/design.html", "index.html"):
        page = build.page(path)
        tags = [link.get_text(strip=True) for link in page.select("#sidebar-blog-tags + ul a")]
        recent = [link.get_text(strip=True) for link in page.select("#sidebar-blog-recent + ul a")]
        assert "ruralité (1)" in tags and not any(tag.startswith("territoires") for tag in tags), (path, tags)
        assert NEW_TITLE in recent, (path, recent)


def test_neighbours_show_the_new_title(title_and_tags_edited: Rebuild):
    build = title_and_tags_edited.incremental
    for neighbour in ("posts/2020/milieu.html", "posts/2021/recent.html"):
        assert NEW_TITLE in build.page(neighbour).select_one(".related-pages").get_text(" ", strip=True)


def test_the_feed_has_the_new_title(title_and_tags_edited: Rebuild):
    feed = feedparser.parse((title_and_tags_edited.incremental.html / "blog/atom.xml").read_bytes())
    assert NEW_TITLE in [entry.title for entry in feed.entries]
