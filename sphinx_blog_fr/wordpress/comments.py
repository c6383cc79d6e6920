"""The archived discussion of a post: approved comments, threaded, as read-only HTML.

The static site has no comment form; the old discussion is kept at the end
of the post so readers lose nothing. Only approved comments (``comment_approved``
is 1) of the ``comment`` type are kept: pending ones and spam were never
public, pingbacks and trackbacks are not conversation. A reply whose parent
is not kept is shown at the top level rather than dropped.

A comment was written by a reader, not the author: its HTML keeps only
text, emphasis, links (marked ``rel="nofollow ugc"``), quotes, code and
line breaks (:func:`.sanitize.sanitise_comment`), and what was taken out
is counted for the import report.

WordPress splits a big site's export into several files; the comments a
post had in an earlier import are kept when a later file has the post again
(:func:`merged_comments`): the import remembers each post's published
comments in ``wordpress-import.json`` (:func:`comment_records`,
:func:`comments_from_records`).
"""

import html
from collections import Counter
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from babel.dates import format_datetime

from sphinx_blog_fr.wordpress.autop import wpautop
from sphinx_blog_fr.wordpress.sanitize import Sanitised, sanitise_comment
from sphinx_blog_fr.wordpress.wxr import Comment

SECTION_TITLE = "Commentaires archivés"
_CONVERSATION_TYPES = {"", "comment"}
_MAX_THREAD_DEPTH = 5  # WordPress's default « thread_comments_depth »


def published_comments(comments: list[Comment]) -> list[Comment]:
    """The comments readers could see: approved, of the ``comment`` type."""
    return [comment for comment in comments if comment.approved and comment.type in _CONVERSATION_TYPES]


def merged_comments(earlier: list[Comment], later: list[Comment]) -> list[Comment]:
    """The comments of *earlier* and *later*, the later version of a comment with the same ID winning.

    A comment without ID (0) cannot be matched; it is kept once per distinct content.
    """
    merged: dict[object, Comment] = {}
    for comment in [*earlier, *later]:
        merged[comment.id if comment.id > 0 else comment] = comment
    return list(merged.values())


def comment_records(comments: list[Comment]) -> list[dict]:
    """*comments* as JSON data, for ``wordpress-import.json``."""
    records = []
    for comment in comments:
        record = asdict(comment)
        record["date_gmt"] = comment.date_gmt.isoformat() if comment.date_gmt else None
        records.append(record)
    return records


def comments_from_records(records: list[dict]) -> list[Comment]:
    """The comments :func:`comment_records` wrote."""
    return [
        Comment(**{**record, "date_gmt": datetime.fromisoformat(record["date_gmt"]) if record["date_gmt"] else None})
        for record in records
    ]


def comments_html(comments: list[Comment], zone: ZoneInfo, locale: str) -> Sanitised:
    """The thread of *comments* as nested lists, oldest first, each reply under its parent,
    and what was removed from their HTML."""
    kept = published_comments(comments)
    if not kept:
        return Sanitised("")
    ids = {comment.id for comment in kept}
    replies: dict[int, list[Comment]] = {}
    for comment in sorted(kept, key=lambda comment: (comment.date_gmt or datetime.min, comment.id)):
        parent = comment.parent if comment.parent in ids else 0
        replies.setdefault(parent, []).append(comment)
    removed: Counter[str] = Counter()
    thread = _thread_html(0, replies, _Display(zone, locale, removed))
    return Sanitised(f"<h2>{SECTION_TITLE}</h2>" + thread, removed)


@dataclass(frozen=True)
class _Display:
    """How comments are shown (time zone, locale), and the tally of what was removed from them."""

    zone: ZoneInfo
    locale: str
    removed: Counter[str]


def _thread_html(parent: int, replies: dict[int, list[Comment]], display: _Display, depth: int = 1) -> str:
    """The replies to *parent* (0 for the top level), each followed by its own replies.

    As in WordPress, threads nest at most :data:`_MAX_THREAD_DEPTH` levels:
    deeper replies follow one another at the last level, in reading order,
    each saying « en réponse à <auteur> » since its place no longer does.
    """
    if parent not in replies:
        return ""
    if depth < _MAX_THREAD_DEPTH:
        items = "".join(
            f"<li>{_comment_html(comment, display)}{_thread_html(comment.id, replies, display, depth + 1)}</li>"
            for comment in replies[parent]
        )
    else:
        authors = {comment.id: comment.author for comments in replies.values() for comment in comments}
        flattened = [
            (comment, authors.get(comment.parent) if comment.parent != parent else None)
            for comment in _descendants(parent, replies)
        ]
        items = "".join(
            f"<li>{_comment_html(comment, display, replying_to)}</li>" for comment, replying_to in flattened
        )
    return f'<ul class="archived-comments">{items}</ul>'


def _descendants(parent: int, replies: dict[int, list[Comment]]) -> list[Comment]:
    """Every reply under *parent*, each followed by its own, in reading order (without recursion)."""
    ordered, pending = [], list(reversed(replies[parent]))
    while pending:
        comment = pending.pop()
        ordered.append(comment)
        pending += reversed(replies.get(comment.id, []))
    return ordered


def _comment_html(comment: Comment, display: _Display, replying_to: str | None = None) -> str:
    """One comment: who and when (and to whom, for a flattened reply), then its text paragraphed
    as WordPress displays it, sanitised."""
    author = html.escape(comment.author or "Anonyme")
    if comment.author_url.startswith(("http://", "https://")):
        author = f'<a href="{html.escape(comment.author_url)}" rel="nofollow ugc">{author}</a>'
    when = ""
    if comment.date_gmt is not None:
        moment = comment.date_gmt.replace(tzinfo=UTC).astimezone(display.zone)
        when = ", " + format_datetime(moment, "d MMMM y 'à' HH:mm", locale=display.locale)
    if replying_to is not None:
        when += f", en réponse à {html.escape(replying_to or 'Anonyme')}"
    text = sanitise_comment(wpautop(comment.content))
    display.removed.update(text.removed)
    return f"<p><strong>{author}</strong>{when}</p>{text.html}"
