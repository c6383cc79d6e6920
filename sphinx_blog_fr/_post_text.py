"""Read the title and check the text of a post, as MyST's Markdown parser sees them.

The build refuses a post with no ``# Titre`` heading (a ``#`` in a code block
is not one), an empty title, or no text under the title: ABlog would list it
untitled or empty. It also refuses a text whose paragraphs hold so many
inline marks that markdown-it, whose inline parser takes a time about the
square of the marks of a paragraph, would take minutes to read it.

Of the text's inline content, only the part up to the title's is parsed:
the block tokens decide everything else, and markdown-it's core rules that
run after the block parser (the inline parser, ``text_join``, the
typographer's, linkify, the word count) change nothing but the children of
each inline token, each in turn, and the environment, which a later inline
token cannot change for an earlier one. With any other core rule after the
block parser, the whole text is parsed, as MyST parses it.
"""

from __future__ import annotations

from markdown_it import MarkdownIt, rules_core
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from sphinx_blog_fr._schema_terms import FrontMatterError

#: The characters markdown-it's inline parser matches in pairs.
INLINE_MARKS = "[]()<>*_`~$!\\"
#: The most inline marks a paragraph may hold.
MAX_MARKS_PER_PARAGRAPH = 2000
#: The most the squares of the marks of each paragraph may add up to: about a second of reading.
MAX_MARKS_COST = 20_000_000
#: Tokens that hold no text of the post: MyST comments, targets and block breaks.
_NOT_TEXT = {"myst_line_comment", "myst_target", "myst_block_break"}
#: markdown-it's core rules that change nothing but the children of each inline token, each on its own.
_INLINE_RULES = (
    rules_core.inline,
    rules_core.text_join,
    rules_core.replace,
    rules_core.smartquotes,
    rules_core.linkify,
)
#: The module of mdit-py-plugins' word count rule, which counts the words of the text into the environment only.
_WORD_COUNT = "mdit_py_plugins.wordcount"


def _plain_text(inline: Token) -> str:
    return "".join(
        " " if child.type in ("softbreak", "hardbreak") else child.content
        for child in inline.children or []
        if child.type in ("text", "code_inline", "softbreak", "hardbreak")
    ).strip()


def refuse_costly_paragraphs(blocks: list[Token], first_line: int) -> None:
    """Refuse a text with so many Markdown marks in its paragraphs that reading it would take minutes.

    markdown-it's inline parser takes a time about the square of the marks
    of a paragraph (« [[[[… », « *a*a*a… »): 256 Kio of them take minutes.
    *blocks* are the text's tokens from the block parser (linear), before
    any inline parsing: the marks of each paragraph are counted there.
    """
    cost = 0
    for block in blocks:
        if block.type != "inline":
            continue
        marks = sum(block.content.count(mark) for mark in INLINE_MARKS)
        cost += marks * marks
        if marks > MAX_MARKS_PER_PARAGRAPH or cost > MAX_MARKS_COST:
            raise FrontMatterError(
                f"trop de signes de mise en forme Markdown ({' '.join(INLINE_MARKS)}) : {marks} dans ce paragraphe"
                f"{'' if marks > MAX_MARKS_PER_PARAGRAPH else ', et beaucoup dans les précédents'} ; "
                "l’article serait trop long à lire ; coupez les longs paragraphes, "
                "ou mettez ce texte dans un bloc de code (```)",
                first_line + block.map[0],
            )


def parse_checked(markdown: MarkdownIt, body: str, first_line: int) -> list[Token]:
    """Return ``markdown.parse(body)``, having refused a costly text between the block and inline parsers.

    The text is parsed once: markdown-it's core rules run in their order, as
    ``MarkdownIt.parse`` runs them, and the marks are counted on the block
    tokens just before the ``inline`` rule, whose time is the one to bound.
    """
    rules = markdown.core.ruler.getRules("")
    if rules_core.inline not in rules:
        # A markdown-it whose inline rule is another function: count the marks on a block parse of their own.
        blocks: list[Token] = []
        markdown.block.parse(body, markdown, {}, blocks)
        refuse_costly_paragraphs(blocks, first_line)
        return markdown.parse(body)
    state = StateCore(body, markdown, {})
    for rule in rules:
        if rule is rules_core.inline:
            refuse_costly_paragraphs(state.tokens, first_line)
        rule(state)
    return state.tokens


def _first_title(tokens: list[Token]) -> int | None:
    return next(
        (index for index, token in enumerate(tokens) if token.type == "heading_open" and token.tag == "h1"), None
    )


def _only_inline(rule: object) -> bool:
    return rule in _INLINE_RULES or getattr(rule, "__module__", None) == _WORD_COUNT


def parse_title_checked(markdown: MarkdownIt, body: str, first_line: int) -> list[Token] | None:
    """The tokens of :func:`parse_checked`, their inline content parsed up to the first title's; None if it cannot be.

    It cannot be when a core rule after the block parser is not one of :data:`_INLINE_RULES` or the word count.
    """
    rules = markdown.core.ruler.getRules("")
    if rules_core.block not in rules:
        return None
    after = rules[rules.index(rules_core.block) + 1 :]
    if rules_core.inline not in after or not all(map(_only_inline, after)):
        return None
    state = StateCore(body, markdown, {})
    for rule in rules[: len(rules) - len(after)]:
        rule(state)
    tokens = state.tokens
    refuse_costly_paragraphs(tokens, first_line)
    opening = _first_title(tokens)
    if opening is not None:
        state.tokens = tokens[: opening + 2]
        for rule in after:
            rule(state)
        state.tokens = tokens
    return tokens


def read_title(markdown: MarkdownIt, body: str, first_line: int) -> tuple[str, int]:
    """Return the title of the text *body* (which starts on line *first_line*) and its line.

    *body* is parsed as MyST parses it, so that a ``#`` in a code block is not a title.
    """
    tokens = parse_title_checked(markdown, body, first_line)
    if tokens is None:
        tokens = parse_checked(markdown, body, first_line)
    opening = _first_title(tokens)
    if opening is None:
        raise FrontMatterError("pas de titre : écrivez « # Titre de l’article » sous le front matter", first_line)
    title_line = first_line + tokens[opening].map[0]
    title = _plain_text(tokens[opening + 1])
    if not title:
        raise FrontMatterError("le titre est vide : écrivez-le après « # »", title_line)
    text_after = [
        token
        for token in tokens[opening + 3 :]
        if token.level == 0
        and token.nesting >= 0
        and not token.type.startswith("heading")
        and token.type not in _NOT_TEXT
    ]
    if not text_after:
        raise FrontMatterError("l’article n’a pas de texte sous son titre : écrivez au moins un paragraphe", title_line)
    return title, title_line
