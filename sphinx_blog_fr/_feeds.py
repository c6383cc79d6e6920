"""The feeds of the whole blog (Atom and RSS 2.0), of each tag and of each category (Atom), the same on every machine.

ABlog's feeds take their times from the build machine's time zone
(``astimezone()``), stamp the feed with the time of the build, title them in
English (« Posts tagged »), and leave the links inside each post relative to
the feed's folder, where feed readers cannot follow them. This extension
replaces them:

* ``blog/atom.xml`` carries the latest ``blog_feed_length`` posts (all when
  unset) in full; ``blog/tag/<slug>/atom.xml`` and
  ``blog/category/<slug>/atom.xml`` carry those of one tag or category, each
  by its summary (:func:`summary_html`: its excerpt as the listings show it,
  then a link to the post), as Hugo's term feeds and WordPress's « Extrait »
  setting do: a reader who follows several tags does not get each post's whole
  text several times, and at 1,000 posts the 96 files weigh 1.7 MB, not 6.9 MB;
* ``blog/rss.xml`` carries the blog's feed's posts in RSS 2.0, which some
  services still expect; a tag's or a category's feed is in Atom only, which
  every feed reader reads (WordPress's old feed addresses, RSS ones included,
  redirect to Atom too): an RSS copy beside each would double them, 0.8 MB at
  1,000 posts (:func:`feed_path` is the one rule for their paths);
* :func:`site_feeds` lists them, for the ``<head>`` links and the
  subscribe page (``blog_subscribe``);
* each feed states the content licence (``blog_content_license``) in its
  Atom ``<rights>`` and RSS ``<copyright>``;
* titles are the listing's own French titles;
* every time is on the blog's clock (``blog_timezone``), and the feed's
  ``updated`` is its newest post's, so two builds of one commit are identical;
* every link and image inside a post or a summary is an absolute URL under ``blog_baseurl``;
  the feed's and the entries' own addresses are percent-encoded;
* titles, labels and names are text, which feedgen escapes; the ``<head>``
  link to a listing's feed gets its title as text, for the template to escape.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

import ablog
from ablog.blog import Blog, Post
from feedgen.feed import FeedGenerator
from markupsafe import Markup
from sphinx.application import Sphinx

from sphinx_blog_fr._baseurl import percent_encoded
from sphinx_blog_fr._dates import localize
from sphinx_blog_fr._detached_posts import post_text
from sphinx_blog_fr._elision import insert_label
from sphinx_blog_fr._fragments import plain_text, render_fragment
from sphinx_blog_fr._i18n import gettext as _
from sphinx_blog_fr._incremental import is_unchanged, post_inputs
from sphinx_blog_fr.compat.ablog import disconnect_feeds, registered_blog

_URL_ATTRIBUTE = re.compile(r'(?P<name>href|src)="(?P<url>[^"]*)"')
_RESPONSIVE_ATTRIBUTE = re.compile(r' (?:srcset|sizes)="[^"]*"')
_FIRST_HEADING = re.compile("<h1>(.*?)</h1>")


def absolute_url(app: Sphinx, docname: str) -> str:
    """Return the published address of page *docname*."""
    return percent_encoded(urljoin(app.config.blog_baseurl, app.builder.get_target_uri(docname)))


def _absolute_links(html: str, base: str) -> str:
    """Make every address absolute; drop responsive image choices, which feed readers do not need."""
    html = _RESPONSIVE_ATTRIBUTE.sub("", html)
    return _URL_ATTRIBUTE.sub(lambda match: f'{match["name"]}="{urljoin(base, match["url"])}"', html)


def post_html(app: Sphinx, post: Post) -> str:
    """Return *post*'s whole text but its title as HTML, as ABlog's ``Post.to_html(fulltext=True)`` does."""
    html = render_fragment(
        app,
        ("text", post.docname),
        post_text(app.env, post.docname),
        post.docname,
        images_as_on_post_page=True,
        permalinks=False,
    )
    return _FIRST_HEADING.sub("", html, count=1)


def summary_html(app: Sphinx, post: Post, url: str) -> str:
    """Return *post*'s excerpt as the listings show it, then a link to *url*, its address, as HTML with absolute links."""
    excerpt = render_fragment(
        app, ("summary", post.docname), post.excerpt, post.docname, images_as_on_post_page=True, permalinks=False
    )
    more = Markup('<p><a href="{}">{}</a></p>').format(url, _("Continue reading “%(title)s”") % {"title": post.title})
    return f"{_absolute_links(excerpt, url)}{more}"


def _add_entry(app: Sphinx, feed: FeedGenerator, post: Post, *, full_text: bool) -> None:
    """Add *post* to *feed*: in full (a plain-text summary, its HTML content), or by its HTML summary alone."""
    url = absolute_url(app, post.docname)
    entry = feed.add_entry(order="append")
    entry.id(url)
    entry.title(post.title)
    entry.link(href=url, rel="alternate")
    entry.published(localize(post.date, app.config))
    entry.updated(localize(post.update, app.config))
    for author in post.author:
        entry.author(name=author.name)
    for tag in post.tags:
        entry.category(term=tag.name, label=tag.name)
    if not full_text:
        # Atom's <summary type="html">, which is also RSS's <description>; no <content>.
        entry.summary(summary_html(app, post, url), type="html")
        return
    summary = plain_text(post.excerpt)
    if summary:
        entry.summary(summary)
    entry.content(_absolute_links(post_html(app, post), url), type="html")


#: The feed formats, by file name.
FEED_FORMATS = {"atom.xml": "application/atom+xml", "rss.xml": "application/rss+xml"}
#: The files of the whole blog's feed, in both formats.
SITE_FEED_FILES = ("atom.xml", "rss.xml")
#: The file of a tag's or a category's feed, in Atom alone.
TOPIC_FEED_FILES = ("atom.xml",)


def feed_path(listing_path: str, file_name: str = "atom.xml") -> str:
    """Return where the feed of the listing at *listing_path* (``blog``, ``blog/tag/cnfpt``) is written.

    *file_name* is one of :data:`FEED_FORMATS`: ``atom.xml``, or ``rss.xml`` for the whole blog's feed.
    """
    return posixpath.join(listing_path, file_name)


@dataclass(frozen=True)
class SiteFeed:
    """One feed of the blog: its title (text), its listing, the path of its Atom file, and its posts."""

    title: str
    listing_docname: str
    path: str
    posts: tuple[Post, ...]
    #: ``site`` (the whole blog), ``tag`` or ``category``.
    kind: str = "site"
    #: The tag's or category's name, "" for the whole blog's feed.
    label: str = ""

    @property
    def files(self) -> dict[str, str]:
        """The path of each of its files (its Atom one, and the blog's RSS 2.0 one beside it), by file name."""
        file_names = SITE_FEED_FILES if self.kind == "site" else TOPIC_FEED_FILES
        return {file_name: feed_path(posixpath.dirname(self.path), file_name) for file_name in file_names}

    @property
    def full_text(self) -> bool:
        """Whether its entries carry each post's whole text (the whole blog's feed) or its summary."""
        return self.kind == "site"


def site_feeds(app: Sphinx) -> list[SiteFeed]:
    """Return every feed of the blog: the whole blog's, then each tag's and each category's, by address."""
    blog = registered_blog(app)
    site = app.config.blog_title
    feeds = [SiteFeed(site, blog.posts.docname, feed_path(blog.blog_path), tuple(blog.posts))]
    for kind, catalog, heading in (
        ("tag", blog.tags, _("Posts tagged “%s”")),
        ("category", blog.category, _("Posts in the category “%s”")),
    ):
        for collection in sorted(catalog, key=lambda collection: collection.docname):
            if len(collection):
                # Text, which feedgen escapes: the label's escaping is undone.
                title = f"{site} – {insert_label(heading, collection.name).unescape()}"
                path = feed_path(collection.path)
                feeds.append(SiteFeed(title, collection.docname, path, tuple(collection), kind, str(collection.name)))
    return feeds


def _feed_generator(app: Sphinx, site_feed: SiteFeed, posts: list[Post]) -> FeedGenerator:
    feed_url = percent_encoded(urljoin(app.config.blog_baseurl, site_feed.path))
    feed = FeedGenerator()
    feed.id(feed_url)
    feed.title(site_feed.title)
    feed.link(href=absolute_url(app, site_feed.listing_docname), rel="alternate")
    feed.link(href=feed_url, rel="self")
    feed.language(app.config.language)
    if app.config.blog_feed_subtitle:
        feed.subtitle(app.config.blog_feed_subtitle)
    name, url = app.config.blog_content_license
    if name:
        feed.rights(f"{name} – {url}" if url else name)
    if posts:
        # Atom's <updated> and RSS's <lastBuildDate>: the newest post's, never the build's clock.
        feed.updated(max(localize(post.update, app.config) for post in posts))
    for post in posts:
        _add_entry(app, feed, post, full_text=site_feed.full_text)
    return feed


def write_feed(app: Sphinx, site_feed: SiteFeed) -> None:
    """Write the files of *site_feed* (paths relative to the output), newest posts first."""
    length = app.config.blog_feed_length
    posts = sorted(site_feed.posts, key=lambda post: post.date, reverse=True)[:length]
    inputs = (site_feed.title, site_feed.listing_docname, post_inputs(app, posts, full_text=site_feed.full_text))
    # Every file is fingerprinted, so that _incremental removes the ones no build writes any more.
    unchanged = [is_unchanged(app, path, inputs) for path in site_feed.files.values()]
    if all(unchanged):
        return
    feed = _feed_generator(app, site_feed, posts)
    target = Path(app.builder.outdir, site_feed.path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(feed.atom_str(pretty=True))
    if "rss.xml" in site_feed.files:
        _write_rss(app, site_feed, feed)


def _write_rss(app: Sphinx, site_feed: SiteFeed, feed: FeedGenerator) -> None:
    """Write *feed*, which holds *site_feed*'s posts, as RSS 2.0 beside its Atom file."""
    rss_path = site_feed.files["rss.xml"]
    # RSS 2.0 requires a description (feedgen's is also Atom's subtitle, hence set only now):
    # the subtitle, or the feed's title, which says what it holds.
    feed.description(app.config.blog_feed_subtitle or site_feed.title)
    # RSS's <link> is feedgen's last link (the listing) and its atom:link the first "self" one.
    rss_url = percent_encoded(urljoin(app.config.blog_baseurl, rss_path))
    listing_url = absolute_url(app, site_feed.listing_docname)
    feed.link([{"href": rss_url, "rel": "self"}, {"href": listing_url, "rel": "alternate"}], replace=True)
    Path(app.builder.outdir, rss_path).write_bytes(feed.rss_str(pretty=True))


def generate_feeds(app: Sphinx) -> list:
    """Write every feed (a ``blog-generated-pages`` listener that adds no page)."""
    if not ablog.builder_support(app) or not app.config.blog_baseurl:
        return []
    for site_feed in site_feeds(app):
        write_feed(app, site_feed)
    return []


def announce_feeds(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Give every page's ``<head>`` the blog's feed, in Atom and RSS, and a listing's own feed, in Atom (``blog_feeds``)."""
    if not ablog.builder_support(app) or not app.config.blog_baseurl:
        return
    site_feed = feed_path(Blog(app).blog_path)
    feeds = [(app.config.blog_title, site_feed, SITE_FEED_FILES)]
    listing = context.get("blog_listing")
    if listing and listing.get("feed") and listing["feed"] != site_feed:
        # A tag's or a category's listing: its title is HTML without tags, its label
        # escaped (_listings); the template escapes text.
        feeds.append((Markup(context.get("title", "")).unescape(), listing["feed"], TOPIC_FEED_FILES))
    # (title, path, media type), for page.html's <link rel="alternate">.
    context["blog_feeds"] = [
        (title, feed_path(posixpath.dirname(path), file_name), FEED_FORMATS[file_name])
        for title, path, file_names in feeds
        for file_name in file_names
    ]


def setup(app: Sphinx) -> dict:
    app.setup_extension("ablog")
    app.setup_extension("sphinx_blog_fr._baseurl")
    app.setup_extension("sphinx_blog_fr._dates")
    app.setup_extension("sphinx_blog_fr._incremental")
    app.setup_extension("sphinx_blog_fr._content_license")
    app.setup_extension("sphinx_blog_fr._fragments")
    disconnect_feeds(app)
    app.connect("blog-generated-pages", generate_feeds)
    # A listing page's feed is in the context _listings generates the page with; the home
    # page's listing (added at html-page-context) has the blog's feed, which every page announces.
    app.connect("html-page-context", announce_feeds)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
