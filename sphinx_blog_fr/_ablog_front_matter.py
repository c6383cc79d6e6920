"""Hand ABlog each post's date and flags in the form it reads.

ABlog's own front-matter transform (priority 800) cannot compare dates that
carry a time-zone offset, and crashes on the flags ``nocomments: true`` and
``exclude: true`` (it passes their value to docutils' ``flag``, which takes
none). Just before it, each post's date becomes a plain local date-time on
the blog's clock (``post_date_format``), whatever offset the author wrote,
and each flag an empty field when true, no field when false.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

from sphinx_blog_fr._schema_terms import FLAG_KEYS
from sphinx_blog_fr._state import build_state


class NormalizeFrontMatter(SphinxTransform):
    """Hand ABlog front matter it can read, just before ABlog's own front-matter transform (priority 800)."""

    default_priority = 799

    def apply(self) -> None:
        post = build_state(self.app).post_sources.get(self.env.docname)
        if post is None:
            return
        for docinfo in self.document.findall(nodes.docinfo):
            for date_node in docinfo.findall(nodes.date):
                date_node.children = [nodes.Text(post.date.strftime(self.config.post_date_format))]
            for field_node in list(docinfo.findall(nodes.field)):
                name, body = field_node[0].astext(), field_node[1]
                if name == "date":
                    body.children = [nodes.paragraph(text=post.date.strftime(self.config.post_date_format))]
                elif name in FLAG_KEYS:
                    if post.front_matter.get(name) is True:
                        body.children = []
                    else:
                        field_node.parent.remove(field_node)


def setup(app: Sphinx) -> dict:
    app.setup_extension("sphinx_blog_fr._front_matter")
    app.add_transform(NormalizeFrontMatter)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
