"""The archived discussion of a post: approved comments, threaded, as read-only HTML.

The static site has no comment form; the old discussion is kept at the end
of the post so readers lose nothing. Only approved comments (``comment_approved``
is 1) of the ``comment`` type are kept: pending ones and spam were never
public, pingbacks and trackbacks are not conversation. A reply whose parent
is not kept is shown at the top level rather than dropped.
"""

import html
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from babel.dates import format_datetime

from blogtools.wordpress.autop import wpautop
from blogtools.wordpress.wxr import Comment

SECTION_TITLE = "Commentaires archivés"
_CONVERSATION_TYPES = {"", "comment"}


def published_comments(comments: list[Comment]) -> list[Comment]:
    """The comments readers could see: approved, of the ``comment`` type."""
    return [comment for comment in comments if comment.approved and comment.type in _CONVERSATION_TYPES]


def comments_html(comments: list[Comment], zone: ZoneInfo, locale: str) -> str:
    """The thread of *comments* as nested lists, oldest first, each reply under its parent."""
    kept = published_comments(comments)
    if not kept:
        return ""
    ids = {comment.id for comment in kept}
    replies: dict[int, list[Comment]] = {}
    for comment in sorted(kept, key=lambda comment: (comment.date_gmt or datetime.min, comment.id)):
        parent = comment.parent if comment.parent in ids else 0
        replies.setdefault(parent, []).append(comment)
    return f"<h2>{SECTION_TITLE}</h2>" + _thread_html(0, replies, zone, locale)


def _thread_html(parent: int, replies: dict[int, list[Comment]], zone: ZoneInfo, locale: str) -> str:
    """The replies to *parent* (0 for the top level), each followed by its own replies."""
    if parent not in replies:
        return ""
    items = "".join(
        f"<li>{_comment_html(comment, zone, locale)}{_thread_html(comment.id, replies, zone, locale)}</li>"
        for comment in replies[parent]
    )
    return f'<ul class="archived-comments">{items}</ul>'


def _comment_html(comment: Comment, zone: ZoneInfo, locale: str) -> str:
    """One comment: who and when, then its text paragraphed as WordPress displays it."""
    author = html.escape(comment.author or "Anonyme")
    if comment.author_url.startswith(("http://", "https://")):
        author = f'<a href="{html.escape(comment.author_url)}">{author}</a>'
    when = ""
    if comment.date_gmt is not None:
        moment = comment.date_gmt.replace(tzinfo=UTC).astimezone(zone)
        when = ", " + format_datetime(moment, "d MMMM y 'à' HH:mm", locale=locale)
    return f"<p><strong>{author}</strong>{when}</p>{wpautop(comment.content)}"
