"""The text of one imported file: front matter, title heading, body, archived comments.

Posts carry ABlog's front matter (the keys the site accepts, no others);
pages carry ``orphan: true`` (Sphinx would otherwise warn that no table
of contents includes them) and, when WordPress ordered them, their place in
the blog's menu of pages (``menu_order: 3``, read by ``sphinx_blog_fr._menu``);
drafts of pages nothing. Values are written as YAML scalars,
quoted only when YAML would otherwise read them as something else
(``tags: 2017`` would be a number, ``Note : x`` a mapping).

A post's front matter is checked against the site's post schema
(``sphinx_blog_fr._schema``, through the build's own reader) before it is
returned, so the importer never writes a post that the build refuses. What
the schema would refuse is not written as a value but as a YAML comment the
author sees in the file: a WordPress date outside the years the blog accepts
(the post is then a draft), a term or an author name without a letter or a
digit, or with a comma.
"""

from dataclasses import dataclass
from datetime import datetime

import yaml

from sphinx_blog_fr._post_file import read_front_matter
from sphinx_blog_fr._schema import FIRST_YEAR, LAST_YEAR, is_label

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
    #: The hand-written excerpt, as one line of plain text (``description``, shown instead of ``excerpt``).
    description: str = ""
    #: When WordPress last changed the post, if on a later day than its publication (``updated``).
    updated: datetime | None = None


def post_text(header: PostHeader, title: str, body: str) -> str:
    """A post file: ABlog front matter, then the title as the page's heading, then the body."""
    lines = ["---", "blogpost: true"]
    if header.date is not None:
        moment = header.date.isoformat(timespec="seconds")
        if FIRST_YEAR <= header.date.year <= LAST_YEAR:
            lines.append(f"date: {moment}")
            if header.updated is not None and header.updated.year <= LAST_YEAR:
                lines.append(f"updated: {header.updated.isoformat(timespec='seconds')}")
        else:
            lines.append(f"# date non reprise (hors des années {FIRST_YEAR} à {LAST_YEAR}) : {moment}")
    lines += _labels_lines("author", [header.author] if header.author.strip() else [])
    lines += _labels_lines("category", header.categories)
    lines += _labels_lines("tags", header.tags)
    lines.append(f"language: {_scalar(header.language)}")
    if header.description:
        lines.append(f"description: {_scalar(header.description)}")
    elif header.excerpt:
        lines.append(f"excerpt: {header.excerpt}")
    lines.append("---")
    text = "\n".join(lines) + "\n\n" + page_text(title, body)
    # The build's own check: raises FrontMatterError if this module wrote what the build refuses.
    read_front_matter(text, header.language)
    return text


def _labels_lines(key: str, names: list[str]) -> list[str]:
    """The ``key: a, b`` line of the names the schema accepts, and a comment for each it would refuse."""
    kept = [name.strip() for name in names if is_label(name)]
    lines = [f"{key}: {_scalar(', '.join(kept))}"] if kept else []
    return lines + [
        f"# {key} non repris (sans lettre ni chiffre, ou avec une virgule) : {_scalar(' '.join(name.split()))}"
        for name in names
        if name.strip() and not is_label(name)
    ]


def page_text(title: str, body: str) -> str:
    """A plain page: the title as heading, then the body."""
    heading = f"# {title or UNTITLED}\n"
    return heading + ("\n" + body if body.strip() else "")


def standalone_page_text(title: str, body: str, menu_order: int | None = None) -> str:
    """A WordPress page: a plain page marked ``orphan`` (in no table of contents: reached by the blog's
    menu of pages, links and redirects), with its place in that menu when it has one."""
    order = "" if menu_order is None else f"menu_order: {menu_order}\n"
    return f"---\norphan: true\n{order}---\n\n" + page_text(title, body)


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
