"""Check every post before Sphinx reads it, and leave the faulty ones out of the build.

ABlog trusts front matter: a malformed date crashes the build with a Python
traceback, a typo such as ``tag:`` is silently ignored. This extension reads
every post under ``posts/`` (the MyST files that ``sphinx_blog_fr._posts_folder``
finds) when the configuration is ready and:

* reports each faulty post once, as an error naming the file and the line,
  saying what is wrong and what is expected (the messages are in French, like
  the author's commands); the faulty post is left out of the build, which
  fails, and every other post is still built (``--keep-going``). Nothing in
  the source tree is ever changed;
* checks what ABlog would choke on or silently drop: the file (UTF-8, not
  binary, not oversized: ``sphinx_blog_fr._post_file``), the front matter (strict
  YAML: ``sphinx_blog_fr._strict_yaml``; against the post schema shared with ``make
  post`` and the importer: ``sphinx_blog_fr._schema``), the title (a
  non-empty ``# Titre``) and the text under it, as MyST's own parser sees
  them (``sphinx_blog_fr._post_text``);
* hands each post it accepts to ``sphinx_blog_fr._drafts``, which leaves the
  drafts out of the build.

The posts it accepts are the build state's ``post_sources`` and the drafts
its ``draft_sources`` (docname → :class:`PostSource`, ``sphinx_blog_fr._state``),
for the extensions that check or use the whole set of posts. What reading
each file gave is kept between builds by ``sphinx_blog_fr._post_readings``.

Event this extension emits, for the package's modules and any other extension:

``blog-posts-read(app, posts, drafts)``
    In ``config-inited``, once every post is read: *posts* and *drafts* are
    the published posts and the drafts, docname → :class:`PostSource`.
    Listeners: ``_unique_posts`` (one slug, one title per post),
    ``_taxonomy`` (the spelling of each tag and category), in that order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser
from sphinx.application import Sphinx
from sphinx.config import Config

from sphinx_blog_fr._dates import localize
from sphinx_blog_fr._drafts import leave_out_if_draft
from sphinx_blog_fr._post_file import read_front_matter, read_post_text
from sphinx_blog_fr._post_readings import READINGS_FILE, PostReadings
from sphinx_blog_fr._post_text import read_title
from sphinx_blog_fr._posts_folder import myst_post_files, relative_path, report_post_problem
from sphinx_blog_fr._schema_terms import FrontMatterError
from sphinx_blog_fr._state import build_state


@dataclass
class PostSource:
    """What the build needs to know about one post before reading it."""

    path: Path
    docname: str
    title: str
    title_line: int
    date: datetime | None
    #: The front matter as written (``tags`` a text or a list), checked against the schema.
    front_matter: dict = field(default_factory=dict)
    #: When the post was last changed (``updated``), on the blog's clock like ``date``.
    updated: datetime | None = None


def read_post(path: Path, srcdir: Path, config: Config, markdown: MarkdownIt) -> PostSource:
    """Read and check the front matter, title and text of the post at *path*."""
    parts = read_front_matter(read_post_text(path), config.language)
    docname = path.relative_to(srcdir).with_suffix("").as_posix()
    post_date, updated = (
        None if moment is None else localize(moment, config).replace(tzinfo=None)
        for moment in (parts.front_matter.date, parts.front_matter.updated)
    )
    title, title_line = read_title(markdown, parts.body, parts.body_line)
    values = {key: str(value) if key == "date" and value is not None else value for key, value in parts.values.items()}
    return PostSource(path, docname, title, title_line, post_date, values, updated)


def _myst_parser(config: Config) -> MarkdownIt:
    """Return MyST's Markdown parser with the site's ``myst_*`` settings, as myst_parser builds it."""
    settings = {
        name: config[f"myst_{name}"]
        for name, _, field_ in MdParserConfig().as_triple()
        if "sphinx" not in field_.metadata.get("omit", [])
    }
    try:
        return create_md_parser(MdParserConfig(**settings), RendererHTML)
    except (TypeError, ValueError):
        # myst_parser reports invalid settings itself, when the builder starts.
        return create_md_parser(MdParserConfig(), RendererHTML)


def _check_posts(app: Sphinx, config: Config) -> None:
    srcdir = Path(app.srcdir)
    read = partial(read_post, srcdir=srcdir, config=config, markdown=_myst_parser(config))
    readings = PostReadings(Path(app.doctreedir) / READINGS_FILE, srcdir, config)
    state = build_state(app)
    for path in myst_post_files(srcdir, config):
        relative = relative_path(path, srcdir)
        try:
            post = readings.read(path, srcdir, read)
        except FrontMatterError as error:
            report_post_problem(path, error.line, str(error))
            config.exclude_patterns = [*config.exclude_patterns, relative]
            continue
        if not leave_out_if_draft(app, post, relative):
            state.post_sources[post.docname] = post
    readings.save()
    app.emit("blog-posts-read", state.post_sources, state.draft_sources)


def setup(app: Sphinx) -> dict:
    app.setup_extension("sphinx_blog_fr._dates")
    app.setup_extension("myst_parser")
    app.setup_extension("sphinx_blog_fr._state")
    app.add_event("blog-posts-read")
    app.connect("config-inited", _check_posts)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
