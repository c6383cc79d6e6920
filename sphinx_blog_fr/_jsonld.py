"""schema.org JSON-LD: ``BlogPosting`` on each post, ``Blog`` on the home page.

Search engines and link previews read a page's structured data rather than
its text; jekyll-seo-tag and Hugo's PaperMod write it, Sphinx does not.
This extension adds to the ``<head>`` of each post a
``<script type="application/ld+json">`` describing a ``BlogPosting``
(headline, dates, authors, language, tags as keywords, picture, address),
and to the home page one describing the ``Blog`` and its latest posts.

The JSON is written without spaces after ``,`` and ``:``: machines read it,
on every post (30 KB at 1,000 posts). Titles, tags and names are the
author's or an export's text: the JSON is embedded so that none can end the
script. Beside JSON's own escaping,
``<``, ``>`` and ``&`` are written ``\\u003c``, ``\\u003e``, ``\\u0026``, so a
title holding ``</script>`` stays text. The picture is the page's
OpenGraph one: the script is added when ``_opengraph`` has chosen it
(``blog-page-described``), before sphinxext-opengraph's tags.
"""

from __future__ import annotations

import json

import ablog
from ablog.blog import Blog, Post
from sphinx.application import Sphinx

from sphinx_blog_fr._dates import localize
from sphinx_blog_fr._feeds import absolute_url

_SCRIPT_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def script_tag(data: dict) -> str:
    """Return *data* as a JSON-LD ``<script>`` that no text inside it can end."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).translate(_SCRIPT_ESCAPES)
    return f'<script type="application/ld+json">{text}</script>'


def _person(name: str) -> dict:
    return {"@type": "Person", "name": name}


def blog_posting(app: Sphinx, post: Post, image_url: str | None) -> dict:
    """Return the ``BlogPosting`` of *post*."""
    url = absolute_url(app, post.docname)
    authors = [_person(str(author.name)) for author in post.author] or [_person(app.config.author)]
    data = {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "headline": post.title,
        "datePublished": localize(post.date, app.config).isoformat(),
        # ABlog's update is the date itself when the post has none.
        "dateModified": localize(post.update or post.date, app.config).isoformat(),
        "author": authors[0] if len(authors) == 1 else authors,
        "inLanguage": app.config.language,
        "keywords": [str(tag.name) for tag in post.tags],
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
    }
    if image_url:
        data["image"] = image_url
    return data


def blog_home(app: Sphinx, image_url: str | None) -> dict:
    """Return the ``Blog`` of the home page, with its latest posts."""
    blog = Blog(app)
    data = {
        "@context": "https://schema.org",
        "@type": "Blog",
        "name": app.config.blog_title,
        "url": absolute_url(app, app.config.root_doc),
        "inLanguage": app.config.language,
        "author": _person(app.config.author),
        "blogPost": [
            {
                "@type": "BlogPosting",
                "headline": post.title,
                "url": absolute_url(app, post.docname),
                "datePublished": localize(post.date, app.config).isoformat(),
            }
            for post in blog.recent(app.config.blog_posts_per_page)
        ],
    }
    if image_url:
        data["image"] = image_url
    return data


def add_structured_data(app: Sphinx, pagename: str, context: dict, doctree) -> None:
    """Add the page's JSON-LD to its ``<head>`` (posts and the home page)."""
    if not ablog.builder_support(app) or not app.config.blog_baseurl:
        return
    image = context.get("blog_share_image")
    image_url = image.url if image else None
    blog = Blog(app)
    if pagename in blog.posts:
        data = blog_posting(app, blog.posts[pagename], image_url)
    elif pagename == app.config.root_doc:
        data = blog_home(app, image_url)
    else:
        return
    context["metatags"] = context.get("metatags", "") + script_tag(data) + "\n"


def setup(app: Sphinx) -> dict:
    app.setup_extension("sphinx_blog_fr._feeds")
    app.setup_extension("sphinx_blog_fr._opengraph")
    app.connect("blog-page-described", add_structured_data)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
