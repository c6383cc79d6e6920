"""Refuse two posts with the same slug or the same title.

ABlog and Sphinx build two posts called ``posts/2017/bilan.md`` and
``posts/2018/bilan.md``, or two posts titled « Bilan », without a word, and
readers then meet two entries they cannot tell apart in listings, feeds and
search results. The slug (the file's name) names a post across the whole
blog, whatever its year: ``make post`` refuses a title whose slug a post of
any year has, and so does the build.

Once ``_front_matter`` has read every post, published or draft (a draft
is checked now rather than on the day it goes out), this extension reports
the second post of each pair as an error naming both files. Both posts are
still built: neither is faulty alone, and the build fails anyway.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.util import logging

from sphinx_blog_fr._front_matter import PostSource
from sphinx_blog_fr._slugs import slugify

logger = logging.getLogger(__name__)


def _title_key(title: str) -> str:
    """Titles differing only in case or spacing are the same title to a reader."""
    return " ".join(title.split()).casefold()


def _check_unique(app: Sphinx, published: dict[str, PostSource], drafts: dict[str, PostSource]) -> None:
    posts: list[PostSource] = sorted([*published.values(), *drafts.values()], key=lambda post: post.docname)
    by_slug: dict[str, PostSource] = {}
    by_title: dict[str, PostSource] = {}
    srcdir = app.srcdir
    for post in posts:
        first = by_slug.setdefault(slugify(post.path.stem), post)
        if first is not post:
            logger.error(
                "le slug « %s » est déjà celui de %s : le nom de fichier d’un article est unique sur tout le blog, "
                "quelle que soit l’année (make post le refuse aussi) ; renommez l’un des deux fichiers",
                post.path.stem,
                first.path.relative_to(srcdir).as_posix(),
                location=f"{post.path}:1",
                type="blog",
                subtype="duplicate",
            )
        first = by_title.setdefault(_title_key(post.title), post)
        if first is not post:
            logger.error(
                "le titre « %s » est déjà celui de %s : deux articles ne peuvent pas avoir le même titre, "
                "les listes, les flux et la recherche les confondraient ; changez l’un des deux titres",
                post.title,
                first.path.relative_to(srcdir).as_posix(),
                location=f"{post.path}:{post.title_line}",
                type="blog",
                subtype="duplicate",
            )


def setup(app: Sphinx) -> dict:
    app.setup_extension("sphinx_blog_fr._front_matter")
    app.connect("blog-posts-read", _check_unique)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
