"""The Sphinx internals the blog uses, checked against Sphinx 9.0.

Listener removal (``EventManager.listeners``), the values conf.py gave
(``Config._raw_config``), the search index's word lists, the Snowball
stemmers and ``searchtools.js``, the console catalog (``sphinx.locale.init``)
and the HTML builder's ``add_permalinks``.
"""

from __future__ import annotations

import contextlib
import inspect
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import sphinx
import sphinx.locale
import sphinx.search
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.config import Config

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
