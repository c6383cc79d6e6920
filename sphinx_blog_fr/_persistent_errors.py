"""A source with a problem is read again by every build until it has none, so every build reports it.

Sphinx reports a document's problems (a broken link, a link to a draft, an
unknown directive) only when it reads or writes that document, and an
incremental build reads and writes only what changed: after a failed build,
saving any other file gave a build that « succeeded » with the problem still
there, and ``make livehtml`` dropped the error it was showing. This
extension notes, through a handler on Sphinx's logger, the documents that
had a warning or an error in a build (by the warning's location, or the
document being read or written), keeps them beside the doctrees, and has
the next build read them again (``env-get-outdated``) until they have none.
(Posts whose front matter is refused are not documents; ``_front_matter``
reports them again on every build itself.)
"""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.logging import NAMESPACE, get_node_location, is_suppressed_warning

from sphinx_blog_fr._state import build_state

#: The documents that had a problem in the previous build, in the doctree folder.
PROBLEMS_FILE = "blog-documents-with-problems.json"
_PATH_AND_LINE = re.compile(r"^(?P<path>.*?)(?::\d+)?$")


class DocumentsWithProblems(logging.Handler):
    """Notes the document each warning or error of this build is about."""

    def __init__(self, app: Sphinx) -> None:
        super().__init__(logging.WARNING)
        self.app = app
        self.docnames: set[str] = set()

    def _docname(self, location: object) -> str | None:
        env = self.app.env
        if isinstance(location, tuple):
            return location[0]
        if isinstance(location, nodes.Node):
            location = get_node_location(location)
        if isinstance(location, str):
            if ":" not in location:
                return location
            return env.path2doc(_PATH_AND_LINE.match(location)["path"])
        return env.docname if env is not None else None

    def emit(self, record: logging.LogRecord) -> None:
        if is_suppressed_warning(
            getattr(record, "type", None), getattr(record, "subtype", None), self.app.config.suppress_warnings
        ):
            return
        docname = self._docname(getattr(record, "location", None))
        if docname:
            self.docnames.add(docname)


def _problems_file(app: Sphinx) -> Path:
    return Path(app.doctreedir) / PROBLEMS_FILE


def _previous_problems(app: Sphinx) -> set[str]:
    try:
        return set(json.loads(_problems_file(app).read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return set()


def _start_build(app: Sphinx) -> None:
    problems = build_state(app).problems = DocumentsWithProblems(app)
    logging.getLogger(NAMESPACE).addHandler(problems)


def _read_again(app: Sphinx, env: BuildEnvironment, added: set, changed: set, removed: set) -> list[str]:
    """The documents that had a problem last time, to be read again (``env-get-outdated``)."""
    return sorted((_previous_problems(app) & env.found_docs) - added - changed)


def _keep_problems(app: Sphinx, exception: Exception | None) -> None:
    handler = build_state(app).problems
    logging.getLogger(NAMESPACE).removeHandler(handler)
    problems = handler.docnames & app.env.found_docs
    if exception is not None:
        problems |= _previous_problems(app)
    _problems_file(app).write_text(json.dumps(sorted(problems)), encoding="utf-8")


def setup(app: Sphinx) -> dict:
    app.setup_extension("sphinx_blog_fr._state")
    app.connect("builder-inited", _start_build)
    app.connect("env-get-outdated", _read_again)
    app.connect("build-finished", _keep_problems)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
