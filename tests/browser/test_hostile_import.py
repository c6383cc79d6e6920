"""A blog imported from a hostile WordPress export, read in Chromium: no script runs, no request leaves the site.

The export (tests/importer/fixtures/hostile-browser-export.xml) hides scripts
everywhere a WordPress blog holds text: the post, its excerpt, its approved
comment, its title, its tags, its category and its author's name (``<script>``,
``on…`` attributes, ``javascript:`` links, ``iframe srcdoc``, ``<body onload>``,
``<svg onload>``, style sheets and iframes of evil.example), and MyST that
would read the build machine's files (``{download}`` of /etc/passwd, a
carriage return closing a raw-HTML block before an ``{eval-rst}`` fence).

Every page showing that post (the post, the home page, its tag, its category,
its author) is opened in Chromium with a trap on ``window.pwned``: an init
script, run before the page's own, turns any assignment into
``window.__pwned_set``. After the page has loaded, been scrolled, and had
every link of its content pointed at and focused (and any ``javascript:`` or
``data:`` link clicked), no frame may have set it, no dialog may have opened,
no script may have failed, and no link may run script.

Every request goes through a route that lets only the local server through
and aborts the rest, so that nothing leaves this machine; the test then fails
on any request to a host but two, which the import legitimately leaves in the
page:

- the old WordPress site (the export's site URL): an import without uploads
  folder keeps the post's images where they were;
- www.youtube-nocookie.com: the converter rewrites a YouTube player to its
  privacy-enhanced address, and emits it as a plain ``<iframe>`` that loads
  with the page (not on click), so that host is the one allowed embed.

Finally no file of the built site may contain /etc/passwd's first line.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Error, Page, Route

from importer.wxr_site import FIXTURES, Site, imported_and_built
from sphinx_blog_fr.commands.audit import DESKTOP, find_pages, serve

pytestmark = pytest.mark.browser

EXPORT = FIXTURES / "hostile-browser-export.xml"
#: The pages that show the hostile post, as ``make audit`` picks them.
PAGE_KINDS = ("post", "home", "tag", "category", "author")
#: The export's site URL: the images an import without uploads folder leaves on the old site.
OLD_SITE_HOST = "blog.example.fr"
#: The privacy-enhanced YouTube player, the one embed host the importer keeps.
PLAYER_HOST = "www.youtube-nocookie.com"
#: Run in every frame before its own scripts: any ``window.pwned = …`` is caught.
PWNED_TRAP = """
Object.defineProperty(window, 'pwned', {
  configurable: false,
  get() { return undefined; },
  set() { window.__pwned_set = true; },
});
"""
#: Links a click would run as script.
SCRIPT_LINKS = "[...document.querySelectorAll('a[href]')].filter(a => /^\\s*(javascript|data|vbscript):/i.test(a.href))"


@dataclass
class Visit:
    """A tab on the hostile site, and what happened in it: every request, console message, error and dialog."""

    page: Page
    server: str
    requests: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def foreign_hosts(self) -> set[str]:
        """The hosts requested other than the local server."""
        return {urlsplit(url).hostname or url for url in self.requests if not url.startswith(self.server)}

    def pwned_frames(self) -> list[str]:
        """The addresses of the frames in which the trap caught an assignment to ``window.pwned``."""
        caught = []
        for frame in self.page.frames:
            try:
                if frame.evaluate("window.__pwned_set === true"):
                    caught.append(frame.url)
            except Error as detached:
                if not frame.is_detached():
                    raise detached
        return caught

    def problems(self) -> list[str]:
        """What an attacker achieved in the tab: script run, dialog, error, request to another site, script link."""
        problems = [f"an imported script set window.pwned in {url}" for url in self.pwned_frames()]
        problems += [f"dialog opened: {dialog}" for dialog in self.dialogs]
        problems += [f"JavaScript error: {error}" for error in self.errors]
        problems += [f"request to {host}" for host in sorted(self.foreign_hosts() - {OLD_SITE_HOST, PLAYER_HOST})]
        problems += [
            f"link running script: {link}" for link in self.page.evaluate(f"{SCRIPT_LINKS}.map(a => a.outerHTML)")
        ]
        return problems

    def report(self) -> str:
        """Everything the tab saw, for a failure message."""
        return "\n".join(
            ["requests:", *self.requests, "console:", *self.console, "errors:", *self.errors, "dialogs:", *self.dialogs]
        )


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The hostile export imported into a new blog and built."""
    return imported_and_built(tmp_path_factory.mktemp("hostile-browser"), EXPORT)


@pytest.fixture(scope="module")
def hostile_server(hostile_site: Site) -> Iterator[str]:
    """The address of the built hostile site, served on 127.0.0.1."""
    with serve(hostile_site.html) as address:
        yield address


@pytest.fixture
def visit(browser: Browser, hostile_server: str) -> Iterator[Visit]:
    """A desktop tab on the hostile site, with the ``pwned`` trap, every request recorded and none let out."""
    context = browser.new_context(viewport=DESKTOP, base_url=hostile_server, locale="fr-FR")
    context.set_default_timeout(10_000)
    context.add_init_script(PWNED_TRAP)
    page = context.new_page()
    visit = Visit(page, hostile_server)

    def only_local(route: Route) -> None:
        visit.requests.append(route.request.url)
        if route.request.url.startswith(hostile_server):
            route.continue_()
        else:
            route.abort("blockedbyclient")

    context.route("**/*", only_local)
    page.on("console", lambda message: visit.console.append(f"{message.type}: {message.text}"))
    page.on("pageerror", lambda error: visit.errors.append(str(error)))
    page.on("dialog", lambda dialog: (visit.dialogs.append(f"{dialog.type}: {dialog.message}"), dialog.dismiss()))
    yield visit
    context.close()


def read_like_a_curious_reader(visit: Visit, path: str) -> None:
    """Open *path*, scroll to the end, point at every link of the content and click any that would run script."""
    page = visit.page
    page.goto(path, wait_until="networkidle")
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_load_state("networkidle")
    # Events rather than pointer moves: a hostile page may cover or move its links, the handlers must still not run.
    for link in page.locator("article a, [role=main] a").all():
        for event in ("mouseover", "mouseenter", "focus"):
            link.dispatch_event(event)
    for index in range(page.evaluate(f"{SCRIPT_LINKS}.length")):
        page.evaluate(f"{SCRIPT_LINKS}[{index}].click()")
    # A javascript: address runs in a task queued by the click.
    page.wait_for_timeout(200)


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_no_imported_script_runs_and_no_request_leaves_the_site(visit: Visit, hostile_site: Site, kind: str):
    pages = find_pages(hostile_site.html)
    assert kind in pages, f"the hostile site has no {kind} page: {sorted(pages)}"
    read_like_a_curious_reader(visit, pages[kind])
    page = visit.page

    # The hostile post is on the page (its comment on the post itself), so the checks below are not vacuous.
    if kind == "post":
        assert "Commentaires archivés" in page.inner_text("[role=main]"), visit.report()
    else:
        assert page.locator(f"a[href$='{Path(pages['post']).name}']").count(), visit.report()

    problems = visit.problems()
    assert not problems, f"on {pages[kind]}:\n" + "\n".join(problems) + "\n" + visit.report()
    # The trap itself works: the page's own scripts can still set the flag.
    page.evaluate("window.pwned = 1")
    assert visit.pwned_frames() == [page.url]


def test_no_file_of_the_built_site_holds_the_build_machines_passwd(hostile_site: Site):
    first_line = Path("/etc/passwd").read_text(encoding="utf-8").splitlines()[0].encode()
    holding = [
        path.relative_to(hostile_site.html).as_posix()
        for path in hostile_site.html.rglob("*")
        if path.is_file() and first_line in path.read_bytes()
    ]
    assert holding == [], f"/etc/passwd published in {holding}"
