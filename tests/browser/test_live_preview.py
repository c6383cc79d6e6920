"""``make livehtml``: the build of ``make html``, on the port asked for, with the build's errors in the page.

A small test site is built with ``make html``, then served with ``make
livehtml PORT=…`` as the author does. Switching must rebuild nothing; when
a save breaks the build, the page being previewed must show the error (in
French, with file and line) and the server stay up; once the file is fixed,
the error must go; a post deleted meanwhile must leave the output a clean
build's. A screenshot of the error, in Chromium, is kept with the others.
The server is stopped at the end, whatever happened.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from conftest import ROOT, build_site, clean_build_of, make_html, post_source
from sphinx_blog_fr.commands.audit import DESKTOP
from test_incremental import tree_differences

from .conftest import SCREENSHOTS

#: How long a build, or the server's start, may take on the shared 2-core machine.
TIMEOUT_SECONDS = 120
POST = "posts/2020/lien.md"
PAGE = "posts/2020/lien.html"
BODY = "Lisez [l’autre article](autre.md)."
BROKEN = "Lisez [l’autre article](nulle-part.md)."
TO_DRAFT = "Lisez [l’autre article](../2099/brouillon.md)."
BANNER_TITLE = "La construction du site a échoué"
#: Deleted while the server runs: its page, its year and its tag must go, as in a clean build.
#: Sphinx's end of build, in French (blog_console_language), or sphinx-autobuild's.
_BUILD_FINISHED = r"La compilation a réussi|La compilation s'est terminée avec des problèmes|exited with exit code"
DELETED, DELETED_PAGE = "posts/2019/supprime.md", "posts/2019/supprime.html"
DRAFT_MESSAGE = "ERROR: le lien vers « posts/2099/brouillon.md » mène à un brouillon (date à venir ou absente)"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + TIMEOUT_SECONDS
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"after {TIMEOUT_SECONDS} s, still not: {what}")
        time.sleep(0.5)


@dataclass
class LivePreview:
    """``make livehtml`` running on a test site, and what the test saw of it."""

    srcdir: Path
    html: Path
    address: str
    log: Path
    seen: dict[str, str] = field(default_factory=dict)

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def fetch(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.address + path, timeout=10) as response:
                return response.status, response.read().decode("utf-8")
        except OSError as error:
            return getattr(error, "code", 0), ""

    def save(self, text: str) -> None:
        """Write *text* in place of the post's body, until sphinx-autobuild reports it saw the change.

        Its watcher starts a moment after the server: a save made before is not seen, so it is made again.
        """
        seen = f"Detected changes ({self.srcdir / POST})"
        detected = self.output().count(seen)
        deadline = time.monotonic() + TIMEOUT_SECONDS
        while self.output().count(seen) == detected:
            if time.monotonic() > deadline:
                pytest.fail(f"after {TIMEOUT_SECONDS} s, sphinx-autobuild has not seen the change of {POST}")
            self._write(text)
            time.sleep(3)

    def _write(self, text: str) -> None:
        source = self.srcdir / POST
        source.write_text(
            source.read_text(encoding="utf-8").replace(self.seen.get("body", BODY), text), encoding="utf-8"
        )
        self.seen["body"] = text

    def idle(self) -> bool:
        """No build under way: every « Rebuilding... » of sphinx-autobuild has been followed by an end of build."""
        output = self.output()
        ends = [match.end() for match in re.finditer(_BUILD_FINISHED, output)]
        return bool(ends) and output.rfind("Rebuilding...") < ends[-1]

    def builds_finished(self) -> int:
        return len(re.findall(_BUILD_FINISHED, self.output()))


def _document_mtimes(html: Path) -> dict[str, int]:
    return {
        path.relative_to(html).as_posix(): path.stat().st_mtime_ns
        for path in [html / "index.html", *(html / "posts").rglob("*.html")]
    }


def _start(srcdir: Path, builddir: Path, port: int, log: Path) -> subprocess.Popen:
    with log.open("w", encoding="utf-8") as output:
        return subprocess.Popen(
            [
                "make",
                "--no-print-directory",
                "--directory",
                str(ROOT),
                "livehtml",
                f"PORT={port}",
                f"SOURCEDIR={srcdir}",
                f"BUILDDIR={builddir}",
            ],
            stdout=output,
            stderr=subprocess.STDOUT,
            env={**os.environ, "NO_COLOR": "1"},
            start_new_session=True,
        )


def _stop(server: subprocess.Popen) -> None:
    """Stop make, sphinx-autobuild and its builds: the whole process group the server was started in."""
    for stop_signal in (signal.SIGINT, signal.SIGKILL):
        try:
            os.killpg(server.pid, stop_signal)
            server.wait(timeout=15)
            return
        except ProcessLookupError:
            return
        except subprocess.TimeoutExpired:
            continue


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory, browser: Browser) -> Iterator[LivePreview]:
    """The journey: make html, make livehtml, a broken link, a link to a draft, the fix, make html again."""
    workdir = tmp_path_factory.mktemp("live-preview")
    site = build_site(
        workdir,
        {
            POST: post_source("Un article qui en cite un autre", date="2020-03-01", body=BODY),
            "posts/2020/autre.md": post_source("L’autre article", date="2020-02-01"),
            "posts/2099/brouillon.md": post_source("Un brouillon", date="2099-01-01"),
            DELETED: post_source("Un article supprimé", date="2019-06-01", tags="unique"),
        },
    )
    assert site.returncode == 0, site.output
    before = _document_mtimes(site.html)
    port = _free_port()
    preview = LivePreview(site.srcdir, site.html, f"http://127.0.0.1:{port}/", workdir / "livehtml.log")
    server = _start(site.srcdir, site.html.parent, port, preview.log)
    try:
        _wait_for(lambda: f"Serving on http://127.0.0.1:{port}" in preview.output(), "serving")
        preview.seen["first build"] = preview.output()
        preview.seen["documents rewritten"] = " ".join(
            path for path, mtime in _document_mtimes(site.html).items() if before[path] != mtime
        )
        for name, text, shown in (("broken", BROKEN, "&#x27;nulle-part.md&#x27;"), ("draft", TO_DRAFT, DRAFT_MESSAGE)):
            preview.save(text)
            _wait_for(lambda name=name, shown=shown: _keep_page_showing(preview, shown, name), f"the {name} link shown")
        _screenshot_error(browser, preview)
        builds = preview.builds_finished()
        preview.save(BODY)
        _wait_for(
            lambda: (
                preview.builds_finished() > builds and preview.idle() and BANNER_TITLE not in preview.fetch(PAGE)[1]
            ),
            "the fixed page shown",
        )
        preview.seen["fixed"] = preview.fetch(PAGE)[1]
        preview.seen["built when fixed"] = (site.html / PAGE).read_text(encoding="utf-8")
        builds = preview.builds_finished()
        (site.srcdir / DELETED).unlink()
        _wait_for(
            lambda: preview.builds_finished() > builds and preview.idle() and preview.fetch(DELETED_PAGE)[0] == 404,
            "the build after the deletion finished, the deleted post's page gone",
        )
        preview.seen["log"] = preview.output()
    finally:
        _stop(server)
    preview.seen["differences from a clean build"] = _differences_from_a_clean_build(site.srcdir, site.html)
    preview.seen["make html after"] = make_html(site.srcdir, site.html.parent).output
    yield preview


def _differences_from_a_clean_build(srcdir: Path, html: Path) -> str:
    return " ".join(tree_differences(html, clean_build_of(srcdir, srcdir.parent / "clean").html))


def _keep_page_showing(preview: LivePreview, text: str, name: str) -> bool:
    """Whether the page, served now, shows *text*; if so it is kept as seen[*name*].

    A rebuild set off by another file may empty the warnings file for a moment: what is kept is
    the page that showed the text, not one fetched afterwards.
    """
    status, page = preview.fetch(PAGE)
    if status == 200 and text in page:
        preview.seen[name] = page
        return True
    return False


def _screenshot_error(browser: Browser, preview: LivePreview) -> None:
    page = browser.new_page(viewport=DESKTOP, locale="fr-FR")
    try:
        page.goto(preview.address + PAGE)
        banner = page.locator("#blog-build-errors")
        # A rebuild set off by another file may be under way: the banner comes back when it ends.
        banner.wait_for(state="visible", timeout=TIMEOUT_SECONDS * 1000)
        preview.seen["banner visible"] = str(banner.is_visible())
        preview.seen["banner text"] = banner.inner_text()
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SCREENSHOTS / "live-preview-error-desktop.png")
    finally:
        page.close()


def test_switching_from_make_html_to_livehtml_rebuilds_nothing(live: LivePreview):
    assert "aucune cible n'est périmée" in live.seen["first build"], live.seen["first build"]
    assert live.seen["documents rewritten"] == ""


def test_switching_back_to_make_html_rebuilds_nothing(live: LivePreview):
    assert "aucune cible n'est périmée" in live.seen["make html after"], live.seen["make html after"]


def test_the_builds_failed_and_the_server_stayed_up(live: LivePreview):
    # The page with the error was served (status 200) after a build that failed.
    assert live.seen["log"].count("Sphinx exited with exit code: 1") >= 2, live.seen["log"]


def test_a_broken_link_is_shown_in_the_page_with_its_file_and_line(live: LivePreview):
    page = live.seen["broken"]
    assert BANNER_TITLE in page
    assert (
        "posts/2020/lien.md:9: WARNING: &#x27;myst&#x27; cross-reference target not found: &#x27;nulle-part.md&#x27;"
        in page
    )


def test_a_link_to_a_draft_is_shown_in_french(live: LivePreview):
    assert f"posts/2020/lien.md:9: {DRAFT_MESSAGE}" in live.seen["draft"]


def test_the_reader_sees_the_error_at_the_top_of_the_page(live: LivePreview):
    assert live.seen["banner visible"] == "True"
    assert BANNER_TITLE in live.seen["banner text"] and DRAFT_MESSAGE in live.seen["banner text"]
    assert (SCREENSHOTS / "live-preview-error-desktop.png").is_file()


def test_once_fixed_the_error_is_gone_and_the_page_is_the_built_one(live: LivePreview):
    page = live.seen["fixed"]
    assert BANNER_TITLE not in page and "nulle-part" not in page and "brouillon" not in page
    assert "L’autre article" in page
    # sphinx-autobuild adds its reload script at the end; nothing else is changed.
    assert page.startswith(live.seen["built when fixed"])


def test_after_a_deletion_the_output_is_a_clean_builds(live: LivePreview):
    assert live.seen["differences from a clean build"] == ""
