"""The templates' compiled code kept beside the doctrees, and their files read once per build.

Every build compiles each Jinja template it renders (the theme's, ABlog's,
the machinery's: about thirty) before writing its first page, even when
nothing changed. This extension gives the builder's Jinja environment a
bytecode cache (``jinja2.FileSystemBytecodeCache``, Jinja's public API) in
the doctree folder: Jinja then loads a template's code from it when the
template's source (as the template loader gives it) is the one it was
compiled from, and compiles it again otherwise. The pages are the same.

The code depends on the environment as well as on the source: one folder
per Jinja version, environment class and Jinja extensions.

Within a build, Jinja also checked the file of each template every time a
page asked for it (``auto_reload``): 41,000 file checks at 1,000 posts,
for templates that do not change while Sphinx writes. The environment
keeps what it loaded for the rest of the build (``auto_reload = False``);
each build, and each ``make livehtml`` rebuild, has an environment of its own.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import jinja2
from jinja2 import FileSystemBytecodeCache
from sphinx.application import Sphinx

#: The folder of the compiled templates, in the doctree folder.
CACHE_DIR = "blog-templates"


def _cache_folder(app: Sphinx, environment: jinja2.Environment) -> Path:
    kind = type(environment)
    compiled_by = repr((jinja2.__version__, f"{kind.__module__}.{kind.__qualname__}", sorted(environment.extensions)))
    return Path(app.doctreedir) / CACHE_DIR / hashlib.sha256(compiled_by.encode()).hexdigest()[:16]


def _use_bytecode_cache(app: Sphinx) -> None:
    environment = getattr(getattr(app.builder, "templates", None), "environment", None)
    if not isinstance(environment, jinja2.Environment) or environment.bytecode_cache is not None:
        return
    environment.auto_reload = False
    folder = _cache_folder(app, environment)
    folder.mkdir(parents=True, exist_ok=True)
    environment.bytecode_cache = FileSystemBytecodeCache(str(folder))


def setup(app: Sphinx) -> dict:
    # Before any listener of builder-inited renders a template (_icon_file renders Furo's icons).
    app.connect("builder-inited", _use_bytecode_cache, priority=100)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
