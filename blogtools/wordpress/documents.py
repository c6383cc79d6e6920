"""The text of one imported file: front matter, title heading, body, archived comments.

Posts carry ABlog's front matter (the keys the site accepts, no others);
pages carry only ``orphan: true`` (Sphinx would otherwise warn that no table
of contents includes them), drafts of pages nothing. Values are written as YAML scalars,
quoted only when YAML would otherwise read them as something else
(``tags: 2017`` would be a number, ``Note : x`` a mapping).
"""

from dataclasses import dataclass
from datetime import datetime

import yaml

UNTITLED = "Sans titre"
# The site refuses a post with no text under its title; a WordPress post made
# only of headings or of blocks computed at display time gets this line.
NO_TEXT_NOTE = "*(Article importé de WordPress, sans paragraphe de texte.)*"


@dataclass(frozen=True)
class PostHeader:
    """What ABlog needs to know about a post; ``date`` is None for a draft."""

    date: datetime | None
    author: str
    categories: list[str]
    tags: list[str]
    language: str
    excerpt: int | None


def post_text(header: PostHeader, title: str, body: str) -> str:
    """A post file: ABlog front matter, then the title as the page's heading, then the body."""
    lines = ["---", "blogpost: true"]
    if header.date is not None:
        lines.append(f"date: {header.date.isoformat(timespec='seconds')}")
    lines.append(f"author: {_scalar(header.author)}")
    if header.categories:
        lines.append(f"category: {_scalar(', '.join(header.categories))}")
    if header.tags:
        lines.append(f"tags: {_scalar(', '.join(header.tags))}")
    lines.append(f"language: {_scalar(header.language)}")
    if header.excerpt:
        lines.append(f"excerpt: {header.excerpt}")
    lines.append("---")
    return "\n".join(lines) + "\n\n" + page_text(title, body)


def page_text(title: str, body: str) -> str:
    """A plain page: the title as heading, then the body."""
    heading = f"# {title or UNTITLED}\n"
    return heading + ("\n" + body if body.strip() else "")


def standalone_page_text(title: str, body: str) -> str:
    """A WordPress page: a plain page marked ``orphan`` (reached by links and redirects, in no table of contents)."""
    return "---\norphan: true\n---\n\n" + page_text(title, body)


def unique_names(names: list[str]) -> list[str]:
    """Make names unique, in order: the second ``bonjour`` becomes ``bonjour-2``, the third ``bonjour-3``."""
    seen: set[str] = set()
    unique = []
    for name in names:
        candidate, number = name, 2
        while candidate in seen:
            candidate, number = f"{name}-{number}", number + 1
        seen.add(candidate)
        unique.append(candidate)
    return unique


def _scalar(value: str) -> str:
    """*value* as a one-line YAML string scalar, plain when YAML reads it back unchanged."""
    dumped = yaml.safe_dump(value, allow_unicode=True, width=float("inf"), default_flow_style=True)
    return dumped.removesuffix("\n").removesuffix("\n...")
