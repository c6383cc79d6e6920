"""The sphinx-autobuild internal ``make livehtml`` uses, checked against sphinx-autobuild 2025.8.25.

sphinx-autobuild has no public way to add a middleware to its server;
``sphinx_autobuild.__main__._create_app`` returns its Starlette application,
which the preview extends. Not part of a build: checked when the preview starts.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

import sphinx_autobuild.__main__ as autobuild
from starlette.applications import Starlette

from sphinx_blog_fr.compat import outside_checked_range, require

DISTRIBUTION = "sphinx-autobuild"
#: The sphinx-autobuild releases this internal was read in: [low, below).
CHECKED = ("2025.8.25", "2025.9")


def serve_with(extend: Callable[[Starlette], None], argv: list[str]) -> None:
    """Run sphinx-autobuild with *argv*, its server application first passed to *extend*."""
    problem = outside_checked_range(DISTRIBUTION, *CHECKED)
    if problem:
        print(f"sphinx_blog_fr : attention : {problem}", file=sys.stderr)
    create_app = getattr(autobuild, "_create_app", None)
    require(callable(create_app), "sphinx-autobuild", "sphinx_autobuild.__main__._create_app")

    def create_extended_app(*args, **kwargs):
        app = create_app(*args, **kwargs)
        extend(app)
        return app

    autobuild._create_app = create_extended_app
    autobuild.main(argv)
