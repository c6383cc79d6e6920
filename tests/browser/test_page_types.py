"""One page of each kind, in both viewports: axe finds no WCAG 2.1 A/AA violation, nothing scrolls sideways, every icon is drawn.

axe-core (pinned in package-lock.json, installed by ``make test``) is injected
into the page and run in light and in dark mode. Each page is also saved as a
screenshot, for a person to look at.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from conftest import ROOT
from sphinx_blog_fr._accessibility_checks import PAGE_TYPES

from .conftest import Reader

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(reader: Reader) -> list[str]:
    """Run axe-core (injected by the test) on the page and describe each violation of WCAG 2.1 A and AA."""
    results = reader.page.evaluate("(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_21_AA)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — {node['target']} {node['failureSummary']}"
        for violation in results["violations"]
        for node in violation["nodes"]
    ]


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_page_type_is_accessible_in_light_and_dark_mode(reader: Reader, page_types: dict[str, str], page_type: str):
    page = reader.page
    page.goto(page_types[page_type])
    if page_type == "search":
        page.locator("#search-results .search-summary").filter(has_text="correspondant").wait_for()
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `npm ci --ignore-scripts` (make test does it)")
    page.add_script_tag(path=AXE)
    violations = {}
    for theme in ("light", "dark"):
        page.evaluate("(theme) => { document.body.dataset.theme = theme; }", theme)
        reader.screenshot(f"{page_type}-{theme}")
        violations[theme] = axe_violations(reader)
    assert violations == {"light": [], "dark": []}
    assert not reader.scrolls_horizontally()


#: Each icon shown on the page (Furo's menu, theme toggle, arrows…): its reference, and the width of its picture.
SHOWN_ICONS = """() => [...document.querySelectorAll('svg use')]
    .filter((use) => use.closest('svg').getBoundingClientRect().width > 0)
    .map((use) => [use.getAttribute('href'), use.getBBox().width])"""


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_page_type_draws_every_icon_it_shows(reader: Reader, page_types: dict[str, str], page_type: str):
    # furo_icon_file: the pictures come from _static/furo-icons.svg, which the browser loads after the page.
    page = reader.page
    page.goto(page_types[page_type])
    assert page.evaluate(SHOWN_ICONS), "no icon shown"
    try:
        page.wait_for_function(f"({SHOWN_ICONS})().every(([href, width]) => width > 0)", timeout=5_000)
    except PlaywrightTimeoutError:
        pytest.fail(f"icons drawn empty: {[href for href, width in page.evaluate(SHOWN_ICONS) if not width]}")
