"""Each document's docutils settings made from option parsers built once per build, not twice per document.

Before it reads a document, Sphinx works out docutils' default settings
(``_get_settings``) by building a docutils ``OptionParser`` of some 150
options, and MyST's renderer builds another (``make_document``) for a new
document it then throws away, since Sphinx handed it one: 2,000 option
parsers at 1,002 posts. This extension builds each parser once per build,
for the same components (reader, parser), the same default values and the
same configuration files to look for, through ``compat.sphinx`` and
``compat.myst``. Each document still gets the settings of the parser's
``get_default_values``: a new ``Values``, which the document is free to
change (Sphinx sets its ``env``, its ``warning_stream``…), with a new
``record_dependencies`` list, which the includes of that document alone
fill (Sphinx reads it for the files a document depends on). When a
``docutils.conf`` applies, each document gets its own parser, as before.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Mapping
from typing import Any

from docutils.frontend import OptionParser, Values
from docutils.utils import DependencyList
from sphinx.application import Sphinx

from sphinx_blog_fr._build_memo import BuildMemo
from sphinx_blog_fr.compat.myst import replace_renderer_settings
from sphinx_blog_fr.compat.sphinx import replace_reader_settings

#: What an OptionParser reads of each of its components.
_COMPONENT_SETTINGS = (
    "settings_spec",
    "settings_defaults",
    "settings_default_overrides",
    "relative_path_settings",
    "config_section",
    "config_section_dependencies",
)

_parsers = BuildMemo()


def _new_option_parser(components: tuple, defaults: Mapping[str, Any], read_config_files: bool) -> OptionParser:
    # docutils warns that OptionParser will become an argparse parser; Sphinx and docutils silence it too.
    with warnings.catch_warnings(action="ignore", category=DeprecationWarning):
        return OptionParser(components=components, defaults=defaults, read_config_files=read_config_files)


def _option_parser(components: tuple, defaults: Mapping[str, Any], read_config_files: bool) -> OptionParser:
    """The OptionParser of *components*: the one this build made from the very same objects, if any."""
    inputs = (*(getattr(part, name, None) for part in components for name in _COMPONENT_SETTINGS), *defaults.values())
    config_files = (os.getcwd(), *OptionParser.get_standard_config_files()) if read_config_files else ()
    key = (tuple(map(id, inputs)), tuple(defaults), read_config_files, config_files)
    # The inputs are kept beside their parser, so that no other object takes one of their ids.
    made = _parsers.get(key, lambda: (inputs, _new_option_parser(components, defaults, read_config_files)))
    return made[1]


def _default_settings(components: tuple, defaults: Mapping[str, Any], read_config_files: bool) -> Values:
    """What ``OptionParser(components, defaults, read_config_files).get_default_values()`` gives."""
    parser = _option_parser(components, defaults, read_config_files)
    if parser.config_files:
        # The values a docutils.conf gave are objects the parser made: each document gets its own parser.
        return _new_option_parser(components, defaults, read_config_files).get_default_values()
    settings = parser.get_default_values()
    # Reading configuration files, the parser made an empty dependency list, which includes fill: a new one.
    settings.record_dependencies = DependencyList()
    return settings


def reader_settings(*components: Any, defaults: Mapping[str, Any], read_config_files: bool = False) -> Values:
    """Sphinx's ``_get_settings``: the default settings of a document read by *components*."""
    return _default_settings(components, defaults, read_config_files)


def renderer_settings(*components: Any) -> Values:
    """docutils' ``get_default_settings``, which MyST's ``make_document`` calls."""
    return _default_settings(components, {}, False)


def setup(app: Sphinx) -> dict:
    replace_reader_settings(reader_settings)
    replace_renderer_settings(renderer_settings)
    _parsers.connect(app)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
