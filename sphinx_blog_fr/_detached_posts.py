"""ABlog's copies of each post, detached from the build that read them.

ABlog keeps in the environment, for each post, a copy of its excerpt and of
its text (``env.ablog_posts``, read by listings and feeds). docutils' copies
keep the original's document (``Node.copy`` sets ``_document``), and the copy
of a whole post is a document that shares the original's docutils settings,
which hold the build environment itself. So every environment pickled holds,
through its posts, the environments that read them: at 1,000 posts
``environment.pickle`` weighs 23 MB, loaded and saved by every build, even
one that changes nothing; and with ``-j auto`` each reading process sends
back the environments it inherited, merged from the processes before it, so
what is pickled snowballs (a 5-minute build using over 10 GB of memory at
1,000 posts, against 15 s serially), as writethedocs/www#2777 found.

This extension detaches the copies when ABlog has made them (after its own
``doctree-read`` handler), as Sphinx detaches a doctree before pickling it:
the copied nodes forget the original document, and a copied document gets
its own settings without the environment. Listings and feeds insert copies
of these copies into a new document, where they find it through their parent.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from sphinx_blog_fr.compat.ablog import post_records


def _detach(app: Sphinx, doctree: nodes.document) -> None:
    for post in post_records(app.env, app.env.docname):
        for root in [*post["excerpt"], post["doctree"]]:
            is_document = isinstance(root, nodes.document)
            if is_document:
                root.settings = root.settings.copy()
                root.settings.env = root.settings.warning_stream = root.settings.record_dependencies = None
                root.reporter = root.transformer = None
            for node in root.findall(include_self=not is_document):
                node.document = None


def setup(app: Sphinx) -> dict:
    app.setup_extension("ablog")
    # ABlog makes its copies in its doctree-read handler (process_posts, priority 500): detach them
    # after it, and after every listener that reads or changes them (blog-post-recorded is at 550).
    app.connect("doctree-read", _detach, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
