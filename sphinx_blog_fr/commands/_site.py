"""Copies of a blog's own files, for sites built elsewhere: test sites, benchmark sites."""

import shutil
from pathlib import Path

#: What a site needs besides its content (index.md and posts/) and the machinery (installed).
SITE_MACHINERY = ("conf.py", "_templates", "_static")


def blog_root() -> Path:
    """The blog a command works on: the current folder, where the Makefile runs every command."""
    return Path.cwd()


def copy_site_machinery(destination: Path, blog: Path | None = None) -> None:
    """Copy into *destination* everything the blog in *blog* (default: the current folder) has besides its content."""
    blog = blog or blog_root()
    destination.mkdir(parents=True, exist_ok=True)
    for name in SITE_MACHINERY:
        source = blog / name
        if source.is_dir():
            shutil.copytree(source, destination / name, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
        else:
            shutil.copy2(source, destination / name)
