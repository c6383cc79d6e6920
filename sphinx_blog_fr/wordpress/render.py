"""What WordPress does to ``post_content`` before a reader sees it, reproduced offline.

The result is HTML as WordPress would serve it (for the parts that do not
depend on the theme or on a network call): the featured image above the
text, as themes show it, block comments removed, the
``<!--more-->`` boundary marked, embeds, footnotes and the core shortcodes expanded,
paragraphs rebuilt by ``wpautop`` for classic-editor content. This HTML is
the reference the converted posts are compared with in the tests;
:meth:`Renderer.render_sanitised` gives it sanitised (:mod:`.sanitize`: no
script, event attribute or foreign iframe left), which is what the
importer converts.

Embeds are resolved without oEmbed requests: YouTube, Vimeo and PeerTube
become their player iframe, anything else a link, which is what WordPress
shows when a provider does not answer.
"""

import html
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

from sphinx_blog_fr.wordpress.autop import wpautop
from sphinx_blog_fr.wordpress.media import Attachment, MediaLibrary
from sphinx_blog_fr.wordpress.sanitize import MAX_DEPTH, sanitise_post
from sphinx_blog_fr.wordpress.shortcodes import Shortcode, expand_shortcodes
from sphinx_blog_fr.wordpress.wxr import Item

MORE_ANCHOR = "more-{id}"
_FOOTNOTES_BLOCK = re.compile(r"<!--\s*wp:footnotes\b.*?/-->", re.DOTALL)
_BLOCK_COMMENT = re.compile(r"<!--\s*(/?)wp:([a-z0-9/-]+)(.*?)(/?)\s*-->", re.DOTALL)
_MORE = re.compile(r"<!--more(.*?)?-->")
_PAGE_BREAKS = re.compile(r"<!--(?:nextpage|noteaser)-->")
_EMBED_WRAPPER = re.compile(r'(<div class="wp-block-embed__wrapper">)\s*(https?://[^\s<>"]+)\s*(</div>)')
_URL_ALONE = re.compile(r'^(\s*)(https?://[^\s<>"]+)(\s*)$', re.MULTILINE)
# The code shortcodes of SyntaxHighlighter (WordPress.com, Jetpack), with its language attributes.
_CODE_SHORTCODES = ["sourcecode", "code"]
# The ``align`` values of ``[caption]`` that WordPress turns into a class of the figure.
_ALIGNMENTS = {"alignleft", "alignright", "aligncenter"}
_CORE_SHORTCODES = ["caption", "wp_caption", "gallery", "audio", "video", "playlist"]
_YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be", "www.youtube-nocookie.com"}
_VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}
_PEERTUBE_PATH = re.compile(r"^/(?:w|videos/watch|videos/embed)/([0-9A-Za-z-]+)/?$")
_FLASH_PLAYER = re.compile(r"<object\b[^>]*>.*?</object>|<embed\b[^>]*>(?:\s*</embed>)?", re.IGNORECASE | re.DOTALL)
_FLASH_SOURCE = re.compile(r"""\b(?:src|data|value)\s*=\s*["']?(https?://[^"'\s>]+)""", re.IGNORECASE)
_FLASH_YOUTUBE = re.compile(r"^https?://(?:www\.)?youtube(?:-nocookie)?\.com/v/([\w-]+)", re.IGNORECASE)
_CAPTIONED_IMAGE = re.compile(r"((?:<a [^>]+>\s*)?<img [^>]+>(?:\s*</a>)?)(.*)", re.IGNORECASE | re.DOTALL)
_SHORTCODE_PARAGRAPH = re.compile(
    r"<p>\s*+(\[(" + "|".join(_CORE_SHORTCODES) + r")(?![\w-])[^\]/]*(?:/(?!\])[^\]/]*)*?"
    r"(?:/\]|\](?:[^\[]*+(?:\[(?!/\2\])[^\[]*+)*+\[/\2\])?))\s*+</p>"
)


@dataclass
class Rendered:
    """The HTML of one post as WordPress shows it, notes on what could not be reproduced,
    and what the sanitiser removed (element and attribute names, with counts)."""

    html: str
    notes: list[str] = field(default_factory=list)
    removed: Counter[str] = field(default_factory=Counter)


@dataclass
class Renderer:
    """Renders the content of the items of one export (galleries need its attachments)."""

    library: MediaLibrary

    def render(self, item: Item) -> Rendered:
        """Return the content of *item* as the HTML WordPress displays."""
        notes: list[str] = []
        content, post_id = item.content, item.id
        uses_blocks = "<!-- wp:" in content
        content = _FOOTNOTES_BLOCK.sub(lambda match: footnotes_html(item.meta_values("footnotes"), notes), content)
        content = _MORE.sub(f'<span id="{MORE_ANCHOR.format(id=post_id)}"></span>', content, count=1)
        content = _MORE.sub("", content)
        content = _PAGE_BREAKS.sub("", content)
        content = _remove_block_comments(content, notes)
        content = _EMBED_WRAPPER.sub(
            lambda match: match.group(1) + embed_html(match.group(2)) + match.group(3), content
        )
        content = expand_shortcodes(content, {"embed": lambda shortcode: embed_html(shortcode.content.strip())})
        # Before wpautop, as the SyntaxHighlighter plugin does: the code keeps its lines as typed.
        content = expand_shortcodes(content, dict.fromkeys(_CODE_SHORTCODES, code_html))
        content = _FLASH_PLAYER.sub(_flash_link, content)
        content = _URL_ALONE.sub(lambda match: match.group(1) + embed_html(match.group(2)) + match.group(3), content)
        if not uses_blocks:
            content = _unwrap_shortcode_paragraphs(wpautop(content))
        handlers = {
            "caption": caption_html,
            "wp_caption": caption_html,
            "gallery": lambda shortcode: self._gallery_html(shortcode, post_id, notes),
            "audio": lambda shortcode: _media_html("audio", shortcode),
            "video": lambda shortcode: _media_html("video", shortcode),
            "playlist": lambda shortcode: _dropped("playlist", notes),
        }
        content = expand_shortcodes(content, handlers)
        return Rendered(self._featured_image_html(item, content, notes) + content, notes)

    def render_sanitised(self, item: Item) -> Rendered:
        """:meth:`render`, then sanitised (:func:`.sanitize.sanitise_post`): what the importer converts."""
        rendered = self.render(item)
        sanitised = sanitise_post(rendered.html)
        if sanitised.flattened:
            rendered.notes.append(f"contenu imbriqué sur plus de {MAX_DEPTH} niveaux : niveaux plus profonds aplatis")
        return Rendered(sanitised.html, rendered.notes, sanitised.removed)

    def _featured_image_html(self, item: Item, content: str, notes: list[str]) -> str:
        """The featured image (``_thumbnail_id``), which themes show above the text: a figure, unless the
        text already shows it. It is then the post's first image, also its picture when shared."""
        thumbnail = next((value.strip() for value in item.meta_values("_thumbnail_id") if value.strip()), "")
        if not thumbnail:
            return ""
        attachment = self.library.attachments.get(int(thumbnail)) if thumbnail.isdigit() else None
        if attachment is None or not attachment.url:
            notes.append(f"image mise en avant introuvable dans l’export (pièce jointe « {thumbnail} ») : non reprise")
            return ""
        if attachment.url in content:
            return ""
        image = f'<img src="{html.escape(attachment.url)}" alt="{html.escape(attachment.alt)}" />'
        return f"<figure>{image}</figure>\n"

    def _gallery_html(self, shortcode: Shortcode, post_id: int, notes: list[str]) -> str:
        """The images of a ``[gallery]``: its ``ids``/``include``, or else the post's attachments."""
        wanted = shortcode.attributes.get("ids") or shortcode.attributes.get("include") or ""
        excluded = {int(number) for number in re.findall(r"\d+", shortcode.attributes.get("exclude", ""))}
        if wanted:
            ids = [int(number) for number in re.findall(r"\d+", wanted)]
            missing = [number for number in ids if number not in self.library.attachments]
            if missing:
                notes.append(f"galerie : images absentes de l’export (ID {', '.join(map(str, missing))})")
            attachments = [self.library.attachments[number] for number in ids if number not in missing]
        else:
            attachments = self.library.children_of(int(shortcode.attributes.get("id", post_id) or post_id))
        images = [_figure_html(attachment) for attachment in attachments if attachment.id not in excluded]
        if not images:
            notes.append("galerie vide : aucune image de l’export ne lui correspond")
        columns = shortcode.attributes.get("columns", "3")
        columns_class = f" gallery-columns-{columns}" if columns.isdigit() and 1 <= int(columns) <= 9 else ""
        return f'<div class="gallery{columns_class}">{"".join(images)}</div>'


def embed_html(url: str) -> str:
    """The player iframe for a YouTube, Vimeo or PeerTube *url*; a plain link for anything else."""
    player = _player_url(html.unescape(url))
    if player is None:
        return f'<a href="{url}">{url}</a>'
    return (
        f'<iframe class="video-embed" src="{html.escape(player)}" width="560" height="315" '
        'allow="fullscreen; picture-in-picture" loading="lazy" title="Vidéo"></iframe>'
    )


def footnotes_html(meta_values: list[str], notes: list[str]) -> str:
    """The footnotes block as WordPress renders it from the ``footnotes`` post meta (JSON id/content pairs).

    A meta that is not such a list is noted in *notes* and gives no footnotes.
    """
    footnotes = _footnotes(meta_values[0] if meta_values else "")
    if footnotes is None:
        notes.append("notes de bas de page illisibles (méta « footnotes » invalide) : non importées")
        return ""
    items = "".join(
        f'<li id="{html.escape(identifier)}">{content} '
        f'<a href="#{html.escape(identifier)}-link" aria-label="Retour à l’appel de note">↩︎</a></li>'
        for identifier, content in footnotes
    )
    return f'<ol class="wp-block-footnotes">{items}</ol>' if items else ""


def _footnotes(meta: str) -> list[tuple[str, str]] | None:
    """The (id, content) pairs of a ``footnotes`` meta; None when it is not a JSON list of such objects."""
    if not meta.strip():
        return []
    try:
        notes = json.loads(meta)
    except ValueError:
        return None
    if not isinstance(notes, list) or not all(
        isinstance(note, dict) and isinstance(note.get("id"), str) and isinstance(note.get("content"), str)
        for note in notes
    ):
        return None
    return [(note["id"], note["content"]) for note in notes]


def caption_html(shortcode: Shortcode) -> str:
    """``[caption]`` as WordPress's HTML5 output: a ``<figure>`` with its ``<figcaption>``."""
    content, caption = shortcode.content, shortcode.attributes.get("caption", "")
    if not caption:
        match = _CAPTIONED_IMAGE.match(content.strip())
        if match:
            content, caption = match.group(1), match.group(2).strip()
    figure_id = shortcode.attributes.get("id", "")
    id_attribute = f' id="{html.escape(figure_id)}"' if figure_id else ""
    align = shortcode.attributes.get("align", "")
    classes = f"wp-caption {align}" if align in _ALIGNMENTS else "wp-caption"
    return f'<figure{id_attribute} class="{classes}">{content}<figcaption>{caption}</figcaption></figure>'


def _player_url(url: str) -> str | None:
    """The embeddable player address of a video page *url*, or None when it is not a known video site."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if host in _YOUTUBE_HOSTS:
        video = _youtube_id(parts.path, parse_qs(parts.query))
        return f"https://www.youtube-nocookie.com/embed/{video}" if video else None
    if host in _VIMEO_HOSTS:
        match = re.search(r"/(\d+)/?$", parts.path)
        return f"https://player.vimeo.com/video/{match.group(1)}" if match else None
    match = _PEERTUBE_PATH.match(parts.path)
    return f"{parts.scheme}://{parts.netloc}/videos/embed/{match.group(1)}" if match else None


def _youtube_id(path: str, query: dict[str, list[str]]) -> str | None:
    """The video identifier in a YouTube address (``watch?v=``, ``youtu.be/``, ``/embed/``, ``/shorts/``)."""
    if "v" in query:
        return query["v"][0]
    match = re.match(r"^/(?:embed/|shorts/|v/)?([\w-]{6,})/?$", path)
    return match.group(1) if match else None


def _flash_link(match: re.Match[str]) -> str:
    """An old Flash player (``<object>``, ``<embed>``): a link to its video, the YouTube page for a YouTube one.

    No browser plays Flash any more; without an address the player is left to the sanitiser, which removes it.
    """
    sources = _FLASH_SOURCE.findall(match.group(0))
    if not sources:
        return match.group(0)
    url = html.unescape(sources[0])
    youtube = _FLASH_YOUTUBE.match(url)
    if youtube:
        url = f"https://www.youtube.com/watch?v={youtube.group(1)}"
    return f'<a href="{html.escape(url)}">{html.escape(url)}</a>'


def code_html(shortcode: Shortcode) -> str:
    """``[sourcecode language="python"]…[/sourcecode]`` or ``[code lang="js"]``: a code block in its language.

    The language is only a class here; the conversion keeps it if Pygments knows it, else shows plain text.
    """
    attributes = shortcode.attributes
    language = attributes.get("language") or attributes.get("lang") or attributes.get("0", "")
    language_class = f' class="language-{html.escape(language)}"' if re.fullmatch(r"[\w+#-]+", language) else ""
    code = html.escape(html.unescape(shortcode.content.strip("\n")))
    return f"<pre{language_class}><code>{code}</code></pre>"


def _remove_block_comments(content: str, notes: list[str]) -> str:
    """Drop the ``<!-- wp:… -->`` delimiters; note the self-closing blocks.

    A self-closing block (``<!-- wp:latest-posts /-->``) has no HTML in the
    export: WordPress computes it from its database at display time, so it
    cannot be reproduced and is reported.
    """

    dynamic: list[str] = []

    def drop(match: re.Match[str]) -> str:
        if match.group(4) == "/" and match.group(2) not in dynamic:
            dynamic.append(match.group(2))
        return ""

    content = _BLOCK_COMMENT.sub(drop, content)
    if dynamic:
        notes.append(f"blocs dynamiques non reproduits : {', '.join(dynamic)}")
    return content


def _unwrap_shortcode_paragraphs(content: str) -> str:
    """``shortcode_unautop``: a shortcode alone in a paragraph is not kept inside that ``<p>``."""
    return _SHORTCODE_PARAGRAPH.sub(r"\1", content)


def _figure_html(attachment: Attachment) -> str:
    """One gallery image, with its caption when it has one."""
    caption = f"<figcaption>{attachment.caption}</figcaption>" if attachment.caption else ""
    size = f' width="{attachment.width}" height="{attachment.height}"' if attachment.width and attachment.height else ""
    image = f'<img src="{html.escape(attachment.url)}" alt="{html.escape(attachment.alt)}"{size} />'
    return f'<figure class="gallery-item">{image}{caption}</figure>'


def _media_html(kind: str, shortcode: Shortcode) -> str:
    """``[audio]`` and ``[video]``: an HTML5 player on the file (``src``, a format attribute, or positional)."""
    attributes = shortcode.attributes
    formats = ("src", "mp3", "m4a", "ogg", "wav", "mp4", "m4v", "webm", "ogv", "flv", "0")
    source = next((attributes[name] for name in formats if attributes.get(name)), "")
    return f'<{kind} controls src="{html.escape(source)}"></{kind}>'


def _dropped(name: str, notes: list[str]) -> str:
    """Note a shortcode that has no static equivalent and render nothing for it."""
    notes.append(f"shortcode [{name}] non importé (pas d’équivalent statique)")
    return ""
