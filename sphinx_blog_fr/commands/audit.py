"""Weigh one page of each kind of the built blog: ``make audit``.

The command serves the built site (``--site``, by default _build/html) on
127.0.0.1, opens one page of each kind in Debian's Chromium, as a reader on a
desktop with an empty cache, and prints one table. The pages are picked from
the built site, whatever its posts (:func:`find_pages`: the newest post, the
first tag, category, author, year and month of the indexes, a search for a
word of the newest title); a kind the blog lacks yet (no tag…) is left out.
For each page:

* the requests the page makes and the bytes they transfer, as served here
  (uncompressed) and gzip-compressed as a static host sends text;
* the largest image it loads;
* whether, with JavaScript disabled, its title still shows and its
  navigation (the sidebar's links) can still be followed.

It measures and reports; it asserts nothing. The browser tests
(tests/browser/) share its choice of pages, its local server and its browser.
"""

from __future__ import annotations

import argparse
import gzip
import posixpath
import re
import shutil
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING

from bs4 import BeautifulSoup

from sphinx_blog_fr.commands._site import blog_root

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext

#: What to install when the browser or the HTML checker's Java is missing.
INSTALL_HINT = "apt-get install chromium default-jre-headless"
DESKTOP = {"width": 1280, "height": 800}
# Text a static host (GitHub Pages, Read the Docs) sends gzip-compressed.
_COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml")


class _QuietHandler(SimpleHTTPRequestHandler):
    """http.server's file handler, without a log line for every request."""

    def log_message(self, format: str, *args) -> None:
        pass


class _QuietServer(ThreadingHTTPServer):
    """A server that says nothing when the browser drops a response it no longer needs."""

    def handle_error(self, request, client_address) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve *directory* on 127.0.0.1 in a thread; yield its address, ending with "/"."""
    httpd = _QuietServer(("127.0.0.1", 0), partial(_QuietHandler, directory=directory))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


@contextmanager
def chromium() -> Iterator[Browser]:
    """Debian's Chromium, headless, driven by Playwright (whose own browser download is not used)."""
    executable = shutil.which("chromium")
    if executable is None:
        raise RuntimeError(f"Chromium is missing: {INSTALL_HINT}")
    # Imported here: Playwright is a development tool only (requirements/dev.in).
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        try:
            yield browser
        finally:
            browser.close()


def _links(site: Path, page: str, selector: str) -> list[str]:
    """The site paths the links matching *selector* on the built *page* lead to."""
    if not (site / page).is_file():
        return []
    soup = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")
    return [posixpath.normpath(posixpath.join(posixpath.dirname(page), link["href"])) for link in soup.select(selector)]


def find_pages(site: Path) -> dict[str, str]:
    """Pick one page of each kind in the built *site*, whatever its posts: the newest post, the first tag…

    A kind the blog does not have (no post yet, no tag) is left out.
    """
    newest = _links(site, "index.html", ".blog-entry-title a")[:1]
    archives = _links(site, "blog/archive.html", ".blog-catalog a")
    title = BeautifulSoup((site / newest[0]).read_text(encoding="utf-8"), "html.parser").h1.get_text() if newest else ""
    # The newest post's longest title word: the search finds at least that post.
    word = max(re.findall(r"\w+", title.lower()), key=len, default="")
    candidates = {
        "home": ["index.html"],
        "post": newest,
        "tag": _links(site, "blog/tag.html", ".blog-catalog a"),
        "category": _links(site, "blog/category.html", ".blog-catalog a"),
        "author": _links(site, "blog/author.html", ".blog-catalog a"),
        "year": [path for path in archives if re.fullmatch(r"blog/\d{4}\.html", path)],
        "month": [path for path in archives if re.fullmatch(r"blog/\d{4}/\d{2}\.html", path)],
        "all-posts": ["blog.html"],
        "tags-index": ["blog/tag.html"],
        "archive-index": ["blog/archive.html"],
        "search": [f"search.html?q={word}"] if word else [],
        "404": ["404.html"],
        "subscribe": ["blog/abonnement.html"],
        "accessibility": ["blog/accessibilite.html"],
    }
    return {
        kind: paths[0] for kind, paths in candidates.items() if paths and (site / paths[0].partition("?")[0]).is_file()
    }


@dataclass
class Weight:
    """What one page costs a reader, and whether it reads without JavaScript."""

    page_type: str
    requests: int
    transferred: int
    compressed: int
    largest_image: tuple[int, str] | None
    works_without_javascript: bool


def weigh(context: BrowserContext, root: str, path: str) -> tuple[int, int, int, tuple[int, str] | None]:
    """Load *path* under *root* with an empty cache; return its requests, bytes, gzip bytes and largest image."""
    page = context.new_page()
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(root + path, wait_until="networkidle")
    transferred = compressed = 0
    images = []
    for response in responses:
        body = response.body()
        headers = response.request.sizes()["responseHeadersSize"]
        transferred += headers + len(body)
        content_type = response.headers.get("content-type", "")
        compressible = content_type.startswith(_COMPRESSED_TYPES)
        compressed += headers + len(gzip.compress(body) if compressible else body)
        if content_type.startswith("image/"):
            images.append((len(body), response.url.removeprefix(root)))
    page.close()
    return len(responses), transferred, compressed, max(images, default=None)


def works_without_javascript(context: BrowserContext, address: str) -> bool:
    """Whether, without JavaScript, the page shows its title (its text comes with it) and its sidebar links."""
    page = context.new_page()
    page.goto(address)
    heading = page.get_by_role("main").get_by_role("heading", level=1)
    readable = heading.count() == 1 and heading.is_visible()
    navigable = page.locator(".sidebar-drawer a[href]").first.is_visible()
    page.close()
    return readable and navigable


def audit(site: Path) -> list[Weight]:
    """Weigh one page of each kind the site built in *site* has."""
    if not (site / "index.html").is_file():
        raise FileNotFoundError(f"{site / 'index.html'} est introuvable : construisez d’abord le site (make html)")
    weights = []
    with serve(site) as root, chromium() as browser:
        for page_type, path in find_pages(site).items():
            with browser.new_context(viewport=DESKTOP) as context:
                requests, transferred, compressed, largest_image = weigh(context, root, path)
            with browser.new_context(viewport=DESKTOP, java_script_enabled=False) as context:
                readable = works_without_javascript(context, root + path)
            weights.append(Weight(page_type, requests, transferred, compressed, largest_image, readable))
    return weights


def table(weights: list[Weight]) -> str:
    """Format *weights* as a Markdown table, ready to paste into the README."""
    rows = [
        ["page", "requests", "transferred", "gzip", "largest image", "works without JS"],
        *(
            [
                weight.page_type,
                str(weight.requests),
                f"{weight.transferred / 1000:.0f} KB",
                f"{weight.compressed / 1000:.0f} KB",
                f"{weight.largest_image[0] / 1000:.1f} KB {weight.largest_image[1]}"
                if weight.largest_image
                else "none",
                "yes" if weight.works_without_javascript else "no",
            ]
            for weight in weights
        ),
    ]
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    lines = [
        "| " + " | ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)) + " |" for row in rows
    ]
    lines.insert(1, "|" + "|".join("-" * (width + 2) for width in widths) + "|")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="sphinx-blog-fr audit", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--site", type=Path, default=blog_root() / "_build" / "html", help="the built site (default: _build/html)"
    )
    arguments = parser.parse_args(argv)
    try:
        weights = audit(arguments.site)
    except (RuntimeError, FileNotFoundError) as error:
        print(error, file=sys.stderr)
        return 1
    print(table(weights))
    return 0


if __name__ == "__main__":
    sys.exit(main())
