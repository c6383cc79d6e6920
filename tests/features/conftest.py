"""In-process builds of tiny sites, one per feature, with Sphinx's own test fixtures.

Each module of this package tests one feature of the machinery on its own
test root, ``tests/roots/test-<feature>/``: a ``conf.py`` of a few lines (the
blog's own facts and ``extensions = ["sphinx_blog_fr"]``, plus what the
feature needs), an ``index.md`` and a few posts. As ABlog's,
sphinx-sitemap's and sphinxext-opengraph's tests do, the sites are built in
this process with ``sphinx.testing`` (no ``make html`` subprocess), so the
whole package runs in seconds.

A module names its root with ``pytestmark = pytest.mark.sphinx("html",
testroot="<feature>")``; its tests read the ``site`` fixture, that root built
once for the module, from a fresh copy and a fresh environment. A test that
needs its own build (one that fails) takes Sphinx's ``app`` fixture instead.

Builds in one process share what is global: :meth:`SphinxTestApp.cleanup`
clears Sphinx's translators and docutils' registries after each build,
``sphinx_blog_fr._parallel`` empties ABlog's registry of posts when each
build starts; what still leaks is in test_isolation.py.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from io import StringIO
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

# Sphinx's fixtures (``app``, ``make_app``…) and its ``sphinx`` marker, for this
# package only. ``pytest_plugins = ("sphinx.testing.fixtures",)`` would do the
# same, but pytest refuses it in a conftest below the first one it loads:
# ``pytest`` and ``make test``, which start from tests/, would stop there.
from sphinx.testing.fixtures import (  # noqa: F401
    app,
    app_params,
    make_app,
    pytest_configure,
    shared_result,
    sphinx_test_tempdir,
    test_params,
)
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_colors

#: The test roots: ``testroot="drafts"`` is ``tests/roots/test-drafts``.
ROOTS = Path(__file__).resolve().parents[1] / "roots"
#: The address every test root's conf.py gives (blog_baseurl).
BASEURL = "https://essai.example/"


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where ``@pytest.mark.sphinx(testroot=…)`` finds its roots (Sphinx's fixture, overridden)."""
    return ROOTS


@dataclass
class Site:
    """A test root built in this process: where its pages are, and what Sphinx warned about."""

    app: SphinxTestApp
    warnings: str

    @property
    def outdir(self) -> Path:
        return Path(self.app.outdir)

    def text(self, path: str) -> str:
        """The file at *path*, relative to the output (``blog/atom.xml``)."""
        return (self.outdir / path).read_text(encoding="utf-8")

    def page(self, path: str) -> BeautifulSoup:
        """The built page at *path*, relative to the output (``blog/tag/cnfpt.html``), parsed."""
        return BeautifulSoup(self.text(path), "html.parser")

    def pages(self) -> list[str]:
        """Every HTML page of the output, relative to it."""
        return sorted(path.relative_to(self.outdir).as_posix() for path in self.outdir.rglob("*.html"))


def messages(output: str) -> str:
    """Sphinx's *output* as a terminal shows it, without colours.

    Sphinx colours its messages unless told not to: ``sphinx-build`` turns
    colours off when it writes to no terminal, a build in process does not,
    and the setting is the whole process's.
    """
    return strip_colors(output)


def build(testroot: str, workdir: Path, **options) -> Site:
    """Build a fresh copy of ``tests/roots/test-<testroot>`` in *workdir*, with a fresh environment."""
    srcdir = workdir / "src"
    shutil.copytree(ROOTS / f"test-{testroot}", srcdir)
    warnings = StringIO()
    built = SphinxTestApp(
        "html", srcdir=srcdir, builddir=workdir / "build", freshenv=True, status=StringIO(), warning=warnings, **options
    )
    try:
        built.build()
    finally:
        built.cleanup()
    return Site(built, messages(warnings.getvalue()))


@pytest.fixture(scope="module")
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The module's test root (its ``pytest.mark.sphinx(testroot=…)``), built once; it builds without a warning."""
    marker = request.node.get_closest_marker("sphinx")
    testroot = marker.kwargs["testroot"]
    built = build(testroot, tmp_path_factory.mktemp(testroot), confoverrides=marker.kwargs.get("confoverrides", {}))
    assert built.warnings == "", built.warnings
    return built


def words(element) -> str:
    """The text of *element*, each run of ASCII white space made one space (U+00A0 and U+202F are kept)."""
    return re.sub(r"[ \t\r\n]+", " ", element.get_text()).strip()
