"""Sphinx configuration of the blog « Innovation publique ».

Every fact about the blog (title, address, author, time zone, posts per page)
is set once here; the machinery (the ``sphinx_blog_fr`` package, one entry in
``extensions``) and the author's commands read it from here. The machinery's
own settings (sidebars, sources, sitemap, OpenGraph, 404 page) are its
defaults: docs/reference.md lists every setting and its default.
"""

# -- The blog ----------------------------------------------------------------

project = "Innovation publique"
# The seed page names no author: replace this display name with yours.
author = "Auteur du blog"
# The copyright holder; the machinery puts the years of the published posts
# before it in every footer: « © 2015–2026, Auteur du blog ».
copyright = author
# The machinery's, Sphinx's, ABlog's and Furo's strings in French.
language = "fr"
# Dates are shown and "today" is decided in this zone, whatever the build machine's.
blog_timezone = "Europe/Paris"
# Absolute address of the published site (a domain root or a sub-path such as
# https://user.github.io/repo/), used by feeds, canonical links, the sitemap,
# OpenGraph tags and the 404 page. BLOG_BASEURL (the GitHub Pages workflow
# sets it from actions/configure-pages) or Read the Docs'
# READTHEDOCS_CANONICAL_URL replace it when they are set. This one is a
# reserved example domain: replace it with yours.
blog_baseurl = "https://innovation-publique.example/"
blog_posts_per_page = 10
# The sidebar of every page shows this many of the most used tags, then a
# link to all of them: every tag on every page would weigh on the whole site.
blog_sidebar_tags = 20
# The licence of the blog's text (a placeholder, like the author's name: see
# LICENSE-CONTENU.md), stated in every footer (rel="license") and every feed.
blog_content_license = ("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/deed.fr")
# French spacing before « : ; ! ? » and inside « » in the rendered text
# (never in the source files); False turns it off.
blog_french_spacing = True
# The sidebar's menu of pages (pages/), in this order (names without .md,
# e.g. ["pages/a-propos", "pages/contact"]); the pages not named follow, by title.
blog_menu = []

# The whole blog machinery: MyST, ABlog, the sitemap, OpenGraph tags, the 404
# page and the package's own parts (docs/reference.md).
extensions = ["sphinx_blog_fr"]

# This blog's own templates and static files (its favicon), before the machinery's.
templates_path = ["_templates"]
html_static_path = ["_static"]

# -- ABlog -------------------------------------------------------------------

blog_authors = {"auteur": (author, None)}
blog_default_author = "auteur"
blog_languages = {"fr": ("Français", None)}
blog_default_language = "fr"

# -- HTML output (Furo) ------------------------------------------------------

html_theme = "furo"
html_favicon = "_static/favicon.svg"
