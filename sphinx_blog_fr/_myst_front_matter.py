"""Have MyST read each page's front matter with libyaml, giving exactly what it read before.

MyST reads a page's front matter twice, with PyYAML's pure-Python
``yaml.safe_load`` (a tenth of a second for every thirty posts); libyaml's
``yaml.CSafeLoader`` reads it ten times faster into the same Python values
(the same constructors make them: dates, numbers, texts, lists). The two
parsers disagree on a few texts only, found by comparing them on millions of
texts: tabs, line ends other than « \\n », byte-order marks and control
characters, a tag, anchor, alias or block scalar (« ! », « & », « * »,
« | », « > » where a value starts), « ? » other than after a space or in a
text with a flow list or table, and lists and tables nested deeper than
:data:`MAX_DEPTH`, where PyYAML's own parser may run out of recursion.
:func:`read_like_safe_load` leaves those texts, and any text libyaml refuses,
to ``yaml.safe_load`` itself, so that MyST's values, warnings and errors are
what they were; ``sphinx_blog_fr.compat.myst`` hands it to MyST. MyST's
second reading of a page's front matter (the renderer's, after the
parser's) is a copy of the first one's values, not a second parse.
"""

from __future__ import annotations

import copy
import re

import yaml
from sphinx.application import Sphinx

from sphinx_blog_fr.compat.myst import read_front_matter_first_with

#: How deep lists and tables may nest in what libyaml reads; the YAML itself is depth 1.
MAX_DEPTH = 8
#: libyaml's safe loader, if PyYAML was built with it.
C_LOADER = getattr(yaml, "CSafeLoader", None)

_READ_OTHERWISE = re.compile(
    r"""
    [^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]
    | (?:^|[-:?\[\]{},])[ ]*[!&*|>]
    | (?<![ ])\?
    | \A(?=[\s\S]*[\[{])[\s\S]*\?
    """,
    re.MULTILINE | re.VERBOSE,
)


def _depth(data: object) -> int:
    if isinstance(data, dict):
        return 1 + max(map(_depth, [*data, *data.values()]), default=0)
    if isinstance(data, list):
        return 1 + max(map(_depth, data), default=0)
    return 0


#: The last text libyaml read for MyST, and what it read: MyST reads each front matter twice in a row.
_last_reading: tuple[str, object] = ("", None)


def _read(text: str) -> object | None:
    if C_LOADER is None or _READ_OTHERWISE.search(text):
        return None
    try:
        data = yaml.load(text, Loader=C_LOADER)
    except Exception:  # PyYAML's own parser reads it again, and raises what it raises
        return None
    return data if _depth(data) <= MAX_DEPTH else None


def read_like_safe_load(text: str) -> object | None:
    """Return what ``yaml.safe_load(text)`` returns, read by libyaml; None if libyaml may read it otherwise."""
    global _last_reading
    if text != _last_reading[0]:
        _last_reading = (text, _read(text))
    # Each reading gets values of its own, which MyST may change.
    return copy.deepcopy(_last_reading[1])


def setup(app: Sphinx) -> dict:
    app.setup_extension("myst_parser")
    read_front_matter_first_with(read_like_safe_load)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
