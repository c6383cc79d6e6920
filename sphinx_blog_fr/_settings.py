"""The blog's settings, read from conf.py, their single source.

The author's commands need facts that the build also needs (time zone,
language, default author…). Rather than copying them, they execute the
repository's ``conf.py`` as Sphinx does (from its own directory) and read
its names.
"""

import runpy
from contextlib import chdir
from pathlib import Path

from sphinx_blog_fr._defaults import AUTHOR_KEY, DEFAULTS


def build_defaults(names: dict) -> dict:
    """The build's defaults of the names the commands read, for a conf.py of a few lines.

    The build fills in the machinery's defaults (``_defaults.DEFAULTS``, such as
    ``blog_feed_length``), registers ``blog_timezone`` with "UTC" (``_dates``)
    and gives the author its key (``_defaults.derived_defaults``); a command sees the same.
    """
    return {
        **DEFAULTS,
        "blog_timezone": "UTC",
        "blog_authors": {AUTHOR_KEY: (names.get("author", ""), None)},
        "blog_default_author": None if "blog_authors" in names else AUTHOR_KEY,
    }


def load_settings(root: Path) -> dict:
    """Return the names that ``root/conf.py`` defines, e.g. ``settings["blog_timezone"]``, or the build's defaults."""
    with chdir(root):
        names = runpy.run_path(str(root / "conf.py"))
    return {**build_defaults(names), **names}
