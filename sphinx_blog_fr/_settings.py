"""The blog's settings, read from conf.py, their single source.

The author's commands need facts that the build also needs (time zone,
language, default author…). Rather than copying them, they execute the
repository's ``conf.py`` as Sphinx does (from its own directory) and read
its names.
"""

import runpy
from contextlib import chdir
from pathlib import Path


def load_settings(root: Path) -> dict:
    """Return the names that ``root/conf.py`` defines, e.g. ``settings["blog_timezone"]``."""
    with chdir(root):
        return runpy.run_path(str(root / "conf.py"))
