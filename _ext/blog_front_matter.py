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
* checks what ABlog would choke on or silently drop: the front matter (valid
  YAML, ``blogpost: true``, known keys, an ISO 8601 date that exists, yes/no
  flags, numbers, tags, categories and authors that have a slug for their
  page), the title (a non-empty ``# Titre``) and the text under it,
  as MyST's own parser sees them; and refuses files under ``posts/`` that
  look like posts in another format (``.rst``, ``.txt``, ``.markdown``…),
  while images and attachments beside the posts are left alone;
* leaves drafts (no ``date``, or a date after today on the blog's clock) out
  of the build entirely: no page, no listing, no feed, no search entry;
* hands ABlog a plain local date-time on the blog's clock, whatever offset
  the author wrote, and the flags in the form ABlog reads.

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

import calendar
import difflib
import pickle
import re
import sys
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import markdown_it
import myst_parser
import yaml
from babel.dates import format_skeleton, get_month_names
from docutils import nodes
from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from blog_dates import localize, today
from blog_taxonomy import split_labels
from blogtools.slugs import slugify

logger = logging.getLogger(__name__)

#: Where posts live, relative to the source directory.
POSTS_DIR = "posts"
#: The extension of a post: a MyST file.
POST_SUFFIX = ".md"
#: Extensions of files that look like a post written in another format;
#: any other file under ``posts/`` (an image, a PDF) is a post's attachment.
OTHER_TEXT_SUFFIXES = {"", ".rst", ".txt", ".markdown", ".mdown", ".mkd", ".html", ".htm"}
#: Front-matter keys a post may use: ABlog's, MyST's and OpenGraph's.
KNOWN_KEYS = {
    "blogpost", "date", "tags", "category", "author", "language", "location",
    "excerpt", "image", "redirect", "exclude", "nocomments", "canonical_link",
    "external_link", "description", "orphan", "html_meta", "myst", "substitutions",
}
#: Keys other blog engines use, which this blog expresses otherwise.
KEYS_EXPRESSED_OTHERWISE = {
    "title": "le titre d’un article est sa ligne « # Titre », sous le front matter",
    "draft": "un brouillon est un article sans « date » ou daté dans le futur",
}
#: ABlog's yes/no keys.
FLAG_KEYS = {"nocomments", "exclude"}
#: ABlog's keys that hold a number, with what the number means.
NUMBER_KEYS = {
    "excerpt": "le nombre de paragraphes de l’extrait, par exemple « excerpt: 2 »",
    "image": "le numéro de l’image à montrer dans les listes, par exemple « image: 1 »",
}
#: Keys whose labels each have a listing page, so need a slug.
PAGE_LABEL_KEYS = ("tags", "category", "author")
#: What a date looks like, for the messages.
EXPECTED_DATE = "écrivez AAAA-MM-JJ, par exemple 2024-01-15, ou avec l’heure 2024-01-15T09:30:00+01:00"
#: Where what each post file gave is kept between builds, in the doctree folder.
READINGS_FILE = "blog-post-readings.pickle"
#: The local modules whose code decides what reading a post gives.
READING_MODULES = ("blog_front_matter", "blog_dates", "blog_taxonomy", "blogtools.slugs")
#: Tokens that hold no text of the post: MyST comments, targets and block breaks.
_NOT_TEXT = {"myst_line_comment", "myst_target", "myst_block_break"}

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?\n)?---[ \t]*(?:\n|\Z)", re.DOTALL)
_ISO_DAY = re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})")
_WRITTEN_DAY = re.compile(r"(?P<day>\d{1,2})(?:er)?\s+(?P<month>[^\W\d]+)\.?\s+(?P<year>\d{4})")


class _StringDatesLoader(yaml.SafeLoader):
    """A YAML loader that leaves dates as written, so that we parse and report them."""


_StringDatesLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class FrontMatterError(ValueError):
    """A problem in a post, with the line of the file it is on."""

    def __init__(self, message: str, line: int = 1) -> None:
        super().__init__(message)
        self.line = line


@dataclass
class PostSource:
    """What the build needs to know about one post before reading it."""

    path: Path
    docname: str
    title: str
    title_line: int
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


def _date_problem(text: str, language: str) -> str:
    """Say why *text* is not a date, and what to write instead."""
    iso = _ISO_DAY.match(text)
    if iso:
        year, month, day = (int(iso[name]) for name in ("year", "month", "day"))
        if not 1 <= month <= 12:
            return f"« {text} » n’existe pas : il n’y a pas de mois {iso['month']} ; {EXPECTED_DATE}"
        days = calendar.monthrange(year, month)[1]
        if not 1 <= day <= days:
            month_name = format_skeleton("yMMMM", date(year, month, 1), locale=language)
            return f"« {text} » n’existe pas : {month_name} a {days} jours ; {EXPECTED_DATE}"
        return f"l’heure ou le décalage horaire de « {text} » est illisible ; {EXPECTED_DATE}"
    written = _WRITTEN_DAY.fullmatch(text)
    months = {name.casefold(): number for number, name in get_month_names("wide", locale=language).items()}
    if written and written["month"].casefold() in months:
        try:
            iso_text = date(int(written["year"]), months[written["month"].casefold()], int(written["day"])).isoformat()
        except ValueError:
            return f"« {text} » n’existe pas ; {EXPECTED_DATE}"
        return f"« {text} » est écrite en toutes lettres : écrivez-la {iso_text} (ISO 8601, AAAA-MM-JJ)"
    return f"« {text} » n’est pas une date ISO 8601 ; {EXPECTED_DATE}"


def parse_date(value: object, language: str) -> datetime:
    """Parse a front-matter date: ISO 8601, a date alone or a date-time, with or without offset.

    Anything else, a date written out (« 15 janvier 2024 ») included, is
    refused with a message in French saying what to write: never guessed.
    """
    text = str(value).strip()
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(_date_problem(text, language)) from None


def _load_front_matter(yaml_text: str) -> dict:
    try:
        front_matter = yaml.load(yaml_text, Loader=_StringDatesLoader)
    except yaml.MarkedYAMLError as error:
        # PyYAML's context is where a construct left open (a bracket, a quote) began;
        # the context of the front matter itself, a mapping, is its first line.
        context = error.context_mark
        mark = context if context is not None and context.line > 0 else error.problem_mark
        raise FrontMatterError(
            "le front matter n’est pas du YAML valide à cette ligne : chaque ligne est « clé: valeur » ; "
            "une valeur qui contient « : », « # », « [ » ou « { » s’écrit entre guillemets, "
            "et un guillemet ou un crochet ouvert se referme sur la même ligne",
            mark.line + 2 if mark else 2,
        ) from None
    if front_matter is None:
        raise FrontMatterError("le front matter est vide : il faut au moins « blogpost: true » et « date: AAAA-MM-JJ »", 2)
    if not isinstance(front_matter, dict):
        raise FrontMatterError("le front matter doit être une suite de lignes « clé: valeur »", 2)
    return front_matter


def _check_keys(front_matter: dict, yaml_text: str) -> None:
    if front_matter.get("blogpost") is not True:
        raise FrontMatterError(
            f"« blogpost: true » manque : tout fichier .md de {POSTS_DIR}/ est un article et commence par cette ligne",
            _key_line(yaml_text, "blogpost") if "blogpost" in front_matter else 2,
        )
    for key, value in front_matter.items():
        key, line = str(key), _key_line(yaml_text, str(key))
        if key in KEYS_EXPRESSED_OTHERWISE:
            raise FrontMatterError(f"clé inconnue « {key} » : {KEYS_EXPRESSED_OTHERWISE[key]}", line)
        if key not in KNOWN_KEYS and not key.startswith("og:"):
            guess = difflib.get_close_matches(key, sorted(KNOWN_KEYS), n=1)
            hint = f" ; vouliez-vous dire « {guess[0]} » ?" if guess else f" ; les clés possibles : {', '.join(sorted(KNOWN_KEYS))}"
            raise FrontMatterError(f"clé inconnue « {key} »{hint}", line)
        if key in FLAG_KEYS and not isinstance(value, bool):
            raise FrontMatterError(f"champ {key} : « {value} » n’est ni true ni false ; écrivez « {key}: true »", line)
        if key in NUMBER_KEYS and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
            raise FrontMatterError(f"champ {key} : « {value} » n’est pas un nombre ; écrivez {NUMBER_KEYS[key]}", line)
        if key in PAGE_LABEL_KEYS:
            for label in split_labels(value):
                if not slugify(label):
                    raise FrontMatterError(
                        f"champ {key} : « {label} » n’a ni lettre ni chiffre, sa page n’aurait pas d’adresse ; "
                        f"séparez les noms par des virgules, par exemple « {key}: numérique, design »",
                        line,
                    )


def _plain_text(inline: Token) -> str:
    return "".join(
        " " if child.type in ("softbreak", "hardbreak") else child.content
        for child in inline.children or []
        if child.type in ("text", "code_inline", "softbreak", "hardbreak")
    ).strip()


def _read_title(markdown: MarkdownIt, body: str, first_line: int) -> tuple[str, int]:
    """Return the title of the text *body* (which starts on line *first_line*) and its line.

    *body* is parsed as MyST parses it, so that a ``#`` in a code block is not a title.
    """
    tokens = markdown.parse(body)
    opening = next((index for index, token in enumerate(tokens) if token.type == "heading_open" and token.tag == "h1"), None)
    if opening is None:
        raise FrontMatterError("pas de titre : écrivez « # Titre de l’article » sous le front matter", first_line)
    title_line = first_line + tokens[opening].map[0]
    title = _plain_text(tokens[opening + 1])
    if not title:
        raise FrontMatterError("le titre est vide : écrivez-le après « # »", title_line)
    text_after = [
        token for token in tokens[opening + 3 :]
        if token.level == 0 and token.nesting >= 0 and not token.type.startswith("heading") and token.type not in _NOT_TEXT
    ]
    if not text_after:
        raise FrontMatterError("l’article n’a pas de texte sous son titre : écrivez au moins un paragraphe", title_line)
    return title, title_line


def read_post(path: Path, srcdir: Path, config: Config, markdown: MarkdownIt) -> PostSource:
    """Read and check the front matter, title and text of the post at *path*."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise FrontMatterError("le fichier n’est pas en UTF-8 : enregistrez-le en UTF-8") from None
    docname = path.relative_to(srcdir).with_suffix("").as_posix()
    match = _FRONT_MATTER.match(text)
    if not match:
        raise FrontMatterError("pas de front matter : un article commence par « --- », « blogpost: true », « date: AAAA-MM-JJ » et « --- »")
    yaml_text = match.group("yaml") or ""
    front_matter = _load_front_matter(yaml_text)
    _check_keys(front_matter, yaml_text)
    post_date = None
    if front_matter.get("date") not in (None, ""):
        try:
            post_date = localize(parse_date(front_matter["date"], config.language), config).replace(tzinfo=None)
        except ValueError as error:
            raise FrontMatterError(f"champ date : {error}", _key_line(yaml_text, "date")) from None
    body_line = text[: match.end()].count("\n") + 1
    title, title_line = _read_title(markdown, text[match.end() :], body_line)
    return PostSource(path, docname, title, title_line, post_date, front_matter)


def find_post_files(srcdir: Path) -> list[Path]:
    """Return every file under ``posts/``, sorted, whatever its extension, but hidden files."""
    return sorted(
        path for path in (srcdir / POSTS_DIR).rglob("*") if path.is_file() and not path.name.startswith(".")
    )


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
        self.context = repr((
            str(srcdir), config.language, config.blog_timezone,
            sorted((name, repr(value)) for name, value, _ in config if name.startswith("myst_")),
            myst_parser.__version__, markdown_it.__version__, yaml.__version__,
            [Path(sys.modules[name].__file__).stat().st_mtime_ns for name in READING_MODULES],
        ))
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
        if path.suffix != POST_SUFFIX:
            if path.suffix.lower() in OTHER_TEXT_SUFFIXES:
                _report(path, 1, f"ce fichier n’est pas un article : un article est un fichier MyST en {POST_SUFFIX} ; "
                        f"renommez-le en {POST_SUFFIX} ou sortez-le de {POSTS_DIR}/")
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


def setup(app: Sphinx) -> dict:
    app.setup_extension("blog_dates")
    app.setup_extension("myst_parser")
    app.connect("config-inited", _check_posts)
    app.add_transform(NormalizeFrontMatter)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
