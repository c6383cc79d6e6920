"""Copies of this blog's build machinery, for sites built elsewhere: test sites, benchmark sites."""

import shutil
from pathlib import Path

REPOSITORY_ROOT = Path(__file__).resolve().parents[1]
#: What a site needs besides its content (index.md and posts/).
SITE_MACHINERY = ("conf.py", "_ext", "_templates", "_static", "locales", "blogtools")


def copy_site_machinery(destination: Path) -> None:
    """Copy into *destination* everything this repository's site needs besides its content."""
    destination.mkdir(parents=True, exist_ok=True)
    for name in SITE_MACHINERY:
        source = REPOSITORY_ROOT / name
        if source.is_dir():
            shutil.copytree(source, destination / name, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
        else:
            shutil.copy2(source, destination / name)
