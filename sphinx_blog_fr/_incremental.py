"""Incremental builds whose output is a clean build's, and that skip what did not change.

Sphinx rewrites, after an edit, the pages whose source changed. On a blog
every page also shows other posts: the sidebar (the latest posts, the tags
and the years with their counts), a post's « Précédent » / « Suivant » links
(its neighbours' titles), the home page's listing. ABlog declares none of
these dependencies, so an incremental build left other pages stale; and it
had every listing page and feed rendered again on every build, even when
nothing had changed. This extension:

* keeps in the environment a summary of each post (title, dates, tags,
  category, authors, excerpt), and after reading tells Sphinx the pages to
  rewrite (``env-get-updated``): the posts whose neighbours, related posts
  (``blog_related_posts``) or series (``blog_series``) changed, the home
  page when any summary or what a post's references point at changed, and when the sidebar's data changed every
  page but those ``_sidebar_refresh`` gives the new sidebar without
  rendering them again;
* keeps, beside the doctrees, a fingerprint of each generated page and feed
  (what it shows, the sidebar, the configuration, templates, local
  extensions and translations). ``_listings`` and ``blog_feeds`` ask
  :func:`is_unchanged` and skip a file whose fingerprint is the same and
  that is still there, or that differs in its sidebar alone and that
  ``_sidebar_refresh`` gave the new sidebar; a file no build produces any more is removed, with
  the folders it leaves empty (``_stale_pages`` removes the pages of
  documents that are gone);
* removes from the search index the words that no page has any more, as a
  clean build has none.

``_sitemap`` lists the generated files this extension leaves in place,
and ``_parallel`` makes the posts ABlog reads survive parallel reading.
The summaries and the blog's state are kept in the environment's ``blog``
domain (``_domain``), the fingerprints' file in :class:`BuildState`.

Events this extension emits, for the package's modules and any other extension:

``blog-generated-pages(app)``
    In ``html-collect-pages``, once the fingerprints' context is set: each
    listener returns the pages it generates, as an ``html-collect-pages``
    listener does (``(pagename, context, templatename)``), and may ask
    :func:`is_unchanged` about each file. Listeners: ``_listings``
    (listing and index pages), ``blog_feeds`` (writes the feeds, adds no
    page), ``_subscribe``, ``_accessibility``, ``blog_series``
    (series pages) and ``_not_found_page`` (404), in that order.
``blog-generated-files-saved(app, generated_files)``
    In ``build-finished`` (a build that did not fail, with ABlog's builder),
    once the files no build generates are removed: *generated_files* is the
    :class:`GeneratedFiles`, whose ``current`` lists every generated file of
    this build, written or left in place. Listener: ``_sitemap``.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import pickle
import sys
import sysconfig
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from pathlib import Path

import ablog
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from sphinx_blog_fr._defaults import PACKAGE
from sphinx_blog_fr._domain import blog_data
from sphinx_blog_fr._i18n import LOCALE_DIR
from sphinx_blog_fr._menu import current_menu
from sphinx_blog_fr._reference_targets import what_targets_are
from sphinx_blog_fr._related_posts import related_lists
from sphinx_blog_fr._series import series_lists
from sphinx_blog_fr._sidebar_refresh import pages_to_render, refresh_generated_page
from sphinx_blog_fr._stale_pages import remove_output_file
from sphinx_blog_fr._state import build_state
from sphinx_blog_fr.compat.ablog import post_records, registered_blog
from sphinx_blog_fr.compat.sphinx import drop_vanished_words

#: The latest posts the sidebar may show (sidebar/blog-recent.html shows 5).
SIDEBAR_RECENT_POSTS = 10
#: Where the fingerprints of generated files are kept, in the doctree folder.
FINGERPRINTS_FILE = "blog-generated-files.pickle"


@dataclass(frozen=True)
class PostSummary:
    """What other pages show of a post: listings, feeds, the sidebar, its neighbours."""

    title: str
    date: datetime | None
    update: datetime | None
    tags: tuple[str, ...]
    category: tuple[str, ...]
    author: tuple[str, ...]
    excerpt: str

    @classmethod
    def of(cls, info: dict) -> PostSummary:
        excerpt = hashlib.sha256("".join(node.pformat() for node in info["excerpt"]).encode()).hexdigest()
        return cls(
            info["title"],
            info["date"],
            info["update"],
            tuple(info["tags"]),
            tuple(info["category"]),
            tuple(info["author"]),
            excerpt,
        )


@dataclass(frozen=True)
class BlogState:
    """The blog as the pages of one build show it."""

    summaries: dict[str, tuple[PostSummary, ...]]
    sidebar: tuple
    neighbours: dict[str, tuple]
    #: Each post's « À lire aussi » (blog_related_posts): other posts' tags and categories change it.
    related: dict[str, tuple]
    #: Each part's list of its series (blog_series): the other parts' titles and dates change it.
    series: dict[str, tuple]
    #: What each post's references point at (_reference_targets): a link shows its target's title.
    targets: dict[str, tuple]


# -- Reading: what each post shows of itself on other pages -------------------------


def post_summaries(env: BuildEnvironment) -> dict[str, tuple[PostSummary, ...]]:
    """Each document's posts, as other pages show them (the ``blog`` domain's ``post_summaries``)."""
    return blog_data(env)["post_summaries"]


def _summarize_post(app: Sphinx, doctree: nodes.document) -> None:
    env = app.env
    infos = post_records(env, env.docname)
    if infos:
        post_summaries(env)[env.docname] = tuple(PostSummary.of(info) for info in infos)


def _start_build(app: Sphinx) -> None:
    if ablog.builder_support(app):
        build_state(app).generated_files = GeneratedFiles(app)


# -- Writing: which pages other posts' changes make stale ---------------------------


def _blog_state(app: Sphinx) -> BlogState:
    blog = registered_blog(app)
    sidebar = (
        tuple((post.docname, post.title) for post in blog.recent(SIDEBAR_RECENT_POSTS)),
        tuple(
            (catalog.docname, tuple((coll.docname, str(coll), len(coll)) for coll in catalog))
            for catalog in (blog.tags, blog.category, blog.author, blog.archive)
        ),
    )
    neighbours = {
        post.docname: tuple((other.docname, other.title) if other else None for other in (post.prev, post.next))
        for post in blog.posts
    }
    summaries = dict(post_summaries(app.env))
    targets = {docname: what_targets_are(app.env, docname) for docname in summaries}
    return BlogState(summaries, sidebar, neighbours, related_lists(app), series_lists(app), targets)


def pages_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Return the pages that show something of a post that changed (``env-get-updated``)."""
    if not ablog.builder_support(app):
        return []
    state = _blog_state(app)
    previous: BlogState | None = blog_data(env)["blog_state"]
    blog_data(env)["blog_state"] = state
    if previous is None:
        return sorted(env.found_docs)
    stale = {
        docname
        for docname in previous.neighbours.keys() | state.neighbours.keys()
        if previous.neighbours.get(docname) != state.neighbours.get(docname)
    }
    stale |= {docname for docname, related in state.related.items() if previous.related.get(docname) != related}
    # A part that joined, left or whose series changed.
    stale |= {
        docname
        for docname in previous.series.keys() | state.series.keys()
        if previous.series.get(docname) != state.series.get(docname)
    }
    if previous.summaries != state.summaries or previous.targets != state.targets:
        stale.add(app.config.root_doc)
    if previous.sidebar != state.sidebar:
        # Every page shows the sidebar: _sidebar_refresh gives its new HTML to the pages it can.
        stale |= pages_to_render(app, env, previous.sidebar, state.sidebar, stale)
    return sorted(stale & env.found_docs)


# -- Generated files: listing pages and feeds ---------------------------------------


def made_with(app: Sphinx) -> tuple:
    """What every page is made with besides the posts: the configuration, templates, local
    extensions, translations and the extensions' versions; worked out once per build, for the
    fingerprints of generated files and for ``_sidebar_refresh``."""
    state = build_state(app)
    if state.made_with is None:
        state.made_with = _work_out_made_with(app)
    return state.made_with


def _work_out_made_with(app: Sphinx) -> tuple:
    srcdir = Path(app.srcdir)
    # The blog's own modules, found by their paths' text: a Path of each of the build's thousand
    # modules costs 0.1 s. The installed packages (a virtual environment may sit in the blog's
    # folder) count by their folder, which every installation or removal changes.
    installed = f"{sysconfig.get_paths()['purelib']}{os.sep}"
    machinery = f"{PACKAGE}{os.sep}"
    local_modules = sorted(
        (name, os.stat(module.__file__).st_mtime_ns)
        for name, module in list(sys.modules.items())
        if isinstance(getattr(module, "__file__", None), str)
        and module.__file__.startswith(f"{srcdir}{os.sep}")
        and not module.__file__.startswith((installed, machinery))
    )
    if not machinery.startswith(installed):
        local_modules += _machinery_modules()
    catalogs = sorted(
        (str(path), path.stat().st_mtime_ns)
        for folder, pattern in [*((srcdir / d, "*.mo") for d in app.config.locale_dirs), (LOCALE_DIR, "*.po")]
        for path in folder.rglob(pattern)
    )
    templates = app.builder.templates.newest_template_mtime() if app.builder.templates else 0
    build_info = app.builder.build_info
    versions = sorted((name, str(extension.version)) for name, extension in app.extensions.items())
    packages = os.stat(installed).st_mtime_ns
    return (build_info.config_hash, build_info.tags_hash, templates, local_modules, packages, catalogs, versions)


def _machinery_modules() -> list[tuple[str, int]]:
    """Return each module file of the machinery (an editable install may change under it), loaded
    or not: the schema is imported only when a post is read again."""
    return sorted(
        (os.path.join(folder, name), os.stat(os.path.join(folder, name)).st_mtime_ns)
        for folder, _, names in os.walk(PACKAGE)
        for name in names
        if name.endswith(".py")
    )


class GeneratedFiles:
    """The fingerprints of the files the previous build generated, and of this build's."""

    def __init__(self, app: Sphinx) -> None:
        self.outdir = Path(app.outdir)
        self.path = Path(app.doctreedir) / FINGERPRINTS_FILE
        try:
            self.previous: dict[str, tuple[str, str] | str] = pickle.loads(self.path.read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError):
            self.previous = {}
        # A build that stops half way must not leave fingerprints of files it did not write,
        # but the next build must still know which files to remove: it finds them, unfingerprinted.
        self.path.write_bytes(pickle.dumps(dict.fromkeys(self.previous, "")))
        #: Each file's fingerprints: of all it depends on, and of all but the sidebar.
        self.current: dict[str, tuple[str, str]] = {}
        #: The two fingerprints' start: what every file depends on, with and without the sidebar.
        self.contexts = (hashlib.sha256(b"\n"), hashlib.sha256(b"\n"))
        #: Each post's summary as the inputs of generated files show it (a digest), worked out once per build.
        self.summary_texts: dict[str, str] = {}

    def set_context(self, app: Sphinx) -> None:
        """Fingerprint what every generated file depends on besides its own posts."""
        # The sidebar's menu of pages (blog_menu) is in the page's context, the rest of the sidebar apart.
        page = (*made_with(app), current_menu(app.env))
        contexts = (repr((*page, blog_data(app.env)["blog_state"].sidebar)), repr(page))
        self.contexts = tuple(hashlib.sha256(f"{context}\n".encode()) for context in contexts)

    def is_unchanged(self, path: str, inputs: object) -> bool:
        """Record the fingerprint of file *path* (relative to the output) made from *inputs*;
        return whether the file is there and was made from the same inputs."""
        text = repr(inputs).encode()
        fingerprints = tuple(_digest(context, text) for context in self.contexts)
        self.current[path] = fingerprints
        return self.previous.get(path) == fingerprints and os.path.isfile(os.path.join(self.outdir, path))

    def summary_text(self, summaries: dict[str, tuple[PostSummary, ...]], docname: str) -> str:
        """Return the digest of the ``repr`` of the summary of *docname*'s posts, worked out once per
        build: a post is in about ten listings, whose inputs are then short to write out and hash."""
        text = self.summary_texts.get(docname)
        if text is None:
            text = self.summary_texts[docname] = hashlib.sha256(repr(summaries.get(docname)).encode()).hexdigest()
        return text

    def only_the_sidebar_changed(self, path: str) -> bool:
        """Whether file *path*, just fingerprinted, is there and was made from the same inputs but the sidebar."""
        previous = self.previous.get(path)
        return (
            isinstance(previous, tuple)
            and previous[1] == self.current[path][1]
            and os.path.isfile(os.path.join(self.outdir, path))
        )

    def save(self, documents: set[str]) -> None:
        """Remove the files no longer generated but for the pages of *documents*, and keep the fingerprints."""
        for path in sorted(self.previous.keys() - self.current.keys() - documents):
            remove_output_file(self.outdir, path)
        self.path.write_bytes(pickle.dumps(self.current))


def _digest(context, text: bytes) -> str:
    """Return the fingerprint of *text* after *context*, the hash of what every file depends on."""
    fingerprint = context.copy()
    fingerprint.update(text)
    return fingerprint.hexdigest()


def is_unchanged(app: Sphinx, path: str, inputs: object) -> bool:
    """Whether generated file *path* may be left as it is: same *inputs*, same context, still there.

    *inputs* is what the file shows besides the sidebar and the site's
    configuration, templates and code, with a ``repr`` that changes when it does.
    """
    files = build_state(app).generated_files
    if files.is_unchanged(path, inputs):
        return True
    # The same file but its sidebar: _sidebar_refresh may give it the new sidebar's HTML.
    return files.only_the_sidebar_changed(path) and refresh_generated_page(app, path)


def post_inputs(app: Sphinx, posts, *, full_text: bool = False) -> tuple:
    """Return what a listing (or with *full_text*, a feed) shows of *posts*, for :func:`is_unchanged`."""
    summaries, read_times = post_summaries(app.env), app.env.all_docs
    summary_text = partial(build_state(app).generated_files.summary_text, summaries)
    # A reference's link shows its target's title, found when the page is written (_reference_targets).
    targets = blog_data(app.env)["blog_state"].targets
    if full_text:
        return tuple(
            (post.docname, summary_text(post.docname), read_times.get(post.docname), targets.get(post.docname))
            for post in posts
        )
    return tuple((post.docname, summary_text(post.docname), targets.get(post.docname)) for post in posts)


def _drop_vanished_words(app: Sphinx) -> None:
    """Remove from the search index the words no page has any more.

    Sphinx (9.0) prunes the pages it writes again from the index it loads
    from the previous build, but keeps their words that no page now has, with
    an empty list of pages: ``searchindex.js`` then differs from a clean build's.
    """
    indexer = getattr(app.builder, "indexer", None)
    if indexer is None:
        return
    drop_vanished_words(indexer)


def _generate_pages(app: Sphinx) -> Iterator[tuple[str, dict, str]]:
    """Fingerprint the context of generated files, tidy the search index, and return the pages
    the listeners of ``blog-generated-pages`` generate (``html-collect-pages``)."""
    if ablog.builder_support(app):
        build_state(app).generated_files.set_context(app)
    _drop_vanished_words(app)
    return itertools.chain.from_iterable(app.emit("blog-generated-pages"))


def _finish_build(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or not ablog.builder_support(app):
        return
    generated_files = build_state(app).generated_files
    # A document may now stand where a generated page was (pages/404.md where sphinx-notfound-page wrote it).
    generated_files.save({app.builder.get_target_uri(docname) for docname in app.env.found_docs})
    app.emit("blog-generated-files-saved", generated_files)


def setup(app: Sphinx) -> dict:
    app.setup_extension("sphinx_blog_fr._state")
    app.setup_extension("sphinx_blog_fr._domain")
    app.setup_extension("sphinx_blog_fr._parallel")
    app.setup_extension("sphinx_blog_fr._updated_dates")
    app.setup_extension("sphinx_blog_fr._sidebar_refresh")
    app.add_event("blog-generated-pages")
    app.add_event("blog-generated-files-saved")
    app.connect("builder-inited", _start_build)
    app.connect("blog-post-complete", _summarize_post)
    app.connect("env-get-updated", pages_to_rewrite)
    app.connect("html-collect-pages", _generate_pages)
    # Before sphinx-sitemap writes sitemap.xml (its create_sitemap, priority 500): _sitemap
    # queues this build's pages for it in blog-generated-files-saved, emitted here.
    app.connect("build-finished", _finish_build, priority=400)
    # PostSummary and BlogState are pickled in the environment (the blog domain): a change of
    # their fields must change this number, so that an environment pickled before is discarded.
    # BlogState is pickled in the blog domain: a change of its shape must change this number.
    return {"env_version": 2, "parallel_read_safe": True, "parallel_write_safe": True}
