"""Find the posts under ``posts/``, and refuse the files that look like posts in another format.

A post is a MyST file (``.md``). A post written as ``.rst``, ``.txt``,
``.markdown``… would be built as a page that is no post (``.rst``) or
skipped, with none of the checks of ``sphinx_blog_fr._front_matter``: the
author would not learn why it is missing from the blog. Such a file is reported once, as an error naming it and saying how
to fix it, and left out of the build; images and attachments beside the
posts (any other extension) are left alone. Nothing in the source tree is
ever changed.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from sphinx.config import Config
from sphinx.util import logging

from sphinx_blog_fr._schema_terms import POSTS_DIR

logger = logging.getLogger(__name__)

#: The extension of a post: a MyST file.
POST_SUFFIX = ".md"
#: Extensions of files that look like a post written in another format;
#: any other file under ``posts/`` (an image, a PDF) is a post's attachment.
OTHER_TEXT_SUFFIXES = {"", ".rst", ".txt", ".markdown", ".mdown", ".mkd", ".html", ".htm"}


def find_post_files(srcdir: Path) -> list[Path]:
    """Return every file under ``posts/``, sorted, whatever its extension, but hidden files."""
    return sorted(path for path in (srcdir / POSTS_DIR).rglob("*") if path.is_file() and not path.name.startswith("."))


def relative_path(path: Path, srcdir: Path) -> str:
    """Return *path* below *srcdir*, with ``/``: from their text, as ``relative_to`` on a thousand posts costs 0.02 s."""
    text, prefix = os.fspath(path), f"{srcdir}{os.sep}"
    if not text.startswith(prefix):
        return path.relative_to(srcdir).as_posix()
    return text.removeprefix(prefix).replace(os.sep, "/")


def report_post_problem(path: Path, line: int, message: str) -> None:
    """Report what is wrong with the file at *path*, at *line*, as a build error."""
    # A "path:line" string: Sphinx would look a (docname, line) tuple up in an environment not yet made.
    logger.error(message, location=f"{path}:{line}", type="blog", subtype="front-matter")


def myst_post_files(srcdir: Path, config: Config) -> Iterator[Path]:
    """Yield each MyST file under ``posts/`` not yet left out; report and leave out those in another format."""
    for path in find_post_files(srcdir):
        relative = relative_path(path, srcdir)
        if relative in config.exclude_patterns:
            # Already refused (_confinement: a link leaving the repository): never opened.
            continue
        if path.suffix == POST_SUFFIX:
            yield path
        elif path.suffix.lower() in OTHER_TEXT_SUFFIXES:
            report_post_problem(
                path,
                1,
                f"ce fichier n’est pas un article : un article est un fichier MyST en {POST_SUFFIX} ; "
                f"renommez-le en {POST_SUFFIX} ou sortez-le de {POSTS_DIR}/",
            )
            config.exclude_patterns = [*config.exclude_patterns, relative]
