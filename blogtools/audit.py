"""Weigh one page of each kind of the built blog: ``make audit``.

The command serves the built site (``--site``, by default _build/html) on
127.0.0.1, opens one page of each kind in Debian's Chromium, as a reader on a
desktop with an empty cache, and prints one table:

* the requests the page makes and the bytes they transfer, as served here
  (uncompressed) and gzip-compressed as a static host sends text;
* the largest image it loads;
* whether, with JavaScript disabled, its title still shows and its
  navigation (the sidebar's links) can still be followed.

It measures and reports; it asserts nothing. The browser tests
(tests/browser/) share its page list, its local server and its browser.
"""

from __future__ import annotations

import argparse
import gzip
import shutil
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from playwright.sync_api import Browser, BrowserContext, sync_playwright

REPOSITORY_ROOT = Path(__file__).resolve().parent.parent
#: What to install when the browser or the HTML checker's Java is missing.
INSTALL_HINT = "apt-get install chromium default-jre-headless"
#: One page of each kind, as a path on the site.
PAGE_TYPES = {
    "home": "index.html",
    "post": "posts/2017/la-diffusion-de-linnovation-dans-tous-les-territoires.html",
    "tag": "blog/tag/numerique.html",
    "category": "blog/category/reflexions.html",
    "author": "blog/author/auteur-du-blog.html",
    "year": "blog/2017.html",
    "month": "blog/2017/11.html",
    "all-posts": "blog.html",
    "tags-index": "blog/tag.html",
    "archive-index": "blog/archive.html",
    "search": "search.html?q=innovation",
    "404": "404.html",
}
DESKTOP = {"width": 1280, "height": 800}
# Text a static host (GitHub Pages, Read the Docs) sends gzip-compressed.
_COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml")


class _QuietHandler(SimpleHTTPRequestHandler):
    """http.server's file handler, without a log line for every request."""

    def log_message(self, format: str, *args) -> None:
        pass


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve *directory* on 127.0.0.1 in a thread; yield its address, ending with "/"."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=directory))
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
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        try:
            yield browser
        finally:
            browser.close()


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
    """Weigh every page type of the site built in *site*."""
    weights = []
    with serve(site) as root, chromium() as browser:
        for page_type, path in PAGE_TYPES.items():
            if not (site / path.partition("?")[0]).exists():
                raise FileNotFoundError(f"{site / path} is missing: build the site (make html), "
                                        "or choose another page of that kind in PAGE_TYPES (blogtools/audit.py)")
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
                f"{weight.largest_image[0] / 1000:.1f} KB {weight.largest_image[1]}" if weight.largest_image else "none",
                "yes" if weight.works_without_javascript else "no",
            ]
            for weight in weights
        ),
    ]
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    lines = ["| " + " | ".join(cell.ljust(width) for cell, width in zip(row, widths)) + " |" for row in rows]
    lines.insert(1, "|" + "|".join("-" * (width + 2) for width in widths) + "|")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m blogtools.audit", description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=REPOSITORY_ROOT / "_build" / "html",
                        help="the built site (default: _build/html)")
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
