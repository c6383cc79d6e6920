"""A French blog on Sphinx: MyST posts, ABlog's model, Furo's layout.

``extensions = ["sphinx_blog_fr"]`` in a project's ``conf.py`` turns it into
the blog: this module loads, in order, the upstream extensions the blog
builds on and the package's own submodules, each of which does one job (its
docstring says which). The public surface is written down in
``docs/reference.md``: the configuration values, the template blocks, the
command line. Every module whose name starts with ``_`` is private.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__version__ = "1.0.0"

#: The extensions the blog is made of, in the order they must be set up:
#: listeners of the same event and priority run in this order.
EXTENSIONS = (
    # The cycle collector paused while the previous build's environment loads, first.
    "sphinx_blog_fr._garbage_collection",
    # Sphinx's debug messages not made when the build does not show them.
    "sphinx_blog_fr._debug_messages",
    # The standard domain forgets a new document without scanning every label.
    "sphinx_blog_fr._standard_domain",
    # The build's state (sphinx_blog_fr._state.BuildState), before any module fills it.
    "sphinx_blog_fr._state",
    # The templates' compiled code kept between builds, before anything renders one.
    "sphinx_blog_fr._template_cache",
    # The machinery's defaults first: every other extension reads the configuration.
    "sphinx_blog_fr._defaults",
    # Refuses an unsound site address before anything uses it.
    "sphinx_blog_fr._baseurl",
    # Warns about an upstream release the shims of compat/ were not checked against.
    "sphinx_blog_fr.compat",
    # Sphinx's own build messages in French (language), as early as can be.
    "sphinx_blog_fr._console_language",
    # The machinery's French catalog, under the blog's own.
    "sphinx_blog_fr._i18n",
    "myst_parser",
    # MyST reads each front matter with libyaml, into the values PyYAML's own parser gives.
    "sphinx_blog_fr._myst_front_matter",
    # French spacing before « : ; ! ? » and inside « », in what the pages show.
    "sphinx_blog_fr._typography",
    "ablog",
    "sphinx_blog_fr._detached_posts",
    "sphinx_blog_fr._parallel",
    "sphinx_blog_fr._dates",
    # Before _front_matter reads posts/: no post reads or publishes a file from outside the repository.
    "sphinx_blog_fr._confinement",
    "sphinx_blog_fr._front_matter",
    # Hand ABlog what _front_matter read (date, flags, updated) in the form ABlog reads.
    "sphinx_blog_fr._ablog_front_matter",
    "sphinx_blog_fr._updated_dates",
    "sphinx_blog_fr._draft_links",
    "sphinx_blog_fr._unique_posts",
    "sphinx_blog_fr._taxonomy",
    "sphinx_blog_fr._listings",
    "sphinx_blog_fr._sidebar_tags",
    "sphinx_blog_fr._sidebar_sections",
    "sphinx_blog_fr._sidebar_regions",
    "sphinx_blog_fr._feeds",
    "sphinx_blog_fr._subscribe",
    "sphinx_blog_fr._accessibility",
    "sphinx_blog_fr._post_pages",
    "sphinx_blog_fr._reading_time",
    "sphinx_blog_fr._related_posts",
    "sphinx_blog_fr._series",
    "sphinx_blog_fr._menu",
    "sphinx_blog_fr._math",
    "sphinx_blog_fr._images",
    # Before _incremental, which asks it which pages need the new sidebar rendered.
    "sphinx_blog_fr._sidebar_refresh",
    "sphinx_blog_fr._incremental",
    "sphinx_blog_fr._reference_targets",
    "sphinx_blog_fr._stale_pages",
    "sphinx_blog_fr._persistent_errors",
    "sphinx_blog_fr._search",
    "sphinxext.opengraph",
    "sphinx_blog_fr._opengraph",
    "sphinx_blog_fr._jsonld",
    "sphinx_sitemap",
    "sphinx_blog_fr._sitemap",
    "sphinx_blog_fr._robots",
    "notfound.extension",
    "sphinx_blog_fr._not_found_page",
    "sphinx_blog_fr._wordpress_redirects",
    "sphinx_blog_fr._copyright",
    "sphinx_blog_fr._icon_file",
    # Furo's code colours in blog.css, not in a <style> on every page.
    "sphinx_blog_fr._code_colors",
    # Furo's <meta name="viewport"> alone, without docutils' copy.
    "sphinx_blog_fr._viewport",
    "sphinx_blog_fr._minify",
    # Work Sphinx and MyST repeat for each page or document, done once per build.
    "sphinx_blog_fr._asset_checksums",
    "sphinx_blog_fr._docutils_settings",
    "sphinx_blog_fr._html_translators",
    "sphinx_blog_fr._markdown_parsers",
    # What the build read outside its sources, for sphinx-blog-fr build to skip the next one if nothing changed.
    "sphinx_blog_fr._build_record",
)


def setup(app: Sphinx) -> dict:
    for extension in EXTENSIONS:
        app.setup_extension(extension)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
