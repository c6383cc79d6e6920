"""The site's address (``blog_baseurl``) is checked before the build starts.

The address comes from the environment (``BLOG_BASEURL``, Read the Docs'
``READTHEDOCS_CANONICAL_URL``) or from conf.py, and is written verbatim into
``robots.txt``, the 404 page, feeds, canonical links, the sitemap and
OpenGraph tags. Unchecked, an address holding ``"><script>`` became markup
in those files, and ``javascript:alert(1)`` or ``pas une url`` crashed Sphinx
with a traceback. This extension refuses, with one French error naming
where the address came from, anything but an absolute ``http``/``https``
address with a host and without quotes, spaces, angle brackets, backslashes,
backticks, braces, control characters, query or fragment. The build stops
there: it would otherwise publish every page under a broken address.

``percent_encoded`` is how the other extensions write an address built on
it (feeds, sitemap, ``robots.txt``): a page path with accents or spaces
becomes ``%C3%A9``, ``%20``.
"""

from __future__ import annotations

import os
from urllib.parse import quote, urlsplit

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

logger = logging.getLogger(__name__)

#: The environment variables conf.py takes the address from, first wins.
ENVIRONMENT_SOURCES = ("BLOG_BASEURL", "READTHEDOCS_CANONICAL_URL")
#: Characters that would end an attribute, open markup or escape a string.
FORBIDDEN_CHARACTERS = frozenset("\"'<>\\`{}|^")
#: What stays as it is in an address: its delimiters, and the escapes already in it.
URL_SAFE_CHARACTERS = ":/?#[]@!$&'()*+,;=%~"
EXPECTED = "écrivez par exemple https://exemple.fr/ ou https://utilisateur.github.io/depot/"


def address_problem(address: str) -> str | None:
    """Return what is wrong with *address* as the site's base address, or None if it is sound."""
    bad = sorted({char for char in address if char in FORBIDDEN_CHARACTERS or char.isspace() or not char.isprintable()})
    if bad:
        shown = " ".join(_character_name(char) for char in bad)
        return f"contient des caractères interdits dans une adresse ({shown})"
    try:
        parts = urlsplit(address)
        parts.port  # noqa: B018 -- reading it validates the port
    except ValueError:
        return "n’est pas une adresse valide"
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "n’est pas une adresse http(s) absolue"
    if parts.query or parts.fragment or address.endswith(("?", "#")):
        return "ne doit contenir ni « ? » ni « # » : c’est l’adresse d’un dossier"
    return None


def percent_encoded(address: str) -> str:
    """Return *address* with every character an URI may not hold percent-encoded (UTF-8)."""
    return quote(address, safe=URL_SAFE_CHARACTERS)


def _character_name(char: str) -> str:
    if char == " ":
        return "espace"
    return f"« {char} »" if char.isprintable() and not char.isspace() else f"U+{ord(char):04X}"


def _origin(address: str) -> tuple[str, str]:
    """Return the setting the address came from, and its value as given (conf.py adds a final « / »)."""
    for name in ENVIRONMENT_SOURCES:
        given = os.environ.get(name)
        if given and given.rstrip("/") + "/" == address:
            return name, given
    return "blog_baseurl (conf.py)", address


def _printable(text: str) -> str:
    """Return *text* with its control characters shown as escapes, so the message stays on one line."""
    return "".join(char if char.isprintable() else repr(char)[1:-1] for char in text)


def check_baseurl(app: Sphinx, config: Config) -> None:
    """Stop the build before it starts if ``blog_baseurl`` is no sound http(s) address."""
    problem = address_problem(config.blog_baseurl)
    if problem:
        name, given = _origin(config.blog_baseurl)
        logger.error("%s : « %s » %s ; %s", name, _printable(given), problem, EXPECTED, type="blog", subtype="baseurl")
        # Not a ConfigError: Sphinx 9 prints one with a traceback and asks for a bug report.
        raise SystemExit(1)


def setup(app: Sphinx) -> dict:
    app.setup_extension("sphinx_blog_fr._defaults")
    # Once the address is worked out, before any other listener, which may already use it.
    app.connect("blog-defaults-applied", check_baseurl)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
