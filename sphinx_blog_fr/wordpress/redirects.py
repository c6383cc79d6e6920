"""The old WordPress addresses and the new pages they must reach.

A static host serves ``/2017/11/10/old-slug/`` from the file
``2017/11/10/old-slug/index.html``; sphinx-reredirects writes such a file,
redirecting to the new page, for each entry of its ``redirects`` setting
(source docname → target). This module computes those entries and writes
them, with the ``?p=ID`` and ``?page_id=ID`` tables that only a script on
the home page can serve, to ``redirects.json``, which
``sphinx_blog_fr._wordpress_redirects`` loads at build time. A later import (the
second file of a split export) merges its entries into the file
(:func:`merged_redirects`).

Targets start with ``/`` (the site root); sphinx-reredirects makes them
relative to each source, so the site works under any base path.

An old address is export data, so it is never trusted as a path: one that
would leave the output folder (a ``..`` segment, a backslash, a control
character) or replace a page the blog writes itself (the home page, an
imported post or page, a listing, the search or 404 page) gets no redirect,
and a line of the report says why.
"""

import json
import re
import unicodedata
from dataclasses import dataclass, field
from urllib.parse import quote, unquote, urlsplit

from sphinx_blog_fr._slugs import slugify

REDIRECTS_FILE = "redirects.json"
FEED_TARGET = "/blog/atom.xml"
_FEED_PATHS = ["feed", "feed/atom", "feed/rss", "feed/rss2", "feed/rdf"]
_WILDCARDS = re.compile(r"[*?\[\]]")
_UNSAFE_CHARACTERS = re.compile(r"[\\\x00-\x1f\x7f]")
#: How many posts a WordPress listing page shows when its settings are unknown (Réglages → Lecture,
#: « Les pages du site doivent afficher au plus » : 10 by default); an export does not carry it.
WORDPRESS_POSTS_PER_PAGE = 10
_BASE = re.compile(r"[a-z0-9_-]+(?:/[a-z0-9_-]+)*")
# The pages the blog's own extensions write (blog_listings' listings and their
# pages, Sphinx's index and search, the 404 page), as docnames.
_BLOG_PAGES = re.compile(
    r"(?:index|genindex|search|404|blog(?:/(?:tag|category|author)(?:/[^/]+)?|/archive|/\d{4}(?:/\d{2})?)?)"
    r"(?:/page/\d+)?"
)


@dataclass
class Redirects:
    """Old docnames → new targets, and the query-string tables for the home page."""

    site_path: str
    #: The docnames of the pages this import writes: no old address may replace them.
    documents: set[str] = field(default_factory=set)
    pages: dict[str, str] = field(default_factory=dict)
    post_ids: dict[str, str] = field(default_factory=dict)
    page_ids: dict[str, str] = field(default_factory=dict)
    #: One line of the report for each old address that gets no redirect, with the reason.
    refused: list[str] = field(default_factory=list)

    def add_url(self, old_url: str, target: str) -> None:
        """Redirect the path of *old_url* (on the old site) to *target*; query-only addresses are left to the ids."""
        docname = self.docname_of(old_url)
        if docname is None:
            return
        reason = self._refusal(docname)
        if reason:
            self.refused.append(f"adresse non redirigée ({reason}) : {old_url}")
            return
        self.pages.setdefault(docname, target)

    def _refusal(self, docname: str) -> str:
        """Why *docname* cannot be a redirect page, or ``""`` when it can."""
        if _WILDCARDS.search(docname):
            return "caractères spéciaux"
        if _UNSAFE_CHARACTERS.search(docname) or ".." in docname.split("/"):
            return "elle sortirait du dossier du site"
        if docname in self.documents or _BLOG_PAGES.fullmatch(docname):
            return f"elle remplacerait la page {docname}.html du blog"
        return ""

    def add_path(self, old_path: str, target: str) -> None:
        """Redirect a path given relative to the old site's root, such as ``category/x/``."""
        self.add_url(f"{self.site_path}/{old_path.strip('/')}/", target)

    def add_ids(self, post_id: int, target: str, is_page: bool) -> None:
        """Serve ``/?p=ID`` (and ``/?page_id=ID`` for a page) from the home page's script;
        an item without ID (0: the export has no ``wp:post_id``) has no such address."""
        if post_id <= 0:
            return
        relative = target.lstrip("/")
        self.post_ids[str(post_id)] = relative
        if is_page:
            self.page_ids[str(post_id)] = relative

    def add_feeds(self) -> None:
        """Send the old feed addresses to the Atom feed."""
        for path in _FEED_PATHS:
            self.add_path(path, FEED_TARGET)

    def docname_of(self, old_url: str) -> str | None:
        """The docname whose HTML file a static server would serve for *old_url*, None for the home page."""
        path = unquote(urlsplit(old_url).path)
        if not path.startswith(self.site_path):
            return None
        path = "/".join(segment for segment in path[len(self.site_path) :].split("/") if segment not in ("", "."))
        if not path:
            return None
        if path.endswith(".html"):
            return path.removesuffix(".html")
        return f"{path}/index"

    def to_json(self) -> str:
        """The content of ``redirects.json``, sorted so that re-imports give identical files."""
        data = {
            "pages": dict(sorted(self.pages.items())),
            "query": {"p": _sorted_ids(self.post_ids), "page_id": _sorted_ids(self.page_ids)},
        }
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def merged_redirects(previous: str, new: str, documents: set[str]) -> str:
    """The ``redirects.json`` of a second export (WordPress splits big sites into several files) merged
    into the first's: the new entries win, and an old address that is now a page of the blog is dropped."""
    try:
        old = json.loads(previous)
        pages, query = dict(old.get("pages", {})), old.get("query", {})
        old_ids = {key: dict(query.get(key, {})) for key in ("p", "page_id")}
    except (ValueError, AttributeError, TypeError):
        return new
    data = json.loads(new)
    pages = {docname: target for docname, target in pages.items() if docname not in documents} | data["pages"]
    ids = {key: old_ids[key] | data["query"][key] for key in ("p", "page_id")}
    merged = {"pages": dict(sorted(pages.items())), "query": {key: _sorted_ids(value) for key, value in ids.items()}}
    return json.dumps(merged, ensure_ascii=False, indent=2) + "\n"


def site_path_of(site_url: str) -> str:
    """The path of the old blog inside its domain: ``""`` at the root, ``/blog`` for ``https://x.org/blog/``."""
    return urlsplit(site_url).path.rstrip("/")


def listing_target(kind: str, name: str) -> str:
    """The new listing page of a tag, category or author named *name*."""
    return f"/blog/{kind}/{slugify(name)}.html"


@dataclass(frozen=True)
class TermBases:
    """The first segment of WordPress's category and tag addresses (Réglages → Permaliens, « Préfixe
    des catégories / des étiquettes »): ``category`` and ``tag`` unless the blog changed them.
    An export does not carry them, so ``make import`` takes them as ``CATEGORY_BASE`` and ``TAG_BASE``."""

    category: str = "category"
    tag: str = "tag"


def is_term_base(base: str) -> bool:
    """Whether *base* can be a category or tag prefix: lower-case segments of letters, digits, ``-``, ``_``."""
    return bool(_BASE.fullmatch(base))


def wordpress_nicename(login: str) -> str:
    """The ``user_nicename`` WordPress gives an author, which names their page ``/author/<nicename>/``:
    ``sanitize_title`` of the login's first 50 characters (``wp_insert_user``), as percent-encoded text.

    ``sanitize_title_with_dashes`` lower-cases, replaces ``.`` and spaces by ``-``, keeps ``_``,
    drops ``@`` and every other sign, percent-encodes what is not ASCII; ``remove_accents`` runs
    first (here: the accents of Latin letters dropped).
    """
    text = "".join(c for c in unicodedata.normalize("NFKD", login[:50]) if not unicodedata.combining(c))
    text = "".join(c if c.isascii() else quote(c) for c in text.lower()).lower().replace(".", "-")
    text = re.sub(r"\s+", "-", re.sub(r"[^%a-z0-9\s_-]", "", text))
    return re.sub(r"-+", "-", text).strip("-")


def page_paths(old_path: str, target: str, posts: int, per_page: int) -> list[tuple[str, str]]:
    """The old pages 2, 3… of a WordPress listing at *old_path* (``category/x/page/2/``) holding
    *posts* posts, each with the page of the blog's listing at *target* that shows its first post.

    WordPress's page size is not in the export: :data:`WORDPRESS_POSTS_PER_PAGE` is assumed;
    the blog's is ``blog_posts_per_page`` (*per_page*).
    """
    last = -(-posts // WORDPRESS_POSTS_PER_PAGE)
    pages = []
    for number in range(2, last + 1):
        blog_page = (number - 1) * WORDPRESS_POSTS_PER_PAGE // per_page + 1
        paged = target if blog_page == 1 else f"{target.removesuffix('.html')}/page/{blog_page}.html"
        pages.append((f"{old_path.strip('/')}/page/{number}/".lstrip("/"), paged))
    return pages


def category_paths(slug: str, parents: dict[str, str], base: str = "category") -> list[str]:
    """The old addresses of a category: ``category/parent/child/`` and the short ``category/child/``."""
    chain, current, seen = [slug], parents.get(slug, ""), {slug}
    while current and current not in seen:
        chain.insert(0, current)
        seen.add(current)
        current = parents.get(current, "")
    paths = [f"{base}/{'/'.join(chain)}/"]
    if len(chain) > 1:
        paths.append(f"{base}/{slug}/")
    return paths


def _sorted_ids(ids: dict[str, str]) -> dict[str, str]:
    """Ids in numeric order."""
    return dict(sorted(ids.items(), key=lambda entry: int(entry[0])))
