"""HTML as WordPress displays it → MyST Markdown, with markdownify doing the generic work.

:class:`MystConverter` subclasses markdownify's converter for what MyST and
this blog need: captioned images become ``{figure}`` directives, players
(iframe, audio, video), footnotes and tables Markdown cannot express stay raw HTML,
inline elements Markdown lacks (``<sub>``, ``<q>``, ``<abbr>``…) stay inline
HTML, headings are renumbered under the post title without gaps (MyST warns
otherwise and the build treats warnings as errors), and text is escaped so
that nothing in it is read as Markdown, MyST or HTML syntax. Characters are
never changed: French spaces (U+00A0, U+202F), apostrophes and guillemets
reach the page exactly as written.
"""

import html
import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup, Tag
from docutils import nodes
from docutils.core import publish_doctree
from markdown_it import MarkdownIt
from markdownify import ATX, BACKSLASH, MarkdownConverter
from myst_parser.parsers.docutils_ import Parser as MystParser

from blogtools.wordpress.media import PostMedia
from blogtools.wordpress.render import MORE_ANCHOR

_MORE_MARK = "\ue000more\ue000"
_RULE_MARK = "\ue000rule\ue000"
_KEPT_INLINE_ATTRIBUTES = ("title", "dir", "lang")
_BLOCKS_IN_CELLS = "p ul ol dl table pre blockquote div figure br hr h1 h2 h3 h4 h5 h6".split()
_BLOCK_ELEMENTS = set(
    "p div figure table ul ol dl blockquote pre hr iframe video audio h1 h2 h3 h4 h5 h6"
    " section article aside header footer details".split()
)
_NESTING_BLOCKS = {"li", "blockquote", "td", "th", "dd", "figure", "figcaption", "table"}
_EXTERNAL_SCHEMES = ("http://", "https://", "mailto:", "ftp://")
_ENTITY_LIKE = re.compile(r"&(?=#?\w+;)")
_LINE_START_MARKERS = re.compile(r"(^|\n)([ \t]*)([%+>=~]|-+(?=\s|$)|#{1,6}(?=\s|$))")
_ORDERED_LIST_MARKER = re.compile(r"(^|\n)([ \t]*\d{1,9})(?=[.)](?:\s|$))")
_CODE_LANGUAGE = re.compile(r"(?:language|lang)-([\w+#-]+)")
_BLOCK_PARSER = MarkdownIt("commonmark").enable("table")
_RAW_HTML_WRAPPER = '<div class="wordpress-html">\n{html}\n</div>'


@dataclass(frozen=True)
class Context:
    """What converting one file needs besides its HTML.

    *links* maps the old address of every imported post and page (as
    :func:`link_key` writes it) to its new file, relative to the repository
    root; *directory* is the folder of the file being converted, so that
    links between imported posts become relative MyST links to documents.
    """

    media: PostMedia
    site_url: str
    directory: str = ""
    links: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Converted:
    """A post body in MyST, and how many of its paragraphs precede ``<!--more-->`` (None without one)."""

    markdown: str
    excerpt_paragraphs: int | None


class MystConverter(MarkdownConverter):
    """markdownify's converter, emitting MyST Markdown for one post (see the module docstring)."""

    def __init__(self, context: Context) -> None:
        super().__init__(
            heading_style=ATX,
            bullets="-",
            newline_style=BACKSLASH,
            strong_em_symbol="*",
            table_infer_header=True,
            autolinks=False,
            code_language_callback=_code_language,
        )
        self.context = context

    def escape(self, text: str, parent_tags: set[str]) -> str:
        """Backslash-escape what CommonMark, MyST or raw HTML would read as syntax; keep every character."""
        text = text.replace("\\", "\\\\")
        text = super().escape(text, parent_tags)
        for character in "`[]<":
            text = text.replace(character, "\\" + character)
        if parent_tags & {"td", "th"}:
            text = text.replace("|", "\\|")
        text = _ENTITY_LIKE.sub(r"\\&", text)
        text = _ORDERED_LIST_MARKER.sub(r"\1\2\\", text)
        return _LINE_START_MARKERS.sub(_escape_marker, text)

    def convert_a(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        """A link, made absolute (relative links pointed into the old site).

        MyST resolves any link that is not web or mail as a cross-reference
        and fails the build when it finds none; in-page anchors and odd
        schemes therefore stay raw HTML links.
        """
        original = (el.get("href") or "").strip()
        if not original:
            return text
        href = original if original.startswith("#") else self._absolute(original)
        document = self.context.links.get(link_key(href))
        if document is not None and text.strip():
            return f"[{text}]({posixpath.relpath(document, self.context.directory or '.')})"
        if not href.startswith(_EXTERNAL_SCHEMES):
            anchor = f' id="{html.escape(el["id"])}"' if el.get("id") else ""
            return f'<a href="{html.escape(href)}"{anchor}>{text}</a>' if text.strip() else ""
        el["href"] = _angle_bracketed_if_needed(href)
        return super().convert_a(el, text, parent_tags)

    def convert_img(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        """An image at its full-size (or copied) address."""
        source = _angle_bracketed_if_needed(self._image_address(el))
        return f"![{self._alt(el)}]({source})"

    def convert_figure(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        """A captioned image as a MyST ``{figure}``; any other figure (table, embed, gallery) as its content."""
        images = el.find_all("img")
        caption = el.find("figcaption")
        if len(images) != 1 or el.find("figure") is not None or el.find(["table", "iframe", "video", "audio"]):
            return f"\n\n{text.strip()}\n\n"
        image = images[0]
        if caption is None or not caption.get_text(strip=True):
            return f"\n\n{self._linked_image(image, parent_tags)}\n\n"
        caption_text = self.process_tag(caption, parent_tags | {"figcaption"}).strip()
        return self._figure_directive(image, caption_text)

    def convert_figcaption(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        """A caption outside an image figure (table, embed) reads as a paragraph."""
        return f"\n\n{text.strip()}\n\n"

    def convert_iframe(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        """A video player stays an HTML block."""
        return self._raw_block(el)

    def convert_video(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        """An HTML5 video player stays an HTML block, on the full-size file."""
        return self._raw_media(el)

    def convert_audio(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        """An HTML5 audio player stays an HTML block, on the full-size file."""
        return self._raw_media(el)

    def convert_ol(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        """An ordered list; WordPress's footnotes stay HTML, so that note calls still reach their note."""
        if "wp-block-footnotes" in el.get("class", []):
            return self._raw_block(el)
        return super().convert_ol(el, text, parent_tags)

    def convert_table(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        """A plain table as a pipe table; one with merged cells or blocks in cells as raw HTML."""
        if _is_pipe_table(el):
            return super().convert_table(el, text, parent_tags)
        return self._raw_block(el)

    def convert_hN(self, n: int, el: Tag, text: str, parent_tags: set[str]) -> str:
        """A heading; inside a quote, list or table, where MyST allows none, a bold paragraph."""
        if not text.strip():
            return ""
        if parent_tags & _NESTING_BLOCKS:
            return f"\n\n**{text.strip()}**\n\n"
        return super().convert_hN(n, el, text, parent_tags)

    def convert_hr(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        """A rule, marked so :func:`_drop_misplaced_rules` can remove those docutils rejects."""
        if parent_tags & _NESTING_BLOCKS:
            return ""
        return f"\n\n{_RULE_MARK}\n\n"

    def convert_span(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        """Text; the ``<span id="more-ID">`` WordPress puts at ``<!--more-->`` becomes the excerpt mark."""
        if el.get("id", "").startswith(MORE_ANCHOR.format(id="")):
            return _MORE_MARK
        return text

    def convert_pre(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        """Preformatted text as a fenced block, with a fence longer than any backtick run inside."""
        code = el.get_text().strip("\n")
        fence = _fence_for(code)
        return f"\n\n{fence}{_code_language(el)}\n{code}\n{fence}\n\n"

    def convert_br(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        """A line break; none at the end of a block, where browsers ignore it and Markdown would show a backslash."""
        if _ends_its_block(el):
            return text
        return super().convert_br(el, text, parent_tags)

    def convert_code(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        """Inline code; with line breaks inside (wpautop adds them), an HTML ``<code>`` keeping them."""
        if el.find("br") is None or "pre" in parent_tags:
            return super().convert_code(el, text, parent_tags)
        lines = [self.escape(line, set()) for line in _text_lines(el)]
        return "<code>" + "<br />\n".join(lines) + "</code>"

    convert_kbd = convert_samp = convert_code

    def convert_dt(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        """A definition term as a bold paragraph (MyST's definition lists are not enabled)."""
        return f"\n\n**{text.strip()}**\n\n" if text.strip() else ""

    def convert_dd(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        """A definition as a paragraph."""
        return f"\n\n{text.strip()}\n\n"

    def _inline_html(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        """Inline elements Markdown cannot express stay HTML tags around converted content."""
        attributes = "".join(f' {name}="{html.escape(el[name])}"' for name in _KEPT_INLINE_ATTRIBUTES if el.get(name))
        return f"<{el.name}{attributes}>{text}</{el.name}>"

    convert_q = convert_sub = convert_sup = convert_u = convert_mark = convert_abbr = _inline_html
    convert_acronym = convert_cite = convert_ins = convert_del = convert_s = convert_strike = _inline_html
    convert_small = convert_big = convert_dfn = convert_var = convert_bdo = convert_tt = _inline_html

    def _absolute(self, url: str) -> str:
        """*url* resolved against the old site, and at its full-size or copied address when it is an upload."""
        absolute = urljoin(self.context.site_url, url) if self.context.site_url else url
        if absolute.startswith(("http://", "https://")):
            return self.context.media.address(absolute)
        return absolute

    def _image_address(self, image: Tag) -> str:
        """The address to publish for *image*."""
        return self._absolute(image.get("src") or "")

    def _alt(self, image: Tag) -> str:
        """The alternative text of *image*, escaped for Markdown."""
        return self.escape(" ".join((image.get("alt") or "").split()), set())

    def _linked_image(self, image: Tag, parent_tags: set[str]) -> str:
        """The image, wrapped in its link when the figure had one."""
        markdown = self.convert_img(image, "", parent_tags)
        link = image.find_parent("a")
        if link is None or not link.get("href"):
            return markdown
        return f"[{markdown}]({_angle_bracketed_if_needed(self._absolute(link['href']))})"

    def _figure_directive(self, image: Tag, caption: str) -> str:
        """A ``{figure}`` directive: image address, alt text, link target, then the caption."""
        options = [f":alt: {' '.join((image.get('alt') or '').split())}"]
        link = image.find_parent("a")
        if link is not None and link.get("href"):
            options.append(f":target: {self._absolute(link['href'])}")
        fence = _fence_for(caption)
        body = "\n".join(options)
        return f"\n\n{fence}{{figure}} {self._image_address(image)}\n{body}\n\n{caption}\n{fence}\n\n"

    def _raw_media(self, el: Tag) -> str:
        """An ``<audio>``/``<video>`` element with its source at the address to publish."""
        for element in [el, *el.find_all("source")]:
            if element.get("src"):
                element["src"] = self._absolute(element["src"])
        return self._raw_block(el)

    def _raw_block(self, el: Tag) -> str:
        """*el* as an HTML block: on one line, inside a ``<div>`` so MyST passes it through whole."""
        markup = re.sub(r"\s*\n\s*", " ", str(el))
        return "\n\n" + _RAW_HTML_WRAPPER.format(html=markup) + "\n\n"


def convert(html: str, context: Context) -> Converted:
    """Convert a post's displayed HTML into its MyST body and locate its excerpt boundary."""
    soup = BeautifulSoup(html, "html.parser")
    _renumber_headings(soup)
    markdown = MystConverter(context).convert_soup(soup)
    markdown = _drop_misplaced_rules(markdown)
    before, marker, after = markdown.partition(_MORE_MARK)
    markdown = _tidy(before + after)
    excerpt = count_paragraphs(_tidy(before)) if marker else None
    return Converted(markdown, excerpt or None)


def convert_inline(html: str, context: Context) -> str:
    """Convert a fragment meant to stay on one line (a title) into inline MyST."""
    markdown = MystConverter(context).convert(html)
    return " ".join(markdown.split())


def link_key(url: str) -> str:
    """How an old address is looked up: without scheme, fragment or trailing slash (``x.org/a-propos``)."""
    parts = urlsplit(url)
    key = parts.netloc.lower() + parts.path.rstrip("/")
    return f"{key}/?{parts.query}" if parts.query else key


def count_paragraphs(markdown: str) -> int:
    """How many paragraphs MyST reads in *markdown*: the unit of ABlog's ``excerpt`` count."""
    doctree = publish_doctree(
        markdown,
        parser=MystParser(),
        settings_overrides={"report_level": 5, "halt_level": 5, "myst_suppress_warnings": ["myst"]},
    )
    return sum(1 for _ in doctree.findall(nodes.paragraph))


def has_paragraph(markdown: str) -> bool:
    """Whether *markdown* has a paragraph (a quick Markdown parse, no docutils)."""
    return any(token.type == "paragraph_open" for token in _BLOCK_PARSER.parse(markdown))


def _renumber_headings(soup: BeautifulSoup) -> None:
    """Make body headings start at level 2 (under the post title) and never skip a level."""
    headings = soup.find_all(re.compile(r"^h[1-6]$"))
    shift = 2 - min((int(heading.name[1]) for heading in headings), default=2)
    previous = 1
    for heading in headings:
        level = max(2, min(int(heading.name[1]) + shift, previous + 1, 6))
        heading.name = f"h{level}"
        previous = level


def _drop_misplaced_rules(markdown: str) -> str:
    """Remove the rules docutils rejects: first or last in the body, after a heading, or after another rule."""
    lines = markdown.split("\n")
    kept: list[str] = []
    for index, line in enumerate(lines):
        if line != _RULE_MARK:
            kept.append(line)
            continue
        before = next((candidate for candidate in reversed(kept) if candidate.strip()), None)
        after = next((candidate for candidate in lines[index + 1 :] if candidate.strip()), None)
        if before is None or after is None or before.startswith("#") or before == "---" or after.startswith("#"):
            continue
        kept.append("---")
    return "\n".join(kept)


def _tidy(markdown: str) -> str:
    """At most one blank line between blocks, no trailing spaces, one final newline."""
    markdown = re.sub(r"[ \t]+\n", "\n", markdown)
    markdown = re.sub(r"\n{3,}", "\n\n", markdown)
    return markdown.strip("\n") + "\n" if markdown.strip() else ""


def _fence_for(content: str) -> str:
    """A backtick fence longer than any backtick run in *content* (three at least)."""
    return "`" * max(3, 1 + max((len(run) for run in re.findall(r"`+", content)), default=0))


def _escape_marker(match: re.Match[str]) -> str:
    """Escape a block marker (``%``, ``>``, ``-``, ``#``, ``1.``…) found at the start of a line."""
    return f"{match.group(1)}{match.group(2)}\\{match.group(3)}"


def _angle_bracketed_if_needed(url: str) -> str:
    """Wrap a link destination in ``<…>`` when it contains spaces or parentheses."""
    return f"<{url}>" if re.search(r"[\s()]", url) else url


def _ends_its_block(element: Tag) -> bool:
    """Whether *element* ends a line of text: only blanks, empty inline tags or a block follow it."""
    for sibling in element.next_siblings:
        if isinstance(sibling, Tag):
            if sibling.name in _BLOCK_ELEMENTS:
                return True
            if sibling.name == "br" or sibling.get_text().strip() or sibling.find(["img", "iframe", "video", "audio"]):
                return False
        elif sibling.strip():
            return False
    return True


def _text_lines(element: Tag) -> list[str]:
    """The text of *element* split at its ``<br>`` tags, other whitespace kept as is."""
    lines, current = [], ""
    for node in element.descendants:
        if isinstance(node, Tag) and node.name == "br":
            lines.append(current.strip("\n"))
            current = ""
        elif not isinstance(node, Tag):
            current += str(node)
    return [*lines, current.strip("\n")]


def _is_pipe_table(table: Tag) -> bool:
    """Whether *table* fits a Markdown pipe table: no merged cells, no blocks in cells, no nesting."""
    cells = table.find_all(["td", "th"])
    if not cells or table.find("tfoot") is not None:
        return False
    merged = any(cell.get(attribute, "1") not in ("", "1") for cell in cells for attribute in ("colspan", "rowspan"))
    return not merged and not any(cell.find(_BLOCKS_IN_CELLS) for cell in cells)


def _code_language(pre: Tag) -> str:
    """The language named in a ``<pre>`` or its ``<code>`` class (``language-python``), if any."""
    classes = " ".join(pre.get("class", []) + [name for code in pre.find_all("code") for name in code.get("class", [])])
    match = _CODE_LANGUAGE.search(classes)
    return match.group(1) if match else ""
