"""Sphinx's build messages in the blog's language.

Sphinx translates the messages it prints (warnings, errors, progress) with
its « console » catalog, which ``sphinx-build`` opens in the build machine's
locale (``LC_MESSAGES``), not in the project's ``language``: on a machine or
a CI runner in English or ``C``, a French blog's build speaks English. This
extension opens Sphinx's own catalog for ``language`` (``fr``) as the console
catalog once the configuration is read, with ``sphinx.locale.init``
(through ``compat.sphinx``), so every message printed from then on is in French
where Sphinx's French catalog has it (the few printed before, such as
« Running Sphinx v… », stay in English). MyST-Parser ships no catalog: its
messages stay in English (the README lists them with their French meaning).
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.config import Config

from sphinx_blog_fr.compat.sphinx import open_console_catalog


def speak_project_language(app: Sphinx, config: Config) -> None:
    """Open Sphinx's catalog for ``language`` as the catalog of its console messages."""
    if config.language and config.language != "en":
        open_console_catalog(config.language)


def setup(app: Sphinx) -> dict:
    app.setup_extension("sphinx_blog_fr._defaults")
    # Before the other extensions' config-inited listeners, which may already report problems.
    app.connect("blog-defaults-applied", speak_project_language)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
