"""The author's commands: ``sphinx-blog-fr build|post|import|preview|audit|bench …``.

The Makefile calls them (``make html``, ``make post``, ``make import``, ``make livehtml``,
``make audit``, ``make bench``); each runs in the blog's folder (the current
directory) and reads the blog's ``conf.py``. ``sphinx-blog-fr COMMAND --help``
gives each command's options.
"""

from __future__ import annotations

import os
import sys
from importlib import import_module
from typing import NoReturn

#: Each command, the module whose ``main(argv)`` runs it, and what it does.
COMMANDS = {
    "build": ("sphinx_blog_fr.commands.build", "construit le site (sauf si rien n’a changé depuis la dernière fois)"),
    "post": ("sphinx_blog_fr.commands.new_post", "crée un article"),
    "import": ("sphinx_blog_fr.wordpress.__main__", "importe un export WordPress"),
    "preview": ("sphinx_blog_fr.commands.live_preview", "sert le site et le reconstruit à chaque enregistrement"),
    "audit": ("sphinx_blog_fr.commands.audit", "mesure le poids et les requêtes de chaque type de page"),
    "bench": ("sphinx_blog_fr.commands.benchmark", "chronomètre les constructions face à Pelican et ABlog"),
}

#: Commands whose process ends as soon as they return, without Python's teardown (see :func:`run`).
ENDED_AT_ONCE = frozenset({"build"})


def usage() -> str:
    lines = ["Utilisation : sphinx-blog-fr COMMANDE [OPTIONS…]", "", "Commandes :"]
    lines += [f"  {name:<8} {summary}" for name, (_module, summary) in COMMANDS.items()]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else argv
    if not arguments or arguments[0] not in COMMANDS:
        print(usage(), file=sys.stderr if arguments and arguments[0] not in ("-h", "--help") else sys.stdout)
        return 0 if arguments and arguments[0] in ("-h", "--help") else 2
    module = import_module(COMMANDS[arguments[0]][0])
    return module.main(arguments[1:]) or 0


def run() -> NoReturn:
    """The ``sphinx-blog-fr`` program: :func:`main`, then the end of the process with its status.

    After a build, Python's own teardown frees the environment, doctrees and
    templates the build leaves in memory one object at a time: 1.0 s after an
    edit, 1.4 s after a clean build at 1,000 posts, for nothing, since the
    process ends. The build ends at once instead (``os._exit``), once the
    standard streams are flushed: Sphinx has closed every file it wrote,
    its warning file too, when its ``main`` returns. Other commands end as
    Python ends.
    """
    status = main()
    if sys.argv[1:2] and sys.argv[1] in ENDED_AT_ONCE:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)
    sys.exit(status)


if __name__ == "__main__":
    run()
