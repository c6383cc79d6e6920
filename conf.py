"""Sphinx configuration of the blog « Innovation publique ».

Every fact about the blog (title, address, author, time zone, posts per page)
is set once here; the local extensions in ``_ext/``, the templates and the
author's commands in ``blogtools/`` all read it from here.
"""

import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).parent
# The local extensions, and the slug rule they share with the author's commands.
sys.path[:0] = [str(ROOT / "_ext"), str(ROOT)]

# -- The blog ----------------------------------------------------------------

project = "Innovation publique"
# The seed page names no author: replace this display name with yours.
author = "Auteur du blog"
# The copyright holder; blog_copyright puts the years of the published posts
# before it in every footer: « © 2015–2026, Auteur du blog ».
copyright = author
# Sphinx's, ABlog's, Furo's and our templates' strings are translated by
# locales/fr/LC_MESSAGES/sphinx.po (Sphinx's default locale_dirs).
language = "fr"
# Dates are shown and "today" is decided in this zone, whatever the build machine's.
blog_timezone = "Europe/Paris"
# Absolute address of the published site (a domain root or a sub-path such as
# https://user.github.io/repo/), used by feeds, canonical links, the sitemap,
# OpenGraph tags and the 404 page. The first that is set wins: BLOG_BASEURL
# (the GitHub Pages workflow sets it from actions/configure-pages), then Read
# the Docs' READTHEDOCS_CANONICAL_URL, then a reserved example domain. It
# always ends with "/", so that page paths join under it: configure-pages
# gives the address without one.
blog_baseurl = (
    os.environ.get("BLOG_BASEURL")
    or os.environ.get("READTHEDOCS_CANONICAL_URL")
    or "https://innovation-publique.example/"
).rstrip("/") + "/"
blog_posts_per_page = 10
# The sidebar of every page shows this many of the most used tags, then a
# link to all of them: every tag on every page would weigh on the whole site.
blog_sidebar_tags = 20
# The licence of the blog's text (a placeholder, like the author's name: see
# LICENSE-CONTENU.md), stated in every footer (rel="license") and every feed.
blog_content_license = ("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/deed.fr")

extensions = [
    # First: blog_baseurl refuses an unsound site address before anything uses it.
    "blog_baseurl",
    # Sphinx's own build messages in French (language), as early as can be.
    "blog_console_language",
    "myst_parser",
    # French spacing before « : ; ! ? » and inside « », in what the pages show.
    "blog_typography",
    "ablog",
    "ablog_detached_posts",
    "ablog_parallel",
    "blog_dates",
    # Before blog_front_matter reads posts/: no post reads or publishes a file from outside the repository.
    "blog_confinement",
    "blog_front_matter",
    "blog_draft_links",
    "blog_unique_posts",
    "blog_taxonomy",
    "blog_listings",
    "blog_sidebar_tags",
    "blog_feeds",
    # The « S’abonner » page listing every feed, linked from the sidebar and the footer.
    "blog_subscribe",
    # The « Accessibilité » page, a statement made from what the tests check, linked from every footer.
    "blog_accessibility",
    "blog_post_pages",
    # « 4 min de lecture » under a post's title; « À lire aussi » under its text.
    "blog_reading_time",
    "blog_related_posts",
    # A post's series (series:): its parts in order on each part, and blog/serie/<slug>.html.
    "blog_series",
    # The pages under pages/ in every page's sidebar, in the order of blog_menu.
    "blog_menu",
    # MathJax served from _static/ (pinned django-static-mathjax), not from a CDN.
    "blog_math",
    # Images with width, height, loading="lazy" and resized copies in srcset (Pillow).
    "blog_images",
    "blog_incremental",
    "blog_stale_pages",
    "blog_persistent_errors",
    "blog_search",
    "sphinxext.opengraph",
    "blog_opengraph",
    # schema.org JSON-LD: BlogPosting on posts, Blog on the home page.
    "blog_jsonld",
    "sphinx_sitemap",
    "blog_sitemap",
    "blog_robots",
    "notfound.extension",
    "wordpress_redirects",
    "blog_copyright",
    "furo_icon_file",
    "blog_minify",
]

# The sources are the home page, the posts and the pages (an import from
# WordPress brings pages); everything else in the repository is tooling.
# (blog_front_matter adds drafts to exclude_patterns.)
include_patterns = ["index.md", "posts/**", "pages/**"]
templates_path = ["_templates"]
html_static_path = ["_static"]
# The author types French typography (’ « » …) and it is kept as typed: with
# language = "fr", docutils would otherwise turn "…" into « … » and -- into –.
smartquotes = False
# blog_typography puts the no-break spaces of French typography before « : ; ! ? »
# and inside « » in the rendered text (never in the source files); False turns it off.
blog_french_spacing = True

# -- MyST --------------------------------------------------------------------

# Headings get readable anchors (#les-irritants), down to level 2.
myst_heading_anchors = 2

# -- ABlog -------------------------------------------------------------------

blog_title = project
# ABlog's page.html extends "layout.html", which Furo renders as an error
# page; our own templates (_templates/) and extensions (_ext/) replace ABlog's.
skip_injecting_base_ablog_templates = True
blog_authors = {"auteur": (author, None)}
blog_default_author = "auteur"
blog_languages = {"fr": ("Français", None)}
blog_default_language = "fr"
# Each feed carries the latest 10 posts, as WordPress's do: readers poll for
# what is new, and a feed of every post, each in full, grows with the blog.
blog_feed_length = 10
# The form in which blog_front_matter hands ABlog each post's date; authors
# write ISO 8601 (2017-11-10, or 2017-11-10T09:30:00+01:00).
post_date_format = "%Y-%m-%d %H:%M:%S"

# -- HTML output (Furo) ------------------------------------------------------

html_theme = "furo"
# Sphinx's template loader, translating the labels Furo hard-codes in English.
template_bridge = "furo_i18n.TranslatingTemplateLoader"
html_title = project
html_sidebars = {
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
}
html_css_files = ["blog.css"]
# The sidebar's menu of pages (pages/), in this order (names without .md,
# e.g. ["pages/a-propos", "pages/contact"]); the pages not named follow, by title.
blog_menu = []
# Readers get pages, not reStructuredText sources or a Sphinx credit.
html_copy_source = False
html_show_sourcelink = False
html_show_sphinx = False
# A blog has listings, not a general index of terms.
html_use_index = False

# -- Publishing: canonical links, favicon, sitemap, sharing, 404 -------------

# Every page's <link rel="canonical">, and the root of the sitemap's addresses.
html_baseurl = blog_baseurl
html_favicon = "_static/favicon.svg"
# sitemap.xml lists pages at their own address: no language or version folder
# (sphinx-sitemap adds /fr/ and alternates when it finds locale_dirs), and no
# lastmod (off by default: it would come from git, not from the commit).
# blog_sitemap makes it list every page, even after an incremental build.
sitemap_url_scheme = "{link}"
sitemap_locales = [None]
sitemap_excludes = ["search.html", "genindex.html", "404.html"]
# OpenGraph tags (sphinxext-opengraph; blog_opengraph adds what a post and a
# listing need). A post's first image is its picture; no generated social cards.
ogp_site_url = blog_baseurl
ogp_use_first_image = True
ogp_social_cards = {"enable": False}
# 404.html (sphinx-notfound-page): servers send it for a missing address at
# any depth, so its links and assets start from the site's root path.
notfound_template = "blog/not-found.html"
notfound_urls_prefix = urlsplit(blog_baseurl).path
