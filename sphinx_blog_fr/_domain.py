"""What the blog keeps in the build environment, in one Sphinx domain, ``blog``.

The environment is pickled between builds and, with ``-j``, copied to each
reading process and merged back. What the package's modules note about each
document is kept here, in :class:`BlogDomain`'s data, so that Sphinx itself
forgets a document's entries when the document is read again or removed
(``clear_doc``) and merges back what parallel readers noted
(``merge_domaindata``), as ``sphinx.ext.todo`` does for its todos.

Per document (purged and merged by document):

* ``post_summaries``: docname → what other pages show of each of its posts
  (``_incremental``'s ``PostSummary``);
* ``resized_images``: docname → the resized copies its images offer,
  ``(source, name, width)`` (``_images``);
* ``math_documents``: the docnames that have math (``_math``);
* ``reference_targets``: docname → the labels and documents its
  cross-references name (``_reference_targets``).

Per environment (worked out from every document once reading is done, at
``env-get-updated``, in the main process; compared with the previous build's):

* ``blog_state``: the blog as the pages show it (``_incremental``'s ``BlogState``);
* ``related_posts``: what each post's related posts were found from, and
  the posts found (``_related_posts``), to find them again only when that
  changed; read with ``get``, as an environment pickled before it has none
  (``data_version`` is in ``searchindex.js``: a new one would change the site);
* ``menu``: the sidebar's menu of pages (``blog_menu``);
* ``label_spellings``: the one spelling of each tag and category
  (``_taxonomy``; worked out before reading, at ``env-get-outdated``).

:attr:`BlogDomain.data_version` changes with this layout: an environment
pickled with another is then discarded and every document read again. The
shapes of the values are their modules' (each declares an ``env_version``).
"""

from __future__ import annotations

from collections.abc import Set
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment

#: The keys kept by document, each a dict by docname, but ``math_documents``, a set of docnames.
PER_DOCUMENT = ("post_summaries", "resized_images", "reference_targets")


class BlogDomain(Domain):
    """The blog's data in the environment: no directive, role or object of its own."""

    name = "blog"
    label = "blog"
    data_version = 3
    initial_data = {
        "post_summaries": {},
        "resized_images": {},
        "math_documents": set(),
        "reference_targets": {},
        "blog_state": None,
        "related_posts": None,
        "menu": None,
        "label_spellings": None,
    }

    def clear_doc(self, docname: str) -> None:
        for key in PER_DOCUMENT:
            self.data[key].pop(docname, None)
        self.data["math_documents"].discard(docname)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for key in PER_DOCUMENT:
            theirs = otherdata[key]
            self.data[key].update({docname: theirs[docname] for docname in docnames if docname in theirs})
        self.data["math_documents"] |= otherdata["math_documents"] & docnames

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: addnodes.pending_xref,
        contnode: nodes.Element,
    ) -> list[tuple[str, nodes.Element]]:
        # No object of its own to link to: said, so that MyST's warning of a link to nowhere comes alone.
        return []


def blog_data(env: BuildEnvironment) -> dict[str, Any]:
    """Return the blog's data in *env* (the keys the module docstring lists)."""
    return env.domains["blog"].data


def setup(app: Sphinx) -> dict:
    app.add_domain(BlogDomain)
    # As Sphinx's own domains do: the environment's version changes with data_version.
    return {"env_version": BlogDomain.data_version, "parallel_read_safe": True, "parallel_write_safe": True}
