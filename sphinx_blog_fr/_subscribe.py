"""A « S’abonner » page that lists every feed of the blog, linked from the sidebar and the footer.

Browsers no longer show the ``<link rel="alternate">`` feeds of a page, so a
reader could not find how to follow the blog. This extension writes
``blog/abonnement.html``: what a feed is, in plain French, then the whole
blog's feed, in Atom and RSS 2.0, and each tag's and category's, in Atom,
with its full address to copy into a feed reader. The list is ``blog_feeds``'
own (:func:`blog_feeds.site_feeds`), so the page names exactly the files
written.

The page is rewritten when what it shows changed (``_incremental``'s
fingerprints: the feeds, their posts' counts, the configuration, the
sidebar…), so an incremental build leaves it as a clean one writes it; every page gets
``blog_subscribe_page`` (its docname) for the sidebar's and the footer's
links. Labels are text, escaped by the template.
"""

from __future__ import annotations

from urllib.parse import urljoin

import ablog
from markupsafe import Markup
from sphinx.application import Sphinx

from sphinx_blog_fr._baseurl import percent_encoded
from sphinx_blog_fr._feeds import FEED_FORMATS, SiteFeed, site_feeds
from sphinx_blog_fr._incremental import is_unchanged

#: The subscribe page's docname.
SUBSCRIBE_DOCNAME = "blog/abonnement"
SUBSCRIBE_TITLE = "S’abonner"
_FORMAT_NAMES = {"atom.xml": "Atom", "rss.xml": "RSS 2.0"}


def _feed_entry(app: Sphinx, site_feed: SiteFeed) -> dict:
    """Return what the page shows of *site_feed*: its label, listing, post count, and each of its files."""
    return {
        "kind": site_feed.kind,
        "label": site_feed.label or app.config.blog_title,
        "listing": site_feed.listing_docname,
        "count": len(site_feed.posts),
        "formats": [
            {
                "name": _FORMAT_NAMES[file_name],
                "type": FEED_FORMATS[file_name],
                "path": path,
                "url": percent_encoded(urljoin(app.config.blog_baseurl, path)),
            }
            for file_name, path in site_feed.files.items()
        ],
    }


def generate_subscribe_page(app: Sphinx) -> list:
    """Yield the subscribe page (``blog-generated-pages``) if it changed; none without feeds (no base URL)."""
    if not ablog.builder_support(app) or not app.config.blog_baseurl:
        return []
    entries = [_feed_entry(app, site_feed) for site_feed in site_feeds(app)]
    context = {
        "title": Markup.escape(SUBSCRIBE_TITLE),
        "body": "",
        "blog_subscribe": {
            "length": app.config.blog_feed_length,
            "groups": [
                (heading, [entry for entry in entries if entry["kind"] == kind])
                for kind, heading in (("site", "Tout le blog"), ("tag", "Par étiquette"), ("category", "Par catégorie"))
            ],
        },
        "blog_page_description": "Suivre le blog dans un lecteur de flux : les flux Atom et RSS du blog, "
        "le flux Atom de chaque étiquette et de chaque catégorie.",
    }
    if is_unchanged(app, app.builder.get_target_uri(SUBSCRIBE_DOCNAME), context):
        return []
    return [(SUBSCRIBE_DOCNAME, context, "page.html")]


def link_subscribe_page(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Give every page the subscribe page's docname, for the sidebar and the footer."""
    if ablog.builder_support(app) and app.config.blog_baseurl:
        context["blog_subscribe_page"] = SUBSCRIBE_DOCNAME


def setup(app: Sphinx) -> dict:
    app.setup_extension("sphinx_blog_fr._feeds")
    app.setup_extension("sphinx_blog_fr._incremental")
    app.connect("blog-generated-pages", generate_subscribe_page)
    app.connect("html-page-context", link_subscribe_page)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
