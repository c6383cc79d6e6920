"""Read a WordPress export (WXR 1.0, 1.1, 1.2) into plain Python objects.

The file is parsed with defusedxml, so a document type declaring entities or
fetching anything external is refused instead of expanded. Elements are
matched by namespace, never by prefix: the ``wp`` namespace is the one the
channel's ``wxr_version`` uses (http or https, any 1.x version), exactly as
WordPress's own importer reads the document's namespaces, so an item that
redefines ``wp:`` to a foreign address is not mistaken for WordPress data.

WordPress.com exports use the ``atom:`` prefix without declaring it; that
declaration is added before parsing, on the same line, so error line numbers
still point into the author's file.

Old WordPress versions wrote a ``]]>`` inside a CDATA section as it was
(``<![CDATA[a ]]> b]]></content:encoded>``), which no XML parser accepts.
WordPress's importer then falls back to reading each element's text up to
its closing tag, CDATA markers stripped at both ends; when the strict parse
fails, such sections are escaped as WordPress escapes them today
(``]]]]><![CDATA[>``, on the same line) and the file is parsed again. If it
still fails, the first error is the one reported; the report says when a
file needed this (``Export.notes``).
"""

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError
from xml.parsers.expat import ErrorString

from defusedxml import DefusedXmlException, EntitiesForbidden
from defusedxml.ElementTree import fromstring

CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
DC_NS = "http://purl.org/dc/elements/1.1/"
ATOM_NS = "http://www.w3.org/2005/Atom"
_WP_NS = re.compile(r"^https?://wordpress\.org/export/1\.\d+/$")
_VERSION = re.compile(r"^\d+\.\d+$")
_UNDECLARED_ATOM = re.compile(rb"<rss\b(?![^>]*xmlns:atom=)")
_NO_DATE = "0000-00-00 00:00:00"
# One element's whole text as one CDATA section, up to the first closing tag of the same name.
_ELEMENT_CDATA = re.compile(rb"(<([\w:.-]+)[^<>]*>)<!\[CDATA\[(.*?)\]\]>(</\2>)", re.DOTALL)
_ESCAPED_CDATA_END = b"]]]]><![CDATA[>"


class WxrError(Exception):
    """A file that cannot be read as a WordPress export; the message names the file and line."""


@dataclass(frozen=True)
class Term:
    """A category or tag as attached to an item: its taxonomy, slug and display name."""

    taxonomy: str
    slug: str
    name: str


@dataclass(frozen=True)
class Category:
    """A category declared in the channel: its display name and its parent's slug (empty at the top)."""

    name: str
    parent: str


@dataclass(frozen=True)
class Comment:
    """One comment of an item, as exported (approved or not)."""

    id: int
    parent: int
    author: str
    author_url: str
    date_gmt: datetime | None
    content: str
    approved: bool
    type: str


@dataclass
class Item:
    """One ``<item>``: a post, page, attachment, menu item or any other post type."""

    id: int
    type: str
    status: str
    title: str
    link: str
    slug: str
    content: str
    excerpt: str
    creator: str
    date_gmt: datetime | None
    date_local: datetime | None
    parent: int
    menu_order: int
    attachment_url: str
    password: str
    published_on: datetime | None
    terms: list[Term] = field(default_factory=list)
    meta: dict[str, list[str]] = field(default_factory=dict)
    comments: list[Comment] = field(default_factory=list)
    #: ``wp:is_sticky``: the post was « à la une » (pinned to the top of the home page).
    sticky: bool = False
    #: ``wp:post_modified_gmt``: when the post was last changed.
    modified_gmt: datetime | None = None

    def meta_values(self, key: str) -> list[str]:
        """Every value of the post meta *key* (``_wp_old_slug`` may occur several times)."""
        return self.meta.get(key, [])


@dataclass
class Export:
    """The whole file: where the blog lived, its authors (by login) and its items in file order."""

    path: Path
    version: str
    site_url: str
    authors: dict[str, str]
    categories: dict[str, Category]
    items: list[Item]
    #: Every term the channel declares (categories, tags, other taxonomies), by its ``wp:term_id``.
    terms: dict[int, Term] = field(default_factory=dict)
    #: What the reader had to repair to read the file as WordPress does, one report line each.
    notes: list[str] = field(default_factory=list)


def read_export(path: Path) -> Export:
    """Parse the WXR file at *path*; raise :class:`WxrError` naming the file and line if it is not one."""
    data = _declare_atom_prefix(path.read_bytes())
    notes = []
    try:
        root = _parse(path, data)
    except WxrError as error:
        root = _parse_repaired(path, data, error)
        notes.append(
            "export mal formé (« ]]> » non échappé dans une section CDATA, écrit par un ancien WordPress) : "
            "lu comme le lit l’importeur de WordPress, chaque champ jusqu’à sa balise fermante"
        )
    channel = root.find("channel")
    if root.tag != "rss" or channel is None:
        raise WxrError(f"{path} : ce n’est pas un export WordPress (pas d’élément <rss><channel>).")
    wp = _wordpress_namespace(path, channel)
    return Export(
        path=path,
        version=_text(channel.find(f"{{{wp}}}wxr_version")),
        site_url=_text(channel.find(f"{{{wp}}}base_blog_url")) or _text(channel.find("link")),
        authors=_authors(channel, wp),
        categories=_categories(channel, wp),
        items=[_item(element, wp) for element in channel.findall("item")],
        terms=_declared_terms(channel, wp),
        notes=notes,
    )


def _declare_atom_prefix(data: bytes) -> bytes:
    """Declare ``atom:`` on the ``<rss>`` tag when the file uses it undeclared (WordPress.com)."""
    if b"<atom:" not in data:
        return data
    return _UNDECLARED_ATOM.sub(f'<rss xmlns:atom="{ATOM_NS}"'.encode(), data, count=1)


def _parse_repaired(path: Path, data: bytes, error: WxrError) -> Element:
    """Parse *data* again, its unescaped CDATA ends escaped; raise the first *error* if that changes nothing."""
    repaired = _escape_unescaped_cdata_ends(data)
    if repaired == data:
        raise error
    try:
        return _parse(path, repaired)
    except WxrError:
        raise error from None


def _escape_unescaped_cdata_ends(data: bytes) -> bytes:
    """Escape each ``]]>`` inside an element's CDATA text, as WordPress now writes it (``]]]]><![CDATA[>``).

    An element whose CDATA is already escaped is left as it is, as WordPress's regex reader does.
    """

    def escape(match: re.Match[bytes]) -> bytes:
        opening, _, text, closing = match.groups()
        if _ESCAPED_CDATA_END in text:
            return match.group(0)
        return opening + b"<![CDATA[" + text.replace(b"]]>", _ESCAPED_CDATA_END) + b"]]>" + closing

    return _ELEMENT_CDATA.sub(escape, data)


def _parse(path: Path, data: bytes) -> Element:
    """Parse *data* safely; turn every parser refusal into one :class:`WxrError` with the line."""
    try:
        return fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except ParseError as error:
        line, column = error.position
        reason = ErrorString(error.code)
        raise WxrError(f"{path}, ligne {line}, colonne {column + 1} : XML mal formé ({reason}).") from None
    except EntitiesForbidden as error:
        line = _line_of(data, f"<!ENTITY {error.name}".encode())
        raise WxrError(
            f"{path}, ligne {line} : déclaration d’entité « {error.name} » refusée "
            "(un export WordPress n’en contient pas ; elles permettent de lire des fichiers ou de saturer la mémoire)."
        ) from None
    except DefusedXmlException as error:
        raise WxrError(
            f"{path}, ligne {_line_of(data, b'<!')} : construction XML refusée par sécurité ({error})."
        ) from None


def _line_of(data: bytes, needle: bytes) -> int:
    """The line of the first occurrence of *needle* in *data* (1 when absent)."""
    return data[: max(data.find(needle), 0)].count(b"\n") + 1


def _wordpress_namespace(path: Path, channel: Element) -> str:
    """Return the ``wp`` namespace URI the channel's ``wxr_version`` is written in; check the version."""
    for child in channel:
        namespace, _, local = child.tag.rpartition("}")
        if local == "wxr_version" and _WP_NS.match(namespace.lstrip("{")):
            version = _text(child)
            if not _VERSION.match(version):
                raise WxrError(f"{path} : numéro de version WXR invalide « {version} ».")
            return namespace.lstrip("{")
    raise WxrError(f"{path} : ce n’est pas un export WordPress (pas de <wp:wxr_version>).")


def _authors(channel: Element, wp: str) -> dict[str, str]:
    """Map each author login to their display name (the login when no name is given)."""
    authors = {}
    for element in channel.findall(f"{{{wp}}}author"):
        login = _text(element.find(f"{{{wp}}}author_login"))
        authors[login] = _text(element.find(f"{{{wp}}}author_display_name")) or login
    return authors


def _categories(channel: Element, wp: str) -> dict[str, Category]:
    """Map each declared category slug to its name and parent slug (for ``/category/parent/child/``)."""
    categories = {}
    for element in channel.findall(f"{{{wp}}}category"):
        slug = _text(element.find(f"{{{wp}}}category_nicename"))
        name = _text(element.find(f"{{{wp}}}cat_name")) or slug
        categories[slug] = Category(name, _text(element.find(f"{{{wp}}}category_parent")))
    return categories


def _declared_terms(channel: Element, wp: str) -> dict[int, Term]:
    """The channel's ``wp:category``, ``wp:tag`` and ``wp:term`` by term ID (what menu items point to)."""
    terms = {}
    forms = [
        ("category", "category_nicename", "cat_name"),
        ("tag", "tag_slug", "tag_name"),
        ("term", "term_slug", "term_name"),
    ]
    for element_name, slug_name, name_name in forms:
        for element in channel.findall(f"{{{wp}}}{element_name}"):
            taxonomy = {"category": "category", "tag": "post_tag"}.get(element_name) or _text(
                element.find(f"{{{wp}}}term_taxonomy")
            )
            slug = _text(element.find(f"{{{wp}}}{slug_name}"))
            term = Term(taxonomy, slug, _text(element.find(f"{{{wp}}}{name_name}")) or slug)
            terms[_integer(_text(element.find(f"{{{wp}}}term_id")))] = term
    terms.pop(0, None)
    return terms


def _item(element: Element, wp: str) -> Item:
    """Build an :class:`Item` from an ``<item>`` element."""

    def field_text(name: str) -> str:
        return _text(element.find(f"{{{wp}}}{name}"))

    return Item(
        id=_integer(field_text("post_id")),
        type=field_text("post_type"),
        status=field_text("status"),
        title=_text(element.find("title")),
        link=_text(element.find("link")),
        slug=field_text("post_name"),
        content=_text(element.find(f"{{{CONTENT_NS}}}encoded"), strip=False),
        excerpt=_excerpt(element),
        creator=_text(element.find(f"{{{DC_NS}}}creator")),
        date_gmt=_date(field_text("post_date_gmt")),
        date_local=_date(field_text("post_date")),
        parent=_integer(field_text("post_parent")),
        menu_order=_integer(field_text("menu_order")),
        attachment_url=field_text("attachment_url"),
        password=field_text("post_password"),
        published_on=_rss_date(_text(element.find("pubDate"))),
        terms=_terms(element),
        meta=_meta(element, wp),
        comments=[_comment(comment, wp) for comment in element.findall(f"{{{wp}}}comment")],
        sticky=field_text("is_sticky") == "1",
        modified_gmt=_date(field_text("post_modified_gmt")),
    )


def _excerpt(element: Element) -> str:
    """The item's excerpt, whatever the version of its ``excerpt`` namespace."""
    for child in element:
        if child.tag.endswith("}encoded") and "/excerpt/" in child.tag:
            return _text(child, strip=False)
    return ""


def _terms(element: Element) -> list[Term]:
    """The item's ``<category>`` elements; WXR 1.0 writes categories without a ``domain``."""
    terms = []
    for category in element.findall("category"):
        name = _text(category)
        taxonomy = category.get("domain", "category")
        terms.append(Term("post_tag" if taxonomy == "tag" else taxonomy, category.get("nicename", ""), name))
    return terms


def _meta(element: Element, wp: str) -> dict[str, list[str]]:
    """The item's post meta, each key with all its values in file order."""
    meta: dict[str, list[str]] = {}
    for entry in element.findall(f"{{{wp}}}postmeta"):
        key = _text(entry.find(f"{{{wp}}}meta_key"))
        meta.setdefault(key, []).append(_text(entry.find(f"{{{wp}}}meta_value"), strip=False))
    return meta


def _comment(element: Element, wp: str) -> Comment:
    """Build a :class:`Comment` from a ``<wp:comment>`` element."""

    def field_text(name: str) -> str:
        return _text(element.find(f"{{{wp}}}comment_{name}"))

    return Comment(
        id=_integer(field_text("id")),
        parent=_integer(field_text("parent")),
        author=field_text("author"),
        author_url=field_text("author_url"),
        date_gmt=_date(field_text("date_gmt")),
        content=_text(element.find(f"{{{wp}}}comment_content"), strip=False),
        approved=field_text("approved") == "1",
        type=field_text("type"),
    )


def _rss_date(text: str) -> datetime | None:
    """The item's RSS ``pubDate`` as naive UTC, the last resort when the WordPress dates are missing."""
    try:
        return parsedate_to_datetime(text).astimezone(UTC).replace(tzinfo=None)
    except (TypeError, ValueError):
        return None


def _text(element: Element | None, strip: bool = True) -> str:
    """The text of *element* (empty when absent), stripped unless it is content."""
    text = "" if element is None else (element.text or "")
    return text.strip() if strip else text


def _integer(text: str) -> int:
    """WordPress numbers are digits or empty; empty reads as 0, the value WordPress uses for none."""
    return int(text) if text.isdigit() else 0


def _date(text: str) -> datetime | None:
    """Parse a WordPress ``YYYY-MM-DD HH:MM:SS``; the all-zero date of unscheduled drafts is None."""
    if not text or text == _NO_DATE:
        return None
    return datetime.strptime(text, "%Y-%m-%d %H:%M:%S")
