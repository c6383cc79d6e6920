"""Paginated listings of posts with their excerpts, in the theme's own layout.

ABlog writes one archive page per tag, category, author and year, never
paginated, with templates that break Furo (every page renders as Furo's
"inheriting from layout.html" error page), dates from ``strftime`` and
invalid HTML (a paragraph inside a paragraph for each excerpt). This
extension replaces ABlog's archive pages with its own:

* the home page (the master document) lists the latest posts below its text;
* ``blog.html`` lists all posts; ``blog/tag/<slug>.html``,
  ``blog/category/<slug>.html``, ``blog/author/<slug>.html``,
  ``blog/<year>.html`` and ``blog/<year>/<month>.html`` list theirs;
* every listing is cut into pages of ``blog_posts_per_page`` posts:
  ``<listing>/page/2.html``, linked as « Articles plus anciens » and
  « Articles plus récents »;
* ``blog/tag.html``, ``blog/category.html``, ``blog/author.html`` and
  ``blog/archive.html`` index the listings, with their counts;
* a post whose front matter has a ``description`` (a hand-written summary,
  such as a WordPress excerpt) shows it as its excerpt, in the listings and
  also in the feeds and the OpenGraph description, which read the same
  excerpt, instead of its first paragraphs.

Pages keep ABlog's addresses, so ABlog's reference labels (``tag-numerique``)
still resolve. Each page goes through the theme's ``page.html``; the
templates ``blog/listing.html`` and ``blog/catalog.html`` fill its content.

Labels and titles are the author's or an export's text, never markup: a
listing's title is HTML as Sphinx's page titles are (``Markup``, its label
escaped and the « de » before it elided by ``_elision.insert_label``:
« Articles d’octobre 2017 »), its label is plain text that the templates
escape, and each excerpt is the HTML Sphinx wrote, handed over as ``Markup``.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import groupby

import ablog
from ablog.blog import Blog, Post
from docutils import nodes
from markupsafe import Markup
from sphinx import addnodes
from sphinx.application import Sphinx

from sphinx_blog_fr._dates import format_month
from sphinx_blog_fr._elision import insert_label
from sphinx_blog_fr._feeds import feed_path
from sphinx_blog_fr._fragments import render_fragment
from sphinx_blog_fr._i18n import gettext as _
from sphinx_blog_fr._incremental import is_unchanged, post_inputs
from sphinx_blog_fr._state import build_state
from sphinx_blog_fr.compat.ablog import disconnect_archive_pages, registered_blog, replace_excerpt


@dataclass
class Listing:
    """An ordered list of posts shown on one or more pages, newest first."""

    docname: str
    #: HTML, like the titles Sphinx gives its pages: « Articles étiquetés « C++ &amp; … » ».
    title: Markup
    posts: list[Post]
    feed: str | None = None
    #: The short name an index shows: the tag, the category, « 2017 », « novembre 2017 ».
    label: str = ""

    def page_docname(self, number: int) -> str:
        """Return the docname of page *number* (1 is the listing's own address)."""
        return self.docname if number == 1 else f"{self.docname}/page/{number}"

    def pages(self, per_page: int) -> Iterator[tuple[int, list[Post]]]:
        """Yield each page number with its posts."""
        for start in range(0, max(len(self.posts), 1), per_page):
            yield start // per_page + 1, self.posts[start : start + per_page]

    def page_count(self, per_page: int) -> int:
        return max(1, -(-len(self.posts) // per_page))


@dataclass
class Catalog:
    """An index page: the listings of one kind (tags, categories, …) with their counts."""

    docname: str
    title: Markup
    groups: list[tuple[str, list[Listing]]] = field(default_factory=list)

    def shown(self) -> tuple:
        """What the index page shows (``blog/catalog.html``), for :func:`is_unchanged`."""

        def entry(listing: Listing | str) -> tuple | str:
            return listing and (listing.docname, listing.label, len(listing.posts))

        return self.title, tuple((entry(group), tuple(map(entry, listings))) for group, listings in self.groups)


def _feed_of(path: str, blog: Blog) -> str | None:
    """Return the feed of the listing at *path*; feeds need absolute URLs, so a base URL."""
    return feed_path(path) if blog.blog_baseurl else None


def _month_listing(app: Sphinx, year_docname: str, month: date, posts: list[Post]) -> Listing:
    name = format_month(month, app.config)
    return Listing(f"{year_docname}/{month:%m}", insert_label(_("Posts of %s"), name), posts, label=name)


def collect_listings(app: Sphinx) -> tuple[list[Listing], list[Catalog]]:
    """Return every listing of the blog and the index pages that list them."""
    blog = Blog(app)
    listings = [Listing(blog.posts.docname, Markup(_("All posts")), list(blog.posts), _feed_of(blog.blog_path, blog))]
    catalogs = []
    # Tags and categories have their own feeds (blog_feeds); authors share the site's.
    for catalog, heading, index_title, has_feed in (
        (blog.tags, _("Posts tagged “%s”"), Markup(_("Tags")), True),
        (blog.category, _("Posts in the category “%s”"), Markup(_("Categories")), True),
        (blog.author, _("Posts by %s"), Markup(_("Authors")), False),
    ):
        kind = [
            Listing(
                coll.docname,
                insert_label(heading, coll.name),
                list(coll),
                _feed_of(coll.path, blog) if has_feed else None,
                str(coll.name),
            )
            for coll in sorted(catalog, key=lambda coll: coll.docname)
            if len(coll)
        ]
        listings.extend(kind)
        if kind:
            catalogs.append(Catalog(catalog.docname, index_title, [("", kind)]))
    archive = Catalog(blog.archive.docname, Markup(_("Archives")))
    for year in blog.archive:
        if not len(year):
            continue
        year_listing = Listing(
            year.docname, insert_label(_("Posts of %s"), year.name), list(year), label=str(year.name)
        )
        months = [
            _month_listing(app, year.docname, date(year.name, month, 1), list(posts))
            for month, posts in groupby(year_listing.posts, key=lambda post: post.date.month)
        ]
        listings.append(year_listing)
        listings.extend(months)
        archive.groups.append((year_listing, months))
    if archive.groups:
        catalogs.append(archive)
    return listings, catalogs


def _is_page_relative(node: nodes.Node) -> bool:
    """Whether *node* renders as a link or a path relative to the page that shows it."""
    if isinstance(node, nodes.reference):
        refuri = node.get("refuri", "")
        return bool(refuri) and not refuri.startswith(("#", "/", "mailto:")) and "://" not in refuri
    return isinstance(node, (addnodes.pending_xref, addnodes.download_reference, nodes.image))


def _excerpt_depends_on(app: Sphinx, post: Post) -> str:
    """Return what the HTML of *post*'s excerpt depends on: ``"site"``, ``"folder"`` or ``"page"``.

    An image or a download is a path from the page's folder (the builder's
    ``imgpath`` and ``dlpath``); a reference may point at the page itself
    (``#label``). Found once per post and build.
    """
    key = ("excerpt-depends-on", post.docname)
    fragments = build_state(app).fragments
    if key not in fragments:
        relative = [found for node in post.excerpt for found in node.findall(_is_page_relative)]
        folder_only = all(isinstance(node, (addnodes.download_reference, nodes.image)) for node in relative)
        fragments[key] = "page" if not folder_only else "folder" if relative else "site"
    return fragments[key]


def render_excerpt(app: Sphinx, post: Post, docname: str) -> Markup:
    """Return the HTML of *post*'s excerpt, its links relative to page *docname*.

    A post is listed on about ten pages (all posts, each of its tags, its
    category, author, year and month). Its excerpt is rendered once per build
    for all of them, once per folder if it shows an image or a download, once
    per page if it has a relative link.
    """
    depends_on = _excerpt_depends_on(app, post)
    if depends_on == "folder":
        shown_from = posixpath.dirname(app.builder.get_target_uri(docname))
    else:
        shown_from = docname if depends_on == "page" else None
    key = ("excerpt", post.docname, depends_on, shown_from)
    # Its images at the addresses of the post's page, though the page may be written after this listing.
    return Markup(render_fragment(app, key, post.excerpt, docname, images_as_on_post_page=True))


def use_description_as_excerpt(app: Sphinx, doctree: nodes.document) -> None:
    """Make a post's ``description`` its excerpt, the one every listing shows."""
    description = str(app.env.metadata.get(app.env.docname, {}).get("description") or "").strip()
    if description:
        replace_excerpt(app.env, app.env.docname, lambda: [nodes.paragraph(description, description)])


def listing_context(app: Sphinx, listing: Listing, number: int, docname: str, *, heading: bool) -> dict:
    """Return what ``blog/listing.html`` needs to show page *number* of *listing* at *docname*."""
    per_page = app.config.blog_posts_per_page
    posts = list(listing.pages(per_page))[number - 1][1]
    count = listing.page_count(per_page)
    return {
        "heading": listing.title if heading else None,
        "page": number,
        "page_count": count,
        "newer": listing.page_docname(number - 1) if number > 1 else None,
        "older": listing.page_docname(number + 1) if number < count else None,
        "feed": listing.feed,
        "entries": [{"post": post, "excerpt": render_excerpt(app, post, docname)} for post in posts],
    }


def _page_title(listing: Listing, number: int) -> Markup:
    if number == 1:
        return listing.title
    return Markup(_("%(title)s – page %(number)d")) % {"title": listing.title, "number": number}


def generate_listing_pages(app: Sphinx) -> Iterator[tuple[str, dict, str]]:
    """Yield every listing page and index page (the ``blog-generated-pages`` event)."""
    if not ablog.builder_support(app):
        return
    registered_blog(app)
    listings, catalogs = collect_listings(app)
    per_page = app.config.blog_posts_per_page
    for listing in listings:
        for number, posts in listing.pages(per_page):
            docname = listing.page_docname(number)
            shown = (listing.title, number, listing.page_count(per_page), listing.feed, post_inputs(app, posts))
            if is_unchanged(app, app.builder.get_target_uri(docname), shown):
                continue
            context = listing_context(app, listing, number, docname, heading=True)
            yield docname, {"title": _page_title(listing, number), "body": "", "blog_listing": context}, "page.html"
    for catalog in catalogs:
        if is_unchanged(app, app.builder.get_target_uri(catalog.docname), catalog.shown()):
            continue
        yield catalog.docname, {"title": catalog.title, "body": "", "blog_catalog": catalog}, "page.html"


def add_home_listing(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Show the first page of all posts below the home page's own text."""
    if pagename != app.config.root_doc or not ablog.builder_support(app):
        return
    blog = Blog(app)
    home = Listing(blog.posts.docname, Markup(_("All posts")), list(blog.posts), _feed_of(blog.blog_path, blog))
    context["blog_listing"] = listing_context(app, home, 1, pagename, heading=False)


def setup(app: Sphinx) -> dict:
    app.setup_extension("ablog")
    app.setup_extension("sphinx_blog_fr._dates")
    app.setup_extension("sphinx_blog_fr._incremental")
    app.setup_extension("sphinx_blog_fr._fragments")
    app.add_config_value("blog_posts_per_page", 10, "html", types=[int])
    # ABlog's own archive pages, which these listings replace.
    disconnect_archive_pages(app)
    app.connect("blog-post-recorded", use_description_as_excerpt)
    app.connect("blog-generated-pages", generate_listing_pages)
    app.connect("html-page-context", add_home_listing)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
