"""French spacing before « : ; ! ? » and inside « », put in when a page is read.

Authors type an ordinary space before « : » or « ? » (or none: « inconnus? »),
and on a phone the « ? » or the « : » then starts a line. French typography
puts a no-break space (U+00A0) before « : » and inside « », and a narrow
no-break space (U+202F) before « ; ! ? ». This extension sets them in the
text of every page as Sphinx reads it, like WordPress's fr_FR typography
plugins, and never in the source files, which keep the author's exact text.

It runs as a docutils transform before Sphinx's ``doctree-read`` event, so
that everything made from a page's doctree has the typography: the page
itself, the post's title as ABlog stores it (listings, sidebars, feeds,
``<title>``, OpenGraph), excerpts, feeds, OpenGraph descriptions and the
search index.

It changes text only: never code, literals, math, raw HTML or attributes,
and never a URL or an e-mail address written in the text. It is conservative:

* an ordinary space before « : » becomes U+00A0 only when the colon ends a
  word group (« bilan : » but not « 10:30 », « :) » or « https://x »); a
  missing space before « : » is never added;
* ordinary spaces before a group of « ; ! ? » become one U+202F (« ?! » and
  « !!! » keep one space before the group, none inside it); one is added
  when the group follows a letter, a digit or closing punctuation and is
  followed by a space or the end of the text (« inconnus? » gives
  « inconnus ? »); a winking « ;) » is left alone;
* « and » get U+00A0 inside them when they have an ordinary space or none.

Jinja's ``striptags`` filter, which the templates (ours and Furo's) apply to
page titles for ``<title>`` and link titles, collapses every whitespace,
no-break spaces included (Python's ``str.split``): this extension replaces
it with one that collapses ordinary whitespace only.

``blog_french_spacing = False`` in conf.py turns it off.
"""

from __future__ import annotations

import re

from docutils import nodes
from markupsafe import Markup
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

NO_BREAK_SPACE = "\u00a0"
NARROW_NO_BREAK_SPACE = "\u202f"

#: Text that is not prose, left as it is: a URL or an e-mail address.
_NOT_PROSE = re.compile(r"\S*(?:://|www\.)\S*|[\w.+-]+@[\w-]+\.[\w.-]+")
_SPACE_BEFORE_COLON = re.compile(r"[ \t\r\n]+(?=:(?:[\s»”]|$))")
_SPACE_BEFORE_HIGH_PUNCTUATION = re.compile(r"[ \t\r\n]+(?=(?!;[-)(DPp])[;!?]+(?:[\s»”)\]…,.]|$))")
_MISSING_SPACE_BEFORE_HIGH_PUNCTUATION = re.compile(r"(?<=[^\W_]|[)\]»”…])(?=[;!?]+(?:\s|$))")
_AFTER_OPENING_GUILLEMET = re.compile(r"(?<=«)(?![ \t\r\n]*[\u00a0\u202f])[ \t\r\n]*")
_BEFORE_CLOSING_GUILLEMET = re.compile(r"(?<![\u00a0\u202f \t\r\n])[ \t\r\n]*(?=»)")

_COMMENTS_AND_TAGS = re.compile(r"<!--.*?-->|<[^>]*>", re.DOTALL)
_ORDINARY_WHITESPACE = re.compile(r"[ \t\n\r\f\v]+")

#: Elements whose text is not prose: code, literals, math, raw HTML, comments.
_NOT_PROSE_ELEMENTS = (
    nodes.FixedTextElement,
    nodes.literal,
    nodes.math,
    nodes.raw,
    nodes.comment,
    nodes.image,
    nodes.problematic,
)


#: The characters one of the rules needs in a text to change it: a text with none is left as it is.
_SPACED_MARKS = re.compile(r"[:;!?«»]")
#: What every URL or e-mail address (``_NOT_PROSE``) holds: a text with none of them is all prose.
_URL_MARKS = ("://", "www.", "@")


def _prose_spacing(text: str) -> str:
    # Each rule needs its mark in the text: the searches skip the costlier substitutions.
    # Guillemets first: the space they get may be the one that follows a « ? ».
    if "«" in text:
        text = _AFTER_OPENING_GUILLEMET.sub(NO_BREAK_SPACE, text)
    if "»" in text:
        text = _BEFORE_CLOSING_GUILLEMET.sub(NO_BREAK_SPACE, text)
    if ":" in text:
        text = _SPACE_BEFORE_COLON.sub(NO_BREAK_SPACE, text)
    if "!" in text or "?" in text or ";" in text:
        text = _SPACE_BEFORE_HIGH_PUNCTUATION.sub(NARROW_NO_BREAK_SPACE, text)
        text = _MISSING_SPACE_BEFORE_HIGH_PUNCTUATION.sub(NARROW_NO_BREAK_SPACE, text)
    return text


def french_spacing(text: str) -> str:
    """Return *text* with French spacing before « : ; ! ? » and inside « », its URLs untouched."""
    # Most text nodes have no mark to space, or no URL: then the costly URL search is skipped.
    if not _SPACED_MARKS.search(text):
        return text
    if not any(mark in text for mark in _URL_MARKS):
        return _prose_spacing(text)
    pieces, start = [], 0
    for url in _NOT_PROSE.finditer(text):
        pieces += [_prose_spacing(text[start : url.start()]), url.group()]
        start = url.end()
    pieces.append(_prose_spacing(text[start:]))
    return "".join(pieces)


def _is_prose(text: nodes.Text) -> bool:
    return not any(isinstance(element, _NOT_PROSE_ELEMENTS) for element in _ancestors(text))


def _ancestors(node: nodes.Node):
    while node.parent is not None:
        node = node.parent
        yield node


class FrenchSpacing(SphinxTransform):
    """Set French spacing in the prose of the document (see the module's docstring)."""

    # Before Sphinx's DoctreeReadEvent (880), which hands ABlog the post's title
    # and excerpt; where docutils' own SmartQuotes would run (750).
    default_priority = 760

    def apply(self, **kwargs) -> None:
        if not self.config.blog_french_spacing:
            return
        for text in list(self.document.findall(nodes.Text)):
            # A text with no mark to space is left before its ancestors are looked at.
            if not _SPACED_MARKS.search(text) or not _is_prose(text):
                continue
            spaced = french_spacing(str(text))
            if spaced != text:
                text.parent.replace(text, nodes.Text(spaced))
        # The title docutils' DocTitle copied from the first heading, for <title>.
        if "title" in self.document:
            self.document["title"] = french_spacing(self.document["title"])


def strip_tags(html: object) -> str:
    """Return the text of *html*, as Jinja's ``striptags`` does, but keeping its no-break spaces."""
    text = _ORDINARY_WHITESPACE.sub(" ", _COMMENTS_AND_TAGS.sub("", str(html))).strip()
    return Markup(text).unescape()


def _install_filter(app: Sphinx) -> None:
    templates = getattr(app.builder, "templates", None)
    if templates is not None:
        templates.environment.filters["striptags"] = strip_tags


def setup(app: Sphinx) -> dict:
    app.add_config_value("blog_french_spacing", True, "env", types=[bool])
    app.add_transform(FrenchSpacing)
    app.connect("builder-inited", _install_filter)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
