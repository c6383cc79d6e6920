"""Fixtures of the tests over third-party material in ../shared (``make test-shared``).

CI lays ``shared/`` beside the clone: the author's WordPress home page the
seed posts come from (``seed/blog-home.txt``) and real WordPress exports
(``wxr/``). A fresh clone has none of it, so ``make test`` never collects
this folder; here, a missing ../shared fails every test loudly, never skips.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

# The browser tests' tab on the real site, for the searches of the seed posts.
from browser.conftest import browser, reader, server, viewport  # noqa: F401 (fixtures)
from conftest import ROOT
from importer.wxr_site import Site, imported_and_built

#: The material CI lays beside the clone (the seed page, WordPress exports).
SHARED = ROOT.parent / "shared"
SHARED_WXR = SHARED / "wxr"


def shared_file(relative: str) -> Path:
    """The path of *relative* under ../shared; the test fails, saying why, when it is missing."""
    path = SHARED / relative
    if not path.exists():
        pytest.fail(
            f"{path} est introuvable : `make test-shared` teste les fichiers de ../shared (page d’origine, "
            f"exports WordPress), posés à côté du dépôt. Sans eux, lancez seulement `make test`. / "
            f"{path} is missing: `make test-shared` needs ../shared beside the clone; without it, run `make test` only.",
            pytrace=False,
        )
    return path


@dataclass
class SeedPost:
    """One post of the author's WordPress home page: its title and excerpt paragraphs."""

    title: str
    paragraphs: list[str]


def read_seed() -> list[SeedPost]:
    """Parse ``shared/seed/blog-home.txt``: a title, its paragraphs, then « Continuer la lecture de « Titre » »."""
    seed = shared_file("seed/blog-home.txt")
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


@pytest.fixture(scope="module")
def theme_unit_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """WordPress's theme unit test data (classic editor, shortcodes, comments), imported and built."""
    export = shared_file("wxr/themeunittestdata.wordpress.xml")
    return imported_and_built(tmp_path_factory.mktemp("theme-unit"), export)


@pytest.fixture(scope="module")
def block_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """WordPress's block editor test data, imported and built."""
    return imported_and_built(tmp_path_factory.mktemp("blocks"), shared_file("wxr/64-block-test-data.xml"))
