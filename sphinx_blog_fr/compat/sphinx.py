"""The Sphinx internals the blog uses, checked against Sphinx 9.0.

Listener removal (``EventManager.listeners``), the values conf.py gave
(``Config._raw_config``), the search index's word lists, the Snowball
stemmers and ``searchtools.js``, the console catalog (``sphinx.locale.init``),
the HTML builder's ``add_permalinks``, its assets' checksums
(``_file_checksum``), the reader's docutils settings (``_get_settings``),
the levels its log handlers show (``sphinx.util.logging``), the tables of
its standard domain (``StandardDomain.clear_doc``) and the docutils settings
its HTML translators are made with (``env.settings``, the HTML builder's
``_settings``).
"""

from __future__ import annotations

import contextlib
import inspect
import logging
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from types import CodeType, FunctionType, ModuleType

import sphinx
import sphinx.builders.html
import sphinx.locale
import sphinx.search
import sphinx.util.docutils
import sphinx.util.logging
from docutils.frontend import Values
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.config import Config
from sphinx.domains.std import StandardDomain

from sphinx_blog_fr.compat import require

DISTRIBUTION = "sphinx"
#: The Sphinx releases these internals were read in: [low, below).
CHECKED = ("9.0", "9.1")

#: Sphinx's minified Snowball stemmers, the ones it writes into language_data.js.
SNOWBALL_STEMMERS = Path(sphinx.search.__file__).parent / "minified-js"
#: Sphinx's search page script, whose ``Search.makeSearchSummary`` static/blog-search-summaries.js replaces.
SEARCH_TOOLS = Path(sphinx.package_dir, "themes", "basic", "static", "searchtools.js")
#: Sphinx's own catalogs, the one ``sphinx.locale.init_console`` opens by default.
SPHINX_LOCALE_DIR = Path(sphinx.package_dir, "locale")

#: The module of Sphinx's checksum of an asset (``?v=`` of the pages' links), and that function before any replacement.
_assets = getattr(sphinx.builders.html, "_assets", None)
_file_checksum = getattr(_assets, "_file_checksum", None)


def disconnect_listeners(app: Sphinx, event: str, handler_module: ModuleType, handler_name: str, upstream: str) -> None:
    """Disconnect every listener of *event* that calls *handler_module*.*handler_name*; stop if there was none.

    *upstream* names, in the message, the project whose listener it is.

    Sphinx disconnects by listener id (``app.disconnect``) but tells no one the
    ids of another extension's listeners: they are read from its event manager.
    """
    handler = getattr(handler_module, handler_name, None)
    listeners = getattr(app.events, "listeners", {})
    found = [listener.id for listener in listeners.get(event, ()) if listener.handler is handler]
    for listener_id in found:
        app.disconnect(listener_id)
    remaining = [listener for listener in listeners.get(event, ()) if listener.handler is handler]
    require(
        bool(found) and not remaining, upstream, f"{handler_module.__name__}.{handler_name} n’écoute plus « {event} »"
    )


@contextlib.contextmanager
def without_permalinks(builder: Builder) -> Iterator[None]:
    """Have the HTML builder write no ``¶`` links to headings for the time of the block."""
    require(
        isinstance(getattr(builder, "add_permalinks", None), bool), "Sphinx", "StandaloneHTMLBuilder.add_permalinks"
    )
    add_permalinks, builder.add_permalinks = builder.add_permalinks, False
    try:
        yield
    finally:
        builder.add_permalinks = add_permalinks


def drop_vanished_words(indexer: object) -> None:
    """Remove from the search index (``IndexBuilder``) the words that no page has any more."""
    mappings = (getattr(indexer, "_mapping", None), getattr(indexer, "_title_mapping", None))
    require(all(isinstance(mapping, dict) for mapping in mappings), "Sphinx", "IndexBuilder._mapping ou _title_mapping")
    for mapping in mappings:
        for word in [word for word, docnames in mapping.items() if not docnames]:
            del mapping[word]


def snowball_stemmer_script(name: str) -> str:
    """Return Sphinx's minified JavaScript stemmer *name* (``base-stemmer``, ``french-stemmer``)."""
    script = SNOWBALL_STEMMERS / f"{name}.js"
    require(
        script.is_file(), "Sphinx", f"le stemmer JavaScript {script.name} n’est plus dans sphinx/search/minified-js"
    )
    return script.read_text(encoding="utf-8")


def require_search_summary_hook() -> None:
    """Check that searchtools.js still builds its summaries in ``Search.makeSearchSummary``."""
    found = SEARCH_TOOLS.is_file() and "makeSearchSummary" in SEARCH_TOOLS.read_text(encoding="utf-8")
    require(found, "Sphinx", "searchtools.js n’a plus Search.makeSearchSummary, que blog-search-summaries.js remplace")


def open_console_catalog(language: str) -> None:
    """Make Sphinx's catalog for *language* the catalog of its console messages."""
    init = getattr(sphinx.locale, "init", None)
    require(callable(init) and "namespace" in inspect.signature(init).parameters, "Sphinx", "sphinx.locale.init")
    init([SPHINX_LOCALE_DIR], language, "sphinx", "console")


def set_in_conf(config: Config, name: str) -> bool:
    """Return whether the project's conf.py (or ``-D``) gave *name* a value.

    Sphinx has no public way to tell a value given in conf.py from a default;
    ``Config`` keeps conf.py's names in ``_raw_config`` and ``-D`` ones in ``_overrides``.
    """
    raw = getattr(config, "_raw_config", None)
    overrides = getattr(config, "_overrides", None)
    require(isinstance(raw, dict) and isinstance(overrides, dict), "Sphinx", "Config._raw_config ou _overrides")
    return name in raw or name in overrides


def _reads_global(function: object, name: str) -> bool:
    """Whether *function*, or a function defined in its body, reads the global *name* when it runs."""
    code = getattr(function, "__code__", None)
    codes = [code, *(const for const in getattr(code, "co_consts", ()) if isinstance(const, CodeType))]
    return any(name in code.co_names for code in codes if code is not None)


def file_checksum(outdir: Path, filename: str) -> str:
    """Sphinx's checksum of the asset *filename* of the output folder *outdir*, as a page's links carry it."""
    return _file_checksum(outdir, filename)


def replace_file_checksum(checksum: Callable[[Path, str], str]) -> None:
    """Have every page's links get their assets' checksums (``?v=``) from *checksum*.

    The HTML builder's ``css_tag`` and ``js_tag`` read ``_file_checksum`` from
    ``sphinx.builders.html`` when a page is written; sphinx-notfound-page's
    404 page imports it from ``sphinx.builders.html._assets`` then.
    """
    current = getattr(sphinx.builders.html, "_file_checksum", None)
    if current is checksum:
        return
    handle_page = getattr(sphinx.builders.html.StandaloneHTMLBuilder, "handle_page", None)
    require(
        isinstance(_file_checksum, FunctionType)
        and list(inspect.signature(_file_checksum).parameters) == ["outdir", "filename"]
        and current is _file_checksum
        and _reads_global(handle_page, "_file_checksum"),
        "Sphinx",
        "les pages ne calculent plus la somme de contrôle de leurs fichiers par _file_checksum(outdir, filename)",
    )
    sphinx.builders.html._file_checksum = _assets._file_checksum = checksum


def replace_reader_settings(get_settings: Callable[..., object]) -> None:
    """Have Sphinx's reader get each document's docutils settings from *get_settings*.

    ``_parse_str_to_doctree`` calls ``_get_settings(*components, defaults=…,
    read_config_files=True)`` of ``sphinx.util.docutils`` for each document it
    reads; *get_settings* takes the same arguments and returns what it returns.
    """
    upstream = getattr(sphinx.util.docutils, "_get_settings", None)
    if upstream is get_settings:
        return
    parameters = inspect.signature(upstream).parameters if callable(upstream) else {}
    require(
        list(parameters) == ["components", "defaults", "read_config_files"]
        and parameters["components"].kind is inspect.Parameter.VAR_POSITIONAL
        and _reads_global(getattr(sphinx.util.docutils, "_parse_str_to_doctree", None), "_get_settings"),
        "Sphinx",
        "le lecteur ne prend plus ses réglages docutils de _get_settings(*components, defaults, read_config_files)",
    )
    sphinx.util.docutils._get_settings = get_settings


def make_shown_messages_only() -> None:
    """Have Sphinx's logger make no record of a message all its handlers drop.

    ``sphinx.util.logging.setup`` sets the ``sphinx`` logger to ``DEBUG`` and
    gives its handlers the level of the build's verbosity (``VERBOSITY_MAP``:
    ``INFO``, ``-v`` verbose, ``-vv`` debug) or ``WARNING``: a message below
    that level is made into a record, then dropped. The logger is set to the
    lowest level a handler shows.
    """
    logger = logging.getLogger(getattr(sphinx.util.logging, "NAMESPACE", None))
    require(
        isinstance(getattr(sphinx.util.logging, "VERBOSITY_MAP", None), Mapping)
        and logger.name == "sphinx"
        and logger.level == logging.DEBUG
        and bool(logger.handlers),
        "Sphinx",
        "son journal n’est plus réglé par sphinx.util.logging.setup (NAMESPACE, VERBOSITY_MAP, niveau DEBUG)",
    )
    lowest = min(handler.level for handler in logger.handlers)
    if lowest > logging.DEBUG:
        logger.setLevel(lowest)


#: The standard domain's tables (its properties) whose entries start with the document that holds them.
STANDARD_TABLES = ("progoptions", "objects", "_terms", "labels", "anonlabels")


class QuicklyClearedStandardDomain(StandardDomain):
    """Sphinx's standard domain, which forgets a document that holds none of its entries without a scan.

    ``StandardDomain.clear_doc`` scans all its labels (and objects, options,
    terms) for the document's, and Sphinx clears each document before it
    reads it: ABlog gives each post a label, so a clean build of N posts
    made N scans of up to 2N entries (0.6 s at 1,000 posts, about a minute
    at 10,000). The documents that hold an entry are found in one scan,
    the first time a document is cleared; one that holds none then, cleared
    for the first time, has nothing to forget (what reading a document adds
    is its own, and it is cleared before it is read); any other document is
    cleared by Sphinx's scan.
    """

    def __init__(self, env) -> None:
        super().__init__(env)
        self._holders: set[str] | None = None
        self._cleared: set[str] = set()

    def clear_doc(self, docname: str) -> None:
        if self._holders is None:
            self._holders = {entry[0] for table in STANDARD_TABLES for entry in getattr(self, table).values()}
        if docname in self._holders or docname in self._cleared:
            super().clear_doc(docname)
        self._cleared.add(docname)


def require_standard_tables() -> None:
    """Check that ``StandardDomain.clear_doc`` forgets a document by the tables :data:`STANDARD_TABLES` names."""
    clear_doc = StandardDomain.clear_doc
    tables = set(getattr(getattr(clear_doc, "__code__", None), "co_names", ())) - {"items"}
    require(
        tables == set(STANDARD_TABLES)
        and all(isinstance(getattr(StandardDomain, name, None), property) for name in STANDARD_TABLES),
        "Sphinx",
        "StandardDomain.clear_doc ne parcourt plus ses tables progoptions, objects, _terms, labels, anonlabels",
    )


def set_translator_setting(app: Sphinx, name: str, value: object) -> None:
    """Give docutils setting *name* the value *value* in every HTML translator the build makes.

    The pages' translators (and the blog's fragments') take the builder's
    ``docsettings``, which the HTML builder makes from the environment's
    docutils defaults (``env.settings``) when writing starts; those of a
    page's title and table of contents (``render_partial``) take the
    settings the builder made for them when it was created (``_settings``).
    Call it once the builder is made (``builder-inited``).
    """
    defaults = getattr(app.env, "settings", None)
    partial = getattr(app.builder, "_settings", None)
    require(
        isinstance(defaults, dict) and isinstance(partial, Values) and hasattr(partial, name),
        "Sphinx",
        f"ses traducteurs HTML ne prennent plus leur réglage docutils {name} de env.settings et _settings",
    )
    defaults[name] = value
    setattr(partial, name, value)
