"""The machinery's settings, so that a ``conf.py`` of a few lines makes a whole blog.

A blog's ``conf.py`` says what is its own (title, author, language, address,
theme); this module fills in, before any extension reads the configuration,
what the machinery needs: its templates and static files behind the blog's
own, Furo's sidebars with the blog's sections, the template bridge that
translates Furo's labels, the sources a blog has, and the settings of the
upstream extensions it builds on (sitemap, OpenGraph, 404 page). A value the
blog's ``conf.py`` sets is kept, except for the few the machinery cannot work
without (``REQUIRED``).

Event this extension emits, for the package's modules and any other extension:

``blog-defaults-applied(app, config)``
    In ``config-inited``, before any other listener of it, once *config*
    holds the machinery's settings: a listener reads the configuration as
    every build uses it. Listeners: ``blog_baseurl`` (refuses an unsound
    address), ``_console_language`` (Sphinx's messages in French),
    ``_confinement`` (symbolic links of the sources), in that order.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

from sphinx.application import Sphinx
from sphinx.config import Config

from sphinx_blog_fr.compat.sphinx import set_in_conf

PACKAGE = Path(__file__).parent
TEMPLATES = PACKAGE / "templates"
STATIC = PACKAGE / "static"
#: The style sheet of the machinery's templates (rendered from static/blog.css_t).
STYLE_SHEET = "blog.css"

#: The environment variables the site's address comes from, before conf.py's
#: ``blog_baseurl``, first wins: the GitHub Pages workflow sets BLOG_BASEURL
#: (from actions/configure-pages), Read the Docs READTHEDOCS_CANONICAL_URL.
ADDRESS_VARIABLES = ("BLOG_BASEURL", "READTHEDOCS_CANONICAL_URL")
#: The address of a blog that gives none: the live preview's (make livehtml).
PREVIEW_ADDRESS = "http://127.0.0.1:8000/"
#: The key of the author of a blog whose conf.py names only ``author``
#: (ABlog's ``blog_authors``); a post's ``author:`` may name it.
AUTHOR_KEY = "auteur"

#: What the machinery cannot work without, whatever conf.py says.
REQUIRED = {
    # ABlog's own page.html extends "layout.html", which Furo renders as an
    # error page: the package's templates replace ABlog's.
    "skip_injecting_base_ablog_templates": True,
    # The form in which _front_matter hands ABlog each post's date; authors
    # write ISO 8601 (2017-11-10, or 2017-11-10T09:30:00+01:00).
    "post_date_format": "%Y-%m-%d %H:%M:%S",
}

#: The machinery's choices, unless conf.py makes its own.
DEFAULTS = {
    # A blog's sources: the home page, the posts, the pages (an import from
    # WordPress brings pages); everything else in the repository is tooling.
    "include_patterns": ["index.md", "posts/**", "pages/**"],
    # French typography is kept as typed (’ « » …): with language = "fr",
    # docutils would otherwise turn "…" into « … » and -- into –.
    "smartquotes": False,
    # Each feed carries the latest 10 posts, as WordPress's do (ABlog's
    # default is every post): readers poll for what is new, and a feed of
    # every post, each in full, grows with the blog.
    "blog_feed_length": 10,
    # Headings get readable anchors (#les-irritants), down to level 2.
    "myst_heading_anchors": 2,
    # Sphinx's template loader, translating the labels Furo hard-codes in English.
    "template_bridge": "sphinx_blog_fr._furo_labels.TranslatingTemplateLoader",
    "html_sidebars": {
        "**": [
            "sidebar/brand.html",
            "sidebar/search.html",
            "sidebar/scroll-start.html",
            "sidebar/blog-menu.html",
            "sidebar/blog-recent.html",
            "sidebar/blog-tags.html",
            "sidebar/blog-archives.html",
            "sidebar/blog-subscribe.html",
            "sidebar/scroll-end.html",
        ],
    },
    # Readers get pages, not the sources or a Sphinx credit; a blog has
    # listings, not a general index of terms.
    "html_copy_source": False,
    "html_show_sourcelink": False,
    "html_show_sphinx": False,
    "html_use_index": False,
    # sitemap.xml lists pages at their own address: no language or version
    # folder (sphinx-sitemap adds /fr/ and alternates when it finds
    # locale_dirs), and no lastmod from git (_sitemap gives each post's date).
    "sitemap_url_scheme": "{link}",
    "sitemap_locales": [None],
    "sitemap_excludes": ["search.html", "genindex.html", "404.html"],
    # OpenGraph tags: a post's first image is its picture; no generated cards.
    "ogp_use_first_image": True,
    "ogp_social_cards": {"enable": False},
    # 404.html (sphinx-notfound-page), in the machinery's layout.
    "notfound_template": "blog/not-found.html",
}


def site_address(config: Config) -> str:
    """The blog's absolute address, ending with « / »: the environment's, else conf.py's, else the preview's."""
    for variable in ADDRESS_VARIABLES:
        if os.environ.get(variable):
            return os.environ[variable].rstrip("/") + "/"
    return (config.blog_baseurl or PREVIEW_ADDRESS).rstrip("/") + "/"


def derived_defaults(config: Config) -> dict:
    """Defaults computed from the blog's own facts (its title, its author, its address)."""
    return {
        "blog_title": config.project,
        "html_title": config.project,
        # The footer's « © <years>, <holder> » (_copyright): the author, unless
        # conf.py names a holder (as copyright or project_copyright).
        "copyright": config.copyright or config.author,
        # Every post is by conf.py's author (its name on the post, in the feeds,
        # the JSON-LD and blog/author/), unless the blog names its own authors.
        "blog_authors": {AUTHOR_KEY: (config.author, None)},
        "blog_default_author": None if set_in_conf(config, "blog_authors") else AUTHOR_KEY,
        # Every page's <link rel="canonical">, and the root of the sitemap's addresses.
        "html_baseurl": config.blog_baseurl,
        "ogp_site_url": config.blog_baseurl,
        # Servers send 404.html for a missing address at any depth: its links
        # and assets start from the site's root path.
        "notfound_urls_prefix": urlsplit(config.blog_baseurl).path,
    }


def apply_defaults(app: Sphinx, config: Config) -> None:
    """Fill in the machinery's settings (``config-inited``, before any other listener)."""
    config.blog_baseurl = site_address(config)
    for name, value in REQUIRED.items():
        setattr(config, name, value)
    for name, value in {**DEFAULTS, **derived_defaults(config)}.items():
        if not set_in_conf(config, name):
            setattr(config, name, value)
    # The blog's templates and static files first: they override the machinery's.
    config.templates_path = [*config.templates_path, str(TEMPLATES)]
    config.html_static_path = [str(STATIC), *config.html_static_path]
    if STYLE_SHEET not in config.html_css_files:
        config.html_css_files = [STYLE_SHEET, *config.html_css_files]
    app.emit("blog-defaults-applied", config)


def setup(app: Sphinx) -> dict:
    app.add_event("blog-defaults-applied")
    # Before every other config-inited listener, the upstream ones too (ABlog's config_inited,
    # notfound's validate_configs: 500; Sphinx's own checks: 800): they all read the configuration.
    app.connect("config-inited", apply_defaults, priority=50)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
