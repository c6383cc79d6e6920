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

Content is data: the only MyST constructs in the result are the ones this
module writes. Every character MyST could read as syntax is escaped — roles
and substitutions (``{``), math (``$``), targets (``(x)=``), comments
(``%``), directives and fences (backticks, ``~``, ``:``), block breaks,
tables (``|``), HTML (``<``, entities) — line terminators are normalised
first, raw HTML blocks are written on one line so that nothing inside can
end them, inline HTML never stands alone on a line (where it would open an
HTML block), and link and image addresses are percent-encoded so that they
cannot end their destination. The HTML itself is expected to be sanitised
already (:mod:`.sanitize`).
"""

import html
import posixpath
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from urllib.parse import quote, urljoin, urlsplit

from bs4 import BeautifulSoup, Comment, Tag
from docutils import nodes
from docutils.core import publish_doctree
from markdown_it import MarkdownIt
from markdownify import ATX, BACKSLASH, MarkdownConverter
from myst_parser.parsers.docutils_ import Parser as MystParser
from pygments.lexers import get_lexer_by_name
from pygments.util import ClassNotFound

from sphinx_blog_fr.wordpress.layout import aligned_images_as_figures, alignment, gallery_classes, gallery_columns
from sphinx_blog_fr.wordpress.media import PostMedia
from sphinx_blog_fr.wordpress.render import MORE_ANCHOR
from sphinx_blog_fr.wordpress.sanitize import normalise_line_terminators, sanitise_inline

_MORE_MARK = "\ue000more\ue000"
_RULE_MARK = "\ue000rule\ue000"
_KEPT_INLINE_ATTRIBUTES = ("title", "dir", "lang")
_BLOCKS_IN_CELLS = "p ul ol dl table pre blockquote div figure br hr h1 h2 h3 h4 h5 h6".split()
_BLOCK_ELEMENTS = set(
    "p div figure table ul ol dl blockquote pre hr iframe video audio h1 h2 h3 h4 h5 h6"
    " section article aside header footer details".split()
)
_INLINE_ONLY = set(
    "a abbr acronym b bdi bdo big cite code del dfn dt em i ins kbd mark p q s samp small span strike strong"
    " sub sup tt u var h1 h2 h3 h4 h5 h6".split()
)
_BLOCKS = _BLOCK_ELEMENTS | {"li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "caption", "figcaption"}
_NESTING_WEIGHT = {"ul": 2, "ol": 2, "blockquote": 1}
_MAX_NESTING_WEIGHT = 14
_VISIBLE_EMPTY = ["img", "br", "iframe", "video", "audio", "hr"]
_SAME_MARKUP = {"em": "*", "i": "*", "strong": "**", "b": "**", "code": "`", "kbd": "`", "samp": "`"}
_NESTING_BLOCKS = {"li", "blockquote", "td", "th", "dd", "figure", "figcaption", "table"}
_EXTERNAL_SCHEMES = ("http://", "https://", "mailto:", "ftp://")
_ENTITY_LIKE = re.compile(r"&(?=#?\w+;)")
_LINE_START_MARKERS = re.compile(r"(^|\n)([^\S\n]*)([%+>=~:(]|-+(?=\s|$)|#{1,6}(?=\s|$))")
_ESCAPED_EVERYWHERE = "`[]<{}$|"
_URL_SAFE = "!#$%&'()*+,/:;=?@[]~"
_LINE_BREAK_RUN = re.compile(r"\s*[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]\s*")
_CLOSING_HASHES = re.compile(r"(^|\s)(#+)$")
_HARD_BREAK = re.compile(r"(?<!\\)((?:\\\\)*)\\\n")
_ORDERED_LIST_MARKER = re.compile(r"(^|\n)([^\S\n]*\d{1,9})(?=[.)](?:\s|$))")
_FENCED_BLOCK = re.compile(r"^(`{3,})[^`\n]*\n.*?\n\1$", re.MULTILINE | re.DOTALL)
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
        for character in _ESCAPED_EVERYWHERE:
            text = text.replace(character, "\\" + character)
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
        if not original or "_noformat" in parent_tags:
            return text
        href = original if original.startswith("#") else self._absolute(original)
        document = self.context.links.get(link_key(href))
        if document is not None and text.strip():
            return _markdown_link(text, posixpath.relpath(document, self.context.directory or "."))
        if not href.startswith(_EXTERNAL_SCHEMES) or "ugc" in el.get("rel", []):
            return self._html_link(el, href, text)
        title = " ".join((el.get("title") or "").split())
        return _markdown_link(text, _destination(href), title)

    def convert_img(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        """An image at its full-size (or copied) address; nothing when it has none, or inside code."""
        if not el.get("src") or "_noformat" in parent_tags:
            return ""
        return f"![{self._alt(el)}]({_destination(self._image_address(el))})"

    def convert_em(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        """Emphasis as ``*…*``, or ``<em>`` when the text starts or ends with punctuation."""
        return self._emphasis("*", "em", text, parent_tags)

    def convert_strong(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        """Strong emphasis as ``**…**``, or ``<strong>`` when the text starts or ends with punctuation."""
        return self._emphasis("**", "strong", text, parent_tags)

    convert_i = convert_em
    convert_b = convert_strong

    def convert_figure(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        """A captioned image as a MyST ``{figure}``; any other figure (table, embed, gallery, a caption
        of several blocks, which MyST refuses) as its content."""
        if gallery_columns(el) is not None:
            return self.convert_div(el, text, parent_tags)
        images = el.find_all("img")
        caption = el.find("figcaption")
        if len(images) != 1 or el.find("figure") is not None or el.find(["table", "iframe", "video", "audio"]):
            return f"\n\n{text.strip()}\n\n"
        image = images[0]
        if caption is None or not caption.get_text(strip=True):
            if (alignment(image) or _in_gallery(el)) and "_noformat" not in parent_tags:
                return self._figure_directive(image, "", "image")
            return f"\n\n{self._linked_image(image, parent_tags)}\n\n"
        if caption.find(_BLOCKS) is not None:
            return f"\n\n{text.strip()}\n\n"
        caption_text = self.process_tag(caption, parent_tags | {"figcaption"}).strip()
        return self._figure_directive(image, caption_text)

    def convert_div(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        """A gallery as a ``{container}`` of its images, laid out in its columns (:mod:`.layout`);
        any other division as its content."""
        columns = gallery_columns(el)
        if columns is None or not text.strip() or parent_tags & {"_noformat", "_inline"}:
            return super().convert_div(el, text, parent_tags)
        fence = _fence_for(text)
        return f"\n\n{fence}{{container}} {gallery_classes(columns)}\n{text.strip()}\n{fence}\n\n"

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
            return f"\n\n{self._emphasis('**', 'strong', text, parent_tags)}\n\n"
        return super().convert_hN(n, el, _escape_closing_hashes(_HARD_BREAK.sub(r"\1 ", text)), parent_tags)

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
        """Preformatted text as a fenced block, with a fence longer than any backtick run inside;
        a ``<br>`` inside (the block editor's preformatted and verse blocks) is a line end."""
        code = "".join(_pre_text(el)).strip("\n")
        fence = _fence_for(code)
        return f"\n\n{fence}{_code_language(el)}\n{code}\n{fence}\n\n"

    def convert_br(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        """A line break; none at either end of a block, where Markdown would show a backslash."""
        if _ends_its_block(el) or _starts_its_block(el):
            return text
        return super().convert_br(el, text, parent_tags)

    def convert_code(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        """Inline code; with line breaks inside (wpautop adds them), an HTML ``<code>`` keeping them.

        In a pipe table, a ``|`` in code would end the cell: it is escaped (GFM tables read ``\\|`` as ``|``).
        """
        if el.find("br") is None or "pre" in parent_tags:
            code = super().convert_code(el, text.replace("\n", " "), parent_tags)
            return code.replace("|", "\\|") if parent_tags & {"td", "th"} else code
        lines = [self.escape(line, set()) for line in _text_lines(el)]
        return "<code>" + "<br />\n".join(lines) + "</code>"

    convert_kbd = convert_samp = convert_code

    def convert_dt(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        """A definition term as a bold paragraph (MyST's definition lists are not enabled)."""
        return f"\n\n{self._emphasis('**', 'strong', text, parent_tags)}\n\n" if text.strip() else ""

    def convert_dd(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        """A definition as a paragraph."""
        return f"\n\n{text.strip()}\n\n"

    def _inline_html(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        """Inline elements Markdown cannot express stay HTML tags around converted content (not inside code)."""
        if "_noformat" in parent_tags:
            return text
        return _inline_tag(el.name, [(name, el.get(name)) for name in _KEPT_INLINE_ATTRIBUTES], text)

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

    def _emphasis(self, marker: str, tag: str, text: str, parent_tags: set[str]) -> str:
        """*text* between *marker*s when CommonMark reads them as emphasis wherever they stand, else in *tag*.

        A delimiter next to punctuation (``x*(a)*y``, ``*\\[a*``) opens or
        closes nothing, and would be shown as an asterisk.
        """
        if "_noformat" in parent_tags:
            return text
        prefix, suffix, inner = _chomp(text)
        if not inner:
            return ""
        if _is_punctuation(inner[0]) or _is_punctuation(inner[-1]):
            return _inline_tag(tag, [], text)
        return f"{prefix}{marker}{inner}{marker}{suffix}"

    def _html_link(self, el: Tag, href: str, text: str) -> str:
        """A link MyST must not resolve (in-page anchor, other scheme) or a reader's link, as inline HTML."""
        rel = " ".join(el.get("rel", [])) if "ugc" in el.get("rel", []) else None
        return _inline_tag("a", [("href", href), ("id", el.get("id")), ("rel", rel)], text)

    def _linked_image(self, image: Tag, parent_tags: set[str]) -> str:
        """The image, wrapped in its link when the figure had one."""
        markdown = self.convert_img(image, "", parent_tags)
        link = image.find_parent("a")
        if link is None or not link.get("href") or not markdown:
            return markdown
        return f"[{markdown}]({_destination(self._absolute(link['href']))})"

    def _figure_directive(self, image: Tag, caption: str, directive: str = "figure") -> str:
        """A ``{figure}`` (or, without caption, ``{image}``) directive: image address, alt text,
        alignment, link target, then the caption.

        The addresses are percent-encoded (no space, no line break) and a
        target ending in ``_``, which docutils would read as a reference
        name, has it encoded too.
        """
        options = [f":alt: {' '.join((image.get('alt') or '').split())}"]
        if alignment(image):
            options.append(f":align: {alignment(image)}")
        options += [f":{name}: {image[name]}" for name in ("width", "height") if str(image.get(name, "")).isdigit()]
        link = image.find_parent("a")
        target = self._absolute(link["href"]) if link is not None and link.get("href") else ""
        if target.startswith(_EXTERNAL_SCHEMES):
            target = _url_text(target)
            options.append(f":target: {target.removesuffix('_')}{'%5F' if target.endswith('_') else ''}")
        fence = _fence_for(caption)
        body = "\n".join(options)
        address = _url_text(self._image_address(image))
        content = f"\n\n{caption}" if caption else ""
        return f"\n\n{fence}{{{directive}}} {address}\n{body}{content}\n{fence}\n\n"

    def _raw_media(self, el: Tag) -> str:
        """An ``<audio>``/``<video>`` element with its source at the address to publish."""
        for element in [el, *el.find_all("source")]:
            if element.get("src"):
                element["src"] = self._absolute(element["src"])
        return self._raw_block(el)

    def _raw_block(self, el: Tag) -> str:
        """*el* as an HTML block: on one line, inside a ``<div>`` so MyST passes it through whole.

        With no line break left (whatever character the source used), no
        blank line can end the block before its closing ``</div>``.
        """
        markup = _LINE_BREAK_RUN.sub(" ", str(el))
        return "\n\n" + _RAW_HTML_WRAPPER.format(html=markup) + "\n\n"


def convert(html: str, context: Context) -> Converted:
    """Convert a post's displayed HTML into its MyST body and locate its excerpt boundary."""
    soup = BeautifulSoup(normalise_line_terminators(html), "html.parser")
    aligned_images_as_figures(soup)
    _repair_structure(soup)
    _renumber_headings(soup)
    markdown = MystConverter(context).convert_soup(soup)
    markdown = _drop_misplaced_rules(markdown)
    before, marker, after = markdown.partition(_MORE_MARK)
    markdown = _tidy(before + after)
    excerpt = count_paragraphs(_tidy(before)) if marker else None
    return Converted(markdown, excerpt or None)


def convert_inline(html: str, context: Context) -> str:
    """Convert a fragment meant to stay on one line (a title), sanitised, into inline MyST."""
    soup = BeautifulSoup(normalise_line_terminators(sanitise_inline(html)), "html.parser")
    _repair_structure(soup)
    markdown = MystConverter(context).convert_soup(soup)
    return _escape_closing_hashes(" ".join(markdown.split()))


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


def _in_gallery(figure: Tag) -> bool:
    """Whether *figure* is one image of a gallery (its images keep their size, see :mod:`.layout`)."""
    return figure.parent is not None and gallery_columns(figure.parent) is not None


def _repair_structure(soup: BeautifulSoup) -> None:
    """Reshape what Markdown cannot write, or MyST would not read whole, keeping every text."""
    _unwrap_inline_around_blocks(soup)
    _drop_empty_inline(soup)
    _cap_nesting(soup)
    for item in soup.find_all("li"):
        if item.parent is None or item.parent.name not in ("ul", "ol"):
            item.name = "div"
    for loose in [child for listing in soup.find_all(["ul", "ol"]) for child in listing.children if _is_loose(child)]:
        loose.wrap(soup.new_tag("li"))
    _merge_side_by_side_markup(soup)
    _join_lines(soup)


def _join_lines(soup: BeautifulSoup) -> None:
    """Line ends in text outside ``<pre>`` as spaces, as browsers show them.

    A line end of the source, next to the one Markdown needs after a
    ``<br>`` or inside an inline element, would otherwise make a blank line,
    which ends the paragraph.
    """
    for text in soup.find_all(string=re.compile("\n")):
        if not isinstance(text, Comment) and text.find_parent("pre") is None:
            text.replace_with(text.replace("\n", " "))


def _is_loose(child: object) -> bool:
    """Whether a child of a list is neither a list item nor blank: Markdown can only write it as an item."""
    if isinstance(child, Tag):
        return child.name != "li"
    return not isinstance(child, Comment) and bool(str(child).strip())


def _unwrap_inline_around_blocks(soup: BeautifulSoup) -> None:
    """Drop the emphasis, link or heading tags around blocks (``<em><pre>``), keeping the blocks.

    Markdown cannot put a block inside inline markup: the markers would be
    left as stray ``*`` or ``[`` around it.
    """
    for element in soup.find_all(_INLINE_ONLY):
        if element.find(_BLOCKS) is not None:
            element.unwrap()


def _drop_empty_inline(soup: BeautifulSoup) -> None:
    """Remove inline elements that show nothing (no text or image; blanks become a space), then join
    the texts they separated.

    Between two line ends, an empty ``<a></a>`` would otherwise leave a
    blank line, which ends the paragraph.
    """
    for element in soup.find_all([*_INLINE_ONLY, "img"]):
        if element.decomposed or not _shows_nothing(element):
            continue
        if element.get_text():
            element.replace_with(" ")
        else:
            element.decompose()
    soup.smooth()


def _shows_nothing(element: Tag) -> bool:
    """Whether *element* has no text, no image (with an address) or break, and is not the ``<!--more-->`` mark."""
    if element.name == "img":
        return not element.get("src")
    if element.get("id", "").startswith(MORE_ANCHOR.format(id="")):
        return False
    return not element.get_text().strip() and element.find(_VISIBLE_EMPTY) is None


def _cap_nesting(soup: BeautifulSoup) -> None:
    """Unwrap the lists and quotes nested deeper than MyST reads (at most 7 lists, or 14 quotes).

    markdown-it's ``maxNesting`` (20 in MyST's commonmark preset) silently
    drops the text of deeper blocks.
    """
    for block in soup.find_all(list(_NESTING_WEIGHT)):
        ancestors = [ancestor.name for ancestor in block.parents if ancestor.name in _NESTING_WEIGHT]
        if sum(_NESTING_WEIGHT[name] for name in [block.name, *ancestors]) > _MAX_NESTING_WEIGHT:
            block.unwrap()


def _merge_side_by_side_markup(soup: BeautifulSoup) -> None:
    """Merge emphasis, strong or code elements that follow one another: ``*a**b*`` reads as neither."""
    for element in soup.find_all(list(_SAME_MARKUP)):
        following = element.next_sibling
        while not element.decomposed and isinstance(following, Tag) and _same_markup(element, following):
            element.extend(list(following.contents))
            following.decompose()
            following = element.next_sibling


def _same_markup(element: Tag, other: Tag) -> bool:
    """Whether two elements are written with the same Markdown delimiter (``*a**b*`` would not read as two)."""
    return _SAME_MARKUP.get(other.name) == _SAME_MARKUP[element.name]


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
    last_content = max((index for index, line in enumerate(lines) if line.strip() and line != _RULE_MARK), default=-1)
    kept: list[str] = []
    for index, line in enumerate(lines):
        if line != _RULE_MARK:
            kept.append(line)
            continue
        before = next((candidate for candidate in reversed(kept) if candidate.strip()), None)
        after = next((candidate for candidate in lines[index + 1 :] if candidate.strip()), None)
        if before is None or index > last_content or before.startswith("#") or before == "---" or after.startswith("#"):
            continue
        kept.append("---")
    return "\n".join(kept)


def _tidy(markdown: str) -> str:
    """At most one blank line between blocks, no trailing spaces, one final newline;
    a fenced code block keeps its lines as they are."""
    pieces, position = [], 0
    for block in _FENCED_BLOCK.finditer(markdown):
        pieces += [_tidy_text(markdown[position : block.start()]), block.group(0)]
        position = block.end()
    markdown = "".join([*pieces, _tidy_text(markdown[position:])])
    return markdown.strip("\n") + "\n" if markdown.strip() else ""


def _tidy_text(markdown: str) -> str:
    """At most one blank line between blocks, no trailing spaces."""
    return re.sub(r"\n{3,}", "\n\n", re.sub(r"[ \t]+\n", "\n", markdown))


def _fence_for(content: str) -> str:
    """A backtick fence longer than any backtick run in *content* (three at least)."""
    return "`" * max(3, 1 + max((len(run) for run in re.findall(r"`+", content)), default=0))


def _escape_marker(match: re.Match[str]) -> str:
    """Escape a block marker (``%``, ``>``, ``-``, ``#``, ``1.``…) found at the start of a line."""
    return f"{match.group(1)}{match.group(2)}\\{match.group(3)}"


def _url_text(url: str) -> str:
    """*url* percent-encoded outside the URL punctuation: no space, line break, ``<``, ``>``, backslash or quote."""
    return quote(url, safe=_URL_SAFE)


def _destination(url: str) -> str:
    """*url* as a Markdown link destination that nothing in it can end: encoded, in ``<…>`` if it has parentheses."""
    encoded = _url_text(url)
    return f"<{encoded}>" if re.search(r"[()]", encoded) else encoded


def _escape_closing_hashes(heading: str) -> str:
    """*heading* with a final `` #`` escaped: an ATX heading would drop it as its closing sequence."""
    return _CLOSING_HASHES.sub(r"\1\\\2", heading.rstrip())


def _markdown_link(text: str, destination: str, title: str = "") -> str:
    """``[text](destination "title")``, with the blanks and line breaks at the ends of *text* outside it."""
    prefix, suffix, inner = _chomp(text)
    if not inner:
        return ""
    escaped = title.replace("\\", "\\\\").replace('"', '\\"').replace("|", "\\|")
    quoted = f' "{escaped}"' if title else ""
    return f"{prefix}[{inner}]({destination}{quoted}){suffix}"


def _is_punctuation(character: str) -> bool:
    """Whether CommonMark counts *character* as punctuation (Unicode P and S categories, ASCII punctuation)."""
    return unicodedata.category(character)[0] in "PS"


def _chomp(text: str) -> tuple[str, str, str]:
    """markdownify's ``chomp`` that also moves hard line breaks: the blanks and breaks at either end
    of an inline element's Markdown, as they must be written outside its delimiters, and the rest.

    A hard break is a backslash before a line end; once the line end is
    stripped, a lone backslash would escape the closing delimiter instead.
    """
    inner = text.lstrip()
    prefix = " " if inner != text else ""
    while inner.startswith("\\\n"):
        prefix, inner = "\\\n", inner[2:].lstrip()
    stripped = inner.rstrip()
    suffix = " " if stripped != inner else ""
    while (len(stripped) - len(stripped.rstrip("\\"))) % 2:
        suffix, stripped = "\\\n", stripped[:-1].rstrip()
    return prefix, suffix, stripped


def _inline_tag(name: str, attributes: list[tuple[str, str | None]], text: str) -> str:
    """An inline HTML element around converted *text*, never alone at the start of a line.

    A line holding only a tag would open an HTML block, in which the
    escaped text that follows would be read as HTML; leading and trailing
    blanks therefore go outside the tags, and attribute values on one line.
    """
    prefix, suffix, text = _chomp(text)
    values = "".join(f' {key}="{html.escape(" ".join(value.split()))}"' for key, value in attributes if value)
    return f"{prefix}<{name}{values}>{text}</{name}>{suffix}" if text else ""


def _ends_its_block(element: Tag) -> bool:
    """Whether nothing visible follows *element* in its block (only blanks, line breaks or empty inline tags)."""
    return _at_block_edge(element, lambda node: node.next_siblings)


def _starts_its_block(element: Tag) -> bool:
    """Whether nothing visible precedes *element* in its block (only blanks, line breaks or empty inline tags)."""
    return _at_block_edge(element, lambda node: node.previous_siblings)


def _at_block_edge(element: Tag, siblings: Callable[[Tag], Iterable[object]]) -> bool:
    """Whether the *siblings* of *element*, and of its inline ancestors, up to its block, show nothing."""
    node = element
    while True:
        for sibling in siblings(node):
            if isinstance(sibling, Tag):
                if sibling.name in _BLOCKS:
                    return True
                if sibling.get_text().strip() or sibling.find(["img", "iframe", "video", "audio"]):
                    return False
            elif sibling.strip():
                return False
        node = node.parent
        if node is None or node.parent is None or node.name in _BLOCKS:
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


def _pre_text(pre: Tag) -> Iterable[str]:
    """The characters of a ``<pre>``: its text, and a line end for each ``<br>``."""
    for node in pre.descendants:
        if isinstance(node, Tag):
            if node.name == "br":
                yield "\n"
        elif not isinstance(node, Comment):
            yield str(node)


def _code_language(pre: Tag) -> str:
    """The language named in a ``<pre>`` or its ``<code>`` class (``language-python``), if Pygments
    knows it; else none, plain text (an unknown name would stop the build with a warning)."""
    classes = " ".join(pre.get("class", []) + [name for code in pre.find_all("code") for name in code.get("class", [])])
    match = _CODE_LANGUAGE.search(classes)
    return match.group(1).lower() if match and known_language(match.group(1)) else ""


def known_language(name: str) -> bool:
    """Whether Pygments has a lexer for *name* (``python``, ``js``, ``bash``…)."""
    try:
        get_lexer_by_name(name.lower())
    except ClassNotFound:
        return False
    return True
