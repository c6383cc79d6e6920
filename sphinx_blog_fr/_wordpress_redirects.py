"""Keep the old WordPress addresses working, from the ``redirects.json`` the importer writes.

A blog moved from WordPress is linked from everywhere under its old
addresses (``/2017/11/10/slug/``, ``/category/x/``, ``/feed/``, ``/?p=42``).
A static host cannot answer them with HTTP redirects, so:

- old paths: this extension adds the ``pages`` map of ``redirects.json``
  (source docname → target) to sphinx-reredirects' ``redirects`` setting at
  ``config-inited``; sphinx-reredirects then writes, for each old path, a
  small HTML page that forwards to the new one. Entries already set in
  conf.py win over imported ones.
- ``/?p=ID`` and ``/?page_id=ID``: every such address is the home page with
  a query string, which only a script can read. The home page alone gets an
  inline script holding the ``query`` tables; it forwards the reader when
  the query names a known ID. No file is fetched, no other page is touched.

- old addresses with non-ASCII characters (``/greek/επίπεδο/``):
  sphinx-reredirects names their files after the URL-quoted docname
  (``%CE%B5…``), but a web server decodes the request before looking for the
  file; after the build the extension gives those files their decoded names.

Every redirect page stays inside the output folder and never replaces a
page the blog writes itself (a document, a listing, the index, search or 404
page): such an entry, from ``redirects.json`` or conf.py, is one error naming
the old address and the page, and gets no redirect page. ``redirects.json``
is export data, so its entries are checked before anything uses them: an old
address is a relative path without ``..``, backslash, control character or
wildcard, a target is a path of the site (``/…``) made of URL characters, and
any other entry is an error and left out.

Without ``redirects.json`` (no import done) the extension does nothing.
"""

import json
import re
from pathlib import Path
from urllib.parse import quote

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging
from sphinx_reredirects import Reredirects

from sphinx_blog_fr._state import build_state

REDIRECTS_FILE = "redirects.json"
_SAFE_SOURCE = re.compile(r"(?!/)(?!.*(?:^|/)\.\.?(?:/|$))[^\\\x00-\x1f\x7f*?\[\]]+")
_SAFE_TARGET = re.compile(r"/[A-Za-z0-9._~/%-]*(?:#[A-Za-z0-9._~-]*)?")
_SAFE_ID = re.compile(r"[0-9]+")
# sphinx-reredirects expands these over the documents: only conf.py may use them.
_WILDCARDS = re.compile(r"[*?\[\]]")

logger = logging.getLogger(__name__)

_HOME_SCRIPT = """(function () {{
  var tables = {tables};
  var query = new URLSearchParams(window.location.search);
  for (var name in tables) {{
    var target = tables[name][query.get(name)];
    if (target) {{ window.location.replace(target + window.location.hash); return; }}
  }}
}})();"""


def setup(app: Sphinx) -> dict:
    """Register the two hooks; sphinx-reredirects must be loaded too (it writes the pages)."""
    app.setup_extension("sphinx_reredirects")
    app.connect("config-inited", add_imported_redirects)
    app.connect("html-page-context", add_query_script)
    app.connect("html-page-context", refuse_page_over_redirect)
    # Before sphinx-reredirects writes the redirect pages (its init, html-collect-pages, priority 500).
    app.connect("html-collect-pages", check_redirect_pages, priority=450)
    app.connect("build-finished", unquote_redirect_files)
    return {"parallel_read_safe": True, "parallel_write_safe": True}


def load_redirects(srcdir: Path, *, report: bool = False) -> dict:
    """The valid entries of ``redirects.json`` in *srcdir* (empty tables when there is none); with
    *report*, each invalid one is an error."""
    path = srcdir / REDIRECTS_FILE
    if not path.is_file():
        return {"pages": {}, "query": {}}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        pages, query = dict(data.get("pages", {})), dict(data.get("query", {}))
    except (ValueError, TypeError, AttributeError):
        if report:
            logger.error(
                "ce fichier n’est pas un redirects.json valide ; aucune redirection n’est écrite", location=f"{path}:1"
            )
        return {"pages": {}, "query": {}}
    return {
        "pages": {source: target for source, target in pages.items() if _valid_page(path, source, target, report)},
        "query": {
            name: {key: value for key, value in dict(table).items() if _valid_id(path, name, key, value, report)}
            for name, table in query.items()
            if name in ("p", "page_id") and isinstance(table, dict)
        },
    }


def _valid_page(path: Path, source: object, target: object, report: bool) -> bool:
    """Whether an old address and its target are safe to write; with *report*, an error if not."""
    if not (isinstance(source, str) and _SAFE_SOURCE.fullmatch(source)):
        problem = (
            f"l’ancienne adresse « {source} » n’est pas un chemin sûr dans le site "
            "(« .. », « / » initial, « \\ », caractère de contrôle ou joker)"
        )
    elif not (isinstance(target, str) and _SAFE_TARGET.fullmatch(target)):
        problem = f"la cible « {target} » de l’ancienne adresse « {source} » n’est pas une adresse du site (« /… »)"
    else:
        return True
    if report:
        logger.error("%s ; elle est ignorée", problem, location=_location(path, json.dumps(source, ensure_ascii=False)))
    return False


def _valid_id(path: Path, name: str, key: object, value: object, report: bool) -> bool:
    """Whether a ``?p=`` / ``?page_id=`` entry is a number and a path of the site; with *report*, an error if not."""
    if (
        isinstance(key, str)
        and _SAFE_ID.fullmatch(key)
        and isinstance(value, str)
        and _SAFE_TARGET.fullmatch("/" + value)
    ):
        return True
    if report:
        logger.error(
            "l’entrée « ?%s=%s » → « %s » est invalide ; elle est ignorée",
            name,
            key,
            value,
            location=_location(path, json.dumps(value, ensure_ascii=False)),
        )
    return False


def add_imported_redirects(app: Sphinx, config: Config) -> None:
    """Merge the imported old paths into ``config.redirects`` (conf.py's own entries take precedence)."""
    imported = load_redirects(Path(app.srcdir), report=True)["pages"]
    build_state(app).imported_redirects = set(imported) - set(config.redirects)
    config.redirects = {**imported, **config.redirects}


def check_redirect_pages(app: Sphinx) -> list:
    """Drop, with an error, each redirect that would leave the output or replace a page the blog writes.

    The pages checked here are the documents, the pages written so far (the
    general index) and the files the previous build generated, which
    ``_incremental`` leaves in place; pages written later (listings,
    search, 404) are checked as they are written (:func:`refuse_page_over_redirect`).
    """
    if app.builder.format != "html" or not app.config.redirects:
        return []
    outdir = Path(app.outdir).resolve()
    generated_files = build_state(app).generated_files
    generated = generated_files.previous if generated_files else {}
    pages = {
        _output_file(app, docname): docname for docname in app.env.found_docs | build_state(app).redirect_checked_pages
    }
    pages |= {(outdir / path).resolve(): path.removesuffix(app.builder.out_suffix) for path in generated}
    # Reredirects.docname_out_path is sphinx-reredirects' own rule for a redirect's file (a public method).
    reredirects = Reredirects(app)
    for source in [source for source in app.config.redirects if not _WILDCARDS.search(source)]:
        files = _redirect_files(app, reredirects, source)
        problems = [problem for problem in (_collision(file, outdir, pages) for file in files) if problem]
        if problems:
            _refuse(app, source, problems[0])
        else:
            build_state(app).redirect_files.update(dict.fromkeys(files, source))
    return []


def _collision(file: Path, outdir: Path, pages: dict[Path, str]) -> str:
    """Why a redirect page may not be written at *file*, or ``""``."""
    if not file.is_relative_to(outdir):
        return f"elle écrirait {file} hors du dossier du site"
    if file in pages:
        return f"elle remplacerait la page {file.relative_to(outdir)} du blog ({pages[file]})"
    return ""


def refuse_page_over_redirect(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: object) -> None:
    """A page written after the redirects replaces the one it collides with; that is an error naming both."""
    state = build_state(app)
    state.redirect_checked_pages.add(pagename)
    if not state.redirect_files:
        # No redirect page left to write (none, or each already met): no path to resolve.
        return
    file = _output_file(app, pagename)
    source = state.redirect_files.pop(file, None)
    if source is not None:
        page = file.relative_to(Path(app.outdir).resolve())
        _refuse(app, source, f"elle remplacerait la page {page} du blog ({pagename}), qui est gardée")


def _redirect_files(app: Sphinx, reredirects: Reredirects, source: str) -> list[Path]:
    """Where sphinx-reredirects writes the page of *source*, and where :func:`unquote_redirect_files` moves it."""
    suffix = app.builder.out_suffix
    written = Path(app.outdir).joinpath(*reredirects.docname_out_path(source, suffix)).with_suffix(suffix)
    if quote(source) == source:
        return [written.resolve()]
    return [written.resolve(), (Path(app.outdir) / f"{source}{suffix}").resolve()]


def _output_file(app: Sphinx, pagename: str) -> Path:
    """The real path of the file the builder writes for *pagename*."""
    return Path(app.builder.get_outfilename(pagename)).resolve()


def _refuse(app: Sphinx, source: str, reason: str) -> None:
    """Log one error for the redirect of *source*, located in the file it came from, and drop it."""
    imported = source in build_state(app).imported_redirects
    origin = Path(app.srcdir, REDIRECTS_FILE if imported else "conf.py")
    location = _location(origin, json.dumps(source, ensure_ascii=False) if imported else source)
    logger.error("redirection de l’ancienne adresse « %s » refusée : %s", source, reason, location=location)
    app.config.redirects.pop(source, None)


def _location(path: Path, text: str) -> str:
    """``path:LINE`` of the first line of *path* holding *text* (line 1 when none does)."""
    lines = path.read_text(encoding="utf-8").splitlines() if path.is_file() else []
    line = next((number for number, content in enumerate(lines, 1) if text in content), 1)
    return f"{path}:{line}"


def add_query_script(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: object) -> None:
    """On the home page only, add the inline script answering ``?p=ID`` and ``?page_id=ID``."""
    if pagename != app.config.root_doc:
        return
    tables = load_redirects(Path(app.srcdir))["query"]
    if any(tables.values()):
        app.add_js_file(None, body=_HOME_SCRIPT.format(tables=json.dumps(tables, ensure_ascii=False)))


def unquote_redirect_files(app: Sphinx, exception: Exception | None) -> None:
    """Rename redirect pages written under a URL-quoted name to the name a server looks for."""
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    for docname in app.config.redirects:
        written = outdir / f"{quote(docname)}{app.builder.out_suffix}"
        if written.is_file() and quote(docname) != docname:
            wanted = outdir / f"{docname}{app.builder.out_suffix}"
            wanted.parent.mkdir(parents=True, exist_ok=True)
            written.replace(wanted)
            _remove_empty_folders(written.parent, outdir)


def _remove_empty_folders(folder: Path, outdir: Path) -> None:
    """Remove *folder* and its parents up to *outdir* while they are empty."""
    while folder != outdir and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
