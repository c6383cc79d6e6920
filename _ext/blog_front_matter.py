"""Check every post's front matter before Sphinx reads it, and keep drafts out.

ABlog trusts front matter: a malformed date crashes the build with a Python
traceback, a date with a time-zone offset crashes it later, a typo such as
``tag:`` is silently ignored, and a post with no date or a future date is
still built and published. This extension reads the front matter of every
file under ``posts/`` when the configuration is ready and:

* reports each problem once, as an error naming the file, the line and the
  field, with what is expected; the faulty post is left out of the build and
  every other post is still built (``--keep-going``), so the build fails and
  nothing else is lost;
* leaves drafts (no ``date``, or a date after today on the blog's clock) out
  of the build entirely: no page, no listing, no feed, no search entry;
* hands ABlog a plain local date-time, whatever offset the author wrote.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import yaml
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from blog_dates import localize, today

logger = logging.getLogger(__name__)

#: Where posts live, relative to the source directory.
POSTS_DIR = "posts"
#: The extensions a post may have.
POST_SUFFIXES = {".md"}
#: Front-matter keys a post may use: ABlog's, MyST's and OpenGraph's.
KNOWN_KEYS = {
    "blogpost", "date", "tags", "category", "author", "language", "location",
    "excerpt", "image", "redirect", "exclude", "nocomments", "canonical_link",
    "external_link", "description", "orphan", "html_meta", "myst", "substitutions",
}
#: Keys whose value is a comma-separated list (or a YAML list).
LIST_KEYS = {"tags", "category", "author", "language", "location", "redirect"}
#: ABlog's yes/no keys.
FLAG_KEYS = {"nocomments", "exclude"}

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?\n)?---[ \t]*(?:\n|\Z)", re.DOTALL)
_TITLE = re.compile(r"^#[ \t]+(?P<title>\S.*?)[ \t#]*$", re.MULTILINE)


class _StringDatesLoader(yaml.SafeLoader):
    """A YAML loader that leaves dates as written, so that we parse and report them."""


_StringDatesLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class FrontMatterError(ValueError):
    """A problem in a post's front matter, with the line it is on."""

    def __init__(self, message: str, line: int = 1) -> None:
        super().__init__(message)
        self.line = line


@dataclass
class PostSource:
    """What the build needs to know about one post before reading it."""

    path: Path
    docname: str
    title: str
    date: datetime | None
    front_matter: dict = field(default_factory=dict)

    def is_draft(self, config: Config) -> bool:
        """A post is a draft until its date has come on the blog's clock."""
        return self.date is None or self.date.date() > today(config)


def _key_line(yaml_text: str, key: str) -> int:
    """Return the line of the file (front matter starts on line 2) where *key* is set."""
    for number, line in enumerate(yaml_text.splitlines(), start=2):
        if line.split(":", 1)[0].strip() == key:
            return number
    return 1


def parse_date(value: object) -> datetime:
    """Parse a front-matter date: ISO 8601, a date alone or a date-time, with or without offset."""
    text = str(value).strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return datetime.combine(date.fromisoformat(text), datetime.min.time())
        return datetime.fromisoformat(text.replace(" ", "T", 1))
    except ValueError as error:
        raise ValueError(
            f"« {text} » n’est pas une date ISO 8601 valide ({error}) : "
            "écrivez par exemple 2024-01-15 ou 2024-01-15T09:30:00+01:00"
        ) from None


def read_post(path: Path, srcdir: Path, config: Config) -> PostSource:
    """Read and check the front matter and title of the post at *path*."""
    text = path.read_text(encoding="utf-8")
    docname = path.relative_to(srcdir).with_suffix("").as_posix()
    match = _FRONT_MATTER.match(text)
    if not match:
        raise FrontMatterError("pas de front matter : un article commence par « --- », « blogpost: true » et sa date")
    yaml_text = match.group("yaml") or ""
    try:
        front_matter = yaml.load(yaml_text, Loader=_StringDatesLoader) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        raise FrontMatterError(f"le front matter n’est pas du YAML valide : {error}", line) from None
    if not isinstance(front_matter, dict):
        raise FrontMatterError("le front matter doit être une suite de « clé: valeur »", 2)
    if front_matter.get("blogpost") is not True:
        raise FrontMatterError(
            f"« blogpost: true » manque : tout fichier de {POSTS_DIR}/ est un article", 2
        )
    for key in front_matter:
        if key not in KNOWN_KEYS and not str(key).startswith("og:"):
            guess = difflib.get_close_matches(str(key), sorted(KNOWN_KEYS), n=1)
            hint = f" ; vouliez-vous dire « {guess[0]} » ?" if guess else ""
            raise FrontMatterError(f"clé inconnue « {key} »{hint}", _key_line(yaml_text, key))
    post_date = None
    if front_matter.get("date") not in (None, ""):
        try:
            post_date = localize(parse_date(front_matter["date"]), config).replace(tzinfo=None)
        except ValueError as error:
            raise FrontMatterError(f"champ date : {error}", _key_line(yaml_text, "date")) from None
    body = text[match.end():]
    title = _TITLE.search(body)
    if not title:
        raise FrontMatterError("pas de titre : écrivez « # Titre de l’article » sous le front matter", text[: match.end()].count("\n") + 1)
    if not body[title.end():].strip():
        raise FrontMatterError("l’article n’a pas de texte sous son titre", text[: match.end()].count("\n") + body[: title.end()].count("\n") + 1)
    return PostSource(path, docname, title.group("title"), post_date, front_matter)


def find_post_files(srcdir: Path) -> list[Path]:
    """Return every file under ``posts/``, sorted, whatever its extension."""
    return sorted(path for path in (srcdir / POSTS_DIR).rglob("*") if path.is_file())


def _check_posts(app: Sphinx, config: Config) -> None:
    srcdir = Path(app.srcdir)
    posts: dict[str, PostSource] = {}
    for path in find_post_files(srcdir):
        location = str(path)
        if path.suffix not in POST_SUFFIXES:
            logger.error(
                "%s n’est pas un article : les articles sont des fichiers MyST en .md", path.relative_to(srcdir),
                location=location, type="blog", subtype="front-matter",
            )
            continue
        try:
            post = read_post(path, srcdir, config)
        except FrontMatterError as error:
            logger.error(str(error), location=(location, error.line), type="blog", subtype="front-matter")
            config.exclude_patterns.append(path.relative_to(srcdir).as_posix())
            continue
        if post.is_draft(config):
            logger.info("brouillon non publié : %s", post.docname)
            config.exclude_patterns.append(path.relative_to(srcdir).as_posix())
            continue
        posts[post.docname] = post
    app.blog_post_sources = posts


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


def setup(app: Sphinx) -> dict:
    app.setup_extension("blog_dates")
    app.connect("config-inited", _check_posts)
    app.add_transform(NormalizeFrontMatter)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
