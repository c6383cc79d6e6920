"""Fixtures shared by the whole suite: the real site built once, and small test sites.

The machinery's tests build their own small sites (:func:`build_site`,
:func:`post_source`); only tests/site_checks/, the browser tests and the
page checkers read the real site (``site``), and check what holds for
whatever posts it has. Nothing here reads ../shared (see tests/shared/).

Every build goes through ``make html`` with the Makefile's own options, so a
test fails exactly where the author's build or CI would.
"""

from __future__ import annotations

import functools
import hashlib
import os
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sphinx_blog_fr.commands._site import copy_site_machinery

#: This repository: the blog the site tests build.
REPOSITORY_ROOT = Path(__file__).resolve().parents[1]

ROOT = REPOSITORY_ROOT


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

    def title(self, path: str) -> str:
        """The ``<title>`` of the page at *path* as a browser reads it: all text, a label's « <b> » too
        (html.parser would read markup there; lxml reads the element's content as text, as HTML does)."""
        return BeautifulSoup((self.html / path).read_text(encoding="utf-8"), "lxml").head.title.get_text()

    def pages(self) -> list[Path]:
        """Every HTML page of the output, but the redirects from old WordPress addresses (after ``make import``)."""
        return sorted(path for path in self.html.rglob("*.html") if not is_redirect_stub(path))


#: How sphinx-reredirects' pages start: no page of the blog, but a jump to one.
REDIRECT_STUB = b'<html><head><noscript><meta http-equiv="refresh"'


def is_redirect_stub(path: Path) -> bool:
    """Whether *path* is a redirect page written for an old address, rather than a page of the blog."""
    with path.open("rb") as page:
        return page.read(len(REDIRECT_STUB)) == REDIRECT_STUB


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
        [
            "make",
            "--no-print-directory",
            "--directory",
            str(ROOT),
            "html",
            f"SOURCEDIR={srcdir}",
            f"BUILDDIR={builddir}",
            f"O={options}",
        ],
        capture_output=True,
        text=True,
        env={**(environment or os.environ), "NO_COLOR": "1"},
    )
    return Build(srcdir, builddir / "html", result.returncode, result.stdout + result.stderr)


def copy_of_repository(destination: Path, *, link_venv: bool = True) -> Path:
    """Lay the repository's files as a fresh clone would hold them (tracked and new files), with this .venv and node_modules."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split("\0")
    for name in filter(None, listed):
        if (ROOT / name).is_file():
            (destination / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, destination / name)
    # The Makefile installs requirements/build.txt into .venv/ on first use:
    # this one already has them (its stamp is newer than the copied file).
    # (Without link_venv, the caller points make at this .venv itself: make VENV=….)
    if link_venv:
        (destination / ".venv").symlink_to(ROOT / ".venv")
    if (ROOT / "node_modules").is_dir():
        # The page checkers npm installed (vnu.jar, axe-core), likewise.
        (destination / "node_modules").symlink_to(ROOT / "node_modules")
    return destination


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The real blog, built once per test session from the repository's sources."""
    build = make_html(ROOT, tmp_path_factory.mktemp("site"))
    assert build.returncode == 0, build.output
    return build


def build_site(workdir: Path, files: dict[str, str | bytes], *, conf: str = "", index: str = "# Accueil\n") -> Build:
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
        if isinstance(text, bytes):
            (srcdir / path).write_bytes(text)
        else:
            (srcdir / path).write_text(text, encoding="utf-8")
    if conf:
        with (srcdir / "conf.py").open("a", encoding="utf-8") as conf_py:
            conf_py.write("\n" + conf + "\n")
    sources = source_digests(srcdir)
    return replace(make_html(srcdir, workdir / "build"), sources_before=sources)


def clean_build_of(srcdir: Path, workdir: Path) -> Build:
    """Build a copy of *srcdir* from scratch in *workdir*: what any incremental build of *srcdir* must equal."""
    sources = workdir / "src"
    shutil.copytree(srcdir, sources, symlinks=True, ignore=shutil.ignore_patterns("__pycache__"))
    build = make_html(sources, workdir / "build")
    assert build.returncode == 0, build.output
    return build


def meta(page: BeautifulSoup, key: str) -> list[str]:
    """The contents of the ``<meta property=key>`` (or ``name=key``) tags of *page*."""
    return [tag["content"] for tag in page.find_all("meta") if key in (tag.get("property"), tag.get("name"))]


def one_meta(page: BeautifulSoup, key: str) -> str:
    values = meta(page, key)
    assert len(values) == 1, f"{key}: {values}"
    return values[0]


SiteFactory = Callable[..., Build]


@pytest.fixture
def build_test_site(tmp_path: Path) -> SiteFactory:
    """Return :func:`build_site` working in this test's own temporary directory."""
    return functools.partial(build_site, tmp_path)


def post_source(
    title: str,
    *,
    date: str | None = "2020-01-15",
    tags: str = "",
    category: str = "",
    body: str = "Un paragraphe.",
    extra: str = "",
) -> str:
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
