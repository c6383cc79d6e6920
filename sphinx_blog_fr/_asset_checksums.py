"""Each stylesheet's and script's checksum looked up once per build, not once per link of each page.

Sphinx follows a page's links to its stylesheets and scripts with the file's
checksum (``_static/blog.css?v=bfc4f44c``), so that browsers fetch a changed
file again. It works it out for every link of every page, the 404 page of
sphinx-notfound-page included (``_file_checksum``: the path resolved on the
disk, then the checksum of that file, which Sphinx keeps for the life of the
process): 16,700 times at 1,002 posts. This extension keeps each checksum,
by output folder and asset path, from the first page that links the file to
the end of the build, through ``compat.sphinx``.

The pages carry the checksums they carried: Sphinx copies the static files
(``copy_assets``) before it writes the first page, and keeps each file's
checksum for the process from the first page that links it anyway.
"""

from __future__ import annotations

import os
from pathlib import Path

from sphinx.application import Sphinx

from sphinx_blog_fr._build_memo import BuildMemo
from sphinx_blog_fr.compat.sphinx import file_checksum, replace_file_checksum

_checksums = BuildMemo()


def checksum(outdir: Path, filename: str | os.PathLike[str]) -> str:
    """The checksum of the asset *filename* of *outdir* a page's links carry, worked out once per build."""
    return _checksums.get((outdir, os.fspath(filename)), lambda: file_checksum(outdir, filename))


def setup(app: Sphinx) -> dict:
    replace_file_checksum(checksum)
    _checksums.connect(app)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
