"""Leave drafts out of the build entirely: no page, no listing, no feed, no search entry.

ABlog publishes every post it reads, dated or not, and a post dated
tomorrow appears today. Here a post is a draft until its date has come on
the blog's clock (no ``date``, or a date after today): its file is added to
``exclude_patterns``, so Sphinx never reads it, and the post is kept in
the build state's ``draft_sources`` (docname → :class:`PostSource`) for the
extensions that check the whole set of posts (unique titles, links to a
draft).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sphinx.application import Sphinx
from sphinx.util import logging

from sphinx_blog_fr._dates import today
from sphinx_blog_fr._state import build_state

if TYPE_CHECKING:
    from sphinx_blog_fr._front_matter import PostSource

logger = logging.getLogger(__name__)


def publication_day(app: Sphinx) -> date:
    """The day on the blog's clock up to which this build publishes posts: taken once, when the
    first post is checked, so that a build running past midnight decides every post by one day."""
    state = build_state(app)
    if state.publication_day is None:
        state.publication_day = today(app.config)
    return state.publication_day


def is_draft(post: PostSource, day: date) -> bool:
    """A post is a draft until its date has come: a build of *day* does not publish it."""
    return post.date is None or post.date.date() > day


def leave_out_if_draft(app: Sphinx, post: PostSource, relative: str) -> bool:
    """Leave *post*, at *relative* in the source folder, out of the build if it is a draft; say whether it is."""
    if not is_draft(post, publication_day(app)):
        return False
    logger.info("brouillon non publié : %s", post.docname)
    app.config.exclude_patterns = [*app.config.exclude_patterns, relative]
    build_state(app).draft_sources[post.docname] = post
    return True
