"""One slug rule for post files, tags, categories and authors.

The build (``sphinx_blog_fr._taxonomy`` gives it to ABlog), ``make post`` and the
WordPress importer all name pages with :func:`slugify`, so a label always has
its page at the same address, and the importer's redirects reach it.

A slug is ASCII, lower-case and readable in every script: letters are
transliterated by anyascii (« é » → « e », « œ » → « oe », « Ελληνικά » →
« ellinika », « Русский » → « russkiy », « 远征手记 » → « yuanzhengshouji »),
apostrophes vanish without splitting the word (« l’action » → « laction »),
and every other run of punctuation or space becomes a single hyphen. When
nothing is left although the text has letters or digits (that anyascii cannot
transliterate: rare scripts), these are written as code points (« ʔ » →
« u294 »), so a text with a letter or a digit in any script has a slug.

A slug names a file, so it is kept well under the 255 bytes a file name may
hold: ``MAX_SLUG_LENGTH`` leaves room for a ``-2`` suffix and an extension.
"""

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

_APOSTROPHES = re.compile(r"['’ʼ‘`´]")
_SEPARATORS = re.compile(r"[^a-z0-9]+")
MAX_SLUG_LENGTH = 200


def slugify(text: str) -> str:
    """Return the slug of *text*: ``"Les « irritants » et l’action"`` → ``"les-irritants-et-laction"``."""
    return _slugify(str(text))


@lru_cache(maxsize=65536)
def _slugify(text: str) -> str:
    """Slugify *text* once: a build asks for the slugs of the same few hundred labels thousands of times."""
    composed = _APOSTROPHES.sub("", unicodedata.normalize("NFKC", text))
    slug = _slug_of(anyascii(composed))
    return slug or _slug_of("".join(_code_point(char) for char in composed))


def _slug_of(ascii_text: str) -> str:
    """Lower-case *ascii_text*, drop its apostrophes, and join its words with hyphens."""
    return _SEPARATORS.sub("-", _APOSTROPHES.sub("", ascii_text.lower())).strip("-")


def _code_point(char: str) -> str:
    """A letter or digit as ``-u<code point>-``; any other character as a separator."""
    return f"-u{ord(char):x}-" if unicodedata.category(char)[0] in "LN" else "-"


def shortened(slug: str, length: int = MAX_SLUG_LENGTH) -> str:
    """Return *slug* cut to at most *length* characters, at a hyphen when there is one."""
    if len(slug) <= length:
        return slug
    cut = slug[: length + 1].rpartition("-")[0] or slug[:length]
    return cut.strip("-")
