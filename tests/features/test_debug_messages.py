"""Sphinx's debug messages are not made when the build does not show them, and shown when asked for.

``sphinx_blog_fr._debug_messages`` sets Sphinx's logger to the lowest level
its handlers show. A handler listening below that level sees no debug
record during a build at the default verbosity; at ``-vv`` Sphinx still
prints its debug messages.
"""

from __future__ import annotations

import logging
import shutil
from io import StringIO
from pathlib import Path

from sphinx.testing.util import SphinxTestApp

from features.conftest import ROOTS, messages

EMITTING = "[app] emitting event"


class Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.levels: list[int] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.levels.append(record.levelno)


def _build(workdir: Path, verbosity: int) -> tuple[Records, str]:
    srcdir = workdir / "src"
    shutil.copytree(ROOTS / "test-dates", srcdir)
    status = StringIO()
    app = SphinxTestApp("html", srcdir=srcdir, builddir=workdir / "build", status=status, verbosity=verbosity)
    records = Records()
    sphinx_logger = logging.getLogger("sphinx")
    sphinx_logger.addHandler(records)
    try:
        app.build()
    finally:
        sphinx_logger.removeHandler(records)
        app.cleanup()
    return records, messages(status.getvalue())


def test_a_build_at_the_default_verbosity_makes_no_record_below_what_it_shows(tmp_path: Path):
    records, status = _build(tmp_path, verbosity=0)
    assert records.levels, "le gestionnaire n’a rien reçu : le test ne mesure rien"
    assert min(records.levels) >= logging.INFO, sorted(set(records.levels))
    assert EMITTING not in status


def test_a_build_at_vv_still_shows_sphinx_debug_messages(tmp_path: Path):
    records, status = _build(tmp_path, verbosity=2)
    assert logging.DEBUG in records.levels
    assert EMITTING in status
