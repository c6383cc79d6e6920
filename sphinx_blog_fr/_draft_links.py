"""A link to a draft is one French error naming both files, not Sphinx's « Unknown source document ».

``_front_matter`` leaves drafts (no date, or a date to come) out of the
build, so a published post that links to one fails the build. MyST and
Sphinx then say, in English, that the document does not exist, which the
author, who has the file open, cannot understand. For a link to a draft,
this extension reports instead where the link is, which post it leads to and
why that post is not there::

    posts/2020/a.md:5: ERROR: le lien vers « posts/2020/b.md » mène à un brouillon (date à venir ou absente) : …

The link is left as its text, as MyST does for a missing document. MyST's
Markdown links (``[texte](b.md)``) are resolved by MyST's own post-transform,
which emits no ``missing-reference`` event: a post-transform running just
before it takes the links to drafts. The ``{doc}`` role goes through Sphinx,
whose ``warn-missing-reference`` event lets us replace its message.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.domains import Domain
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import docname_join, logging

from sphinx_blog_fr._state import build_state

logger = logging.getLogger(__name__)


def draft_link_message(app: Sphinx, docname: str) -> str | None:
    """The error for a link to *docname*, if it is a draft; else None."""
    draft = build_state(app).draft_sources.get(docname)
    if draft is None:
        return None
    target = Path(draft.path).relative_to(app.srcdir).as_posix()
    return (
        f"le lien vers « {target} » mène à un brouillon (date à venir ou absente) : il ne sera publié "
        "qu’à sa date ; retirez le lien ou publiez l’article"
    )


def _report(message: str, node: nodes.Node) -> None:
    logger.error(message, location=node, type="blog", subtype="draft-link")


class DraftMystLinks(SphinxPostTransform):
    """Report MyST links to drafts, before MyST's resolver (priority 9) calls them unknown documents."""

    default_priority = 8

    def run(self, **kwargs) -> None:
        for node in list(self.document.findall(addnodes.pending_xref)):
            if node.get("reftype") != "myst" or node.get("refdomain") != "doc":
                continue
            message = draft_link_message(self.app, node["reftarget"])
            if message:
                _report(message, node)
                node.replace_self(node[0].deepcopy() if node.children else nodes.Text(node["reftarget"]))


def _report_doc_role_to_draft(app: Sphinx, domain: Domain | None, node: addnodes.pending_xref) -> bool | None:
    """Replace Sphinx's « unknown document » by the draft's error (``warn-missing-reference``)."""
    if node.get("reftype") != "doc":
        return None
    message = draft_link_message(app, docname_join(node.get("refdoc", ""), node["reftarget"]))
    if message is None:
        return None
    _report(message, node)
    return True


def setup(app: Sphinx) -> dict:
    app.setup_extension("sphinx_blog_fr._front_matter")
    app.add_post_transform(DraftMystLinks)
    app.connect("warn-missing-reference", _report_doc_role_to_draft)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
