"""Check every post before Sphinx reads it, and keep drafts out.

ABlog trusts front matter: a malformed date crashes the build with a Python
traceback, a date with a time-zone offset crashes it later, ``nocomments:
true`` crashes it, a typo such as ``tag:`` is silently ignored, and a post
with no date or a future date is still built and published. This extension
reads every file under ``posts/`` when the configuration is ready and:

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
  them (``sphinx_blog_fr._post_text``); and refuses files under ``posts/`` that look like posts in another
  format (``.rst``, ``.txt``, ``.markdown``…), while images and attachments
  beside the posts are left alone;
* leaves drafts (no ``date``, or a date after today on the blog's clock) out
  of the build entirely: no page, no listing, no feed, no search entry;
* hands ABlog a plain local date-time on the blog's clock, whatever offset
  the author wrote, the flags in the form ABlog reads, and a post's
  ``updated`` as ABlog's ``update`` (:func:`hand_ablog_update`).

The posts it accepts are ``app.blog_post_sources`` and the drafts
``app.blog_draft_sources`` (docname → :class:`PostSource`), for the
extensions that check or use the whole set of posts.

Reading a post (YAML and MyST's Markdown parser) is the slowest part of a
build that changes nothing, so what each file gave (a post, or its problem)
is kept beside the doctrees and read again only when the file's modification
time or size changed, or what reading depends on (this code, the language,
the time zone, the MyST settings, the parsers' versions). A faulty post's
problem is kept too, so it is reported again on every build until it is fixed.
"""

from __future__ import annotations

import pickle
import sys
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import markdown_it
import myst_parser
import pydantic
import yaml
from docutils import nodes
from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from sphinx_blog_fr._dates import localize, today
from sphinx_blog_fr._post_file import read_front_matter, read_post_text
from sphinx_blog_fr._post_text import read_title
from sphinx_blog_fr._schema import FLAG_KEYS, POSTS_DIR, FrontMatterError

logger = logging.getLogger(__name__)

#: The extension of a post: a MyST file.
POST_SUFFIX = ".md"
#: Extensions of files that look like a post written in another format;
#: any other file under ``posts/`` (an image, a PDF) is a post's attachment.
OTHER_TEXT_SUFFIXES = {"", ".rst", ".txt", ".markdown", ".mdown", ".mkd", ".html", ".htm"}
#: Where what each post file gave is kept between builds, in the doctree folder.
READINGS_FILE = "blog-post-readings.pickle"
#: The local modules whose code decides what reading a post gives.
READING_MODULES = (
    "sphinx_blog_fr._front_matter",
    "sphinx_blog_fr._dates",
    "sphinx_blog_fr._post_file",
    "sphinx_blog_fr._post_text",
    "sphinx_blog_fr._schema",
    "sphinx_blog_fr._strict_yaml",
    "sphinx_blog_fr._slugs",
)


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

    def is_draft(self, config: Config) -> bool:
        """A post is a draft until its date has come on the blog's clock."""
        return self.date is None or self.date.date() > today(config)


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


def find_post_files(srcdir: Path) -> list[Path]:
    """Return every file under ``posts/``, sorted, whatever its extension, but hidden files."""
    return sorted(path for path in (srcdir / POSTS_DIR).rglob("*") if path.is_file() and not path.name.startswith("."))


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


def _report(path: Path, line: int, message: str) -> None:
    # A "path:line" string: Sphinx would look a (docname, line) tuple up in an environment not yet made.
    logger.error(message, location=f"{path}:{line}", type="blog", subtype="front-matter")


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
                pydantic.VERSION,
                [Path(sys.modules[name].__file__).stat().st_mtime_ns for name in READING_MODULES],
            )
        )
        try:
            context, self.previous = pickle.loads(path.read_bytes())
        except Exception:  # missing, truncated or written by older code: read every post again
            context, self.previous = None, {}
        if context != self.context:
            self.previous = {}
        self.current: dict[str, tuple] = {}

    def read(self, path: Path, srcdir: Path, config: Config, markdown: MarkdownIt) -> PostSource:
        """Return what reading *path* gives, reading it only if it changed; raise its problem."""
        status = path.stat()
        key = path.relative_to(srcdir).as_posix()
        stamp = (status.st_mtime_ns, status.st_size)
        kept = self.previous.get(key)
        if kept is not None and kept[0] == stamp:
            reading = kept[1]
        else:
            try:
                reading = read_post(path, srcdir, config, markdown)
            except FrontMatterError as error:
                reading = error
        self.current[key] = (stamp, reading)
        if isinstance(reading, FrontMatterError):
            raise reading
        return reading

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_bytes(pickle.dumps((self.context, self.current)))


def _check_posts(app: Sphinx, config: Config) -> None:
    srcdir = Path(app.srcdir)
    markdown = _myst_parser(config)
    readings = PostReadings(Path(app.doctreedir) / READINGS_FILE, srcdir, config)
    app.blog_post_sources, app.blog_draft_sources = {}, {}
    for path in find_post_files(srcdir):
        relative = path.relative_to(srcdir).as_posix()
        if relative in config.exclude_patterns:
            # Already refused (blog_confinement: a link leaving the repository): never opened.
            continue
        if path.suffix != POST_SUFFIX:
            if path.suffix.lower() in OTHER_TEXT_SUFFIXES:
                _report(
                    path,
                    1,
                    f"ce fichier n’est pas un article : un article est un fichier MyST en {POST_SUFFIX} ; "
                    f"renommez-le en {POST_SUFFIX} ou sortez-le de {POSTS_DIR}/",
                )
                config.exclude_patterns.append(relative)
            continue
        try:
            post = readings.read(path, srcdir, config, markdown)
        except FrontMatterError as error:
            _report(path, error.line, str(error))
            config.exclude_patterns.append(relative)
            continue
        if post.is_draft(config):
            logger.info("brouillon non publié : %s", post.docname)
            config.exclude_patterns.append(relative)
            app.blog_draft_sources[post.docname] = post
        else:
            app.blog_post_sources[post.docname] = post
    readings.save()


class NormalizeFrontMatter(SphinxTransform):
    """Hand ABlog front matter it can read.

    Runs just before ABlog's own front-matter transform (priority 800), which
    cannot compare dates that carry a time-zone offset, and crashes on the
    flags ``nocomments: true`` and ``exclude: true`` (it passes their value
    to docutils' ``flag``, which takes none).
    """

    default_priority = 799

    def apply(self) -> None:
        post = getattr(self.app, "blog_post_sources", {}).get(self.env.docname)
        if post is None:
            return
        for docinfo in self.document.findall(nodes.docinfo):
            for date_node in docinfo.findall(nodes.date):
                date_node.children = [nodes.Text(post.date.strftime(self.config.post_date_format))]
            for field_node in list(docinfo.findall(nodes.field)):
                name, body = field_node[0].astext(), field_node[1]
                if name == "date":
                    body.children = [nodes.paragraph(text=post.date.strftime(self.config.post_date_format))]
                elif name in FLAG_KEYS:
                    if post.front_matter.get(name) is True:
                        body.children = []
                    else:
                        field_node.parent.remove(field_node)


def hand_ablog_update(app: Sphinx, doctree: nodes.document) -> None:
    """Make a post's ``updated`` ABlog's ``update``, which feeds, JSON-LD and templates read.

    ABlog takes ``update`` only from ``.. update::`` directives (the latest of
    them and the date); its post record (``env.ablog_posts``, ABlog's own
    attribute) is written by its ``doctree-read`` listener, just before this one.
    """
    post = getattr(app, "blog_post_sources", {}).get(app.env.docname)
    if post is None or post.updated is None:
        return
    for info in getattr(app.env, "ablog_posts", {}).get(app.env.docname, []):
        info["update"] = max(info["update"], post.updated)


def setup(app: Sphinx) -> dict:
    app.setup_extension("sphinx_blog_fr._dates")
    app.setup_extension("myst_parser")
    app.connect("config-inited", _check_posts)
    app.add_transform(NormalizeFrontMatter)
    # After ABlog's process_posts (500), before blog_incremental summarises the post (600).
    app.connect("doctree-read", hand_ablog_update, priority=550)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
