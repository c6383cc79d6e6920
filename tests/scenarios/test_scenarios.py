"""The site's tests still pass after what an author or a fork does first (``make test-scenarios``, run by .ci/run).

Each scenario works in a copy of the repository as a fresh clone holds it
(this .venv and node_modules linked in), makes its change as a person would,
then runs there the site's tests (tests/site_checks/: listings, feeds,
sitemap, search index, drafts, every page through the checkers), which
build that copy's site:

* the author writes the next post with ``make post`` and two paragraphs;
* the blog grows by 25 posts over several years (listings on several pages,
  feeds cut at their length), with one draft that must appear nowhere;
* someone starts their own blog, following the README: new title, author and
  address in conf.py, the seed posts and their test deleted, one post.

The machinery's own tests (small test sites) do not depend on posts/ and
are not run again here.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest

from conftest import ROOT, copy_of_repository, post_source

#: This repository's .venv, which every make of a copy uses (a command-line variable, through MAKEFLAGS).
#: It is not linked into the copy: furo_i18n's Furo path is not resolved, so a venv reached through a
#: symlink leaves Furo's labels in English.
VENV = ROOT / ".venv"

TAGS = ["communs", "numérique", "design", "territoires", "Europe"]
CATEGORIES = ["Réflexions", "Carnet", "Événements"]


def clean_environment() -> dict[str, str]:
    """This process's environment without the site-address variables a build reads, make pointed at VENV."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("BLOG_BASEURL", "READTHEDOCS_CANONICAL_URL") and not key.startswith("PYTEST_")
    }
    return {**environment, "MAKEFLAGS": f" -- VENV={VENV}"}


def run(clone: Path, *command: str) -> str:
    result = subprocess.run(command, cwd=clone, capture_output=True, text=True, env=clean_environment())
    assert result.returncode == 0, f"{' '.join(command)} failed:\n{result.stdout}{result.stderr}"
    return result.stdout


def make_post(clone: Path, title: str, tags: str, category: str) -> Path:
    """``make post`` as the author types it, then two paragraphs under the title."""
    path = (
        clone
        / run(
            clone, "make", "--no-print-directory", "post", f"TITLE={title}", f"TAGS={tags}", f"CATEGORY={category}"
        ).strip()
    )
    with path.open("a", encoding="utf-8") as post:
        post.write(
            "\nUn premier paragraphe, écrit après « make post ».\n\nUn second paragraphe : la suite de l’article.\n"
        )
    return path


def site_tests_pass(clone: Path) -> None:
    result = subprocess.run(
        [str(VENV / "bin/python"), "-m", "pytest", "tests/site_checks", "-q", "-p", "no:cacheprovider"],
        cwd=clone,
        capture_output=True,
        text=True,
        env=clean_environment(),
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert re.search(r"\d+ passed", result.stdout) and " skipped" not in result.stdout, result.stdout[-2000:]


@pytest.fixture
def clone(tmp_path: Path) -> Path:
    return copy_of_repository(tmp_path / "clone", link_venv=False)


def test_the_authors_next_post(clone: Path):
    make_post(clone, "Les communs numériques et l’action publique", "communs, numérique", "Réflexions")
    site_tests_pass(clone)


def test_twenty_five_more_posts_and_a_draft(clone: Path):
    first = date(2019, 1, 7)
    for number in range(25):
        day = first + timedelta(days=73 * number)
        tags = ", ".join(TAGS[(number + shift) % len(TAGS)] for shift in range(1 + number % 3))
        path = clone / "posts" / f"{day.year}" / f"article-numero-{number + 1}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            post_source(
                f"Article numéro {number + 1}",
                date=day.isoformat(),
                tags=tags,
                category=CATEGORIES[number % len(CATEGORIES)],
                body="Un paragraphe.\n\nUn autre paragraphe.",
            ),
            encoding="utf-8",
        )
    tomorrow = (date.today() + timedelta(days=2)).isoformat()
    draft = clone / "posts" / tomorrow[:4] / "brouillon-a-venir.md"
    draft.parent.mkdir(parents=True, exist_ok=True)
    draft.write_text(post_source("Un brouillon à venir", date=tomorrow, tags="secret"), encoding="utf-8")
    site_tests_pass(clone)


def test_a_fork_with_its_own_identity_and_one_post(clone: Path):
    conf = clone / "conf.py"
    text = conf.read_text(encoding="utf-8")
    for old, new in (
        ('project = "Innovation publique"', 'project = "Mon carnet"'),
        ('author = "Auteur du blog"', 'author = "Jeanne Martin"'),
        ('"https://innovation-publique.example/"', '"https://carnet.example/"'),
    ):
        assert old in text, f"the README's step no longer matches conf.py: {old}"
        text = text.replace(old, new)
    conf.write_text(text, encoding="utf-8")
    # The README's step 2: rm -r posts/20* tests/shared/test_seed_posts.py
    for year in sorted((clone / "posts").glob("20*")):
        shutil.rmtree(year)
    (clone / "tests/shared/test_seed_posts.py").unlink()
    make_post(clone, "Mon premier article", "carnet", "Notes")
    site_tests_pass(clone)
    run(clone, "make", "--no-print-directory", "html")
    leaks = [
        path.relative_to(clone / "_build/html").as_posix()
        for path in (clone / "_build/html").rglob("*")
        if path.is_file()
        and re.search(rb"Innovation publique|innovation-publique\.example|Auteur du blog", path.read_bytes())
    ]
    assert leaks == []
