"""Fixtures of the browser tests: the real blog served on 127.0.0.1, read in Debian's Chromium.

Every test gets a ``reader``: a fresh browser tab in a desktop (1280×800) or
phone (375×812) viewport, on the built site served by Python's http.server in
a thread (the same server, browser and page list as ``make audit``). The tab
records what a reader would notice or should never suffer: console errors,
failed requests and requests to any host other than the local server (those
are blocked). Each test fails if any of these happened.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Route

from conftest import ROOT, Build
from sphinx_blog_fr._accessibility_checks import PAGE_TYPES
from sphinx_blog_fr.commands.audit import DESKTOP, chromium, find_pages, serve

VIEWPORTS = {"desktop": DESKTOP, "phone": {"width": 375, "height": 812}}
#: Screenshots of each page type in each viewport, kept as test artifacts.
SCREENSHOTS = ROOT / "_build" / "screenshots"


@pytest.fixture(scope="session")
def server(site: Build) -> Iterator[str]:
    """The address of the built site, served on 127.0.0.1 for the session."""
    with serve(site.html) as address:
        yield address


@pytest.fixture(scope="session")
def page_types(site: Build) -> dict[str, str]:
    """One page of each kind of the built blog (the newest post, the first tag…), as ``make audit`` picks them."""
    found = find_pages(site.html)
    missing = [kind for kind in PAGE_TYPES if kind not in found]
    assert not missing, f"the blog has no page of these kinds: {missing}"
    return found


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    try:
        with chromium() as browser:
            yield browser
    except RuntimeError as missing:
        pytest.fail(f"for the browser tests: {missing}")


@dataclass
class Reader:
    """A browser tab on the local site, and what went wrong in it."""

    page: Page
    viewport: str
    problems: list[str] = field(default_factory=list)

    def screenshot(self, name: str) -> Path:
        """Save the whole page as ``<name>-<viewport>.png`` among the screenshots."""
        path = SCREENSHOTS / f"{name}-{self.viewport}.png"
        self.page.screenshot(path=path, full_page=True)
        return path

    def scrolls_horizontally(self) -> bool:
        return self.page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth")


@pytest.fixture(params=list(VIEWPORTS))
def viewport(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def reader(browser: Browser, server: str, viewport: str) -> Iterator[Reader]:
    """A new tab in *viewport* on the local site; the test fails if the tab saw a problem."""
    context = browser.new_context(viewport=VIEWPORTS[viewport], base_url=server, locale="fr-FR")
    context.set_default_timeout(10_000)
    page = context.new_page()
    reader = Reader(page, viewport)

    def only_local(route: Route) -> None:
        if route.request.url.startswith(server):
            route.continue_()
        else:
            reader.problems.append(f"request to another host: {route.request.url}")
            route.abort()

    context.route("**/*", only_local)
    page.on(
        "console",
        lambda message: (
            message.type == "error" and reader.problems.append(f"console error on {page.url}: {message.text}")
        ),
    )
    page.on("pageerror", lambda error: reader.problems.append(f"JavaScript error on {page.url}: {error}"))
    # A request cut short because the reader left the page (ERR_ABORTED) is no failure.
    page.on(
        "requestfailed",
        lambda request: (
            request.failure != "net::ERR_ABORTED"
            and reader.problems.append(f"failed request {request.url}: {request.failure}")
        ),
    )
    page.on(
        "response",
        lambda response: (
            response.status >= 400 and reader.problems.append(f"HTTP {response.status} for {response.url}")
        ),
    )
    yield reader
    context.close()
    assert not reader.problems, "\n".join(reader.problems)
