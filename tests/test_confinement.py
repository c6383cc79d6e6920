"""The build never reads, includes or publishes a file from outside the repository (issue 11, item 4).

Each attack is a small site whose post names a secret file lying beside the
site's source folder, the way a contributed post built on CI would name
``/etc/passwd`` or ``/proc/self/environ``: by a relative ``../`` path, by an
absolute path, or through a symbolic link under ``posts/``. The build must
fail with the blog's French message naming the post, its line and the path,
and the secret's marker must be in no file the build wrote (pages, downloads,
images, doctrees). What authors do every day (an image or a PDF beside the
post or in ``_static/``, a file of the repository included) still builds and
is published.
"""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from conftest import Build, SiteFactory, make_html, post_source
from sphinx_blog_fr._confinement import HIDDEN, LINK_FOLDER, LINK_LOOP, LINK_OUTSIDE, OUTSIDE, URL, refusal

MARKER = "SECRET-HORS-DU-DEPOT-7f3a"
POST = "posts/2020/article.md"
#: The line of a post_source() body's first line.
BODY_LINE = 9
# Sphinx writes each problem as "<file>:<line>: WARNING: <message>" (or ERROR, CRITICAL).
_PROBLEM = re.compile(
    r"^(?P<location>.*?): (?:WARNING|ERROR|CRITICAL): (?P<message>.*?)(?: \[[\w.-]+\])?$", re.MULTILINE
)

#: Every construct that reads a file, as a post writes it: (name, MyST text, offset of the reported line).
CONSTRUCTS = [
    ("download role", "{{download}}`{path}`", 0),
    ("link to a local file", "[le fichier]({path})", 0),
    ("image", "![une image]({path})", 0),
    ("image directive", "```{{image}} {path}\n```", 0),
    ("figure", "```{{figure}} {path}\n\nLa légende.\n```", 0),
    ("include", "```{{include}} {path}\n```", 0),
    ("literal include option", "```{{include}} {path}\n:literal:\n```", 0),
    ("literalinclude", "```{{literalinclude}} {path}\n```", 0),
    ("literalinclude diff", "```{{literalinclude}} code.py\n:diff: {path}\n```", 0),
    ("raw file", "```{{raw}} html\n:file: {path}\n```", 0),
    ("csv-table file", "```{{csv-table}}\n:file: {path}\n```", 0),
    ("reStructuredText include", "```{{eval-rst}}\n.. include:: {path}\n```", 1),
    ("reStructuredText image", "```{{eval-rst}}\n.. image:: {path}\n```", 1),
]
#: A file of the repository that the literalinclude diff compares with.
CODE = {"posts/2020/code.py": "print('bonjour')\n"}


def problems(build: Build) -> list[tuple[str, str]]:
    """Every (location relative to the source folder, message) Sphinx reported, in order."""
    return [
        (os.path.relpath(match["location"], build.srcdir), match["message"])
        for match in _PROBLEM.finditer(build.output)
    ]


def files_holding_marker(build: Build) -> list[str]:
    """Every file the build wrote (output and doctrees) that holds the secret's marker."""
    return sorted(
        path.as_posix()
        for path in build.html.parent.rglob("*")
        if path.is_file() and MARKER.encode() in path.read_bytes()
    )


def body_with_every_construct(path: str) -> tuple[str, dict[str, int]]:
    """A post body using *path* in every construct, and the line each construct is reported at."""
    blocks, lines, line = [], {}, BODY_LINE
    for name, template, offset in CONSTRUCTS:
        block = template.format(path=path)
        blocks.append(block)
        lines[name] = line + offset
        line += block.count("\n") + 2
    return "\n\n".join(blocks), lines


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    """A file beside the site's source folder (tmp_path/src), which no post may read."""
    path = tmp_path / "dehors" / "secret.txt"
    path.parent.mkdir()
    path.write_text(f"{MARKER},{MARKER}\n", encoding="utf-8")
    return path


def assert_refused(build: Build, expected: list[tuple[str, str]]) -> None:
    assert build.returncode != 0, build.output
    assert sorted(problems(build)) == sorted(expected), build.output
    assert files_holding_marker(build) == []


def test_a_relative_path_leaving_the_repository_is_refused(build_test_site: SiteFactory, secret: Path) -> None:
    path = "../../../dehors/secret.txt"
    body, lines = body_with_every_construct(path)
    build = build_test_site({POST: post_source("Un article", body=body), **CODE})
    expected = [(f"{POST}:{line}", OUTSIDE % path) for line in lines.values()]
    assert_refused(build, expected)
    # The page is still written (--keep-going), without the refused constructs.
    assert "La légende." in build.page("posts/2020/article.html").get_text()
    # The next build, with nothing changed, refuses them again.
    assert_refused(make_html(build.srcdir, build.html.parent), expected)


def test_a_symbolic_link_leaving_the_repository_is_refused(
    build_test_site: SiteFactory, secret: Path, tmp_path: Path
) -> None:
    link = tmp_path / "src" / "posts" / "2020" / "lien.pdf"
    link.parent.mkdir(parents=True)
    link.symlink_to(secret)
    body, lines = body_with_every_construct("lien.pdf")
    build = build_test_site({POST: post_source("Un article", body=body), **CODE})
    assert_refused(
        build,
        [
            ("posts/2020/lien.pdf:1", LINK_OUTSIDE % "posts/2020/lien.pdf"),
            *((f"{POST}:{line}", OUTSIDE % "lien.pdf") for line in lines.values()),
        ],
    )


def test_an_absolute_path_is_the_source_folders_or_refused(build_test_site: SiteFactory, secret: Path) -> None:
    """Sphinx reads ``/x`` as the source folder's ``x``; docutils' raw reads the real ``/x``: refused."""
    body, lines = body_with_every_construct(str(secret))
    build = build_test_site({POST: post_source("Un article", body=body), **CODE})
    assert build.returncode != 0, build.output
    for name in ("raw file", "csv-table file"):
        assert (f"{POST}:{lines[name]}", OUTSIDE % secret) in problems(build), name
    assert files_holding_marker(build) == []


def test_a_hidden_file_of_the_repository_is_refused(build_test_site: SiteFactory, tmp_path: Path) -> None:
    """``.git/config`` holds the checkout's token on CI."""
    config = tmp_path / "src" / ".git" / "config"
    config.parent.mkdir(parents=True)
    config.write_text(f"[http]\n\textraheader = AUTHORIZATION: basic {MARKER}\n", encoding="utf-8")
    build = build_test_site({POST: post_source("Un article", body="{download}`/.git/config`")})
    assert_refused(build, [(f"{POST}:{BODY_LINE}", HIDDEN % "/.git/config")])


@pytest.mark.parametrize("directive", ["raw} html", "csv-table}"])
def test_a_url_is_never_fetched(build_test_site: SiteFactory, secret: Path, directive: str) -> None:
    url = secret.as_uri()
    build = build_test_site({POST: post_source("Un article", body=f"```{{{directive}\n:url: {url}\n```")})
    assert_refused(build, [(f"{POST}:{BODY_LINE}", URL % url)])


def test_a_standard_include_cannot_climb_out_of_docutils(build_test_site: SiteFactory, secret: Path) -> None:
    written = "<" + "../" * 30 + str(secret).lstrip("/") + ">"
    build = build_test_site({POST: post_source("Un article", body=f"```{{include}} {written}\n```")})
    assert_refused(build, [(f"{POST}:{BODY_LINE}", OUTSIDE % written)])


def test_the_repositorys_own_files_are_still_read_and_published(build_test_site: SiteFactory, tmp_path: Path) -> None:
    picture = io.BytesIO()
    Image.new("RGBA", (1, 1)).save(picture, "PNG")
    png = picture.getvalue()
    posts = tmp_path / "src" / "posts" / "2020"
    posts.mkdir(parents=True)
    (posts / "schema.png").write_bytes(png)
    (posts / "document.pdf").write_bytes(b"%PDF-1.4 DOCUMENT-DU-BLOG")
    (posts / "schema-partage.png").symlink_to("schema.png")
    body = "\n\n".join(
        [
            "![Un schéma](schema.png)",
            "![Le logo](/_static/favicon.svg)",
            "![Le même schéma](schema-partage.png)",
            "{download}`document.pdf`",
            "[Le document](document.pdf)",
            "```{include} /_fragments/encart.md\n```",
            "```{literalinclude} code.py\n```",
            "```{csv-table}\n:file: tableau.csv\n```",
            "```{raw} html\n:file: encart.inc\n```",
            "```{eval-rst}\n.. include:: ../../_fragments/encart.md\n   :literal:\n```",
        ]
    )
    build = build_test_site(
        {
            POST: post_source("Un article", body=body),
            "_fragments/encart.md": "TEXTE-INCLUS\n",
            "posts/2020/code.py": "print('CODE-INCLUS')\n",
            "posts/2020/tableau.csv": "CELLULE-INCLUSE,2\n",
            "posts/2020/encart.inc": "<p>HTML-INCLUS</p>\n",
        }
    )
    assert build.returncode == 0, build.output
    page = build.page("posts/2020/article.html")
    text = page.get_text()
    for included in ("TEXTE-INCLUS", "CODE-INCLUS", "CELLULE-INCLUSE", "HTML-INCLUS"):
        assert included in text
    assert {image["src"] for image in page.select("article img")} == {
        "../../_images/schema.png",
        "../../_images/favicon.svg",
    }
    assert (build.html / "_images" / "schema.png").read_bytes() == png
    downloads = {link["href"] for link in page.select("a.download")}
    assert len(downloads) == 1, downloads
    assert (build.html / "posts" / "2020" / downloads.pop()).read_bytes() == b"%PDF-1.4 DOCUMENT-DU-BLOG"


def test_a_folder_link_leaving_the_repository_publishes_nothing(build_test_site: SiteFactory, tmp_path: Path) -> None:
    elsewhere = tmp_path / "ailleurs" / "2019"
    elsewhere.mkdir(parents=True)
    (elsewhere / "article.md").write_text(post_source(MARKER, date="2019-01-01"), encoding="utf-8")
    (tmp_path / "src" / "posts").mkdir(parents=True)
    (tmp_path / "src" / "posts" / "ailleurs").symlink_to(elsewhere.parent)
    build = build_test_site({POST: post_source("Un article")})
    assert_refused(build, [("posts/ailleurs:1", LINK_OUTSIDE % "posts/ailleurs")])
    assert (build.html / "posts" / "2020" / "article.html").is_file()


def test_a_post_file_link_leaving_the_repository_is_not_published(build_test_site: SiteFactory, tmp_path: Path) -> None:
    elsewhere = tmp_path / "ailleurs.md"
    elsewhere.write_text(post_source(MARKER, date="2019-01-01"), encoding="utf-8")
    (tmp_path / "src" / "posts" / "2019").mkdir(parents=True)
    (tmp_path / "src" / "posts" / "2019" / "ailleurs.md").symlink_to(elsewhere)
    build = build_test_site({POST: post_source("Un article")})
    assert build.returncode != 0, build.output
    assert_refused(build, [("posts/2019/ailleurs.md:1", LINK_OUTSIDE % "posts/2019/ailleurs.md")])


def test_looping_links_are_refused_and_the_blog_built_once(build_test_site: SiteFactory, tmp_path: Path) -> None:
    posts = tmp_path / "src" / "posts" / "2020"
    posts.mkdir(parents=True)
    (posts / "boucle").symlink_to("boucle")
    (posts / "ping").symlink_to("pong")
    (posts / "pong").symlink_to("ping")
    (posts / "parent").symlink_to("..")
    build = build_test_site({POST: post_source("Un article")})
    assert build.returncode != 0, build.output
    assert sorted(problems(build)) == [
        ("posts/2020/boucle:1", LINK_LOOP % "posts/2020/boucle"),
        ("posts/2020/parent:1", LINK_FOLDER % "posts/2020/parent"),
        ("posts/2020/ping:1", LINK_LOOP % "posts/2020/ping"),
        ("posts/2020/pong:1", LINK_LOOP % "posts/2020/pong"),
    ], build.output
    assert [page.relative_to(build.html).as_posix() for page in build.html.rglob("article.html")] == [
        "posts/2020/article.html"
    ]


#: Path segments an attacker can chain: detours that come back, folders that exist, links.
SEGMENTS = st.sampled_from(["..", ".", "posts", "2020", "lien", "dehors", "src", "secret.txt", "schema.png"])


@settings(derandomize=True, max_examples=200, deadline=None)
@given(st.lists(SEGMENTS, min_size=1, max_size=10))
def test_any_spelling_that_reaches_outside_is_refused(
    tmp_path_factory: pytest.TempPathFactory, segments: list[str]
) -> None:
    """Whatever the detours, a path is refused exactly when the file it opens is outside the source folder."""
    root = tmp_path_factory.getbasetemp() / "orthographes"
    srcdir = root / "src"
    if not srcdir.exists():
        (srcdir / "posts" / "2020").mkdir(parents=True)
        (srcdir / "posts" / "2020" / "schema.png").write_bytes(b"png")
        (root / "dehors").mkdir()
        (root / "dehors" / "secret.txt").write_text(MARKER)
        (srcdir / "posts" / "2020" / "lien").symlink_to(root / "dehors")
    path = (srcdir / "posts" / "2020").joinpath(*segments)
    try:
        opened = path.resolve(strict=True)
    except OSError:
        return
    inside = opened == srcdir or srcdir in opened.parents
    assert (refusal(path, srcdir) is None) == inside
