"""After any change, the output holds exactly the files a clean build writes.

Sphinx writes the pages of the documents it finds, but never removes the
page of a document that is gone: a deleted post, a post turned draft
(``_front_matter`` adds it to ``exclude_patterns``), or the old name of a
renamed file kept answering at its address, with its old sidebar and links
to tag pages that no longer exist. Nor does it remove the images and
downloads only such a post used, the folders left empty, or the
``.buildinfo.bak`` it writes when the configuration changed. This extension
keeps beside the doctrees the list of the previous build's pages, the
sources' and the generated ones (so that a build that starts from a new
environment, after a configuration change, still knows them), with each
document's page (the next build made by the same builder and configuration
asks the builder only for the pages of new documents), and:

* before the generated pages are written, removes the page of every
  document that is not a source any more (listed, or reported removed by
  Sphinx): a redirect page of ``sphinx-reredirects`` may then stand where a
  renamed post was;
* at the end of a build that did not fail, removes every generated page of
  the previous build that this one neither wrote nor kept (the index of
  categories when the last category is gone); a page kept is a listing
  page ``_incremental`` left in place because it did not change;
* removes from ``_images/`` and ``_downloads/`` the files no document uses
  (``_images``' resized copies of the images in use are used);
* removes ``.buildinfo.bak``;
* and, with every file it or ``_incremental`` removes, the folders
  this leaves empty.

Listing pages and feeds no build produces any more are ``_incremental``'s
(it fingerprints them); it removes them with :func:`remove_output_file`.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import sphinx
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from sphinx_blog_fr._images import resized_image_names
from sphinx_blog_fr._state import build_state

#: The pages of the previous build, in the doctree folder.
PAGES_FILE = "blog-pages.json"


def remove_output_file(outdir: Path, path: str) -> None:
    """Remove file *path* (relative to *outdir*), then each of its folders that it leaves empty."""
    target = outdir / path
    if not target.resolve().is_relative_to(outdir.resolve()):
        return
    target.unlink(missing_ok=True)
    for folder in target.parents:
        if folder == outdir or not folder.is_relative_to(outdir) or not folder.is_dir() or any(folder.iterdir()):
            break
        folder.rmdir()


def _page_of(app: Sphinx, pagename: str) -> str:
    # The path's text below the output folder: a Path of each of a thousand pages cost 0.03 s.
    path = os.fspath(app.builder.get_outfilename(pagename))
    return path.removeprefix(f"{app.outdir}{os.sep}").replace(os.sep, "/")


def _pages_made_by(app: Sphinx) -> str:
    """What the page of a document depends on besides its name: the builder, its output folder, the configuration."""
    builder = app.builder
    config_hash = getattr(getattr(builder, "build_info", None), "config_hash", None)
    made_by = (sphinx.__version__, type(builder).__module__, type(builder).__qualname__, os.fspath(app.outdir))
    return repr((*made_by, config_hash))


class PageList:
    """The pages of the previous build, the sources' and the generated ones, and what this build did with them."""

    def __init__(self, app: Sphinx) -> None:
        self.path = Path(app.doctreedir) / PAGES_FILE
        self.made_by = _pages_made_by(app)
        try:
            previous = json.loads(self.path.read_text(encoding="utf-8"))
            self.previous_documents, self.previous_generated = set(previous["documents"]), set(previous["generated"])
        except (OSError, ValueError, TypeError, KeyError):
            previous, self.previous_documents, self.previous_generated = {}, set(), set()
        #: Each document's page in the previous build, if the pages were made the same way.
        same_pages = previous.get("made_by") == self.made_by
        self.previous_pages: dict[str, str] = dict(previous.get("document_pages", {})) if same_pages else {}
        #: The pages of the documents Sphinx reports removed.
        self.removed: set[str] = set()
        self._pages: dict[str, str] | None = None

    def _document_pages(self, app: Sphinx) -> dict[str, str]:
        """Each document's page, found once reading is over, and taken from the previous build when it
        had the document: asking the builder for each costs 0.05 s."""
        if self._pages is None:
            known = self.previous_pages
            self._pages = {docname: known.get(docname) or _page_of(app, docname) for docname in app.env.found_docs}
        return self._pages

    def documents(self, app: Sphinx) -> set[str]:
        """The pages of this build's documents."""
        return set(self._document_pages(app).values())

    def generated(self, app: Sphinx) -> set[str]:
        """This build's other pages: those it wrote, and the listings ``_incremental`` left in place."""
        kept = build_state(app).generated_files
        written = build_state(app).written_pages
        return {_page_of(app, name) for name in written - app.env.found_docs} | set(kept.current if kept else ())

    def save(self, app: Sphinx, generated: set[str]) -> None:
        pages = self._document_pages(app)
        kept = {
            "documents": sorted(set(pages.values())),
            "generated": sorted(generated),
            "made_by": self.made_by,
            "document_pages": dict(sorted(pages.items())),
        }
        self.path.write_text(json.dumps(kept), "utf-8")


def _start_build(app: Sphinx) -> None:
    if hasattr(app.builder, "get_outfilename"):
        build_state(app).page_list = PageList(app)


def _note_removed_documents(app: Sphinx, env: BuildEnvironment, added: set, changed: set, removed: set) -> list:
    """Keep the pages of the documents Sphinx reports removed (``env-get-outdated``); rewrites nothing."""
    pages = build_state(app).page_list
    if pages is not None:
        pages.removed = {_page_of(app, docname) for docname in removed}
    return []


def _remove_pages_of_documents_gone(app: Sphinx) -> list:
    """Remove the pages of documents that are sources no more (``html-collect-pages``; adds no page)."""
    pages = build_state(app).page_list
    for page in sorted((pages.previous_documents | pages.removed) - pages.documents(app)):
        remove_output_file(Path(app.outdir), page)
    return []


def _remove_unused(app: Sphinx, folder: str, used: set[str]) -> None:
    """Remove the files of output *folder* whose path below it is not in *used*."""
    outdir = Path(app.outdir)
    root = outdir / folder
    if not root.is_dir():
        return
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.relative_to(root).as_posix() not in used:
            remove_output_file(outdir, path.relative_to(outdir).as_posix())


def _remove_stale_files(app: Sphinx, exception: Exception | None) -> None:
    pages = build_state(app).page_list
    if exception is not None or pages is None:
        return
    outdir, env = Path(app.outdir), app.env
    documents, generated = pages.documents(app), pages.generated(app)
    for page in sorted(pages.previous_generated - generated - documents):
        remove_output_file(outdir, page)
    # Sphinx 9 stores these names as path objects: compared as text below.
    # blog_images' resized copies are kept beside Sphinx's copies of the originals.
    used_images = {os.fspath(unique_name) for _docnames, unique_name in env.images.values()}
    _remove_unused(app, "_images", used_images | resized_image_names(env))
    _remove_unused(app, "_downloads", {os.fspath(destination) for _docnames, destination in env.dlfiles.values()})
    # Sphinx (9.0) keeps the previous build's information there when the configuration changed.
    (outdir / ".buildinfo.bak").unlink(missing_ok=True)
    pages.save(app, generated)


def setup(app: Sphinx) -> dict:
    app.setup_extension("sphinx_blog_fr._state")
    app.connect("builder-inited", _start_build)
    app.connect("env-get-outdated", _note_removed_documents)
    # Before sphinx-reredirects writes its pages (its init, priority 500): one may stand where a renamed post was.
    app.connect("html-collect-pages", _remove_pages_of_documents_gone, priority=300)
    # After every other build-finished listener, the upstream ones too (sphinx-sitemap's create_sitemap,
    # Furo's _overwrite_pygments_css: 500) and any a blog adds: what none of them wrote is stale.
    app.connect("build-finished", _remove_stale_files, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
