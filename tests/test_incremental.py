"""After an edit, ``make html`` (and ``make livehtml``, which runs the same build) is incremental and correct.

A test site is built, one post is edited in place, and the site is built
again in the same folders, as the author's ``make html`` and sphinx-autobuild
do. Every page must then show the change, not only the edited one: the
output must be, file for file, byte for byte, the output of a clean build of
the edited sources. The readers' view of it is checked too: the home page,
the tag pages, every page's sidebar, the feed.

The same holds after changes that take pages away: a post deleted (its
year, month, category and tag with it), turned draft, renamed, the last use
of a tag removed, the configuration changed. No page, folder or file that a
clean build does not write may be left behind.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import feedparser
import pytest

from conftest import Build, build_site, clean_build_of, make_html, post_source
from sphinx_blog_fr.commands.benchmark import differing_files
from sphinx_blog_fr.commands.build import UP_TO_DATE

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
    files = {
        path: post_source(title, date=day, tags=tags, body=f"Le texte de « {title} ».")
        for path, title, day, tags in POSTS
    }
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
        return {
            path
            for path, mtime in _mtimes(self.incremental.html).items()
            if path.endswith(".html") and self.mtimes_before.get(path) != mtime
        }


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
    return Rebuild(incremental, clean_build_of(first.srcdir, workdir / "clean"), mtimes)


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


def test_an_edit_of_an_included_file_rewrites_the_post_that_includes_it_only(tmp_path: Path):
    """A post depends on the files it includes; the posts read after it do not."""
    path, title, day, tags = POSTS[0]
    body = "```{include} /_includes/citation.inc\n```"
    files = sources(
        {path: post_source(title, date=day, tags=tags, body=body), "_includes/citation.inc": "Une citation.\n"}
    )
    first = build_site(tmp_path / "incremental", files, conf=CONF)
    assert first.returncode == 0, first.output
    mtimes = _mtimes(first.html)
    (first.srcdir / "_includes" / "citation.inc").write_text("Une autre citation.\n", encoding="utf-8")
    incremental = make_html(first.srcdir, first.html.parent)
    assert incremental.returncode == 0, incremental.output
    rebuild = Rebuild(incremental, clean_build_of(first.srcdir, tmp_path / "clean"), mtimes)
    assert "Une autre citation." in incremental.page("posts/2019/ancien.html").get_text()
    assert differing_files(incremental.html, rebuild.clean.html) == []
    later_posts = {"posts/2020/milieu.html", "posts/2021/recent.html", "posts/2021/dernier.html"}
    assert not rebuild.rewritten() & later_posts, rebuild.rewritten()


def test_the_home_page_shows_the_new_title(title_and_tags_edited: Rebuild):
    home = title_and_tags_edited.incremental.page("blog/page/2.html")
    titles = [link.get_text(strip=True) for link in home.select(".blog-entry-title a")]
    assert NEW_TITLE in titles
    assert all("avant" not in page.read_text(encoding="utf-8") for page in title_and_tags_edited.incremental.pages())


def test_tag_pages_follow_the_new_tags(title_and_tags_edited: Rebuild):
    build = title_and_tags_edited.incremental
    ruralite = [
        link.get_text(strip=True) for link in build.page("blog/tag/ruralite.html").select(".blog-entry-title a")
    ]
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


# -- Changes that take pages away ----------------------------------------------------

#: The only post of 2018, of its category and of its tag: deleting it empties all three.
ALONE = "posts/2018/seul.md"
ALONE_SOURCE = post_source("Un article seul", date="2018-03-04", tags="unique", category="Histoire")


def _delete(srcdir: Path, path: str) -> None:
    (srcdir / path).unlink()


def _rewrite(srcdir: Path, path: str, old: str, new: str) -> None:
    source = srcdir / path
    text = source.read_text(encoding="utf-8")
    assert old in text, (path, old)
    source.write_text(text.replace(old, new), encoding="utf-8")


def _rename_with_redirect(srcdir: Path, docname: str, new_docname: str) -> None:
    """Rename a post, and have sphinx-reredirects write a redirect page where its page was."""
    (srcdir / f"{docname}.md").rename(srcdir / f"{new_docname}.md")
    with (srcdir / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(f"\nredirects = {{{docname!r}: {Path(new_docname).name + '.html'!r}}}\n")


#: Applied one after the other to the same site, each followed by ``make html`` (no clean).
REMOVALS = {
    "a post deleted, the last of its year, month, category and tag": lambda src: _delete(src, ALONE),
    "the newest post turned draft (a date to come)": lambda src: _rewrite(
        src, "posts/2021/dernier.md", "date: 2021-09-06", "date: 2099-09-06"
    ),
    "a post file renamed": lambda src: (src / "posts/2020/milieu.md").rename(src / "posts/2020/milieu-renomme.md"),
    "a post file renamed, its old address redirected": lambda src: _rename_with_redirect(
        src, "posts/2021/recent", "posts/2021/recent-renomme"
    ),
    "the last use of a tag removed": lambda src: _rewrite(src, EDITED, "tags: territoires, agents", "tags: agents"),
    "the configuration changed": lambda src: _rewrite(src, "conf.py", CONF, CONF + "\nhtml_title = 'Un autre titre'"),
}


def tree_differences(output: Path, reference: Path) -> list[str]:
    """The files in one output only or with other bytes, and the folders in one output only."""
    folders = [
        {path.relative_to(tree).as_posix() for path in tree.rglob("*") if path.is_dir()} for tree in (output, reference)
    ]
    return differing_files(output, reference) + sorted(f"{folder}/" for folder in folders[0] ^ folders[1])


@pytest.fixture(scope="module")
def after_removals(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """For each change of :data:`REMOVALS`, in order, how the incremental output differs from a clean build's."""
    workdir = tmp_path_factory.mktemp("removals")
    site = build_site(workdir / "incremental", sources({ALONE: ALONE_SOURCE}), conf=CONF)
    assert site.returncode == 0, site.output
    differences = {}
    for step, (change, apply_change) in enumerate(REMOVALS.items()):
        apply_change(site.srcdir)
        incremental = make_html(site.srcdir, site.html.parent)
        assert incremental.returncode == 0, (change, incremental.output)
        clean = clean_build_of(site.srcdir, workdir / f"clean-{step}")
        differences[change] = tree_differences(incremental.html, clean.html)
    return differences


@pytest.mark.parametrize("change", list(REMOVALS))
def test_after_a_removal_the_output_is_a_clean_builds_files_and_folders(after_removals: dict, change: str):
    assert after_removals[change] == []


def test_the_comparison_sees_a_stale_page_and_an_empty_folder(tmp_path: Path):
    output, reference = tmp_path / "output", tmp_path / "reference"
    for tree in (output, reference):
        (tree / "posts").mkdir(parents=True)
        (tree / "posts/a.html").write_text("a", encoding="utf-8")
    (output / "posts/b.html").write_text("b", encoding="utf-8")
    (output / "blog/2019").mkdir(parents=True)
    (output / ".buildinfo.bak").write_text("", encoding="utf-8")
    assert tree_differences(output, reference) == [".buildinfo.bak", "posts/b.html", "blog/", "blog/2019/"]


# -- A problem is reported by every build until it is fixed ----------------------------


def test_a_broken_link_fails_every_build_until_it_is_fixed(tmp_path: Path):
    broken = post_source("Un lien cassé", date="2020-05-05", body="Voir [la suite](nulle-part.md).")
    site = build_site(tmp_path, sources({"posts/2020/casse.md": broken}), conf=CONF)
    assert site.returncode != 0 and "posts/2020/casse.md:9:" in site.output, site.output
    _rewrite(site.srcdir, POSTS[0][0], "Le texte de", "Un autre texte de")
    unrelated_edit = make_html(site.srcdir, site.html.parent)
    assert unrelated_edit.returncode != 0, unrelated_edit.output
    assert "posts/2020/casse.md:9:" in unrelated_edit.output and "nulle-part.md" in unrelated_edit.output
    _rewrite(site.srcdir, "posts/2020/casse.md", "[la suite](nulle-part.md)", "la suite")
    fixed = make_html(site.srcdir, site.html.parent)
    assert fixed.returncode == 0, fixed.output
    # Fixed, the site is up to date: the next make html has nothing to do.
    assert UP_TO_DATE in make_html(site.srcdir, site.html.parent).output


#: Three posts, the first pointing into the other two: a section by its label, a post, a label by MyST's link.
REFERENCING = {
    "posts/2020/a.md": post_source("Billet A", body="Voir {doc}`b`, {ref}`cible` et [là](#cible-c) aussi."),
    "posts/2020/b.md": post_source("Billet B", date="2020-02-01", body="(cible)=\n## Une section\n\nTexte."),
    "posts/2020/c.md": post_source("Billet C", date="2020-03-01", body="(cible-c)=\n## Section C\n\nRien."),
}


def test_a_page_follows_what_its_references_point_at_in_another_post(tmp_path: Path):
    """Only post B or C is edited (_reference_targets): post A's links follow, and a label removed fails the build."""
    site = build_site(tmp_path / "site", REFERENCING)
    assert site.returncode == 0, site.output
    _rewrite(site.srcdir, "posts/2020/b.md", "## Une section", "## Une autre section")
    renamed = make_html(site.srcdir, site.html.parent)
    assert renamed.returncode == 0, renamed.output
    assert "Une autre section" in (renamed.html / "posts/2020/a.html").read_text(encoding="utf-8")
    assert differing_files(renamed.html, clean_build_of(site.srcdir, tmp_path / "clean").html) == []
    for post, label in (("posts/2020/b.md", "cible"), ("posts/2020/c.md", "cible-c")):
        _rewrite(site.srcdir, post, f"({label})=\n", "")
        removed = make_html(site.srcdir, site.html.parent)
        assert removed.returncode != 0 and "posts/2020/a.md:9:" in removed.output, removed.output
        assert label in removed.output
        _rewrite(site.srcdir, post, "## ", f"({label})=\n## ")


def test_a_front_matter_problem_fails_every_build_until_it_is_fixed(tmp_path: Path):
    """The schema checks only the posts that changed (_post_readings): a faulty post's problem is kept and told again."""
    faulty = post_source("Une faute", date="2020-05-05", extra="tag: design")
    site = build_site(tmp_path, sources({"posts/2020/faute.md": faulty}), conf=CONF)
    assert site.returncode != 0 and "posts/2020/faute.md:4:" in site.output, site.output
    problem = site.output[site.output.index("posts/2020/faute.md:4:") :].splitlines()[0]
    unchanged = make_html(site.srcdir, site.html.parent)
    assert unchanged.returncode != 0 and problem in unchanged.output, unchanged.output
    _rewrite(site.srcdir, "posts/2020/faute.md", "tag: design", "tags: design")
    fixed = make_html(site.srcdir, site.html.parent)
    assert fixed.returncode == 0, fixed.output


def test_after_a_description_edit_the_listings_show_the_new_excerpt(tmp_path: Path):
    """A ``description:`` is a post's excerpt: editing only it must rewrite the listings, as a clean build would."""
    first = build_site(tmp_path / "site", {"posts/2020/p.md": post_source("P", extra="description: Ancien résumé")})
    assert first.returncode == 0, first.output
    post = first.srcdir / "posts/2020/p.md"
    post.write_text(post.read_text(encoding="utf-8").replace("Ancien résumé", "Nouveau résumé"), encoding="utf-8")
    incremental = make_html(first.srcdir, first.html.parent)
    assert incremental.returncode == 0, incremental.output
    assert "Nouveau résumé" in (incremental.html / "index.html").read_text(encoding="utf-8")
    assert differing_files(incremental.html, clean_build_of(first.srcdir, tmp_path / "clean").html) == []


def test_a_new_spelling_of_a_tag_reaches_the_posts_that_were_not_edited(tmp_path: Path):
    """A post typed « Numérique » where the others had « numerique »: the accented spelling wins on
    every post (``_taxonomy``), so the posts not edited are read again and their pages show it."""
    files = {
        "posts/2020/a.md": post_source("A", date="2020-01-02", tags="numerique, design"),
        "posts/2020/b.md": post_source("B", date="2020-03-04", tags="numerique"),
    }
    first = build_site(tmp_path / "site", files)
    assert first.returncode == 0, first.output
    (first.srcdir / "posts/2021/c.md").parent.mkdir(parents=True)
    (first.srcdir / "posts/2021/c.md").write_text(post_source("C", date="2021-05-06", tags="Numérique"), "utf-8")
    incremental = make_html(first.srcdir, first.html.parent)
    assert incremental.returncode == 0, incremental.output
    unedited = incremental.page("posts/2020/a.html")
    labels = {link.get_text() for link in unedited.select("a[href$='tag/numerique.html']")}
    assert labels and all(label.startswith("numérique") for label in labels), labels
    assert "numerique" not in unedited.get_text()
    assert differing_files(incremental.html, clean_build_of(first.srcdir, tmp_path / "clean").html) == []


#: The pages the machinery and its upstreams generate that show no post's text.
GENERATED_PAGES = {
    "blog/tag.html",
    "blog/category.html",
    "blog/author.html",
    "blog/archive.html",
    "blog/abonnement.html",
    "blog/accessibilite.html",
    "404.html",
}


def test_a_build_that_changes_nothing_writes_no_generated_page_and_keeps_them_listed(tmp_path: Path):
    first = build_site(tmp_path / "site", sources(), conf=CONF)
    assert first.returncode == 0, first.output
    mtimes = _mtimes(first.html)
    again = make_html(first.srcdir, first.html.parent)
    assert again.returncode == 0, again.output
    rewritten = {path for path, mtime in _mtimes(again.html).items() if mtimes.get(path) != mtime}
    assert not rewritten & GENERATED_PAGES, f"written again though nothing changed: {rewritten & GENERATED_PAGES}"
    assert differing_files(again.html, clean_build_of(first.srcdir, tmp_path / "clean").html) == []


def test_a_404_document_replaces_the_generated_404_page(tmp_path: Path):
    """sphinx-notfound-page generates no page where a document of that name is: the document's stays."""
    first = build_site(tmp_path / "site", sources(), conf=f'{CONF}\nnotfound_pagename = "pages/404"')
    assert first.returncode == 0, first.output
    assert (first.html / "pages/404.html").is_file()
    (first.srcdir / "pages").mkdir()
    (first.srcdir / "pages/404.md").write_text("# Introuvable\n\nCette page n’existe pas ici.\n", encoding="utf-8")
    incremental = make_html(first.srcdir, first.html.parent)
    assert incremental.returncode == 0, incremental.output
    assert "Cette page n’existe pas ici" in (incremental.html / "pages/404.html").read_text(encoding="utf-8")
    assert differing_files(incremental.html, clean_build_of(first.srcdir, tmp_path / "clean").html) == []


def test_a_template_edit_shows_on_the_next_build(tmp_path: Path):
    """The templates' compiled code is kept between builds (_template_cache): an edit must still show."""
    first = build_site(tmp_path / "site", sources(), conf=CONF)
    assert first.returncode == 0, first.output
    assert any((first.html.parent / "doctrees" / "blog-templates").rglob("*.cache"))
    template = first.srcdir / "_templates" / "blog" / "not-found.html"
    template.parent.mkdir(parents=True, exist_ok=True)
    template.write_text('{% extends "page.html" %}{% block content %}<p>Avant</p>{% endblock %}', encoding="utf-8")
    assert make_html(first.srcdir, first.html.parent).returncode == 0
    template.write_text('{% extends "page.html" %}{% block content %}<p>Après</p>{% endblock %}', encoding="utf-8")
    edited = make_html(first.srcdir, first.html.parent)
    assert edited.returncode == 0, edited.output
    assert "<p>Après</p>" in (edited.html / "404.html").read_text(encoding="utf-8")
    assert differing_files(edited.html, clean_build_of(first.srcdir, tmp_path / "clean").html) == []


# -- A new post: the pages that show nothing else new get the new sidebar, not a new render ----------

#: Twelve posts, six a year, each its own tag (none is related to another): once one is added, the
#: two oldest were and are not among the latest ten the sidebar may show.
TWELVE_POSTS = {
    f"posts/{2019 + number // 6}/p{number + 1:02}.md": post_source(
        f"Article {number + 1}",
        date=f"{2019 + number // 6}-{number % 6 + 1:02}-10",
        tags=f"sujet {number + 1}",
        body=f"Le texte de l’article {number + 1}.",
    )
    for number in range(12)
}
#: conf.py of the test site notes each page rendered (html-page-context) in rendered.txt, beside html/.
NOTE_RENDERED_PAGES = """
def setup(app):
    from pathlib import Path

    def note(app, pagename, templatename, context, doctree):
        with (Path(app.doctreedir).parent / "rendered.txt").open("a", encoding="utf-8") as notes:
            notes.write(pagename + "\\n")

    app.connect("html-page-context", note)
"""


@dataclass
class NewPost:
    incremental: Build
    clean: Build
    #: The pages the incremental build rendered.
    rendered: set[str]


def add_post(workdir: Path, path: str, day: str, files: dict[str, str] | None = None) -> NewPost:
    """Build the twelve posts (and *files*), add a post *path* of *day*, build again in place, and build it clean elsewhere."""
    first = build_site(workdir / "incremental", TWELVE_POSTS | (files or {}), conf=f"{CONF}\n{NOTE_RENDERED_PAGES}")
    assert first.returncode == 0, first.output
    notes = first.html.parent / "rendered.txt"
    notes.unlink()
    (first.srcdir / path).parent.mkdir(parents=True, exist_ok=True)
    (first.srcdir / path).write_text(post_source("Le nouvel article", date=day, tags="nouveau"), encoding="utf-8")
    incremental = make_html(first.srcdir, first.html.parent)
    assert incremental.returncode == 0, incremental.output
    rendered = set(notes.read_text(encoding="utf-8").split())
    return NewPost(incremental, clean_build_of(first.srcdir, workdir / "clean"), rendered)


@pytest.fixture(scope="module")
def post_added(tmp_path_factory: pytest.TempPathFactory) -> NewPost:
    return add_post(tmp_path_factory.mktemp("post-added"), "posts/2020/nouveau.md", "2020-12-01")


def test_after_a_post_is_added_the_output_is_a_clean_builds(post_added: NewPost):
    assert differing_files(post_added.incremental.html, post_added.clean.html) == []


def test_untouched_pages_show_the_new_post_in_their_sidebar_without_being_rendered_again(post_added: NewPost):
    # The two oldest posts (the third was among the latest ten) and 2019's months: one page of each
    # folder is rendered, the others take its sidebar.
    for group in (["posts/2019/p01", "posts/2019/p02"], [f"blog/2019/0{month}" for month in range(1, 7)]):
        for pagename in group:
            recent = post_added.incremental.page(f"{pagename}.html").select("#sidebar-blog-recent + ul a")
            assert recent[0].get_text(strip=True) == "Le nouvel article", pagename
        assert len(post_added.rendered & set(group)) == 1, sorted(post_added.rendered & set(group))
    # The pages that show the new post otherwise are rendered: its neighbour, the home page, the year's listing.
    assert {"posts/2020/p12", "index", "blog/2020"} <= post_added.rendered


def test_a_post_of_a_new_year_reaches_every_footer(tmp_path: Path):
    added = add_post(tmp_path, "posts/2021/nouveau.md", "2021-03-01")
    assert differing_files(added.incremental.html, added.clean.html) == []
    footer = added.incremental.page("posts/2019/p03.html").select_one(".copyright").get_text(" ", strip=True)
    assert "2019–2021" in footer, footer
    assert "posts/2019/p03" in added.rendered


def test_pages_a_blogs_own_sidebar_links_to_are_rendered_in_full(tmp_path: Path):
    """A blog's own « Articles récents » lists every post: the refresh cannot take a post's sidebar for another's."""
    machinery = Path(__file__).parents[1] / "sphinx_blog_fr/templates/sidebar/blog-recent.html"
    every_post = machinery.read_text(encoding="utf-8").replace("ablog.recent(5)", "ablog.recent(20)")
    added = add_post(
        tmp_path, "posts/2020/nouveau.md", "2020-12-01", {"_templates/sidebar/blog-recent.html": every_post}
    )
    assert differing_files(added.incremental.html, added.clean.html) == []
    assert {"posts/2019/p01", "posts/2019/p02"} <= added.rendered
    links = added.incremental.page("posts/2019/p02.html").select("#sidebar-blog-recent + ul a")
    assert [link["href"] for link in links][-2:] == ["#", "p01.html"]
