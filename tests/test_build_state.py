"""The blog's shared state: its environment data in the ``blog`` domain, its versions, its named events.

* What the package notes about each document (``blog_domain``) is forgotten
  when the document is gone, and merged back from parallel readers.
* A module that pickles state into the environment declares an
  ``env_version``: when it changes, the pickled environment is discarded and
  every document is read again.
* The named events (``blog-…``) are emitted in the order of a build, and an
  extension of the blog's own ``conf.py`` can hook them: a page it generates
  through ``blog-generated-pages`` is written, a tag it adds through
  ``blog-page-described`` is in the page's ``<head>``, before
  sphinxext-opengraph's.
"""

from __future__ import annotations

import io
import json
import os
import pickle
import shutil
from pathlib import Path

from PIL import Image

from conftest import Build, SiteFactory, make_html, post_source

MATH_POST = post_source("Des maths", body="L’aire du disque est {math}`\\pi r^2`.\n\n![Un grand carré](grand.png)")


def large_png() -> bytes:
    """A PNG wide enough for resized copies (blog_images)."""
    image = io.BytesIO()
    Image.new("RGB", (1000, 500), "teal").save(image, "PNG")
    return image.getvalue()


def blog_data(build: Build) -> dict:
    """The ``blog`` domain's data in the environment *build* pickled."""
    with (build.html.parent / "doctrees" / "environment.pickle").open("rb") as pickled:
        return pickle.load(pickled).domaindata["blog"]


def doctree_times(build: Build) -> dict[str, int]:
    doctrees = build.html.parent / "doctrees"
    return {path.relative_to(doctrees).as_posix(): path.stat().st_mtime_ns for path in doctrees.rglob("*.doctree")}


def test_a_post_deleted_between_builds_leaves_nothing_in_the_environment(build_test_site: SiteFactory):
    files = {
        "posts/2020/maths.md": MATH_POST,
        "posts/2020/grand.png": large_png(),
        "posts/2020/texte.md": post_source("Du texte", date="2020-02-01"),
    }
    first = build_test_site(files)
    assert first.returncode == 0, first.output
    data = blog_data(first)
    assert set(data["post_summaries"]) == {"posts/2020/maths", "posts/2020/texte"}
    assert data["math_documents"] == {"posts/2020/maths"}
    assert set(data["resized_images"]) == {"posts/2020/maths"}
    copies = sorted(path.name for path in (first.html / "_images").iterdir() if "-480." in path.name)
    assert copies, "no resized copy of the large image"

    (first.srcdir / "posts/2020/maths.md").unlink()
    second = make_html(first.srcdir, first.html.parent)
    assert second.returncode == 0, second.output
    data = blog_data(second)
    assert set(data["post_summaries"]) == {"posts/2020/texte"}
    assert data["math_documents"] == set()
    assert data["resized_images"] == {}
    # What readers get: no MathJax and no resized copy left behind.
    assert not (second.html / "_static" / "mathjax").exists()
    assert not any((second.html / "_images" / name).exists() for name in copies)


def test_parallel_readers_hand_back_what_they_noted(build_test_site: SiteFactory, tmp_path: Path):
    files = {
        f"posts/2020/texte-{number}.md": post_source(f"Texte {number}", date=f"2020-03-{number:02d}")
        for number in range(1, 9)
    }
    files |= {"posts/2020/maths.md": MATH_POST, "posts/2020/grand.png": large_png()}
    serial = build_test_site(files)
    assert serial.returncode == 0, serial.output
    sources = tmp_path / "parallel-src"
    shutil.copytree(serial.srcdir, sources)
    parallel = make_html(sources, tmp_path / "parallel-build", options="--jobs=2")
    assert parallel.returncode == 0, parallel.output
    serial_data, parallel_data = blog_data(serial), blog_data(parallel)
    assert len(parallel_data["post_summaries"]) == sum(name.endswith(".md") for name in files)
    for key in ("post_summaries", "math_documents", "resized_images", "menu"):
        assert parallel_data[key] == serial_data[key], key


#: conf.py of a site whose blog_incremental declares a newer env_version when BUMP_ENV_VERSION is set,
#: as a release changing the shape of what it pickles would.
BUMP_CONF = """
def setup(app):
    import os

    if os.environ.get("BUMP_ENV_VERSION"):
        app.extensions["sphinx_blog_fr._incremental"].metadata["env_version"] += 1
"""


def test_a_new_env_version_has_every_document_read_again(build_test_site: SiteFactory):
    files = {
        f"posts/2020/texte-{number}.md": post_source(f"Texte {number}", date=f"2020-04-{number:02d}")
        for number in (1, 2)
    }
    first = build_test_site(files, conf=BUMP_CONF)
    assert first.returncode == 0, first.output
    before = doctree_times(first)
    assert {"index.doctree", "posts/2020/texte-1.doctree", "posts/2020/texte-2.doctree"} <= before.keys()

    unchanged = make_html(first.srcdir, first.html.parent)
    assert unchanged.returncode == 0, unchanged.output
    assert doctree_times(unchanged) == before, "a build with nothing changed read documents again"

    bumped = make_html(first.srcdir, first.html.parent, environment={**os.environ, "BUMP_ENV_VERSION": "1"})
    assert bumped.returncode == 0, bumped.output
    after = doctree_times(bumped)
    assert after.keys() == before.keys()
    assert [name for name in before if after[name] == before[name]] == []


#: conf.py of a site with an extension of its own listening to every named event of the blog.
HOOK_CONF = """
import json
from pathlib import Path

EVENTS_LOG = Path(__file__).parent / "events.jsonl"


def _note(name, detail):
    with EVENTS_LOG.open("a", encoding="utf-8") as log:
        log.write(json.dumps([name, detail]) + "\\n")


def _extra_page(app):
    _note("blog-generated-pages", None)
    return [("page-du-site", {"title": "Page du site", "body": "<p>Écrite par conf.py</p>"}, "page.html")]


def _describe(app, pagename, context, doctree):
    _note("blog-page-described", pagename)
    context["metatags"] = context.get("metatags", "") + '<meta name="test-hook" content="{}">\\n'.format(pagename)


def setup(app):
    app.connect("blog-defaults-applied", lambda app, config: _note("blog-defaults-applied", config.blog_baseurl))
    app.connect("blog-posts-read", lambda app, posts, drafts: _note("blog-posts-read", [sorted(posts), sorted(drafts)]))
    app.connect("blog-doctree-confined", lambda app, doctree: _note("blog-doctree-confined", app.env.docname))
    app.connect("blog-post-recorded", lambda app, doctree: _note("blog-post-recorded", app.env.docname))
    app.connect("blog-page-described", _describe)
    app.connect("blog-generated-pages", _extra_page)
    app.connect(
        "blog-generated-files-saved", lambda app, files: _note("blog-generated-files-saved", sorted(files.current))
    )
"""


def test_an_extension_of_the_site_hooks_the_named_events_in_build_order(build_test_site: SiteFactory):
    files = {
        "posts/2020/publie.md": post_source("Publié", tags="essai"),
        "posts/2099/brouillon.md": post_source("Brouillon", date="2099-01-01"),
    }
    build = build_test_site(files, conf=HOOK_CONF)
    assert build.returncode == 0, build.output
    events = [json.loads(line) for line in (build.srcdir / "events.jsonl").read_text(encoding="utf-8").splitlines()]
    names = [name for name, _detail in events]
    first_of_each = list(dict.fromkeys(names))
    assert first_of_each == [
        "blog-defaults-applied",
        "blog-posts-read",
        "blog-doctree-confined",
        "blog-post-recorded",
        "blog-page-described",
        "blog-generated-pages",
        "blog-generated-files-saved",
    ]
    details = dict(events)
    assert details["blog-posts-read"] == [["posts/2020/publie"], ["posts/2099/brouillon"]]
    assert "blog/tag/essai.html" in details["blog-generated-files-saved"]
    # Every document read is confined, then ABlog's record of it completed.
    position = {(name, detail): index for index, (name, detail) in enumerate(events) if isinstance(detail, str)}
    confined = {detail for name, detail in events if name == "blog-doctree-confined"}
    assert confined == {detail for name, detail in events if name == "blog-post-recorded"}
    assert {"index", "posts/2020/publie"} <= confined
    for docname in confined:
        assert position["blog-doctree-confined", docname] < position["blog-post-recorded", docname]
    assert names.count("blog-generated-files-saved") == 1

    # What a reader gets: the page the site's extension generated, and its tag in every page's <head>,
    # before sphinxext-opengraph's.
    extra = build.page("page-du-site.html")
    assert "Écrite par conf.py" in extra.get_text()
    tags = [
        (tag.get("name") or tag.get("property"), tag.get("content"))
        for tag in build.page("posts/2020/publie.html").find_all("meta")
    ]
    assert ("test-hook", "posts/2020/publie") in tags
    assert tags.index(("test-hook", "posts/2020/publie")) < [name for name, _content in tags].index("og:title")
