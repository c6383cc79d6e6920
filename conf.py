"""Sphinx configuration of the blog « Innovation publique ».

Every fact about the blog (title, address, author, time zone, posts per page)
is set once here; the local extensions in ``_ext/``, the templates and the
author's commands in ``blogtools/`` all read it from here.
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).parent
# The local extensions, and the slug rule they share with the author's commands.
sys.path[:0] = [str(ROOT / "_ext"), str(ROOT)]

# -- The blog ----------------------------------------------------------------

project = "Innovation publique"
# The seed page names no author: replace this display name with yours.
author = "Auteur du blog"
copyright = f"2015–2018, {author}"
# Sphinx's, ABlog's, Furo's and our templates' strings are translated by
# locales/fr/LC_MESSAGES/sphinx.po (Sphinx's default locale_dirs).
language = "fr"
# Dates are shown and "today" is decided in this zone, whatever the build machine's.
blog_timezone = "Europe/Paris"
# Absolute address of the published site, used by feeds, canonical links and
# the sitemap. CI sets BLOG_BASEURL to the real address (a GitHub Pages
# sub-path or a domain root); the default is a reserved example domain.
blog_baseurl = os.environ.get("BLOG_BASEURL", "https://innovation-publique.example/")
blog_posts_per_page = 10

extensions = [
    "myst_parser",
    "ablog",
    "blog_dates",
    "blog_front_matter",
    "blog_taxonomy",
    "blog_listings",
    "blog_feeds",
    "blog_post_pages",
    "blog_search",
]

# The sources are the home page and the posts; everything else in the
# repository is tooling. (blog_front_matter adds drafts to exclude_patterns.)
include_patterns = ["index.md", "posts/**"]
templates_path = ["_templates"]
html_static_path = ["_static"]

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
        "sidebar/blog-recent.html",
        "sidebar/blog-tags.html",
        "sidebar/blog-archives.html",
        "sidebar/scroll-end.html",
    ],
}
html_css_files = ["blog.css"]
# Readers get pages, not reStructuredText sources or a Sphinx credit.
html_copy_source = False
html_show_sourcelink = False
html_show_sphinx = False
# A blog has listings, not a general index of terms.
html_use_index = False
