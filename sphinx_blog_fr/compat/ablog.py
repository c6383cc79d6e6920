"""The ABlog internals the blog uses, checked against ABlog 0.11.13.

ABlog documents its configuration and templates, not its Python: its post
records (``env.ablog_posts``), its registry of posts (``Blog._dict``), its
``html-collect-pages`` listeners, its slug rule, its HTML writer and its
parallel-safety flag are all reached from here.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable

import ablog
import ablog.blog
import ablog.post
from ablog.blog import Blog
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.environment import BuildEnvironment

from sphinx_blog_fr.compat import require
from sphinx_blog_fr.compat.sphinx import disconnect_listeners

DISTRIBUTION = "ablog"
#: The ABlog releases these internals were read in: [low, below).
CHECKED = ("0.11.13", "0.12")

#: The fields of ABlog's post records the blog reads or changes (listings, feeds, fingerprints, detaching).
RECORD_FIELDS = ("title", "date", "update", "tags", "category", "author", "excerpt", "doctree")


def registered_blog(app: Sphinx) -> Blog:
    """Return ABlog's blog, its posts registered (ABlog registers them only when it writes its own pages)."""
    blog = Blog(app)
    if not blog:
        ablog.post.register_posts(app)
    return blog


def _require_fields(records: list[dict]) -> None:
    missing = sorted({name for record in records for name in RECORD_FIELDS if name not in record})
    require(not missing, "ABlog", f"ses fiches de billet (env.ablog_posts) n’ont plus les champs {', '.join(missing)}")


def post_records(env: BuildEnvironment, docname: str) -> list[dict]:
    """Return ABlog's records of the posts of *docname* (``env.ablog_posts``, filled by its ``doctree-read``).

    Sphinx reports a failure in a parallel reader (``-j``), or while it
    merges what they read, with a traceback: there, records that changed
    shape are left alone, and :func:`check_post_records` stops the build
    once reading is over.
    """
    records = getattr(env, "ablog_posts", {}).get(docname, [])
    if multiprocessing.parent_process() is not None and any(set(RECORD_FIELDS) - set(record) for record in records):
        return []
    _require_fields(records)
    return records


def postpone_update(env: BuildEnvironment, docname: str, updated) -> None:
    """Make *updated* the ``update`` of *docname*'s posts if it is later than the one ABlog took."""
    for record in post_records(env, docname):
        record["update"] = max(record["update"], updated)


def replace_excerpt(env: BuildEnvironment, docname: str, make_excerpt: Callable[[], list[nodes.Node]]) -> None:
    """Make what *make_excerpt* returns the excerpt of each of *docname*'s posts, the one listings show."""
    for record in post_records(env, docname):
        record["excerpt"] = make_excerpt()


def start_build(app: Sphinx) -> None:
    """Empty ABlog's registry of posts, shared by every build of a process, and keep its records (``builder-inited``)."""
    registry = getattr(Blog, "_dict", None)
    require(isinstance(registry, dict), "ABlog", "Blog._dict, son registre de billets")
    registry.clear()
    if not hasattr(app.env, "ablog_posts"):
        app.env.ablog_posts = {}


def merge_parallel_records(env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
    """Take into *env* the post records a parallel reader made of *docnames* (``env-merge-info``)."""
    theirs = getattr(other, "ablog_posts", {})
    env.ablog_posts.update({docname: theirs[docname] for docname in docnames if docname in theirs})


def check_post_records(env: BuildEnvironment) -> None:
    """Stop if ABlog's post records lack a field the blog reads (``env-updated``, once reading is over)."""
    _require_fields([record for records in getattr(env, "ablog_posts", {}).values() for record in records])


def declare_parallel_read_safe(app: Sphinx) -> None:
    """Tell Sphinx ABlog may read in parallel (it declares otherwise: sunpy/ablog#297)."""
    extension = app.extensions.get("ablog")
    require(extension is not None and hasattr(extension, "parallel_read_safe"), "ABlog", "son extension Sphinx")
    extension.parallel_read_safe = True


def use_slug_rule(slugify: Callable[[str], str]) -> None:
    """Make *slugify* the slug rule of ABlog's tags, categories and authors (their labels and page names).

    ``Collection`` looks ``slugify`` up at call time in ``ablog.blog``.
    """
    collection = getattr(ablog.blog, "Collection", None)
    looks_up = collection is not None and "slugify" in collection.__init__.__code__.co_names
    require(
        looks_up and callable(getattr(ablog.blog, "slugify", None)),
        "ABlog",
        "Collection n’appelle plus ablog.blog.slugify",
    )
    ablog.blog.slugify = slugify


def disconnect_archive_pages(app: Sphinx) -> None:
    """Disconnect ABlog's archive pages (tags, categories, authors, years)."""
    disconnect_listeners(app, "html-collect-pages", ablog.post, "generate_archive_pages", "ABlog")


def disconnect_feeds(app: Sphinx) -> None:
    """Disconnect ABlog's Atom feeds."""
    disconnect_listeners(app, "html-collect-pages", ablog.post, "generate_atom_feeds", "ABlog")


def point_references_at(doctree: nodes.Node, docname: str) -> None:
    """Make *doctree*'s pending references resolve relative to page *docname*, as ABlog does for excerpts."""
    revise = getattr(ablog.blog, "revise_pending_xrefs", None)
    require(callable(revise), "ABlog", "ablog.blog.revise_pending_xrefs")
    revise(doctree, docname)


def write_fragment(builder: Builder, docname: str, doctree: nodes.document) -> str:
    """Return *doctree* as the HTML builder writes a page's body, as ABlog writes excerpts."""
    write = getattr(ablog.blog, "html_builder_write_doc", None)
    require(callable(write), "ABlog", "ablog.blog.html_builder_write_doc")
    return write(builder, docname, doctree)
