"""Keep what reading each post gave between builds, and read a post again only when it changed.

Reading a post (YAML and MyST's Markdown parser) is the slowest part of a
build that changes nothing, so what each file gave (a post, or its problem)
is kept beside the doctrees and read again only when the file's modification
time or size changed, or what reading depends on (the reading code, the
language, the time zone, the MyST settings, the parsers' versions). A faulty
post's problem is kept too, so it is reported again on every build until it
is fixed.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import os
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import markdown_it
import myst_parser
import yaml
from sphinx.config import Config

from sphinx_blog_fr._posts_folder import relative_path
from sphinx_blog_fr._schema_terms import FrontMatterError

if TYPE_CHECKING:
    from sphinx_blog_fr._front_matter import PostSource

#: Where what each post file gave is kept between builds, in the doctree folder.
READINGS_FILE = "blog-post-readings.pickle"
#: The local modules whose code decides what reading a post gives, or what is kept of it.
READING_MODULES = (
    "sphinx_blog_fr._front_matter",
    "sphinx_blog_fr._post_readings",
    "sphinx_blog_fr._dates",
    "sphinx_blog_fr._post_file",
    "sphinx_blog_fr._post_text",
    "sphinx_blog_fr._schema",
    "sphinx_blog_fr._schema_terms",
    "sphinx_blog_fr._strict_yaml",
    "sphinx_blog_fr._slugs",
)


class PostReadings:
    """What each post file gave when it was last read: a :class:`PostSource` or a :class:`FrontMatterError`.

    Kept in the doctree folder, and valid while the file (modification time
    and size) and what reading depends on (``context``) stay the same.
    """

    def __init__(self, path: Path, srcdir: Path, config: Config) -> None:
        self.path = path
        self.context = repr(
            (
                str(srcdir),
                config.language,
                config.blog_timezone,
                sorted((name, repr(value)) for name, value, _ in config if name.startswith("myst_")),
                myst_parser.__version__,
                markdown_it.__version__,
                yaml.__version__,
                # The schema's pydantic and modules, not imported when no post is read again.
                importlib.metadata.version("pydantic"),
                [os.stat(importlib.util.find_spec(name).origin).st_mtime_ns for name in READING_MODULES],
            )
        )
        try:
            context, self.previous = pickle.loads(path.read_bytes())
        except Exception:  # missing, truncated or written by older code: read every post again
            context, self.previous = None, {}
        if context != self.context:
            self.previous = {}
        self.current: dict[str, tuple] = {}

    def read(self, path: Path, srcdir: Path, read_post: Callable[[Path], PostSource]) -> PostSource:
        """Return what ``read_post(path)`` gives, calling it only if the file changed; raise its problem."""
        status = path.stat()
        key = relative_path(path, srcdir)
        stamp = (status.st_mtime_ns, status.st_size)
        kept = self.previous.get(key)
        if kept is not None and kept[0] == stamp:
            reading = kept[1]
        else:
            try:
                reading = read_post(path)
            except FrontMatterError as error:
                reading = error
        self.current[key] = (stamp, reading)
        if isinstance(reading, FrontMatterError):
            raise reading
        return reading

    def save(self) -> None:
        """Keep what this build's readings gave, for the next build."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_bytes(pickle.dumps((self.context, self.current)))
