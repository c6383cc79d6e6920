"""The Sphinx internals the blog uses, checked against Sphinx 9.0."""

from __future__ import annotations

from sphinx.config import Config

from sphinx_blog_fr.compat import require

#: The Sphinx releases these internals were read in: [low, below).
CHECKED = ("9.0", "9.1")


def set_in_conf(config: Config, name: str) -> bool:
    """Return whether the project's conf.py (or ``-D``) gave *name* a value.

    Sphinx has no public way to tell a value given in conf.py from a default;
    ``Config`` keeps conf.py's names in ``_raw_config`` and ``-D`` ones in ``_overrides``.
    """
    raw = getattr(config, "_raw_config", None)
    overrides = getattr(config, "_overrides", None)
    require(isinstance(raw, dict) and isinstance(overrides, dict), "Sphinx", "Config._raw_config ou _overrides")
    return name in raw or name in overrides
