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

Without ``redirects.json`` (no import done) the extension does nothing.
"""

import json
from pathlib import Path
from urllib.parse import quote

from sphinx.application import Sphinx
from sphinx.config import Config

REDIRECTS_FILE = "redirects.json"

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
    app.connect("build-finished", unquote_redirect_files)
    return {"parallel_read_safe": True, "parallel_write_safe": True}


def load_redirects(srcdir: Path) -> dict:
    """The content of ``redirects.json`` in *srcdir*, or empty tables when there is none."""
    path = srcdir / REDIRECTS_FILE
    if not path.is_file():
        return {"pages": {}, "query": {}}
    return json.loads(path.read_text(encoding="utf-8"))


def add_imported_redirects(app: Sphinx, config: Config) -> None:
    """Merge the imported old paths into ``config.redirects`` (conf.py's own entries take precedence)."""
    imported = load_redirects(Path(app.srcdir))["pages"]
    config.redirects = {**imported, **config.redirects}


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
