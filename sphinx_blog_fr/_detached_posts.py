"""ABlog's copies of each post: its excerpt detached from the build that read it, its whole text dropped.

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

This extension detaches the excerpts when ABlog has made them (after its own
``doctree-read`` handler), as Sphinx detaches a doctree before pickling it:
the copied nodes forget the original document. Listings and feeds insert
copies of these copies into a new document, where they find it through
their parent.

The copy of each post's whole text is dropped: at 1,000 posts it was 13.6 MB
of the 15.7 MB of ``environment.pickle``, loaded and saved by every build,
for the few posts of the blog's full-text feed. That feed reads each post's
text from the doctree Sphinx pickles for it (:func:`post_text`), the same
nodes: ABlog copies the document's first section once its ``post``
directive is gone, and the ``doctree-read`` listeners after ABlog's read
the document without changing it (the feeds of the 1,000-post benchmark are
byte for byte those of the copies).
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from sphinx_blog_fr.compat.ablog import post_records


def post_text(env: BuildEnvironment, docname: str) -> list[nodes.Node]:
    """Return the whole text of the post *docname* (a post is a page), its title included, as ABlog copied it."""
    return [env.get_doctree(docname)[0]]


def _detach(app: Sphinx, doctree: nodes.document) -> None:
    for post in post_records(app.env, app.env.docname):
        post["doctree"] = None
        for root in post["excerpt"]:
            for node in root.findall():
                node.document = None


def setup(app: Sphinx) -> dict:
    app.setup_extension("ablog")
    # ABlog makes its copies in its doctree-read handler (process_posts, priority 500): detach them
    # after it, and after every listener that reads or changes them (blog-post-recorded is at 550).
    app.connect("doctree-read", _detach, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
