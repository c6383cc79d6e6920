"""WordPress shortcodes (``[caption]…[/caption]``, ``[gallery ids="1,2"]``): find them and read their attributes.

The regular expressions are those of wp-includes/shortcodes.php
(``get_shortcode_regex`` and ``shortcode_parse_atts``), so a shortcode is
recognised exactly when WordPress recognises it, including the escaped form
``[[gallery]]`` which WordPress prints literally as ``[gallery]``.
"""

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

_ATTRIBUTE = re.compile(
    r"""([\w-]+)\s*=\s*"([^"]*)"(?:\s|$)|([\w-]+)\s*=\s*'([^']*)'(?:\s|$)|([\w-]+)\s*=\s*([^\s'"]+)(?:\s|$)"""
    r"""|"([^"]*)"(?:\s|$)|'([^']*)'(?:\s|$)|(\S+)(?:\s|$)"""
)


@dataclass(frozen=True)
class Shortcode:
    """One shortcode occurrence: its name, attributes (positional ones under "0", "1"…) and enclosed content."""

    name: str
    attributes: dict[str, str]
    content: str


Handler = Callable[[Shortcode], str]


def shortcode_pattern(names: list[str]) -> re.Pattern[str]:
    """The regular expression matching any of *names*, groups numbered as in WordPress."""
    alternatives = "|".join(re.escape(name) for name in names)
    return re.compile(
        r"\[(\[?)"
        rf"({alternatives})(?![\w-])"
        r"([^\]/]*(?:/(?!\])[^\]/]*)*?)"
        r"(?:(/)\]|\](?:([^\[]*+(?:\[(?!/\2\])[^\[]*+)*+)\[/\2\])?)"
        r"(\]?)"
    )


def parse_attributes(text: str) -> dict[str, str]:
    """Read ``id="1" align='left' width=300 "positional"`` the way ``shortcode_parse_atts`` does."""
    text = re.sub(r"[\u00a0\u200b]", " ", text)
    attributes: dict[str, str] = {}
    for match in _ATTRIBUTE.finditer(text):
        groups = match.groups()
        for name_index in (0, 2, 4):
            if groups[name_index]:
                attributes[groups[name_index].lower()] = groups[name_index + 1]
                break
        else:
            positional = next(group for group in groups[6:] if group is not None)
            attributes[str(len([key for key in attributes if key.isdigit()]))] = positional
    return attributes


def expand_shortcodes(text: str, handlers: Mapping[str, Handler]) -> str:
    """Replace each shortcode named in *handlers* by the handler's HTML; leave every other one as typed."""
    if "[" not in text or not handlers:
        return text
    return shortcode_pattern(list(handlers)).sub(lambda match: _expand(match, handlers), text)


def _expand(match: re.Match[str], handlers: Mapping[str, Handler]) -> str:
    """Expand one match, honouring the ``[[escaped]]`` form."""
    if match.group(1) == "[" and match.group(6) == "]":
        return match.group(0)[1:-1]
    name = match.group(2)
    shortcode = Shortcode(name, parse_attributes(match.group(3)), match.group(5) or "")
    return match.group(1) + handlers[name](shortcode) + match.group(6)
