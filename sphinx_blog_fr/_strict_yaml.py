"""Read a post's front matter as YAML, refusing what YAML accepts but no author means.

PyYAML's safe loader reads YAML 1.1, where ``tags: no`` is the boolean
false, ``excerpt: 010`` the number 8, ``duree: 1:20`` the number 80, and
where anchors and aliases (``&a`` / ``*a``) let ten lines stand for a
billion values (the "billion laughs"), which MyST and ABlog would then turn
into text. None of that belongs in a front matter. This module reads it
with libyaml's parser (``yaml.CSafeLoader``; PyYAML's pure-Python parser
when libyaml is missing), after looking at each of the parser's events, and
refuses, with a French message naming the line:

* a front matter over :data:`MAX_FRONT_MATTER_BYTES`, or nested deeper than
  :data:`MAX_DEPTH` (lists in tables in lists…): bounded work, whatever the file;
* anchors, aliases and merge keys (``<<``), explicit tags (``!!python/…``,
  ``!!str``), keys written twice, keys that are not text;
* plain values that YAML 1.1 reads as something else than their look:
  ``yes/no/on/off/y/n`` (only ``true`` and ``false`` are yes/no flags),
  numbers in octal, hexadecimal, sexagesimal (``1:20``) or with ``_``,
  ``.inf`` and ``.nan``;
* a tab anywhere in the front matter (MyST reads it again with PyYAML's
  pure-Python loader, which refuses a tab where libyaml accepts it).

Dates and date-times written plainly are kept as the text written
(:class:`~sphinx_blog_fr._schema_terms.DateText`), for the schema to check and parse.
"""

from __future__ import annotations

import re

import yaml
from yaml.events import (
    AliasEvent,
    CollectionStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    NodeEvent,
    ScalarEvent,
    SequenceEndEvent,
)
from yaml.nodes import ScalarNode

from sphinx_blog_fr._schema_terms import DateText, FrontMatterError

#: The largest front matter read, in bytes of UTF-8: a real one is a few hundred.
MAX_FRONT_MATTER_BYTES = 64 * 1024
#: How deep lists and tables may nest; the front matter itself is depth 1.
MAX_DEPTH = 4
#: libyaml's loader when PyYAML was built with it (ten times faster), PyYAML's own otherwise.
BASE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
#: The line of the file where the front matter's first line is (the file's line 1 is « --- »).
FIRST_LINE = 2

_TAG = "tag:yaml.org,2002:"
_PLAIN_BOOL = re.compile(r"true|false", re.IGNORECASE)
_PLAIN_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_PLAIN_FLOAT = re.compile(r"[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")
#: What the resolver says each plain value is, and the values of that type this module accepts.
_UNAMBIGUOUS = {
    _TAG + "bool": _PLAIN_BOOL,
    _TAG + "int": _PLAIN_INT,
    _TAG + "float": _PLAIN_FLOAT,
    _TAG + "str": None,
    _TAG + "null": None,
    _TAG + "timestamp": None,
}


class _Loader(BASE_LOADER):
    """The safe loader, but dates are left as written: the schema parses and reports them."""


_Loader.add_constructor(_TAG + "timestamp", lambda loader, node: DateText(node.value))


def _refusal(message: str, mark: yaml.Mark | None, key: str | None = None) -> FrontMatterError:
    """A refusal at *mark*, naming the front matter's *key* it is under, if any."""
    return FrontMatterError(f"champ {key} : {message}" if key else message, (mark.line if mark else 0) + FIRST_LINE)


class _Collection:
    """A list or a table the parser is inside of."""

    def __init__(self, is_table: bool) -> None:
        #: For a table, the line of each key seen so far; None for a list.
        self.keys: dict[str, int] | None = {} if is_table else None
        self.expects_key = is_table


class _EventChecker:
    """Look at the parser's events one by one, and refuse what this module refuses."""

    def __init__(self) -> None:
        self.resolver = yaml.resolver.Resolver()
        self.open: list[_Collection] = []
        #: The line of each key of the front matter itself.
        self.key_lines: dict[str, int] = {}
        #: The key of the front matter whose value is being read.
        self.key: str | None = None

    def check(self, event: yaml.Event) -> None:
        inside = self.open[-1] if self.open else None
        is_key = inside is not None and inside.expects_key
        # A problem in a key of the front matter itself is under no key.
        key = None if is_key and len(self.open) == 1 else self.key
        if inside is not None and inside.keys is not None and isinstance(event, NodeEvent):
            inside.expects_key = not is_key
        if isinstance(event, AliasEvent) or (isinstance(event, NodeEvent) and event.anchor is not None):
            raise _refusal(
                "ancre ou alias YAML (« & », « * ») : le front matter n’en a pas besoin, "
                "écrivez chaque valeur en entier",
                event.start_mark,
                key,
            )
        if isinstance(event, (ScalarEvent, CollectionStartEvent)) and event.tag not in (None, "!"):
            raise _refusal(
                f"étiquette YAML « {event.tag.replace(_TAG, '!!', 1)} » : le front matter n’en a pas besoin, "
                "écrivez la valeur seule (entre guillemets si c’est un texte)",
                event.start_mark,
                key,
            )
        if isinstance(event, ScalarEvent):
            self._check_scalar(event, is_key, key)
        elif isinstance(event, CollectionStartEvent):
            if is_key:
                raise _refusal("une clé est un nom, comme « tags », pas une liste ni une table", event.start_mark, key)
            if len(self.open) >= MAX_DEPTH:
                raise _refusal(
                    f"le front matter imbrique plus de {MAX_DEPTH} niveaux de listes ou de tables : "
                    "un article n’en a pas besoin",
                    event.start_mark,
                    key,
                )
            self.open.append(_Collection(isinstance(event, MappingStartEvent)))
        elif isinstance(event, (MappingEndEvent, SequenceEndEvent)):
            self.open.pop()

    def _check_scalar(self, event: ScalarEvent, is_key: bool, key: str | None) -> None:
        tag = self.resolver.resolve(ScalarNode, event.value, event.implicit)
        if event.implicit[0] and event.tag is None:
            if tag == _TAG + "merge":
                raise _refusal("clé de fusion YAML « << » : écrivez chaque clé en entier", event.start_mark, key)
            accepted = _UNAMBIGUOUS.get(tag, re.compile(r"(?!)"))
            if accepted is not None and not accepted.fullmatch(event.value):
                raise _refusal(
                    f"« {event.value} » se lit de plusieurs façons en YAML : pour un texte, mettez-le "
                    "entre guillemets ; pour oui/non, écrivez true ou false ; pour un nombre, "
                    "écrivez-le en chiffres, sans zéro devant",
                    event.start_mark,
                    key,
                )
        if not is_key:
            return
        if tag != _TAG + "str":
            raise _refusal(f"clé « {event.value} » : une clé est un nom, comme « tags »", event.start_mark, key)
        keys = self.open[-1].keys
        line = event.start_mark.line + FIRST_LINE
        if event.value in keys:
            raise FrontMatterError(
                f"clé « {event.value} » écrite deux fois (lignes {keys[event.value]} et {line}) : gardez-en une seule",
                line,
            )
        keys[event.value] = line
        if len(self.open) == 1:
            self.key_lines[event.value] = line
            self.key = event.value


def _not_yaml(error: yaml.YAMLError, yaml_text: str) -> FrontMatterError:
    if isinstance(error, yaml.reader.ReaderError):
        line = yaml_text.count("\n", 0, error.position) + FIRST_LINE
        return FrontMatterError(
            f"caractère invisible U+{error.character:04X} dans le front matter : supprimez-le", line
        )
    mark = getattr(error, "problem_mark", None)
    # PyYAML's context is where a construct left open (a bracket, a quote) began;
    # the context of the front matter itself, a mapping, is its first line.
    context = getattr(error, "context_mark", None)
    if context is not None and context.line > 0:
        mark = context
    return _refusal(
        "le front matter n’est pas du YAML valide à cette ligne : chaque ligne est « clé: valeur » ; "
        "une valeur qui contient « : », « # », « [ » ou « { » s’écrit entre guillemets, "
        "et un guillemet ou un crochet ouvert se referme sur la même ligne",
        mark,
    )


def load_front_matter(yaml_text: str) -> tuple[object, dict[str, int]]:
    """Return what *yaml_text* holds and the line of each of its keys; raise :class:`FrontMatterError`.

    *yaml_text* is the front matter between the two ``---`` lines, the first
    of which is line 1 of the file.
    """
    size = len(yaml_text.encode("utf-8", "surrogatepass"))
    if size > MAX_FRONT_MATTER_BYTES:
        raise FrontMatterError(
            f"le front matter fait {size // 1024} Kio, {MAX_FRONT_MATTER_BYTES // 1024} au plus : "
            "un article n’a besoin que de quelques lignes « clé: valeur »",
            1,
        )
    if "\t" in yaml_text:
        before = yaml_text[: yaml_text.index("\t")].split("\n")
        keys = [line.split(":", 1)[0] for line in before if line[:1] not in ("", " ", "-", "#") and ":" in line]
        raise _refusal(
            "tabulation dans le front matter : YAML n’y admet que des espaces ; remplacez-la par une espace",
            yaml.Mark("", 0, len(before) - 1, 0, None, None),
            keys[-1] if keys else None,
        )
    checker = _EventChecker()
    try:
        parser = _Loader(yaml_text)
        try:
            while parser.check_event():
                checker.check(parser.get_event())
        finally:
            parser.dispose()
        loader = _Loader(yaml_text)
        try:
            return loader.get_single_data(), checker.key_lines
        finally:
            loader.dispose()
    except yaml.YAMLError as error:
        raise _not_yaml(error, yaml_text) from None
