"""Read a post file as an editor saved it, and split it into front matter and text.

Editors on Windows, macOS and Linux save the same post differently: with or
without a UTF-8 byte-order mark, with CRLF, CR or LF line ends, with or
without a final line end. :func:`read_post_text` gives the text Sphinx reads
(``source_encoding`` « utf-8-sig », universal newlines), or one French
message naming the line, never a page of mojibake nor a traceback, for what
is not a text in UTF-8: a file over :data:`MAX_POST_BYTES` (refused before it
is read), a UTF-16 file, a binary file (a NUL byte), an invalid byte.

:func:`read_front_matter` splits a post's text, reads its front matter with
the strict YAML reader and checks it against the schema: the build, ``make
post`` and the WordPress importer all check a post's front matter with it.
The schema (pydantic) is imported when a post is checked, not before: a
build that changes no post checks none.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx_blog_fr._schema_terms import FrontMatterError
from sphinx_blog_fr._strict_yaml import load_front_matter

if TYPE_CHECKING:
    from sphinx_blog_fr._schema import FrontMatter

#: The largest post file read, in bytes: a long post with its front matter is well under 100 Kio.
MAX_POST_BYTES = 256 * 1024

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?\n)?---[ \t]*(?:\n|\Z)", re.DOTALL)
_LINE_END = re.compile(rb"\r\n|\r|\n")


def _position(data: bytes, offset: int) -> tuple[int, int]:
    """Return the line and the column (in characters) of the byte at *offset* of *data*."""
    ends = list(_LINE_END.finditer(data, 0, offset))
    line_start = ends[-1].end() if ends else 0
    return len(ends) + 1, len(data[line_start:offset].decode("utf-8", "replace")) + 1


def decode_post(data: bytes) -> str:
    """Return the text of a post file's *data*, line ends made « \\n »; raise :class:`FrontMatterError`."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise FrontMatterError("le fichier est enregistré en UTF-16 : enregistrez-le en UTF-8")
    if b"\0" in data:
        line, column = _position(data, data.index(b"\0"))
        raise FrontMatterError(
            f"le fichier contient un octet nul (ligne {line}, colonne {column}) : c’est un fichier "
            "binaire, pas un article ; sortez-le de posts/ ou enregistrez l’article en texte UTF-8",
            line,
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line, column = _position(data, error.start)
        raise FrontMatterError(
            f"le fichier n’est pas en UTF-8 : l’octet 0x{data[error.start]:02X} (ligne {line}, colonne {column}) "
            "n’est pas de l’UTF-8, le fichier a sans doute été enregistré en Latin-1 ou Windows-1252 ; "
            "enregistrez-le en UTF-8",
            line,
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_post_text(path: Path) -> str:
    """Return the text of the post file at *path*, as Sphinx reads it; raise :class:`FrontMatterError`."""
    try:
        with path.open("rb") as post:
            data = post.read(MAX_POST_BYTES + 1)
    except OSError:
        raise FrontMatterError(
            "impossible de lire le fichier : vérifiez que ses droits permettent de le lire"
        ) from None
    if len(data) > MAX_POST_BYTES:
        raise FrontMatterError(
            f"le fichier fait plus de {MAX_POST_BYTES // 1024} Kio : trop pour un article, "
            "qui même long en fait moins de 100 ; coupez-le en plusieurs articles"
        )
    return decode_post(data)


@dataclass(frozen=True)
class PostParts:
    """A post's text, split: its front matter checked, and the text under it."""

    front_matter: FrontMatter
    #: What the YAML holds, as written (``date`` as its text, ``tags`` a text or a list).
    values: dict
    body: str
    #: The line of the file the body starts on.
    body_line: int


def read_front_matter(text: str, language: str) -> PostParts:
    """Return the post *text* split, its front matter checked; raise :class:`FrontMatterError` for the first problem."""
    match = _FRONT_MATTER.match(text)
    if not match:
        raise FrontMatterError(
            "pas de front matter : un article commence par « --- », « blogpost: true », « date: AAAA-MM-JJ » et « --- »"
        )
    data, key_lines = load_front_matter(match.group("yaml") or "")
    from sphinx_blog_fr._schema import validate_front_matter  # pydantic: imported for a post to check alone

    front_matter = validate_front_matter(data, key_lines, language)
    return PostParts(front_matter, data, text[match.end() :], text[: match.end()].count("\n") + 1)
