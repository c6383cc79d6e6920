"""OpenGraph and Twitter card tags for posts and listings, on top of sphinxext-opengraph.

sphinxext-opengraph describes a page from its doctree (title, address, site
name, first image: ``ogp_use_first_image``). On a blog that falls short: a
post gets the first 200 characters of its text rather than its excerpt, the
type ``website``, no date, tags or locale; and pages without a doctree, such
as the listings ``_listings`` generates, get no tag at all. This
extension, listening just before it:

* gives each post the type ``article`` with ``article:published_time``,
  ``article:modified_time``, ``article:section`` (its category) and one
  ``article:tag`` per tag, and its excerpt as plain text for
  ``og:description`` and ``<meta name="description">``;
* gives the home page and every listing and index page the description
  « Title : what it lists », the search and 404 pages what they are, and
  has sphinxext-opengraph write the tags of those that have no doctree;
* adds ``og:locale`` (from ``language``: ``fr`` gives ``fr_FR``) and a Twitter
  ``summary`` card to every page that has OpenGraph tags;
* gives every such page an ``og:image`` with its width, height and alt
  text: a post's first raster image (its size read with Pillow, at the
  address Sphinx copies it to, which sphinxext-opengraph's
  ``ogp_use_first_image`` gets wrong: it joins the source path to the
  page's), or else the blog's own picture (``blog_share_image``).

Descriptions are cut at a word to ``ogp_description_length`` characters.
Every value is text escaped into its ``content`` attribute: page titles
are HTML (Sphinx's, and ``_listings``'), so their text is taken first;
and ``og:title`` is set here too, since sphinxext-opengraph unescapes the
title and writes its ``<`` and ``&`` back unescaped.

Event this extension emits, for the package's modules and any other extension:

``blog-page-described(app, pagename, context, doctree)``
    In ``html-page-context`` (priority 450, before sphinxext-opengraph's
    listener, 500), with ABlog's builder, once *context* holds the page's
    OpenGraph fields and picture (``blog_share_image``): what a listener
    adds to ``context["metatags"]`` comes before sphinxext-opengraph's tags.
    Listener: ``_jsonld`` (the page's JSON-LD, with that picture).
"""

from __future__ import annotations

import html
import posixpath
import re
from pathlib import Path
from urllib.parse import urljoin

import ablog
from ablog.blog import Blog, Post
from babel import Locale
from babel.core import get_global
from docutils import nodes
from PIL import Image, UnidentifiedImageError
from sphinx.application import Sphinx
from sphinx.config import Config

from sphinx_blog_fr._baseurl import percent_encoded
from sphinx_blog_fr._dates import localize
from sphinx_blog_fr._fragments import plain_text
from sphinx_blog_fr._i18n import gettext as _
from sphinx_blog_fr._share_image import ShareImage, site_share_image
from sphinx_blog_fr.compat.opengraph import tags_of_page_without_doctree

_SPACES = re.compile(r"[ \t\r\n]+")


def og_locale(language: str) -> str:
    """Return the OpenGraph locale of *language*: ``fr`` gives ``fr_FR``."""
    locale = Locale.parse(get_global("likely_subtags").get(language, language))
    return f"{locale.language}_{locale.territory}"


def _meta(kind: str, name: str, content: str) -> str:
    return f'<meta {kind}="{name}" content="{html.escape(content)}" />'


def _shorten(text: str, config: Config) -> str:
    """Return *text* on one line, cut at a word to ``ogp_description_length`` characters.

    Unlike ``textwrap.shorten``, it keeps the no-break spaces of French
    typography (« … », « : »).
    """
    text = _SPACES.sub(" ", text).strip()
    limit = config.ogp_description_length
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"


#: The spaces of a title: lxml's parser keeps them, but drops a title made of them only.
_TITLE_SPACES = " \u00a0\u202f"
_WITHOUT_TITLE_SPACES = str.maketrans("", "", _TITLE_SPACES)


def _is_plain(title: str) -> bool:
    """Whether *title* is its own text: no tag or entity, no character lxml's parser changes or refuses."""
    if "<" in title or "&" in title or not title.strip(_TITLE_SPACES):
        return False
    return title.translate(_WITHOUT_TITLE_SPACES).isprintable()


def _text(title: str) -> str:
    """Return the text of *title*, HTML as Sphinx's page titles are, its no-break spaces kept.

    Most titles have no markup: they are their own text, without parsing them. The text is a
    plain ``str``: a title may be ``Markup``, whose methods (``html.escape``'s) escape their arguments.
    """
    title = str(title)
    if _is_plain(title):
        return title
    # Imported here: a build that writes no page with a marked-up title needs no HTML parser.
    import lxml.html

    return lxml.html.fragment_fromstring(title, create_parent="span").text_content()


def _describe(title: str, items: list[str], config: Config) -> str:
    return _shorten(_("%(title)s: %(items)s") % {"title": title, "items": " · ".join(items)}, config)


def _set_description(context: dict, description: str, **og_fields: str) -> None:
    """Hand sphinxext-opengraph the page's description and OpenGraph fields, and write its meta description."""
    fields = {"og:description": description, **og_fields}
    context["meta"] = {**(context.get("meta") or {}), **{key: html.escape(value) for key, value in fields.items()}}
    # sphinxext-opengraph adds no meta description to a page that already has one.
    context["metatags"] = context.get("metatags", "") + _meta("name", "description", description) + "\n"


def describe_post(app: Sphinx, post: Post, context: dict) -> None:
    """Make *post*'s page an OpenGraph ``article``."""
    excerpt = plain_text(node for node in post.excerpt if isinstance(node, nodes.paragraph))
    _set_description(context, _shorten(excerpt, app.config), **{"og:type": "article", "og:title": post.title})
    published, modified = localize(post.date, app.config), localize(post.update, app.config)
    tags = [_meta("property", "article:published_time", published.isoformat())]
    if modified != published:
        tags.append(_meta("property", "article:modified_time", modified.isoformat()))
    tags += [_meta("property", "article:section", category.name) for category in post.category]
    tags += [_meta("property", "article:tag", tag.name) for tag in post.tags]
    context["metatags"] += "\n".join(tags) + "\n"


#: The kinds of picture that sharing cards show (no SVG).
_RASTER_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp"}


def first_image(app: Sphinx, post: Post, doctree: nodes.document | None) -> ShareImage | None:
    """Return *post*'s first raster image as a sharing picture, with its size when Pillow reads it."""
    image = doctree.next_node(nodes.image) if doctree is not None else None
    # The HTML writer has already turned the node's "uri" into the page's link; "candidates"
    # (set by Sphinx's image collector) keeps the source path, the key of builder.images.
    source = (image.get("candidates") or {}).get("*", "") if image is not None else ""
    if source not in app.builder.images or Path(source).suffix.lower() not in _RASTER_SUFFIXES:
        return None
    try:
        with Image.open(Path(app.srcdir, source)) as picture:
            width, height = picture.size
    except (OSError, UnidentifiedImageError):
        # Sphinx copies an image without reading it: one Pillow cannot read is still the post's picture.
        width = height = None
    # The HTML builder copies each image to _images/ under the name it keeps in builder.images.
    path = posixpath.join(app.builder.imagedir, app.builder.images[source])
    url = percent_encoded(urljoin(app.config.blog_baseurl, path))
    return ShareImage(url, width, height, image.get("alt") or post.title)


def _set_image(context: dict, image: ShareImage) -> None:
    """Hand sphinxext-opengraph the page's picture (it writes the ``og:`` fields it is given).

    ``blog_share_image`` in the context is that picture, for ``_jsonld``.
    """
    context["blog_share_image"] = image
    fields = {"og:image": image.url, "og:image:alt": image.alt}
    if image.width and image.height:
        fields |= {"og:image:width": str(image.width), "og:image:height": str(image.height)}
    context["meta"] = {**(context.get("meta") or {}), **{key: html.escape(value) for key, value in fields.items()}}


def _collection_names(blog: Blog) -> dict[str, str]:
    """Map the docname of each tag, category, author and year page to its name."""
    return {
        collection.docname: str(collection.name)
        for catalog in (blog.tags, blog.category, blog.author, blog.archive)
        for collection in catalog
    }


def _pages_without_source(app: Sphinx) -> dict[str, tuple[str, str]]:
    """The pages written from no source and no listing, each with its title and description."""
    return {
        "search": (_("Search"), _("Search the blog")),
        app.config.notfound_pagename: (
            _("Page not found"),
            _("There is no page at this address: it may have moved, or the link may be mistyped."),
        ),
    }


def describe_listing(app: Sphinx, pagename: str, context: dict) -> bool:
    """Describe a listing, an index or the home page by what it lists; return whether it is one."""
    blog = Blog(app)
    if pagename == app.config.root_doc:
        titles = [post.title for post in blog.recent(app.config.blog_posts_per_page)]
        _set_description(context, _describe(_text(context["title"]), titles, app.config))
    elif "blog_listing" in context:
        titles = [entry["post"].title for entry in context["blog_listing"]["entries"]]
        title = _text(context["title"])
        _set_description(context, _describe(title, titles, app.config), **{"og:title": title})
    elif "blog_catalog" in context:
        names = _collection_names(blog)
        listed = [
            listing
            for group, listings in context["blog_catalog"].groups
            for listing in ([group] if group else listings)
        ]
        items = [names.get(listing.docname, _text(listing.title)) for listing in listed]
        title = _text(context["title"])
        _set_description(context, _describe(title, items, app.config), **{"og:title": title})
    elif pagename in _pages_without_source(app):
        # The search page (Sphinx's) and the 404 page (sphinx-notfound-page): what each is.
        title, description = _pages_without_source(app)[pagename]
        # Sphinx gives its search page no title in the context; sphinxext-opengraph needs one.
        context.setdefault("title", title)
        _set_description(context, description, **{"og:title": title})
    elif "blog_page_description" in context:
        # A page another extension generates (blog_subscribe, blog_accessibility): its own description.
        title = _text(context["title"])
        _set_description(context, _shorten(context["blog_page_description"], app.config), **{"og:title": title})
    else:
        return False
    return True


def add_page_metadata(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Prepare the OpenGraph fields of posts and listings (before sphinxext-opengraph runs)."""
    if not ablog.builder_support(app):
        return
    blog = Blog(app)
    post = blog.posts[pagename] if pagename in blog.posts else None
    _set_image(context, (post and first_image(app, post, doctree)) or site_share_image(app))
    if post:
        describe_post(app, post, context)
    elif describe_listing(app, pagename, context) and doctree is None:
        # sphinxext-opengraph skips pages without a doctree: have it write their tags.
        context["metatags"] += tags_of_page_without_doctree(app, context)
    app.emit("blog-page-described", pagename, context, doctree)


def _add_site_tags(app: Sphinx, config: Config) -> None:
    config.ogp_custom_meta_tags = [
        *config.ogp_custom_meta_tags,
        _meta("property", "og:locale", og_locale(config.language)),
        _meta("name", "twitter:card", "summary"),
    ]


def setup(app: Sphinx) -> dict:
    app.setup_extension("sphinxext.opengraph")
    app.setup_extension("sphinx_blog_fr._dates")
    app.setup_extension("sphinx_blog_fr._share_image")
    app.add_event("blog-page-described")
    app.connect("config-inited", _add_site_tags)
    # Before sphinxext-opengraph's html_page_context (500), which reads the fields set here.
    app.connect("html-page-context", add_page_metadata, priority=450)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
