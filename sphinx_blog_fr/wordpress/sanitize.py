"""Imported HTML made inert before conversion: nh3's allowlist sanitiser, for posts and for comments.

Everything in an export is data: a post or a reader's comment must not be
able to run a script, load another site or reach the page as markup the blog
did not choose. The HTML WordPress would display (see :mod:`.render`) goes
through nh3 (the Python binding of ammonia) before the MyST conversion:

- posts keep text, structure, images, tables, code and the players of the
  video sites the importer knows (YouTube, Vimeo, PeerTube), rewritten to
  their privacy-enhanced address; no script, style block, form, event
  attribute (``on…``), inline style, or ``javascript:``/``data:`` address;
  any other iframe becomes a link to its address;
- comments keep only text, emphasis, links (``rel="nofollow ugc"``),
  quotes, code and line breaks.

Line terminators are normalised to ``\\n`` first (``\\r``, ``\\r\\n``,
U+2028, U+2029…), so that no character of the content can later end a raw
HTML block of the MyST file early. Nesting deeper than :data:`MAX_DEPTH`
is flattened (the deeper tags are dropped, their text kept) before any tree
is built, so a hostile post costs linear time and bounded memory.

What the sanitiser removed is counted (element and attribute names) so the
import report can say it, post by post.
"""

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import nh3
from bs4 import BeautifulSoup

MAX_DEPTH = 64
_LINE_TERMINATORS = re.compile(r"\r\n?|[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_VOID_ELEMENTS = set("area base br col embed hr img input link meta param source track wbr".split())
_IMPLIED_END = set("p li dt dd option tr td th thead tbody tfoot rt rp".split())
_URL_SCHEMES = {"http", "https", "mailto", "ftp", "tel"}
_KEPT_CLASSES = {"wp-block-footnotes", "video-embed", "gallery", "gallery-item", "wp-caption", "wp-block-gallery"}
_KEPT_CLASSES |= {"alignleft", "alignright", "aligncenter"}
# A gallery's column count: ``gallery-columns-3`` ([gallery] shortcode), ``columns-3`` (block editor).
_COLUMNS_CLASS = re.compile(r"(?:gallery-)?columns-\d{1,2}")
_DOCUMENT_TAG = re.compile(r"<(?=/?(?:html|head|body|title)\b)", re.IGNORECASE)
_CODE_CLASS = re.compile(r"(?:language|lang)-[\w+#-]+")
_POST_TAGS = (nh3.ALLOWED_TAGS - {"area", "map", "nav", "time", "data"}) | {"iframe", "video", "audio", "source"}
_POST_ATTRIBUTES = {
    "*": {"title", "lang", "dir"},
    "a": {"href", "rel", "id"},
    "img": {"src", "alt", "width", "height", "class"},
    "iframe": {"src", "width", "height", "allow", "allowfullscreen", "loading", "title", "class"},
    "video": {"src", "controls", "width", "height", "poster"},
    "audio": {"src", "controls"},
    "source": {"src", "type"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "ol": {"start", "reversed", "class", "id"},
    "pre": {"class"},
    "code": {"class"},
    "div": {"class", "id"},
    "figure": {"class", "id"},
} | {name: {"id"} for name in ("span", "li", "sup", "h2", "h3", "h4", "h5", "h6", "p")}
_COMMENT_TAGS = {"p", "br", "a", "em", "i", "strong", "b", "blockquote", "q", "code", "pre", "ul", "ol", "li"}
# Blocks a comment may not keep but whose text is a block of its own: headings and terms become
# paragraphs in bold, definitions and addresses paragraphs, so their text is not glued to its neighbours.
_COMMENT_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6", "dt"}
_COMMENT_PARAGRAPHS = {"dd", "address"}
_QUIET_ATTRIBUTES = {"class", "id", "width", "height", "align", "valign", "border", "cellpadding", "cellspacing"}
_QUIET_ATTRIBUTES |= {"target", "rel", "role", "sizes", "srcset", "loading", "decoding", "frameborder", "scrolling"}
_YOUTUBE_PLAYER = re.compile(r"^/embed/([\w-]+)/?$")
_VIMEO_PLAYER = re.compile(r"^/video/(\d+)/?$")
_PEERTUBE_PLAYER = re.compile(r"^/videos/embed/([0-9A-Za-z-]+)/?$")


@dataclass
class Sanitised:
    """HTML made safe, and the names of the elements and attributes taken out of it (with counts)."""

    html: str
    removed: Counter[str] = field(default_factory=Counter)
    flattened: bool = False


def sanitise_post(html: str) -> Sanitised:
    """A post's displayed HTML (content, footnotes, gallery captions) with only the allowlist left."""
    return _sanitise(html, _POST_CLEANER, _keep_video_players)


def sanitise_comment(html: str) -> Sanitised:
    """A reader's comment with only text, emphasis, links, quotes, code and line breaks left."""
    return _sanitise(html, _COMMENT_CLEANER, _demote_comment_blocks)


def _demote_comment_blocks(soup: BeautifulSoup) -> Counter[str]:
    """Turn a comment's headings, terms, definitions and addresses into paragraphs (nothing is removed)."""
    for element in soup.find_all(_COMMENT_HEADINGS | _COMMENT_PARAGRAPHS | {"dl"}):
        if element.name == "dl":
            element.unwrap()
            continue
        if element.name in _COMMENT_HEADINGS:
            element.wrap(soup.new_tag("p"))
            element.name = "strong"
        else:
            element.name = "p"
    return Counter()


def sanitise_inline(html: str) -> str:
    """A one-line fragment (a title) with only inline text formatting left.

    A tag that cannot be part of a title, the document's own (``<html>``, ``<head>``, ``<body>``,
    ``<title>``), is text the author wrote about HTML (« Écrire <html> »): it is kept as text.
    """
    return _INLINE_CLEANER.clean(_DOCUMENT_TAG.sub("&lt;", normalise_line_terminators(html)))


def excerpt_text(html: str) -> str:
    """A hand-written excerpt as one line of plain text: no tag, no script's text, entities decoded."""
    text = BeautifulSoup(nh3.clean(normalise_line_terminators(html), tags=set()), "html.parser").get_text()
    return " ".join(text.split())


def _sanitise(html: str, cleaner: nh3.Cleaner, finish: Callable[[BeautifulSoup], Counter[str]]) -> Sanitised:
    """Normalise, flatten, clean with *cleaner*, let *finish* fix the tree (it counts what it removes)."""
    html = normalise_line_terminators(html)
    flattened = _nesting_depth(html) > MAX_DEPTH
    if flattened:
        html = _flattened(html)
    cleaned = cleaner.clean(html)
    soup = BeautifulSoup(cleaned, "html.parser")
    removed = (_tally(html) - _tally(cleaned)) + finish(soup)
    return Sanitised(str(soup), removed, flattened)


def normalise_line_terminators(html: str) -> str:
    """Every character a parser may read as a line end (CR, CRLF, U+2028, U+2029, NEL, VT, FF) as ``\\n``."""
    return _LINE_TERMINATORS.sub("\n", html)


def _filter_attribute(element: str, attribute: str, value: str) -> str | None:
    """Keep only the classes the converter reads (footnotes, players, galleries and their columns,
    image alignment, code languages),
    and only web or relative addresses for what a page loads by itself (images, players)."""
    if attribute in ("src", "poster"):
        scheme = urlsplit(value.strip()).scheme.lower()
        return value if scheme in ("", "http", "https") else None
    if attribute == "class":
        kept = [name for name in value.split() if name in _KEPT_CLASSES or _kept_class_pattern(name)]
        return " ".join(kept) or None
    return value


def _kept_class_pattern(name: str) -> bool:
    """A code language (``language-python``) or a gallery's column count (``columns-3``)."""
    return bool(_CODE_CLASS.fullmatch(name) or _COLUMNS_CLASS.fullmatch(name))


def _keep_video_players(soup: BeautifulSoup) -> Counter[str]:
    """Iframes of known video players at their privacy-enhanced address; any other one becomes a link.

    Returns how many iframes were replaced.
    """
    replaced: Counter[str] = Counter()
    for iframe in soup.find_all("iframe"):
        if iframe.decomposed:
            continue
        player = privacy_enhanced_player(iframe.get("src") or "")
        if player is not None:
            iframe["src"] = player
            iframe["allow"] = "fullscreen; picture-in-picture"
            continue
        replaced["iframe"] += 1
        source = iframe.get("src") or ""
        if source.startswith(("http://", "https://")):
            link = soup.new_tag("a", href=source)
            link.string = source
            iframe.replace_with(link)
        else:
            iframe.decompose()
    return replaced


def privacy_enhanced_player(url: str) -> str | None:
    """*url* as the player address that sets no tracking cookie, or None when it is no known player.

    YouTube players move to www.youtube-nocookie.com, Vimeo players get
    ``dnt=1``; a PeerTube player (``/videos/embed/ID``, on any instance, as
    :func:`.render.embed_html` writes it) is kept over https.
    """
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    youtube = _YOUTUBE_PLAYER.match(parts.path)
    if host in {"www.youtube.com", "youtube.com", "www.youtube-nocookie.com"} and youtube:
        return f"https://www.youtube-nocookie.com/embed/{youtube.group(1)}"
    vimeo = _VIMEO_PLAYER.match(parts.path)
    if host == "player.vimeo.com" and vimeo:
        query = [(key, value) for key, value in parse_qsl(parts.query) if key in {"h", "t"}]
        return f"https://player.vimeo.com/video/{vimeo.group(1)}?" + urlencode([*query, ("dnt", "1")])
    if parts.scheme == "https" and host and _PEERTUBE_PLAYER.match(parts.path):
        return urlunsplit(("https", parts.netloc, parts.path, "", ""))
    return None


def _tally(html: str) -> Counter[str]:
    """How many times each element and each attribute that matters (``on…``, ``href``…) appears in *html*."""
    counter = _Tally()
    counter.feed(html)
    counter.close()
    return counter.names


class _Tally(HTMLParser):
    """Counts start tags and their attributes, the cosmetic ones (class, width…) left out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.names: Counter[str] = Counter()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.names[tag] += 1
        for name, _ in attrs:
            if name not in _QUIET_ATTRIBUTES and not name.startswith(("data-", "aria-")):
                self.names[name] += 1


class _Depth(HTMLParser):
    """Follows the open elements the way a browser roughly would, to measure or cap their nesting.

    With *limit*, it rewrites the markup it reads, leaving out the tags
    opened deeper than *limit* (and their end tags); text is always kept.
    """

    def __init__(self, limit: int | None = None) -> None:
        super().__init__(convert_charrefs=False)
        self.limit = limit
        self.open: list[tuple[str, bool]] = []
        self.open_names: Counter[str] = Counter()
        self.deepest = 0
        self.out: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        text = self.get_starttag_text() or ""
        if tag in _VOID_ELEMENTS:
            self.handle_startendtag(tag, attrs)
            return
        if tag in _IMPLIED_END and self.open and self.open[-1][0] == tag:
            self.handle_endtag(tag)
        kept = self.limit is None or len(self.open) < self.limit
        self.open.append((tag, kept))
        self.open_names[tag] += 1
        self.deepest = max(self.deepest, len(self.open))
        self._emit(text, kept)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._emit(self.get_starttag_text() or "", self.limit is None or len(self.open) < self.limit)

    def handle_endtag(self, tag: str) -> None:
        if not self.open_names[tag]:
            return
        while self.open:
            name, kept = self.open.pop()
            self.open_names[name] -= 1
            self._emit(f"</{name}>", kept)
            if name == tag:
                return

    def handle_data(self, data: str) -> None:
        self._emit(data, True)

    def handle_entityref(self, name: str) -> None:
        self._emit(f"&{name};", True)

    def handle_charref(self, name: str) -> None:
        self._emit(f"&#{name};", True)

    def handle_comment(self, data: str) -> None:
        self._emit(f"<!--{data}-->", True)

    def _emit(self, markup: str, kept: bool) -> None:
        if self.limit is not None and kept:
            self.out.append(markup)


def _nesting_depth(html: str) -> int:
    """How deep the elements of *html* nest (an estimate that never needs a tree)."""
    depth = _Depth()
    depth.feed(html)
    depth.close()
    return depth.deepest


def _flattened(html: str) -> str:
    """*html* without the tags nested deeper than :data:`MAX_DEPTH`, their text kept."""
    flattener = _Depth(MAX_DEPTH)
    flattener.feed(html)
    flattener.close()
    return "".join(flattener.out)


_POST_CLEANER = nh3.Cleaner(
    tags=_POST_TAGS,
    clean_content_tags={"script", "style", "template", "noscript", "textarea", "select", "svg", "math"},
    attributes=_POST_ATTRIBUTES,
    attribute_filter=_filter_attribute,
    url_schemes=_URL_SCHEMES,
    link_rel=None,
)
_COMMENT_CLEANER = nh3.Cleaner(
    tags=_COMMENT_TAGS | _COMMENT_HEADINGS | _COMMENT_PARAGRAPHS | {"dl"},
    clean_content_tags={"script", "style", "template", "noscript", "textarea", "select", "svg", "math"},
    attributes={"a": {"href"}},
    url_schemes={"http", "https", "mailto"},
    link_rel="nofollow ugc",
)
_INLINE_CLEANER = nh3.Cleaner(
    tags={"em", "i", "strong", "b", "code", "sub", "sup", "q", "abbr", "small", "s", "del", "ins", "mark", "u"},
    clean_content_tags={"script", "style", "template", "noscript", "textarea", "select", "svg", "math"},
    attributes={"abbr": {"title"}},
    url_schemes=set(),
    link_rel=None,
)
