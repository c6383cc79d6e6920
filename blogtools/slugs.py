"""One slug rule for post files, tags, categories and authors.

A slug is ASCII, lower-case and readable: accents are folded (« é » → « e »),
apostrophes vanish without splitting the word (« l’action » → « laction »),
and every other run of punctuation or space becomes a single hyphen.

A slug names a file, so it is kept well under the 255 bytes a file name may
hold: ``MAX_SLUG_LENGTH`` leaves room for a ``-2`` suffix and an extension.
"""

import re
import unicodedata

_APOSTROPHES = re.compile(r"['’ʼ‘`´]")
_SEPARATORS = re.compile(r"[^a-z0-9]+")
MAX_SLUG_LENGTH = 200


def slugify(text: str) -> str:
    """Return the slug of *text*: ``"Les « irritants » et l’action"`` → ``"les-irritants-et-laction"``."""
    folded = unicodedata.normalize("NFKD", str(text))
    folded = "".join(char for char in folded if not unicodedata.combining(char))
    folded = _APOSTROPHES.sub("", folded)
    folded = folded.replace("œ", "oe").replace("Œ", "OE").replace("æ", "ae").replace("Æ", "AE")
    ascii_text = folded.encode("ascii", "ignore").decode("ascii").lower()
    return _SEPARATORS.sub("-", ascii_text).strip("-")


def shortened(slug: str, length: int = MAX_SLUG_LENGTH) -> str:
    """Return *slug* cut to at most *length* characters, at a hyphen when there is one."""
    if len(slug) <= length:
        return slug
    cut = slug[: length + 1].rpartition("-")[0] or slug[:length]
    return cut.strip("-")
