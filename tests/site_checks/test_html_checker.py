"""Every page of the blog, whatever its posts, passes the W3C Nu HTML checker (vnu.jar) without an error.

The checker is the npm package ``vnu-jar`` pinned in package-lock.json
(``make test`` installs it with ``npm ci``); it runs on Java, once over all
pages, so the JVM starts only once.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, Build
from sphinx_blog_fr.commands.audit import INSTALL_HINT

VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def vnu_errors(pages: list[Path]) -> list[dict]:
    """Run the Nu HTML checker once on *pages* and return its error messages."""
    java = shutil.which("java")
    if java is None:
        pytest.fail(f"Java is missing for the HTML checker: {INSTALL_HINT}")
    if not VNU_JAR.exists():
        pytest.fail(f"{VNU_JAR} is missing: run `npm ci --ignore-scripts` (make test does it)")
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *map(str, pages)],
        capture_output=True,
        text=True,
    )
    # vnu writes its JSON report on stderr, and exits 1 when it found errors.
    messages = json.loads(result.stderr)["messages"]
    assert result.returncode in (0, 1), result.stderr
    return [message for message in messages if message["type"] in ("error", "non-document-error")]


def test_every_page_is_valid_html(site: Build):
    pages = site.pages()
    assert (site.html / "index.html") in pages
    errors = vnu_errors(pages)
    report = "\n".join(
        f"{error.get('url', '').partition(str(site.html))[2]}:{error.get('lastLine')}: "
        f"{error['message']} {error.get('extract', '')!r}"
        for error in errors
    )
    assert not errors, f"{len(errors)} HTML errors:\n{report}"
