"""``make livehtml``: sphinx-autobuild, and the build's errors shown in the page being previewed.

sphinx-autobuild rebuilds the site on every save and reloads the browser,
but when the build fails it keeps serving the previous pages: the author
sees the old page and the error only in the terminal. This command runs
sphinx-autobuild with the same arguments (the Makefile gives it the very
Sphinx options of ``make html``, so that switching between the two rebuilds
nothing) and, while the last build's warnings file (``--warning-file``,
which Sphinx empties at each build and fills with every warning and error)
is not empty, inserts at the top of every HTML page it serves a French
banner with those messages (file, line, message), until a build succeeds.

Nothing is written into the output: ``make html`` and ``make livehtml``
build the same files. Pages are served without caching, so that the browser
shows the banner, and drops it, on the reload that follows each build.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
from pathlib import Path

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sphinx_blog_fr.compat.autobuild import serve_with

#: Request headers that would let the browser keep a page without its banner, or with a stale one.
_CONDITIONAL_HEADERS = {b"if-none-match", b"if-modified-since"}
_BODY_TAG = re.compile(rb"<body[^>]*>", re.IGNORECASE)


def error_banner(messages: str, srcdir: Path) -> bytes:
    """The banner showing the build's *messages*, with paths relative to the site's sources."""
    text = messages.replace(f"{srcdir}/", "").strip()
    return (
        '<div role="alert" lang="fr" id="blog-build-errors" style="position:relative;z-index:1000;'
        "margin:0;padding:1rem 1.5rem;background:#fde7e9;color:#5c0011;border-bottom:3px solid #c50f1f;"
        'font:1rem/1.5 system-ui,sans-serif">'
        "<strong>La construction du site a échoué : cette page n’est plus à jour.</strong> "
        "Corrigez le fichier indiqué et enregistrez ; la page se mettra à jour d’elle-même."
        f'<pre style="white-space:pre-wrap;margin:.75rem 0 0;font-size:.9rem">{html.escape(text)}</pre>'
        "</div>"
    ).encode()


class BuildErrorBanner:
    """ASGI middleware: the build's errors at the top of every HTML page served, while there are any."""

    def __init__(self, app: ASGIApp, warnings_file: Path, srcdir: Path) -> None:
        self.app, self.warnings_file, self.srcdir = app, warnings_file, srcdir

    def _messages(self) -> str:
        try:
            return self.warnings_file.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        scope = {
            **scope,
            "headers": [(name, value) for name, value in scope["headers"] if name.lower() not in _CONDITIONAL_HEADERS],
        }
        messages = self._messages()
        start: Message | None = None
        body = bytearray()

        async def send_with_banner(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                if not headers.get("content-type", "").startswith("text/html"):
                    await send(message)
                    return
                headers["cache-control"] = "no-store"
                start = message
                if not messages.strip():
                    await send(message)
                return
            if start is None or not messages.strip():
                await send(message)
                return
            body.extend(message.get("body", b""))
            if message.get("more_body", False):
                return
            page = _with_banner(bytes(body), error_banner(messages, self.srcdir))
            MutableHeaders(scope=start)["content-length"] = str(len(page))
            await send(start)
            await send({"type": "http.response.body", "body": page})

        await self.app(scope, receive, send_with_banner)


def _with_banner(page: bytes, banner: bytes) -> bytes:
    opening = _BODY_TAG.search(page)
    at = opening.end() if opening else 0
    return page[:at] + banner + page[at:]


def _paths(argv: list[str]) -> tuple[Path, Path]:
    """The warnings file (required) and the source folder, from sphinx-autobuild's arguments.

    They end, as in the Makefile and Sphinx's own command, with the source and output folders.
    """
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("-w", "--warning-file", required=True)
    known, _others = parser.parse_known_args(argv)
    return Path(known.warning_file).resolve(), Path(argv[-2]).resolve()


def main(argv: list[str]) -> None:
    warnings_file, srcdir = _paths(argv)
    serve_with(lambda app: app.add_middleware(BuildErrorBanner, warnings_file=warnings_file, srcdir=srcdir), argv)


if __name__ == "__main__":
    main(sys.argv[1:])
