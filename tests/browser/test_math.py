"""A post with math and a series, read in Chromium: MathJax renders, and no request leaves the site.

A small test site with a post using MyST's ``{math}`` role and directive, a
related post with a phone photo (resized copies in ``srcset``) and a page in
the sidebar's menu, the two posts making a series, is built and served on 127.0.0.1; every request goes
through a route that lets only that server through and records the rest.
The math must be typeset (MathJax's ``mjx-container`` elements, with its
own fonts), with no failed request and no script error; axe finds no WCAG
2.1 A/AA violation on either post or on the series page, in light and dark
mode, and none of them asks another host for anything.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Route

from conftest import Build, make_html, post_source
from sphinx_blog_fr.commands._site import copy_site_machinery
from sphinx_blog_fr.commands.audit import DESKTOP, serve
from test_images import BODY as PHOTO_BODY
from test_images import write_images

from .conftest import Reader
from .test_page_types import AXE, axe_violations

pytestmark = pytest.mark.browser

MATH_BODY = """L’aire du disque est {math}`\\pi r^2`.

```{math}
\\sum_{k=1}^{n} k = \\frac{n(n+1)}{2}
```
"""


SERIES = "series: Calculs et images"


@pytest.fixture(scope="module")
def math_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    srcdir = tmp_path_factory.mktemp("math-browser") / "src"
    copy_site_machinery(srcdir)
    write_images(srcdir / "posts/2020")
    files = {
        "index.md": "# Accueil\n",
        "pages/a-propos.md": "---\norphan: true\n---\n\n# À propos\n\nQui écrit.\n",
        "posts/2020/formules.md": post_source("Des formules", body=MATH_BODY, tags="design", extra=SERIES),
        "posts/2020/photo.md": post_source(
            "Une photo", date="2020-02-01", body=PHOTO_BODY, tags="design", extra=SERIES
        ),
    }
    for path, text in files.items():
        (srcdir / path).parent.mkdir(parents=True, exist_ok=True)
        (srcdir / path).write_text(text, encoding="utf-8")
    build: Build = make_html(srcdir, srcdir.parent / "build")
    assert build.returncode == 0, build.output
    with serve(build.html) as address:
        yield address


def test_math_is_rendered_with_no_request_to_another_host(browser: Browser, math_site: str):
    context = browser.new_context(viewport=DESKTOP, base_url=math_site, locale="fr-FR")
    context.set_default_timeout(10_000)
    problems: list[str] = []
    local_requests: list[str] = []

    def only_local(route: Route) -> None:
        if route.request.url.startswith(math_site):
            local_requests.append(route.request.url)
            route.continue_()
        else:
            problems.append(f"request to another host: {route.request.url}")
            route.abort()

    context.route("**/*", only_local)
    page = context.new_page()
    page.on("pageerror", lambda error: problems.append(f"JavaScript error: {error}"))
    page.on("console", lambda message: message.type == "error" and problems.append(f"console: {message.text}"))
    page.on("requestfailed", lambda request: problems.append(f"failed request {request.url}: {request.failure}"))
    page.on(
        "response",
        lambda response: response.status >= 400 and problems.append(f"HTTP {response.status} {response.url}"),
    )
    try:
        page.goto("posts/2020/formules.html")
        page.wait_for_selector("mjx-container", state="attached")
        page.wait_for_load_state("networkidle")
        typeset = page.locator("mjx-container").count()
    finally:
        context.close()
    assert typeset == 2
    assert any(url.endswith(".woff") for url in local_requests), "MathJax's fonts were not loaded from the site"
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    "post", ["posts/2020/formules.html", "posts/2020/photo.html", "blog/serie/calculs-et-images.html"]
)
def test_the_math_and_photo_posts_and_their_series_are_accessible(browser: Browser, math_site: str, post: str):
    context = browser.new_context(viewport=DESKTOP, base_url=math_site, locale="fr-FR")
    elsewhere: list[str] = []

    def only_local(route: Route) -> None:
        if route.request.url.startswith(math_site):
            route.continue_()
        else:
            elsewhere.append(route.request.url)
            route.abort()

    context.route("**/*", only_local)
    page = context.new_page()
    try:
        page.goto(post)
        page.wait_for_load_state("networkidle")
        page.add_script_tag(path=AXE)
        violations = {}
        for theme in ("light", "dark"):
            page.evaluate("(theme) => { document.body.dataset.theme = theme; }", theme)
            violations[theme] = axe_violations(Reader(page, "desktop"))
    finally:
        context.close()
    assert violations == {"light": [], "dark": []}
    assert elsewhere == []
