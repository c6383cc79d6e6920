"""What a post's front matter is: each key, its type, what is required and what is forbidden.

One schema (a pydantic model) read by the build (``sphinx_blog_fr._front_matter``),
by ``make post`` (``sphinx_blog_fr.commands.new_post``) and by the WordPress importer
(``sphinx_blog_fr.wordpress.documents``), so that neither command can write a
post that the build refuses. :func:`validate_front_matter` checks what the
strict YAML reader (:mod:`sphinx_blog_fr._strict_yaml`) read, and turns the first
of pydantic's typed errors (its type and the key it is at) into one French
message for the author, at the line of the key.

The types: text; labels (a comma-separated text or a YAML list of names,
each with a slug for its page); an ISO 8601 date or date-time between
:data:`FIRST_YEAR` and :data:`LAST_YEAR`; a yes/no flag (``true`` or
``false``); a whole number, 0 or more; a table of texts. An empty value is
refused but for ``date`` (no date: a draft). ``updated``, the date of the
post's last change, is a date like ``date``, and none earlier; ``series``
is a name with a slug, like a tag. Unknown keys are refused, with
the nearest known key, or what this blog writes instead for the keys of
other blog engines.
"""

from __future__ import annotations

import calendar
import difflib
import re
from datetime import date, datetime
from typing import Annotated, Any

from babel.dates import format_skeleton, get_month_names
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
    TypeAdapter,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from sphinx_blog_fr._schema_terms import POSTS_DIR, DateText, FrontMatterError
from sphinx_blog_fr._slugs import slugify

#: The years a post may be dated: what Python, the feeds and every time zone can represent,
#: and no century changed by mistake (« 0017-11-10 », « 3017-11-10 »).
FIRST_YEAR, LAST_YEAR = 1900, 2999
#: What a date looks like, for the messages.
EXPECTED_DATE = "écrivez AAAA-MM-JJ, par exemple 2024-01-15, ou avec l’heure 2024-01-15T09:30:00+01:00"
#: Keys other blog engines use, which this blog expresses otherwise.
KEYS_EXPRESSED_OTHERWISE = {
    "title": "le titre d’un article est sa ligne « # Titre », sous le front matter",
    "draft": "un brouillon est un article sans « date » ou daté dans le futur",
}
#: The keys holding a number, with what the number means.
NUMBER_KEYS = {
    "excerpt": "le nombre de paragraphes de l’extrait, par exemple « excerpt: 2 »",
    "image": "le numéro de l’image à montrer dans les listes, par exemple « image: 1 »",
}
#: The prefix of OpenGraph keys (``og:title``…), any number of which a post may set.
OPENGRAPH_PREFIX = "og:"

_ISO_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:\d{2})?)?")
_ISO_DAY = re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})")
_WRITTEN_DAY = re.compile(r"(?P<day>\d{1,2})(?:er)?\s+(?P<month>[^\W\d]+)\.?\s+(?P<year>\d{4})")


def _date_problem(text: str, language: str) -> str:
    """Say why *text* is not a date, and what to write instead."""
    iso = _ISO_DAY.match(text)
    if iso:
        year, month, day = (int(iso[name]) for name in ("year", "month", "day"))
        if not FIRST_YEAR <= year <= LAST_YEAR:
            return f"« {text} » : l’année {year} n’est pas entre {FIRST_YEAR} et {LAST_YEAR} ; {EXPECTED_DATE}"
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


def parse_date(text: str, language: str) -> datetime:
    """Parse a date written AAAA-MM-JJ, with or without a time and an offset; raise ValueError saying why not.

    Anything else, a date written out (« 15 janvier 2024 ») included, is
    refused with a message in French saying what to write: never guessed.
    """
    text = text.strip()
    iso = _ISO_DAY.match(text)
    if _ISO_MOMENT.fullmatch(text) and FIRST_YEAR <= int(iso["year"]) <= LAST_YEAR:
        try:
            return datetime.fromisoformat(text)
        except ValueError:
            pass
    raise ValueError(_date_problem(text, language))


def shown(value: object) -> str:
    """*value* as the author wrote it, for a message: « texte », le nombre « 2 », une liste…"""
    if isinstance(value, DateText):
        return f"la date « {value} »"
    if isinstance(value, str):
        return f"« {value if len(value) <= 80 else value[:79] + '…'} »"
    if isinstance(value, bool):
        return f"« {'true' if value else 'false'} »"
    if isinstance(value, (int, float)):
        return f"le nombre « {value} »"
    return {list: "une liste", dict: "une table « clé: valeur »", type(None): "une valeur vide"}.get(
        type(value), repr(value)
    )


def _fail(kind: str) -> PydanticCustomError:
    return PydanticCustomError(kind, kind)


def _post_date(value: object, info: ValidationInfo) -> datetime | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise PydanticCustomError(
            "post_date", "{problem}", {"problem": f"{shown(value)} n’est pas une date ; {EXPECTED_DATE}"}
        )
    try:
        return parse_date(value, (info.context or {}).get("language", "fr"))
    except ValueError as error:
        raise PydanticCustomError("post_date", "{problem}", {"problem": str(error)}) from None


def _text(value: object) -> object:
    if value is None:
        raise _fail("empty_value")
    if isinstance(value, DateText):
        raise _fail("date_not_text")
    return str(value) if isinstance(value, str) else value


def _labels(value: object) -> object:
    if isinstance(value, str) and not isinstance(value, DateText):
        return [label.strip() for label in value.split(",")]
    if isinstance(value, int) and not isinstance(value, bool):
        return [str(value)]
    if isinstance(value, list):
        return value
    raise _fail("labels_type")


def _label(value: object) -> object:
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    value = _text(value)
    if isinstance(value, str) and "," in value:
        raise _fail("label_with_comma")
    return value.strip() if isinstance(value, str) else value


def _label_with_slug(label: str) -> str:
    if label and not slugify(label):
        raise _fail("label_without_slug")
    return label


def _not_empty(text: str) -> str:
    if not text:
        raise _fail("empty_value")
    return text


def _true(value: bool) -> bool:
    if value is not True:
        raise _fail("not_a_post")
    return value


def _not_null(value: object) -> object:
    if value is None:
        raise _fail("empty_value")
    return value


Text = Annotated[StrictStr, BeforeValidator(_text)]
OptionalText = Annotated[Text | None, BeforeValidator(_not_null)]
Count = Annotated[StrictInt, Field(ge=0)]
OptionalCount = Annotated[Count | None, BeforeValidator(_not_null)]
Label = Annotated[StrictStr, BeforeValidator(_label)]
Labels = Annotated[
    list[Annotated[Label, AfterValidator(_label_with_slug)]],
    BeforeValidator(_labels),
    AfterValidator(lambda labels: [label for label in labels if label]),
]
Names = Annotated[
    list[Label], BeforeValidator(_labels), AfterValidator(lambda labels: [label for label in labels if label])
]
Flag = Annotated[StrictBool, BeforeValidator(_not_null)]
Table = Annotated[dict[StrictStr, Text], BeforeValidator(_not_null)]
PostDate = Annotated[datetime | None, BeforeValidator(_post_date)]
SeriesName = Annotated[
    StrictStr,
    BeforeValidator(_text),
    AfterValidator(str.strip),
    AfterValidator(_not_empty),
    AfterValidator(_label_with_slug),
]


class FrontMatter(BaseModel):
    """A post's front matter: ABlog's keys, MyST's and OpenGraph's, and no other."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    blogpost: Annotated[StrictBool, AfterValidator(_true)]
    date: PostDate = None
    #: When the post was last changed, shown « Mis à jour le … » and in the feeds, the sitemap and JSON-LD.
    updated: PostDate = None
    #: The name of the series the post is a part of (blog_series: its parts in date order, and its page).
    series: Annotated[SeriesName | None, BeforeValidator(_not_null)] = None
    tags: Labels = []
    category: Labels = []
    author: Labels = []
    location: Names = []
    language: OptionalText = None
    excerpt: OptionalCount = None
    image: OptionalCount = None
    redirect: OptionalText = None
    exclude: Flag = False
    nocomments: Flag = False
    orphan: Flag = False
    canonical_link: OptionalText = None
    external_link: OptionalText = None
    description: OptionalText = None
    html_meta: Table = {}
    substitutions: Table = {}
    myst: Annotated[dict[StrictStr, Any], BeforeValidator(_not_null)] = {}
    opengraph: Table = Field(default={}, alias="og:*")

    @field_validator("updated")
    @classmethod
    def _updated_after_date(cls, updated: datetime | None, info: ValidationInfo) -> datetime | None:
        published = info.data.get("date")
        if updated is None or published is None:
            return updated
        # A day without an offset cannot be compared to a moment with one: compare the days.
        comparable = (updated.tzinfo is None) == (published.tzinfo is None)
        if (updated < published) if comparable else (updated.date() < published.date()):
            raise PydanticCustomError("updated_before_date", "{published}", {"published": published.date().isoformat()})
        return updated

    @model_validator(mode="before")
    @classmethod
    def _gather_opengraph(cls, data: object) -> object:
        """Gather the ``og:…`` keys into one table, whose alias no author key can be."""
        if not isinstance(data, dict):
            return data
        opengraph = {key: value for key, value in data.items() if str(key).startswith(OPENGRAPH_PREFIX)}
        return {**{key: value for key, value in data.items() if key not in opengraph}, "og:*": opengraph}


_LABELS = TypeAdapter(Labels)


def is_label(name: str) -> bool:
    """Whether *name* can be a tag, a category or an author: it has a slug for its page, and no comma."""
    try:
        return bool(name.strip()) and _LABELS.validate_python([name]) == [name.strip()]
    except ValidationError:
        return False


#: The keys a post may use.
KNOWN_KEYS = sorted(name for name in FrontMatter.model_fields if name != "opengraph")
_LABEL_EXAMPLES = {"author": "camille, dominique", "location": "Paris, Lyon"}
_KINDS = {
    **dict.fromkeys(("tags", "category", "author", "location"), "labels"),
    **dict.fromkeys(("exclude", "nocomments", "orphan"), "flag"),
    **dict.fromkeys(NUMBER_KEYS, "number"),
    **dict.fromkeys(("html_meta", "substitutions", "myst"), "table"),
    "series": "series",
}
_SERIES_EXAMPLE = "écrivez le nom de la série, par exemple « series: Voyage en Bretagne »"


def _unknown_key(key: str) -> str:
    if key in KEYS_EXPRESSED_OTHERWISE:
        return f"clé inconnue « {key} » : {KEYS_EXPRESSED_OTHERWISE[key]}"
    guess = difflib.get_close_matches(key, KNOWN_KEYS, n=1)
    hint = f" ; vouliez-vous dire « {guess[0]} » ?" if guess else f" ; les clés possibles : {', '.join(KNOWN_KEYS)}"
    return f"clé inconnue « {key} »{hint}"


def _value_problem(key: str, kind: str, error_type: str, value: object, inside: tuple) -> str:
    """What is wrong with the *value* of *key* (or of its item *inside*), and what to write instead."""
    if kind == "flag":
        return f"{shown(value)} n’est ni true ni false ; écrivez « {key}: true »"
    if kind == "number":
        if error_type == "greater_than_equal":
            return f"« {value} » est négatif ; écrivez {NUMBER_KEYS[key]}"
        integer = " entier" if isinstance(value, float) else ""
        return f"{shown(value)} n’est pas un nombre{integer} ; écrivez {NUMBER_KEYS[key]}"
    if kind == "labels":
        example = (
            f"séparez les noms par des virgules, par exemple « {key}: {_LABEL_EXAMPLES.get(key, 'numérique, design')} »"
        )
        if error_type == "label_without_slug":
            return f"« {value} » n’a ni lettre ni chiffre, sa page n’aurait pas d’adresse ; {example}"
        if error_type == "label_with_comma":
            return f"l’élément {inside[0] + 1} de la liste, {shown(value)}, contient une virgule ; {example}"
        if inside:
            return f"l’élément {inside[0] + 1} de la liste, {shown(value)}, n’est pas un nom ; {example}"
        return f"{shown(value)} n’est ni un nom ni une liste de noms ; {example}"
    if kind == "series":
        if error_type == "label_without_slug":
            return (
                f"« {value} » n’a ni lettre ni chiffre, la page de la série n’aurait pas d’adresse ; {_SERIES_EXAMPLE}"
            )
        return f"{shown(value)} n’est pas un nom de série ; {_SERIES_EXAMPLE}"
    if kind == "table":
        if inside:
            return f"la valeur de « {inside[0]} », {shown(value)}, n’est pas un texte"
        return f"{shown(value)} n’est pas une table ; écrivez en dessous des lignes « nom: valeur » indentées de deux espaces"
    return f"{shown(value)} n’est pas un texte ; écrivez « {key}: … » sur la même ligne, entre guillemets si le texte contient « : » ou « # »"


def _french(error: dict) -> tuple[str, str]:
    """Return the key a pydantic error is about, and its French message."""
    location = error["loc"]
    if location[0] == "blogpost":
        return "blogpost", (
            f"« blogpost: true » manque : tout fichier .md de {POSTS_DIR}/ est un article et commence par cette ligne"
        )
    key, inside = str(location[0]), location[1:]
    if key == "og:*":
        key, inside = str(inside[0]), inside[1:]
    if error["type"] == "extra_forbidden":
        return key, _unknown_key(key)
    if error["type"] == "post_date":
        return key, f"champ {key} : {error['ctx']['problem']}"
    if error["type"] == "updated_before_date":
        return key, (
            f"champ updated : la mise à jour « {error['input']} » est antérieure à la publication, "
            f"le {error['ctx']['published']} (champ date) ; une mise à jour se date du jour de la publication ou d’après"
        )
    return key, f"champ {key} : {_value_problem(key, _KINDS.get(key, 'text'), error['type'], error['input'], inside)}"


def validate_front_matter(data: object, key_lines: dict[str, int], language: str) -> FrontMatter:
    """Return the front matter *data* read (its keys at *key_lines*), or raise the first of its problems.

    The first problem is a missing ``blogpost: true``, then the first in the
    order of the lines.
    """
    if data is None:
        raise FrontMatterError(
            "le front matter est vide : il faut au moins « blogpost: true » et « date: AAAA-MM-JJ »", 2
        )
    if not isinstance(data, dict):
        raise FrontMatterError("le front matter doit être une suite de lignes « clé: valeur »", 2)
    try:
        return FrontMatter.model_validate(data, context={"language": language})
    except ValidationError as errors:
        problems = [_french(error) for error in errors.errors()]
    key, message = min(problems, key=lambda problem: (problem[0] != "blogpost", key_lines.get(problem[0], 2)))
    raise FrontMatterError(message, key_lines.get(key, 2)) from None
