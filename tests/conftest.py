"""Fixtures shared by the whole suite: the real site built once, and small test sites.

Every build goes through ``make html`` with the Makefile's own options, so a
test fails exactly where the author's build or CI would.
"""

from __future__ import annotations

import functools
import hashlib
import os
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from blogtools.site import REPOSITORY_ROOT, copy_site_machinery

ROOT = REPOSITORY_ROOT
#: The material CI lays beside the clone (the seed page, WordPress exports).
SHARED = ROOT.parent / "shared"


@dataclass
class Build:
    """The result of one ``make html``: where the pages are, and what Sphinx said."""

    srcdir: Path
    html: Path
    returncode: int
    output: str
    #: :func:`source_digests` of the source directory just before the build (test sites only).
    sources_before: dict[str, str] = field(default_factory=dict)

    def page(self, path: str) -> BeautifulSoup:
        """Parse the built page at *path* (relative to the output, e.g. ``blog/tag/cnfpt.html``)."""
        return BeautifulSoup((self.html / path).read_text(encoding="utf-8"), "html.parser")

    def pages(self) -> list[Path]:
        """Every HTML page of the output."""
        return sorted(self.html.rglob("*.html"))


def source_digests(srcdir: Path) -> dict[str, str]:
    """Return the SHA-256 of every file of *srcdir*, but the bytecode and catalogs a build compiles there."""
    return {
        path.relative_to(srcdir).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(srcdir.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".mo"
    }


def make_html(srcdir: Path, builddir: Path, *, options: str = "", environment: dict | None = None) -> Build:
    """Build *srcdir* into *builddir*/html with ``make html``, as the author does (plus Sphinx *options*).

    Sphinx colours its messages when ``CI`` is set; the tests read them, so
    they ask for plain text.
    """
    result = subprocess.run(
        ["make", "--no-print-directory", "--directory", str(ROOT), "html",
         f"SOURCEDIR={srcdir}", f"BUILDDIR={builddir}", f"O={options}"],
        capture_output=True, text=True, env={**(environment or os.environ), "NO_COLOR": "1"},
    )
    return Build(srcdir, builddir / "html", result.returncode, result.stdout + result.stderr)


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The real blog, built once per test session from the repository's sources."""
    build = make_html(ROOT, tmp_path_factory.mktemp("site"))
    assert build.returncode == 0, build.output
    return build


def build_site(workdir: Path, files: dict[str, str], *, conf: str = "", index: str = "# Accueil\n") -> Build:
    """Build, in *workdir*, a small site made of this repository's machinery and the given files.

    ``build_site(tmp, {"posts/2020/a.md": "…"}, conf="blog_posts_per_page = 2")`` writes the
    files, appends *conf* to the copied conf.py, and builds with ``make html``.
    """
    srcdir = workdir / "src"
    copy_site_machinery(srcdir)
    (srcdir / "index.md").write_text(index, encoding="utf-8")
    (srcdir / "posts").mkdir(exist_ok=True)
    for path, text in files.items():
        (srcdir / path).parent.mkdir(parents=True, exist_ok=True)
        (srcdir / path).write_text(text, encoding="utf-8")
    if conf:
        with (srcdir / "conf.py").open("a", encoding="utf-8") as conf_py:
            conf_py.write("\n" + conf + "\n")
    sources = source_digests(srcdir)
    return replace(make_html(srcdir, workdir / "build"), sources_before=sources)


SiteFactory = Callable[..., Build]


@pytest.fixture
def build_test_site(tmp_path: Path) -> SiteFactory:
    """Return :func:`build_site` working in this test's own temporary directory."""
    return functools.partial(build_site, tmp_path)


def post_source(title: str, *, date: str | None = "2020-01-15", tags: str = "", category: str = "",
                body: str = "Un paragraphe.", extra: str = "") -> str:
    """Return the MyST source of a post for a test site."""
    lines = ["---", "blogpost: true"]
    if date is not None:
        lines.append(f"date: {date}")
    if tags:
        lines.append(f"tags: {tags}")
    if category:
        lines.append(f"category: {category}")
    if extra:
        lines.append(extra)
    lines += ["language: fr", "---", "", f"# {title}", "", body, ""]
    return "\n".join(lines)


@dataclass
class SeedPost:
    """One post of the author's WordPress home page: its title and excerpt paragraphs."""

    title: str
    paragraphs: list[str]


def read_seed() -> list[SeedPost]:
    """Parse ``shared/seed/blog-home.txt``: a title, its paragraphs, then « Continuer la lecture de « Titre » »."""
    seed = SHARED / "seed" / "blog-home.txt"
    if not seed.exists():
        pytest.fail(f"the seed page {seed} is missing: CI lays shared/ beside the clone")
    posts, title, paragraphs = [], None, []
    for block in (b.strip("\n") for b in seed.read_text(encoding="utf-8").split("\n\n")):
        if not block.strip():
            continue
        if title is None:
            title, paragraphs = block, []
            continue
        text, marker, rest = block.partition("Continuer la lecture de «\u00a0")
        if marker:
            assert rest == f"{title}\u00a0»", f"the seed's link does not name its post: {block!r}"
            if text.strip():
                paragraphs.append(text.rstrip(" "))
            posts.append(SeedPost(title, paragraphs))
            title = None
        else:
            paragraphs.append(block)
    return posts


@pytest.fixture(scope="session")
def seed_posts() -> list[SeedPost]:
    """The ten posts of the seed page, newest first."""
    return read_seed()
