"""The MyST-Parser internal the blog uses, checked against myst-parser 5.2.0.

MyST never calls the ``include`` directive's ``run``: for any subclass of
docutils' Include, it reads the file in its own private
``myst_parser.mocking.MockIncludeDirective.run``, whose ``include-read``
event comes after the reading. The blog checks the path before that.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from docutils import nodes
from myst_parser import mocking
from myst_parser.mdit_to_docutils import base

from sphinx_blog_fr.compat import require

DISTRIBUTION = "myst-parser"
#: The MyST-Parser releases this internal was read in: [low, below).
CHECKED = ("5.2", "5.3")

#: MyST's stand-in for docutils' ``include`` directive.
_IncludeDirective = getattr(mocking, "MockIncludeDirective", None)


@dataclass(frozen=True)
class IncludeRequest:
    """What MyST's ``include`` is about to read, with the paths MyST computes."""

    #: The path as the post writes it, on one line.
    written: str
    #: The file MyST would read.
    path: Path
    #: docutils' folder of standard includes (``<name>``).
    standard_include_path: Path
    srcdir: Path
    #: ``source:line`` of the directive.
    location: str


def _request(directive) -> IncludeRequest:
    env = directive.renderer.sphinx_env
    written = "".join(line.strip() for line in directive.arguments[0].splitlines())
    standard = Path(directive.klass.standard_include_path)
    if written.startswith("<") and written.endswith(">"):
        path = standard / written[1:-1]
    else:
        path = Path(env.relfn2path(directive.arguments[0])[1])
    source = directive.document["source"]
    return IncludeRequest(
        written, Path(source).absolute().parent / path, standard, Path(env.srcdir), f"{source}:{directive.lineno}"
    )


def check_include_first(refuses: Callable[[IncludeRequest], bool]) -> None:
    """Have MyST's ``include``, in a Sphinx build, include nothing when *refuses* its request."""
    # The renderer must build this very class for its includes, or the check would never run.
    used = getattr(base, "MockIncludeDirective", None) is _IncludeDirective is not None
    require(
        used and callable(_IncludeDirective.run),
        "MyST-Parser",
        "son include ne passe plus par MockIncludeDirective.run",
    )
    if getattr(_IncludeDirective.run, "confined", False):
        return
    read = _IncludeDirective.run

    def run(self) -> list[nodes.Element]:
        if self.renderer.sphinx_env is not None and refuses(_request(self)):
            return []
        return read(self)

    run.confined = True
    _IncludeDirective.run = run
