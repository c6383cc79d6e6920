"""The licence of the blog's text, set once in conf.py, stated in every footer and feed.

The code and the text need different licences (LICENSE, LICENSE-CONTENU.md);
readers and feed readers should see which one the text is under.
``blog_content_license`` is a pair ``(name, address)``, e.g.
``("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/deed.fr")``;
``("", "")`` states none. This extension hands it to the templates as
``blog_content_license`` (the footer links it with ``rel="license"``);
``blog_feeds`` writes it in each feed's Atom ``<rights>`` and RSS ``<copyright>``.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

logger = logging.getLogger(__name__)


def _check_license(app: Sphinx, config: Config) -> None:
    value = config.blog_content_license
    if not (isinstance(value, (tuple, list)) and len(value) == 2 and all(isinstance(part, str) for part in value)):
        logger.error(
            "conf.py : blog_content_license doit être un couple (nom, adresse), "
            'par exemple ("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/deed.fr") ; '
            "trouvé : %r",
            value,
            type="blog",
            subtype="license",
        )
        # Not a ConfigError: Sphinx 9 prints one with a traceback and asks for a bug report (as blog_baseurl).
        raise SystemExit(1)
    config.blog_content_license = tuple(part.strip() for part in value)


def _add_license(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    name, url = app.config.blog_content_license
    if name:
        context["blog_content_license"] = {"name": name, "url": url}


def setup(app: Sphinx) -> dict:
    app.add_config_value("blog_content_license", ("", ""), "html", types=[tuple, list])
    app.connect("config-inited", _check_license)
    app.connect("html-page-context", _add_license)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
