"""Elision of « de », « le » and « la » before a label the blog inserts into a French sentence.

The blog's catalog writes « Articles de %s »; filled with « octobre 2017 »
or « Auteur du blog » that gives « Articles de octobre 2017 », which French
writes « Articles d’octobre 2017 », « Articles d’Auteur du blog ». Every
title that inserts a label (listing titles, hence headings, ``<title>``,
OpenGraph titles and feed titles) goes through :func:`insert_label`, which
elides the article or preposition just before the placeholder when the label
starts with a vowel (accented or not, in either case) or a mute h.

A y elides before a consonant only (« d’Yvelines », « de yoga »). An h is
mute unless the word is one of :data:`ASPIRATED_H` (« de Hollande », « de
hauts fonctionnaires », « de hêtre »): the list is short on purpose, it
holds the words a blog about public administration meets; add a word
(without accents, in lower case) when a label needs it.

Labels are text: :func:`insert_label` returns HTML (``Markup``) with the
label escaped, as the titles Sphinx gives its pages are.
"""

from __future__ import annotations

import re
import unicodedata

from markupsafe import Markup

#: Words (and their plurals, feminines) starting with an aspirated h: no elision before them.
#: Each is matched with its plural and feminine (« hauts », « haute », « hautes »).
ASPIRATED_H = frozenset(
    {
        "hache",
        "haine",
        "hameau",
        "handicap",
        "hangar",
        "hasard",
        "haut",
        "hauteur",
        "hetre",
        "heros",
        "hibou",
        "hollande",
        "hollandais",
        "homard",
        "hongrie",
        "hongrois",
        "honte",
        "hors",
    }
)
_INFLECTIONS = ("", "s", "e", "es")
_FIRST_WORD = re.compile(r"[^\W\d_]+")
_VOWELS = frozenset("aeiouy")
#: « de », « le » or « la » just before the label's placeholder (``%s`` or ``%(name)s``).
_ELIDABLE = re.compile(r"\b(?P<word>[dD]e|[lL][ea]) (?=%(?:\([a-z_]+\))?s)")


def _bare(word: str) -> str:
    """Return *word* in lower case without accents: « Événements » gives « evenements »."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    return "".join(char for char in decomposed if unicodedata.category(char) != "Mn")


def elides(label: str) -> bool:
    """Whether « de », « le » or « la » elide before *label*."""
    word = _FIRST_WORD.match(label.strip())
    if not word:
        return False
    bare = _bare(word.group())
    if bare[0] == "y":
        # A y before a vowel is a consonant: « de yaourt », « d’Yvelines ».
        return bare[1:2] not in _VOWELS
    if bare[0] in _VOWELS:
        return True
    return bare[0] == "h" and not any(bare.removesuffix(ending) in ASPIRATED_H for ending in _INFLECTIONS)


def insert_label(message: str, label: object) -> Markup:
    """Return the translated *message* with *label* (escaped) in its ``%s``, its « de »/« le »/« la » elided.

    ``insert_label("Articles de %s", "août 2017")`` gives « Articles d’août 2017 ».
    """
    template = str(message)
    if elides(str(label)):
        template = _ELIDABLE.sub(lambda match: f"{match['word'][0]}’", template, count=1)
    return Markup(template) % label
