"""What the build needs of the post schema (``sphinx_blog_fr._schema``) on every run, without pydantic.

A build reads again only the posts that changed (``sphinx_blog_fr._post_readings``);
on a build that changes none the schema's checks never run, and importing
them (pydantic, the schema's model) took 0.15 s. The error a problem in a
post raises, the posts' folder, the yes/no keys and the mark of a YAML date
live here; ``sphinx_blog_fr._post_file`` imports the schema when it checks a post.
"""

from __future__ import annotations

#: Where posts live, for the messages.
POSTS_DIR = "posts"
#: The yes/no keys, which ABlog reads as docutils flags.
FLAG_KEYS = {"nocomments", "exclude"}


class FrontMatterError(ValueError):
    """A problem in a post, with the line of the file it is on."""

    def __init__(self, message: str, line: int = 1) -> None:
        super().__init__(message)
        self.line = line


class DateText(str):
    """A YAML value that looks like a date or a date-time, as written (never a label nor a text)."""
