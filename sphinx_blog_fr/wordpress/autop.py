"""WordPress's ``wpautop``: turn blank-line-separated text into ``<p>`` paragraphs.

Classic-editor posts are stored without ``<p>`` tags; WordPress adds them at
display time with this function (wp-includes/formatting.php). This is a line
by line port of it, so that the paragraphs of an imported post are the ones
readers saw. Block-editor content is not passed through it (WordPress does
not either).
"""

import re

_ALL_BLOCKS = (
    r"(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|area"
    r"|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup|header"
    r"|footer|nav|figure|figcaption|details|menu|summary)"
)
_HTML_SPLIT = re.compile(
    r"(<(?:(?=!--)!(?:-(?!->)[^\-]*+)*+(?:-->)?|(?=!\[CDATA\[)!\[CDATA\[[^\]]*+(?:](?!]>)[^\]]*+)*+(?:]]>)?|[^>]*>?))"
)
_NEWLINE_MARK = " <!-- wpnl --> "
_PRESERVED_NEWLINE = "<WPPreserveNewline />"


def wpautop(text: str, br: bool = True) -> str:
    """Return *text* with paragraphs and line breaks marked up as WordPress displays them."""
    if not text.strip():
        return ""
    text, pre_blocks = _set_aside_pre_blocks(text + "\n")
    text = re.sub(r"<br\s*/?>\s*<br\s*/?>", "\n\n", text)
    text = re.sub(rf"(<{_ALL_BLOCKS}[\s/>])", r"\n\n\1", text)
    text = re.sub(rf"(</{_ALL_BLOCKS}>)", r"\1\n\n", text)
    text = re.sub(r"(<hr\s*?/?>)", r"\1\n\n", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _replace_in_tags(text, "\n", _NEWLINE_MARK)
    text = _collapse_inside_media(text)
    text = re.sub(r"\n\n+", "\n\n", text)
    text = "".join("<p>" + part.strip("\n") + "</p>\n" for part in re.split(r"\n\s*\n", text) if part)
    text = _unwrap_blocks(text)
    if br:
        text = _insert_line_breaks(text)
    text = re.sub(rf"(</?{_ALL_BLOCKS}[^>]*>)\s*<br />", r"\1", text)
    text = re.sub(r"<br />(\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)", r"\1", text)
    text = re.sub(r"\n</p>$", "</p>", text)
    for placeholder, block in pre_blocks.items():
        text = text.replace(placeholder, block)
    return text.replace(_NEWLINE_MARK, "\n").replace(_NEWLINE_MARK.strip(), "\n")


def _set_aside_pre_blocks(text: str) -> tuple[str, dict[str, str]]:
    """Replace each ``<pre>…</pre>`` by a placeholder: autop must not touch preformatted text."""
    if "<pre" not in text:
        return text, {}
    *parts, last = text.split("</pre>")
    rebuilt, blocks = "", {}
    for part in parts:
        start = part.find("<pre")
        if start == -1:
            rebuilt += part
            continue
        placeholder = f"<pre wp-pre-tag-{len(blocks)}></pre>"
        blocks[placeholder] = part[start:] + "</pre>"
        rebuilt += part[:start] + placeholder
    return rebuilt + last, blocks


def _replace_in_tags(text: str, needle: str, replacement: str) -> str:
    """Replace *needle* inside HTML tags and comments only, never in text (``wp_replace_in_html_tags``)."""
    pieces = _HTML_SPLIT.split(text)
    for index in range(1, len(pieces), 2):
        pieces[index] = pieces[index].replace(needle, replacement)
    return "".join(pieces)


def _collapse_inside_media(text: str) -> str:
    """Keep ``<option>``, ``<object>``, ``<source>`` and ``<figcaption>`` from being split into paragraphs."""
    if "<option" in text:
        text = re.sub(r"\s*<option", "<option", text)
        text = re.sub(r"</option>\s*", "</option>", text)
    if "</object>" in text:
        text = re.sub(r"(<object[^>]*>)\s*", r"\1", text)
        text = re.sub(r"\s*</object>", "</object>", text)
        text = re.sub(r"\s*(</?(?:param|embed)[^>]*>)\s*", r"\1", text)
    if "<source" in text or "<track" in text:
        text = re.sub(r"([<\[](?:audio|video)[^>\]]*[>\]])\s*", r"\1", text)
        text = re.sub(r"\s*([<\[]/(?:audio|video)[>\]])", r"\1", text)
        text = re.sub(r"\s*(<(?:source|track)[^>]*>)\s*", r"\1", text)
    if "<figcaption" in text:
        text = re.sub(r"\s*(<figcaption[^>]*>)", r"\1", text)
        text = re.sub(r"</figcaption>\s*", "</figcaption>", text)
    return text


def _unwrap_blocks(text: str) -> str:
    """Undo the ``<p>`` wrapped around block-level tags, as WordPress does after splitting."""
    text = re.sub(r"<p>\s*</p>", "", text)
    text = re.sub(r"<p>([^<]+)</(div|address|form)>", r"<p>\1</p></\2>", text)
    text = re.sub(rf"<p>\s*(</?{_ALL_BLOCKS}[^>]*>)\s*</p>", r"\1", text)
    text = re.sub(r"<p>(<li.+?)</p>", r"\1", text)
    text = re.sub(r"<p><blockquote([^>]*)>", r"<blockquote\1><p>", text, flags=re.IGNORECASE)
    text = text.replace("</blockquote></p>", "</p></blockquote>")
    text = re.sub(rf"<p>\s*(</?{_ALL_BLOCKS}[^>]*>)", r"\1", text)
    return re.sub(rf"(</?{_ALL_BLOCKS}[^>]*>)\s*</p>", r"\1", text)


def _insert_line_breaks(text: str) -> str:
    """Turn the single newlines left inside paragraphs into ``<br />``, sparing scripts and styles."""
    text = re.sub(
        r"<(script|style|svg).*?</\1>",
        lambda match: match.group(0).replace("\n", _PRESERVED_NEWLINE),
        text,
        flags=re.DOTALL,
    )
    text = text.replace("<br>", "<br />").replace("<br/>", "<br />")
    text = re.sub(r"(?<!<br />)\s*\n", "<br />\n", text)
    return text.replace(_PRESERVED_NEWLINE, "\n")
