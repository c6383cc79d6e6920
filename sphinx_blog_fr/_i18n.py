"""The machinery's French strings: its catalog, under the blog's own and over Sphinx's.

The package's templates and modules speak English in their source (« Recent
posts »), like Sphinx, ABlog and Furo; ``locale/<language>/LC_MESSAGES/
sphinx_blog_fr.po`` translates them. At start-up this module compiles that
catalog (in memory: no ``.mo`` is written into the installed package) and
builds the chain every string of a page goes through: the blog's own
``sphinx.po`` catalogs (``locale_dirs``) first, so that a blog can reword
anything, then the package's, then Sphinx's (which also carries ABlog's and
Furo's words). The template bridge (``_furo_labels``) installs the chain in
Jinja, and the modules translate with ``gettext`` below.
"""

from __future__ import annotations

import gettext as _gettext
from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from sphinx.application import Sphinx
from sphinx.config import Config

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "sphinx_blog_fr"

#: The chain of the current build (set at ``config-inited``).
_chain: _gettext.NullTranslations = _gettext.NullTranslations()


def package_catalog(language: str) -> _gettext.NullTranslations | None:
    """The package's catalog for *language*, compiled from its ``.po``; None if it has none."""
    po_file = LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not po_file.is_file():
        return None
    with po_file.open("rb") as source:
        catalog = read_po(source, locale=language)
    compiled = BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return _gettext.GNUTranslations(compiled)


def blog_catalogs(app: Sphinx) -> list[_gettext.NullTranslations]:
    """The blog's own ``sphinx`` catalogs (Sphinx compiled them when it started), first found first."""
    found = []
    for locale_dir in app.config.locale_dirs:
        try:
            found.append(_gettext.translation("sphinx", Path(app.srcdir, locale_dir), [app.config.language]))
        except OSError:
            continue
    return found


def build_chain(app: Sphinx, config: Config) -> None:
    """Chain the blog's catalogs, the package's and Sphinx's (``config-inited``)."""
    global _chain
    links = [*blog_catalogs(app), package_catalog(config.language or "en"), app.translator]
    links = [link for link in links if link is not None]
    _chain = links[0]
    for link in links[1:]:
        _chain.add_fallback(link)


def translations() -> _gettext.NullTranslations:
    """The current build's chain, for Jinja's ``install_gettext_translations``."""
    return _chain


def gettext(message: str) -> str:
    """*message* in the blog's language."""
    return _chain.gettext(message)


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", build_chain)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
