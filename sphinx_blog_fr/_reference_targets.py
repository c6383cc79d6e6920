"""Pages written again when what their cross-references point at changed in another document.

Sphinx writes again the documents it read again, and resolves each page's
references as it writes it. A page whose ``{ref}``, ``{numref}``, ``{doc}``
or MyST link points into another post kept its HTML when only that other
post changed: a section renamed there kept its old title in the link, and a
label removed from it kept working in the pages not written again, while a
clean build fails on the broken reference. This extension notes, for each
document, the labels and documents its references name (``doctree-read``,
kept in the ``blog`` domain as ``reference_targets``); what each of those
was before the build read anything (``env-get-outdated``: the label's
document, anchor and title, or the document's title); and, once reading is
done (``env-get-updated``), has Sphinx write again every document one of
whose targets changed, appeared or disappeared. The home page, listings and
feeds that show a post's excerpt or text follow too: what its targets are
(:func:`what_targets_are`) is part of the blog's state that ``_incremental``
compares between builds.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from sphinx_blog_fr._domain import blog_data
from sphinx_blog_fr._state import build_state

#: The reference types whose target is a label of the standard domain, or a document.
LABEL_REFERENCES = {"ref", "numref", "myst"}
DOCUMENT_REFERENCES = {"doc", "myst"}

#: A target: ("label", name) or ("document", docname).
Target = tuple[str, str]


def targets_of(doctree: nodes.document, docname: str) -> frozenset[Target]:
    """The labels and documents the references of *doctree* (document *docname*) name."""
    targets: set[Target] = set()
    for node in doctree.findall(addnodes.pending_xref):
        kind, target = node.get("reftype"), node.get("reftarget", "")
        if kind in LABEL_REFERENCES and node.get("refdomain") in ("std", "", None):
            targets.add(("label", target.lower()))
        if kind in DOCUMENT_REFERENCES:
            path = target.split("#", 1)[0].removesuffix(".md")
            if path:
                joined = path.lstrip("/") if path.startswith("/") else posixpath.join(posixpath.dirname(docname), path)
                targets.add(("document", posixpath.normpath(joined)))
    return frozenset(targets)


def what_it_is(env: BuildEnvironment, target: Target) -> object:
    """What the pages show of *target* now: the label's document, anchor and title, or the document's title."""
    kind, name = target
    if kind == "label":
        std = env.get_domain("std")
        return std.labels.get(name), std.anonlabels.get(name)
    title = env.titles.get(name)
    return None if title is None else title.astext()


def what_targets_are(env: BuildEnvironment, docname: str) -> tuple:
    """What the targets of *docname*'s references are now, as its page, and the listings and feeds
    that show its text, show them."""
    targets = blog_data(env)["reference_targets"].get(docname, ())
    return tuple((target, what_it_is(env, target)) for target in sorted(targets))


def _all_targets(env: BuildEnvironment) -> set[Target]:
    return set().union(*blog_data(env)["reference_targets"].values())


def _note_targets(app: Sphinx, doctree: nodes.document) -> None:
    targets = targets_of(doctree, app.env.docname)
    if targets:
        blog_data(app.env)["reference_targets"][app.env.docname] = targets


def _note_what_targets_were(app: Sphinx, env: BuildEnvironment, added, changed, removed) -> list[str]:
    """Before any document is cleared or read: what every target some page names was (``env-get-outdated``)."""
    build_state(app).reference_targets = {target: what_it_is(env, target) for target in _all_targets(env)}
    return []


def pages_whose_targets_changed(env: BuildEnvironment, before: dict[Target, object]) -> Iterable[str]:
    """The documents with a reference to a target that is not what it was in *before*."""
    changed = {target for target in _all_targets(env) if before.get(target) != what_it_is(env, target)}
    for docname, targets in blog_data(env)["reference_targets"].items():
        if targets & changed:
            yield docname


def _rewrite_pages_whose_targets_changed(app: Sphinx, env: BuildEnvironment) -> list[str]:
    before = build_state(app).reference_targets
    if before is None:
        return []
    return sorted(set(pages_whose_targets_changed(env, before)) & env.found_docs)


def setup(app: Sphinx) -> dict:
    app.setup_extension("sphinx_blog_fr._domain")
    app.setup_extension("sphinx_blog_fr._state")
    app.connect("doctree-read", _note_targets)
    app.connect("env-get-outdated", _note_what_targets_were)
    app.connect("env-get-updated", _rewrite_pages_whose_targets_changed)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
