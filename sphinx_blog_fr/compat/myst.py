"""The MyST-Parser internals the blog uses, checked against myst-parser 5.2.0.

MyST reads a page's front matter twice with PyYAML's pure-Python
``yaml.safe_load``: in ``MystParser.parse`` (``read_topmatter``, the name
``myst_parser.parsers.sphinx_`` imports) and in the renderer's
``render_front_matter`` (through ``base``'s ``yaml``). The blog hands MyST
a faster reading of the same text first.

MyST's Sphinx parser builds a new Markdown parser for each document it
reads (``MystParser.parse`` calls ``create_md_parser``, the name
``myst_parser.parsers.sphinx_`` imports), from a copy of the configuration
made for each page with a front matter (``merge_file_level``, imported the
same way); the blog hands it one built once, and the configuration itself
when the front matter sets no option.

MyST never calls the ``include`` directive's ``run``: for any subclass of
docutils' Include, it reads the file in its own private
``myst_parser.mocking.MockIncludeDirective.run``, whose ``include-read``
event comes after the reading. The blog checks the path before that.
"""

from __future__ import annotations

import types
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import takewhile
from pathlib import Path

import yaml
from docutils import nodes
from myst_parser import mocking
from myst_parser.config import main
from myst_parser.mdit_to_docutils import base
from myst_parser.parsers import mdit, sphinx_

from sphinx_blog_fr.compat import require

DISTRIBUTION = "myst-parser"
#: The MyST-Parser releases this internal was read in: [low, below).
CHECKED = ("5.2", "5.3")

#: A page whose front matter MyST's ``read_topmatter`` reads to its first « ... » line, each line right-stripped.
_SAMPLE = "---\ntags: [a, b]  \ndate: 2024-01-15\n...\ntitle: x\n---\n# Titre\n"


def _front_matter_text(text: str) -> str:
    """The YAML that MyST's ``read_topmatter`` reads in *text*, a page that starts with « --- »."""
    lines = takewhile(lambda line: not line.startswith(("---", "...")), text.splitlines()[1:])
    return "".join(line.rstrip() + "\n" for line in lines)


def _reads_as_the_blog_says() -> bool:
    """Whether MyST's ``read_topmatter`` reads in :data:`_SAMPLE` the YAML :func:`_front_matter_text` finds."""
    try:
        return main.read_topmatter(_SAMPLE) == yaml.safe_load(_front_matter_text(_SAMPLE))
    except Exception:
        return False


class _Yaml(types.ModuleType):
    """PyYAML, but ``safe_load`` takes *read*'s value first."""

    def __init__(self, read: Callable[[str], object | None]) -> None:
        super().__init__("yaml")
        self.read_first = read

    def __getattr__(self, name: str) -> object:
        return getattr(yaml, name)

    def safe_load(self, stream: object) -> object:
        data = self.read_first(stream) if isinstance(stream, str) else None
        return yaml.safe_load(stream) if data is None else data


def read_front_matter_first_with(read: Callable[[str], object | None]) -> None:
    """Have MyST's two readings of a front matter use ``read(text)`` when it is not None, ``yaml.safe_load`` else.

    *read* must give what ``yaml.safe_load(text)`` gives, or None.
    """
    render = base.DocutilsRenderer.render_front_matter
    require(
        {"yaml", "safe_load"} <= set(render.__code__.co_names) and (base.yaml is yaml or isinstance(base.yaml, _Yaml)),
        "MyST-Parser",
        "son rendu du front matter ne le lit plus avec yaml.safe_load",
    )
    require(
        "read_topmatter" in sphinx_.MystParser.parse.__code__.co_names
        and getattr(sphinx_.read_topmatter, "__wrapped__", sphinx_.read_topmatter) is main.read_topmatter
        and _reads_as_the_blog_says(),
        "MyST-Parser",
        "son analyseur ne lit plus le front matter avec read_topmatter",
    )
    base.yaml = _Yaml(read)
    sphinx_.read_topmatter = _topmatter_reader(main.read_topmatter, read)


def _topmatter_reader(
    read_topmatter: Callable[[str | Iterator[str]], dict | None], read: Callable[[str], object | None]
) -> Callable[[str | Iterator[str]], dict | None]:
    """MyST's *read_topmatter*, which takes *read*'s value first when it is a table."""

    def read_first(text: str | Iterator[str]) -> dict | None:
        data = read(_front_matter_text(text)) if isinstance(text, str) and text.startswith("---") else None
        return data if isinstance(data, dict) else read_topmatter(text)

    read_first.__wrapped__ = read_topmatter
    return read_first


#: MyST's stand-in for docutils' ``include`` directive.
_IncludeDirective = getattr(mocking, "MockIncludeDirective", None)


@dataclass(frozen=True)
class IncludeRequest:
    """What MyST's ``include`` is about to read, with the paths MyST computes."""

    #: The path as the post writes it, on one line.
    written: str
    #: The file MyST would read.
    path: Path
    #: docutils' folder of standard includes (``<name>``).
    standard_include_path: Path
    srcdir: Path
    #: ``source:line`` of the directive.
    location: str


def _request(directive) -> IncludeRequest:
    env = directive.renderer.sphinx_env
    written = "".join(line.strip() for line in directive.arguments[0].splitlines())
    standard = Path(directive.klass.standard_include_path)
    if written.startswith("<") and written.endswith(">"):
        path = standard / written[1:-1]
    else:
        path = Path(env.relfn2path(directive.arguments[0])[1])
    source = directive.document["source"]
    return IncludeRequest(
        written, Path(source).absolute().parent / path, standard, Path(env.srcdir), f"{source}:{directive.lineno}"
    )


def check_include_first(refuses: Callable[[IncludeRequest], bool]) -> None:
    """Have MyST's ``include``, in a Sphinx build, include nothing when *refuses* its request."""
    # The renderer must build this very class for its includes, or the check would never run.
    used = getattr(base, "MockIncludeDirective", None) is _IncludeDirective is not None
    require(
        used and callable(_IncludeDirective.run),
        "MyST-Parser",
        "son include ne passe plus par MockIncludeDirective.run",
    )
    if getattr(_IncludeDirective.run, "confined", False):
        return
    read = _IncludeDirective.run

    def run(self) -> list[nodes.Element]:
        if self.renderer.sphinx_env is not None and refuses(_request(self)):
            return []
        return read(self)

    run.confined = True
    _IncludeDirective.run = run


def replace_renderer_settings(get_default_settings: Callable[..., object]) -> None:
    """Have MyST's ``make_document`` get its new document's docutils settings from *get_default_settings*.

    MyST's renderer calls ``make_document()`` for each document it renders,
    even when it is handed Sphinx's document and throws the new one away;
    ``make_document`` calls docutils' ``get_default_settings(parser_cls)``,
    which *get_default_settings* stands for, with the same arguments.
    """
    current = getattr(base, "get_default_settings", None)
    if current is get_default_settings:
        return
    make_document = getattr(getattr(base, "make_document", None), "__code__", None)
    require(
        getattr(current, "__module__", None) == "docutils.frontend"
        and "get_default_settings" in getattr(make_document, "co_names", ()),
        "MyST-Parser",
        "make_document ne prend plus ses réglages de docutils.frontend.get_default_settings",
    )
    base.get_default_settings = get_default_settings


def replace_md_parser(create_md_parser: Callable[..., object]) -> None:
    """Have MyST's Sphinx parser get each document's Markdown parser from *create_md_parser*.

    ``MystParser.parse`` calls ``create_md_parser(config, SphinxRenderer)``
    for each document, then sets the parser's ``document`` option and renders
    the text with it; *create_md_parser* takes the same arguments.
    """
    current = getattr(sphinx_, "create_md_parser", None)
    if current is create_md_parser:
        return
    require(
        current is mdit.create_md_parser and "create_md_parser" in sphinx_.MystParser.parse.__code__.co_names,
        "MyST-Parser",
        "son analyseur ne prend plus son analyseur Markdown de create_md_parser",
    )
    sphinx_.create_md_parser = create_md_parser


#: The keys of a front matter that ``merge_file_level`` takes MyST options from.
OPTION_KEYS = ("myst", "html_meta", "substitutions")


def replace_file_level_merge(merge_file_level: Callable[..., object]) -> None:
    """Have MyST's Sphinx parser merge a page's front matter into its configuration with *merge_file_level*.

    ``MystParser.parse`` calls ``merge_file_level(config, topmatter, warning)``
    for a page with a front matter, and builds the page's Markdown parser
    from what it returns; *merge_file_level* takes the same arguments.
    """
    current = getattr(sphinx_, "merge_file_level", None)
    if current is merge_file_level:
        return
    require(
        current is main.merge_file_level
        and "merge_file_level" in sphinx_.MystParser.parse.__code__.co_names
        and set(OPTION_KEYS) <= set(main.merge_file_level.__code__.co_consts),
        "MyST-Parser",
        "son analyseur ne prend plus les options d’une page de merge_file_level",
    )
    sphinx_.merge_file_level = merge_file_level
