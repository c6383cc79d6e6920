"""MyST's Markdown parser built once per build for each configuration, not once per document.

MyST's Sphinx parser builds a new markdown-it parser for each document it
reads (``create_md_parser``: the commonmark rules, MyST's plugins, the
enabled extensions), half a millisecond each, then renders the document
with it. The parser keeps nothing of a document between two renders: its
renderer sets up its state for each document (``setup_render``), and
markdown-it's rules keep theirs in the state and the environment of one
parse. This extension has MyST render each document with the parser this
build made for the same renderer and a configuration of the same values
(each field the same object, or one of the same type, equal and written the
same: MyST's validators make a new set or table of each copy), through
``compat.myst``: a post whose front matter sets its own ``myst`` options
gets a parser of its own options, as before. The parser is made from a copy
of the configuration that no page holds, which the renderer is free to
change (MyST's ``figure-md`` adds an extension for the time of its caption).

Before that, MyST copies the configuration of each page with a front matter
(``merge_file_level``, a few tenths of a millisecond: the copy is validated)
and sets in the copy the options the front matter gives (``myst``,
``html_meta``, ``substitutions``); a front matter without them (a post's
title, date and tags) has MyST build the page's parser from the
configuration itself, as for a page without a front matter.
"""

from __future__ import annotations

from myst_parser.config import main
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser
from sphinx.application import Sphinx

from sphinx_blog_fr._build_memo import BuildMemo
from sphinx_blog_fr.compat.myst import OPTION_KEYS, replace_file_level_merge, replace_md_parser

_parsers = BuildMemo()


def _same(value: object, other: object) -> bool:
    return value is other or (type(value) is type(other) and value == other and repr(value) == repr(other))


def _same_values(config: MdParserConfig, other: MdParserConfig) -> bool:
    values, others = vars(config), vars(other)
    return (
        type(config) is type(other)
        and values.keys() == others.keys()
        and all(map(_same, values.values(), others.values()))
    )


def md_parser(config: MdParserConfig, renderer: type):
    """What ``create_md_parser(config, renderer)`` gives: the parser this build made for the same values, if any."""
    made = _parsers.get(renderer, list)
    parser = next((parser for known, parser in made if _same_values(known, config)), None)
    if parser is None:
        own = config.copy()
        parser = create_md_parser(own, renderer)
        made.append((own, parser))
    return parser


def merge_file_level(config: MdParserConfig, topmatter: dict, warning) -> MdParserConfig:
    """MyST's ``merge_file_level``, which gives *config* itself when *topmatter* sets no MyST option."""
    if any(key in topmatter for key in OPTION_KEYS):
        return main.merge_file_level(config, topmatter, warning)
    return config


def setup(app: Sphinx) -> dict:
    replace_file_level_merge(merge_file_level)
    replace_md_parser(md_parser)
    _parsers.connect(app)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
