"""What one build of the blog knows and keeps between its events, in one typed object.

The package's modules hand each other what they found in one build (the
posts read before Sphinx reads anything, the chosen spelling of each tag,
the generated files' fingerprints, the excerpts already rendered…). That
state is one :class:`BuildState`, reached through :func:`build_state`,
rather than attributes set here and there on the application: its fields say
what each holds, who fills it and when.

A :class:`BuildState` belongs to one Sphinx application, which is one build:
it is made, empty, when the package is set up, before any event, and every
new build (``sphinx-build``, ``make html``, each rebuild of the live preview)
is a new application, so it starts from a new one. Nothing in it is pickled:
what a build keeps for the next is the environment's (``_domain``) or a
file beside the doctrees.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Hashable
    from datetime import date
    from pathlib import Path

    from sphinx.application import Sphinx

    from sphinx_blog_fr._front_matter import PostSource
    from sphinx_blog_fr._incremental import GeneratedFiles
    from sphinx_blog_fr._persistent_errors import DocumentsWithProblems
    from sphinx_blog_fr._series import Series
    from sphinx_blog_fr._sidebar_refresh import SidebarRefresh
    from sphinx_blog_fr._sidebar_regions import FolderRegion
    from sphinx_blog_fr._stale_pages import PageList


@dataclass
class BuildState:
    """The blog's state during one build; each field says who fills it, and when."""

    #: The published posts, docname → post (``_front_matter``, at ``config-inited``).
    post_sources: dict[str, PostSource] = field(default_factory=dict)
    #: The drafts, kept out of the build, docname → post (``_front_matter``, at ``config-inited``).
    draft_sources: dict[str, PostSource] = field(default_factory=dict)
    #: The day on the blog's clock up to which posts are published (``_drafts``, at ``config-inited``).
    publication_day: date | None = None
    #: For ``tags`` and ``category``, the one spelling of each label's slug (``_taxonomy``, ``config-inited``).
    label_spellings: dict[str, dict[str, str]] = field(default_factory=dict)
    #: The generated files' fingerprints (``_incremental``, at ``builder-inited``; None without ABlog's builder).
    generated_files: GeneratedFiles | None = None
    #: The previous build's pages and this one's (``_stale_pages``, ``builder-inited``; None but for HTML builders).
    page_list: PageList | None = None
    #: The documents this build had a warning or an error about (``_persistent_errors``, ``builder-inited``).
    problems: DocumentsWithProblems | None = None
    #: Every page this build wrote, documents and generated pages (``html-page-context``, here), which
    #: ``_sitemap`` lists and ``_stale_pages`` keeps.
    written_pages: set[str] = field(default_factory=set)
    #: The HTML of each excerpt or post text rendered for the listings and feeds, by the key they
    #: give it (``_fragments``, for ``_listings`` and ``_feeds``), and what each excerpt's HTML depends on.
    fragments: dict[Hashable, str] = field(default_factory=dict)
    #: The old WordPress paths that came from ``redirects.json``, not conf.py (``_wordpress_redirects``, ``config-inited``).
    imported_redirects: set[str] = field(default_factory=set)
    #: Each redirect page to write → the old path it redirects (``_wordpress_redirects``, ``html-collect-pages``).
    redirect_files: dict[Path, str] = field(default_factory=dict)
    #: The pages written before the redirects are checked (the general index), which a redirect may not replace.
    redirect_checked_pages: set[str] = field(default_factory=set)
    #: Each post's « À lire aussi », docname → related posts (``_related_posts``, first asked for:
    #: ``_incremental``'s ``env-get-updated``, or the first post written).
    related_posts: dict[str, list] | None = None
    #: The series of the published posts (``_series``, first asked for, once the posts are read).
    series: list[Series] | None = None
    #: The tags the sidebar shows and whether there are more (``_sidebar_tags``, first page written).
    sidebar_tags: tuple[list, bool] | None = None
    #: The HTML of each sidebar section and the pages it links to, by section, folder and link to
    #: the home page (``_sidebar_sections``, as pages are written).
    sidebar_sections: dict[tuple[str, str, str], tuple[str, set[str]]] = field(default_factory=dict)
    #: Each folder's sidebar region, from the first page of it rendered in full that shows the
    #: folder's (``_sidebar_regions``, as pages are written).
    sidebar_regions: dict[str, FolderRegion] = field(default_factory=dict)
    #: The text that stands for a folder's sidebar region while a page is rendered (``_sidebar_regions``).
    sidebar_placeholder: str | None = None
    #: How many pages this build wrote with their folder's region in place of the placeholder (``_sidebar_regions``).
    sidebar_regions_copied: int = 0
    #: The pages that get the new sidebar without being rendered again
    #: (``_sidebar_refresh``, at ``env-get-updated`` when the sidebar changed).
    sidebar_refresh: SidebarRefresh | None = None
    #: What every page is made with and shows besides its content and sidebar (``_sidebar_refresh``,
    #: once reading is done), which the next build compares with its own.
    every_page: str | None = None
    #: What each label or document some page's references name was before this build read anything
    #: (``_reference_targets``, at ``env-get-outdated``).
    reference_targets: dict[tuple[str, str], object] | None = None
    #: What every page is made with besides the posts (``_incremental.made_with``, worked out once).
    made_with: tuple | None = None
    #: The footer's years of the published posts, « 2017–2026 » (``_copyright``, first page written).
    copyright_years: str | None = None


def build_state(app: Sphinx) -> BuildState:
    """Return the state of the build *app* runs."""
    return app.blog_build_state


def _note_written_page(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    build_state(app).written_pages.add(pagename)


def setup(app: Sphinx) -> dict:
    app.blog_build_state = BuildState()
    app.connect("html-page-context", _note_written_page)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
