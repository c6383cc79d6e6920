"""Keep the build inside the repository: no post can read, include or publish a file from elsewhere.

Sphinx, docutils and MyST read whatever path a post names. A post holding
``{download}`../../../../etc/passwd``` publishes the build machine's
``/etc/passwd`` under ``_downloads/``; ``![x](../../../../etc/hostname)``
publishes it under ``_images/``; ``{include}``, ``{literalinclude}``,
``{raw}`` and ``{csv-table}`` with ``:file:`` (or ``:url: file:///…``) put a
file's text in the page, ``/proc/self/environ`` (which holds CI's tokens)
included. A contributed post built on CI could publish the CI's secrets, and
``/dev/zero`` would never finish reading. And Sphinx follows symbolic links
while looking for sources: a link under ``posts/`` to a folder elsewhere
publishes that folder, and a link to ``..`` publishes the blog forty times.

So every path a post names is resolved as the directive or the builder would
resolve it, symbolic links followed (``os.path.realpath``), BEFORE anything is
read; one that leaves the source folder, or enters a hidden folder of it
(``.git/config`` holds the checkout's token on CI), is one French error naming
the post, the line and the path, and nothing of the file is read or published:

* ``include`` (reStructuredText and MyST), ``literalinclude`` (and its
  ``:diff:``), ``raw`` and ``csv-table`` are Sphinx's and docutils' own
  directives, subclassed to check the path before their ``run`` reads it;
  ``:url:`` is refused outright (it fetches any address, ``file://`` too);
* images and downloads (the ``{download}`` role, MyST links to local files)
  are only copied by the builder, at write time, from what the environment
  collectors noted: their nodes are checked, and removed, when the doctree is
  read, before the collectors see them.

A refused post is read again by every build until it is fixed, so that its
error is never forgotten (``_persistent_errors``).

Symbolic links under the sources (``include_patterns``: ``index.md``,
``posts/``, ``pages/``) are checked when the configuration is ready, before
anything is read: a link that leaves the repository or loops is an error, and
so is any link to a folder (inside the repository it can only make Sphinx
read posts twice); the link is left out of the build. A link to a file inside
the repository (a shared image) is fine.

Event this extension emits, for the package's modules and any other extension:

``blog-doctree-confined(app, doctree)``
    In ``doctree-read`` (priority 400: before Sphinx's collectors and ABlog),
    once the images and downloads that leave the repository are removed from
    *doctree*: a listener may open the files the remaining nodes name.
    Listener: ``_images`` (sizes and resized copies).
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from glob import glob
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst.directives.misc import Raw, adapt_path
from docutils.utils import SystemMessagePropagation
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.directives.code import LiteralInclude
from sphinx.directives.other import Include
from sphinx.directives.patches import CSVTable
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.i18n import get_image_filename_for_language, search_image_for_language

from sphinx_blog_fr.compat.myst import IncludeRequest, check_include_first

logger = logging.getLogger(__name__)

OUTSIDE = "« %s » est hors du dépôt : un article ne peut inclure, télécharger ou afficher qu’un fichier du blog"
HIDDEN = (
    "« %s » est dans un dossier caché du dépôt : un article ne peut inclure, télécharger ou afficher "
    "qu’un fichier du blog"
)
URL = (
    "« %s » : un article ne peut pas inclure le contenu d’une adresse, que la construction irait lire ; "
    "copiez le fichier dans le dépôt, à côté de l’article"
)
LINK_OUTSIDE = (
    "le lien symbolique « %s » mène hors du dépôt : un article, une page ou leurs fichiers doivent "
    "être dans le dépôt ; copiez le fichier au lieu de le lier"
)
LINK_LOOP = "le lien symbolique « %s » boucle sur lui-même : supprimez-le"
LINK_FOLDER = (
    "le lien symbolique « %s » mène à un dossier : Sphinx y lirait des articles une seconde fois, "
    "ou sans fin si c’est un dossier parent ; remplacez-le par un vrai dossier"
)


def refusal(path: str | os.PathLike, srcdir: str | os.PathLike, allowed: str | os.PathLike | None = None) -> str | None:
    """Return why *path* may not be read (its resolved path leaves *srcdir* or is hidden there), or None.

    *allowed* is one more folder it may be in (docutils' own standard includes).
    """
    resolved = Path(os.path.realpath(path))
    if allowed is not None and resolved.is_relative_to(os.path.realpath(allowed)):
        return None
    root = Path(os.path.realpath(srcdir))
    if not resolved.is_relative_to(root):
        return OUTSIDE
    if any(part.startswith(".") for part in resolved.relative_to(root).parts):
        return HIDDEN
    return None


def _refuse(message: str, written: str, location: str | nodes.Node) -> None:
    logger.error(message, written, location=location, type="blog", subtype="confinement")


class ConfinedInclude(Include):
    """Sphinx's ``include``, refusing a file outside the repository before reading it."""

    def run(self) -> list[nodes.Node]:
        written = self.arguments[0]
        if written.startswith("<") and written.endswith(">"):
            # As docutils reads a standard include: its own folder, then the name.
            path = adapt_path("/" + written[1:-1], self.state.document.current_source, self.standard_include_path)
        else:
            path = self.env.relfn2path(written)[1]
        message = refusal(path, self.env.srcdir, self.standard_include_path)
        if message:
            _refuse(message, written, self.get_location())
            return []
        return super().run()


def _refuses_myst_include(include: IncludeRequest) -> bool:
    """Refuse, and report, MyST's ``include`` of a file outside the repository (the paths MyST computes)."""
    message = refusal(include.path, include.srcdir, include.standard_include_path)
    if message:
        _refuse(message, include.written, include.location)
    return message is not None


class ConfinedLiteralInclude(LiteralInclude):
    """Sphinx's ``literalinclude``, refusing a file (or a ``:diff:`` file) outside the repository."""

    def run(self) -> list[nodes.Node]:
        for written in (self.arguments[0], self.options.get("diff")):
            message = written and refusal(self.env.relfn2path(written)[1], self.env.srcdir)
            if message:
                _refuse(message, written, self.get_location())
                return []
        return super().run()


def _check_file_options(directive: Raw | CSVTable) -> bool:
    """Report a ``:url:``, or a ``:file:`` outside the repository, of a docutils directive; True if refused."""
    env = directive.state.document.settings.env
    source, line = directive.state_machine.get_source_and_line(directive.lineno)
    if "url" in directive.options:
        _refuse(URL, directive.options["url"], f"{source}:{line}")
        return True
    written = directive.options.get("file")
    if written is None:
        return False
    # The path docutils itself reads (docutils 0.22).
    document = directive.state.document
    message = refusal(adapt_path(written, document.current_source, document.settings.root_prefix), env.srcdir)
    if message:
        _refuse(message, written, f"{source}:{line}")
    return bool(message)


class ConfinedRaw(Raw):
    """Docutils' ``raw``, refusing ``:url:`` and a ``:file:`` outside the repository."""

    def run(self) -> list[nodes.Node]:
        if _check_file_options(self):
            return []
        return super().run()


class ConfinedCSVTable(CSVTable):
    """Sphinx's ``csv-table``, refusing ``:url:`` and a ``:file:`` outside the repository.

    Checked in ``get_csv_data``, where docutils reads: Sphinx's ``run`` may
    have rewritten ``:file:`` by then (an absolute path is the source folder's).
    """

    def get_csv_data(self) -> tuple[list[str], str]:
        if _check_file_options(self):
            # docutils' run() puts this node in place of the table.
            raise SystemMessagePropagation(nodes.comment())
        return super().get_csv_data()


def _image_paths(env: BuildEnvironment, uri: str) -> list[str]:
    """Every file Sphinx's image collector could take for *uri*: the French variant, a ``.*`` pattern's matches."""
    written = {uri, get_image_filename_for_language(uri, env), search_image_for_language(uri, env)}
    paths = [env.relfn2path(name)[1] for name in written]
    if uri.endswith(".*"):
        paths += [match for pattern in paths for match in glob(pattern)]
    return paths


def _confine_assets(app: Sphinx, doctree: nodes.document) -> None:
    """Remove the images and downloads naming a file outside the repository, before the collectors note them."""
    env = app.env
    for node in list(doctree.findall(nodes.image)):
        uri = node["uri"]
        if uri.startswith("data:") or "://" in uri:
            continue
        message = next(filter(None, (refusal(path, env.srcdir) for path in _image_paths(env, uri))), None)
        if message:
            _refuse(message, uri, node)
            node.parent.remove(node)
    for node in list(doctree.findall(addnodes.download_reference)):
        target = node["reftarget"]
        if "://" in target:
            continue
        message = refusal(env.relfn2path(target, env.docname)[1], env.srcdir)
        if message:
            _refuse(message, target, node)
            node.replace_self(nodes.inline("", "", *node.children))
    app.emit("blog-doctree-confined", doctree)


def _link_refusal(link: Path, srcdir: Path) -> str | None:
    """Return why the symbolic link *link* may not be a source, or None."""
    try:
        target = os.stat(link)  # follows the link
    except OSError as error:
        if error.errno == errno.ELOOP:
            return LINK_LOOP
        target = None  # a broken link: Sphinx reports what is missing
    if refusal(link, srcdir) == OUTSIDE:
        return LINK_OUTSIDE
    if target is not None and stat.S_ISDIR(target.st_mode):
        return LINK_FOLDER
    return None


def _symbolic_links(srcdir: Path, patterns: list[str]) -> Iterator[Path]:
    """Yield every symbolic link under the sources' top entries (``posts``, ``pages``, ``index.md``)."""
    tops = {pattern.split("/")[0] for pattern in patterns if not any(c in pattern.split("/")[0] for c in "*?[")}
    for top in sorted(tops):
        path = srcdir / top
        if path.is_symlink():
            yield path
        elif path.is_dir():
            for root, folders, files in os.walk(path):
                # The names' text: a Path of each of a thousand posts costs 0.02 s.
                links = [name for name in sorted(folders + files) if os.path.islink(os.path.join(root, name))]
                yield from (Path(root, name) for name in links)


def _check_links(app: Sphinx, config: Config) -> None:
    """Report and leave out each symbolic link of the sources that leaves the repository, loops or is a folder."""
    srcdir = Path(app.srcdir)
    for link in _symbolic_links(srcdir, config.include_patterns):
        message = _link_refusal(link, srcdir)
        if message:
            relative = link.relative_to(srcdir).as_posix()
            logger.error(message, relative, location=f"{link}:1", type="blog", subtype="confinement")
            config.exclude_patterns = [*config.exclude_patterns, relative, f"{relative}/**"]


def setup(app: Sphinx) -> dict:
    app.setup_extension("myst_parser")
    app.setup_extension("sphinx_blog_fr._defaults")
    app.add_event("blog-doctree-confined")
    # Once include_patterns has its default, before _front_matter reads the posts (config-inited).
    app.connect("blog-defaults-applied", _check_links)
    app.add_directive("include", ConfinedInclude, override=True)
    app.add_directive("literalinclude", ConfinedLiteralInclude, override=True)
    app.add_directive("raw", ConfinedRaw, override=True)
    app.add_directive("csv-table", ConfinedCSVTable, override=True)
    check_include_first(_refuses_myst_include)
    # Before Sphinx's image and download collectors (ImageCollector, DownloadFileCollector:
    # doctree-read, priority 500) note the files to copy, and before ABlog's process_posts (500) copies the post.
    app.connect("doctree-read", _confine_assets, priority=400)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
