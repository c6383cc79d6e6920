"""Write down, after a build that ended well, what its output depends on beyond the source folder.

``make html`` runs ``sphinx-blog-fr build`` (``commands/build.py``), which
skips Sphinx altogether when nothing the last build depended on has changed:
Sphinx itself needs three seconds at 1,000 posts to find that out, for
imports, the pickled environment and the search index. The command sees by
itself the command line, the environment, the Python it runs on, the source
folder and the output; what only the build knows, this module writes to
``build-record.json`` beside the doctrees, once a build raised no error:

- ``until``: the midnight after the day the build published posts up to
  (``_drafts.publication_day``, on the blog's clock). A post dated the
  next day is a draft until then, so the output holds until then and no
  longer;
- ``folders``: the machinery's own folder and the template, static, extra
  and translation folders that lie outside the source folder, whose files
  the next build would read;
- ``files``: the configuration file, the documents' dependencies and the
  modules of the build (an extension installed as editable from elsewhere)
  that lie outside the source folder and the installed packages, and the
  folders of installed packages, which every installation or removal changes.

Nothing else in the output depends on the clock: the footer's years and
every date come from the posts (``_copyright``, ``_dates``).
"""

from __future__ import annotations

import json
import os
import sys
import sysconfig
from datetime import datetime, time, timedelta
from pathlib import Path

from sphinx.application import Sphinx

from sphinx_blog_fr._dates import blog_zone
from sphinx_blog_fr._defaults import PACKAGE
from sphinx_blog_fr._drafts import publication_day

#: The record's name, in the doctree folder.
RECORD_FILE = "build-record.json"


def record_path(doctreedir: str | os.PathLike) -> Path:
    """Where the build in *doctreedir* writes its record."""
    return Path(doctreedir) / RECORD_FILE


def _outside(srcdir: Path, paths) -> list[str]:
    absolute = (Path(os.path.abspath(srcdir / path)) for path in paths)
    return sorted({str(path) for path in absolute if not path.is_relative_to(srcdir)})


def build_record(app: Sphinx) -> dict:
    """The record of *app*'s build: until when its output holds, and the folders and files it read outside the sources."""
    srcdir = Path(os.path.abspath(app.srcdir))
    config = app.config
    tomorrow = datetime.combine(publication_day(app) + timedelta(days=1), time(), tzinfo=blog_zone(config))
    folders = [*config.templates_path, *config.html_static_path, *config.html_extra_path, *config.locale_dirs]
    dependencies = {path for paths in app.env.dependencies.values() for path in paths}
    installed = {sysconfig.get_paths()[kind] for kind in ("purelib", "platlib", "stdlib")}
    configuration = [Path(app.confdir) / "conf.py"] if app.confdir else []
    return {
        "until": tomorrow.timestamp(),
        "folders": sorted({str(PACKAGE), *_outside(srcdir, folders)}),
        "files": sorted({*_outside(srcdir, [*configuration, *dependencies, *_modules(installed)]), *installed}),
    }


def _modules(installed: set[str]) -> list[str]:
    """The files of the modules the build imported from outside the machinery, the installed packages and the standard library."""
    prefixes = tuple(f"{folder}{os.sep}" for folder in (*installed, PACKAGE))
    files = (getattr(module, "__file__", None) for module in list(sys.modules.values()))
    return [file for file in files if isinstance(file, str) and not file.startswith(prefixes)]


def _write_record(app: Sphinx, exception: BaseException | None) -> None:
    if exception is None:
        record_path(app.doctreedir).write_text(json.dumps(build_record(app), indent=1), encoding="utf-8")


def setup(app: Sphinx) -> dict:
    # After every listener that reads or writes anything (_stale_pages runs at 900).
    app.connect("build-finished", _write_record, priority=950)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
