"""What a reader does on the blog, in Chromium, on a desktop and on a phone.

Each test drives the page through clicks and key presses and checks what is
on screen; the ``reader`` fixture also fails a test on any console error,
failed request or request to another host.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from conftest import Build

from .conftest import Reader

FRENCH_DATE = re.compile(
    r"^\d{1,2} (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre) \d{4}$"
)


def open_navigation(reader: Reader) -> None:
    """On a phone, open the navigation drawer that holds the sidebar; on a desktop the sidebar is already shown."""
    if reader.viewport == "phone":
        reader.page.locator(".mobile-header .nav-overlay-icon").click()
        # The drawer slides in for 250 ms.
        reader.page.wait_for_function("document.querySelector('.sidebar-drawer').getBoundingClientRect().left === 0")
    expect(reader.page.locator(".sidebar-drawer")).to_be_in_viewport()


def heading(page: Page):
    """The page's title, as a screen reader names it (without the « ¶ » anchor)."""
    return page.get_by_role("heading", level=1)


def test_a_reader_goes_from_the_home_page_to_a_post_its_tag_and_its_year(reader: Reader, site: Build):
    page = reader.page
    # The newest post that has a tag, read from the built home page: any blog's posts will do.
    entry_html = next(
        entry
        for entry in site.page("index.html").select(".blog-entry")
        if site.page(entry.select_one(".blog-entry-title a")["href"]).select(".blog-post-tags a")
    )
    title = entry_html.select_one(".blog-entry-title").get_text()
    address = entry_html.select_one(".blog-entry-title a")["href"]

    page.goto("index.html")
    entry = page.locator("article.blog-entry").filter(has=page.get_by_role("heading", name=title, exact=True))
    expect(entry.locator(".blog-entry-date")).to_have_text(FRENCH_DATE)
    entry.get_by_role("link", name=f"Continuer la lecture de «\u00a0{title}\u00a0»").click()
    expect(page).to_have_url(re.compile(re.escape(address) + "$"))
    expect(heading(page)).to_have_accessible_name(title)
    expect(page.locator(".blog-post-meta time")).to_have_text(entry_html.select_one(".blog-entry-date").get_text())

    tag = page.locator(".blog-post-tags a").first
    tag_name = tag.inner_text()
    tag.click()
    expect(heading(page)).to_have_accessible_name(f"Articles avec l’étiquette «\u00a0{tag_name}\u00a0»")
    listed = page.locator("article.blog-entry").last
    listed_title = listed.locator(".blog-entry-title").inner_text()
    expect(listed.locator(".blog-entry-date")).to_have_text(FRENCH_DATE)
    listed.get_by_role("link", name=listed_title, exact=True).click()
    expect(heading(page)).to_have_accessible_name(listed_title)
    post_address = page.url
    year = page.locator(".blog-post-meta time").get_attribute("datetime")[:4]

    open_navigation(reader)
    page.locator(".sidebar-drawer").get_by_role("link", name=re.compile(rf"^{year} \(\d+\)$")).click()
    expect(heading(page)).to_have_accessible_name(f"Articles de {year}")
    dates = page.locator("article.blog-entry .blog-entry-date")
    expect(dates.first).to_have_text(FRENCH_DATE)
    assert all(date.endswith(f" {year}") for date in dates.all_inner_texts())

    page.go_back()
    expect(page).to_have_url(post_address)
    expect(heading(page)).to_have_accessible_name(listed_title)


def test_the_theme_chosen_with_the_toggle_survives_a_reload(reader: Reader, page_types: dict[str, str]):
    page = reader.page
    page.emulate_media(color_scheme="light")
    page.goto(page_types["post"])
    background = "getComputedStyle(document.body).backgroundColor"
    light_background = page.evaluate(background)
    # Furo has a toggle in the phone header and one beside the content; one shows at a time.
    toggle = page.get_by_role("button", name="Choisir le thème clair, sombre ou automatique").filter(visible=True)
    toggle.click()
    expect(page.locator("body")).to_have_attribute("data-theme", "dark")
    dark_background = page.evaluate(background)
    assert dark_background != light_background

    page.reload()
    expect(page.locator("body")).to_have_attribute("data-theme", "dark")
    assert page.evaluate(background) == dark_background


@pytest.mark.parametrize("viewport", ["phone"], indirect=True)
def test_the_phone_drawer_opens_on_the_blog_navigation(reader: Reader, page_types: dict[str, str]):
    page = reader.page
    page.goto(page_types["post"])
    recent_posts = page.get_by_role("link", name="Articles récents")
    expect(recent_posts).not_to_be_in_viewport()
    open_navigation(reader)
    expect(recent_posts).to_be_in_viewport()
    expect(page.get_by_role("search").get_by_role("textbox", name="Recherche")).to_be_visible()
    reader.screenshot("navigation-drawer")


def test_a_keyboard_reaches_every_link_of_a_post_with_a_visible_focus(reader: Reader, page_types: dict[str, str]):
    page = reader.page
    page.goto(page_types["post"])
    if reader.viewport == "phone":
        # The first stop of the Tab key opens the navigation drawer with Space.
        page.keyboard.press("Tab")
        expect(page.get_by_role("checkbox", name="Afficher ou masquer la navigation du site")).to_be_focused()
        page.keyboard.press("Space")
    expect(page.locator(".sidebar-drawer")).to_be_in_viewport()
    visible_links = page.evaluate("""() => [...document.querySelectorAll("a[href]")]
        .filter((link) => link.checkVisibility({visibilityProperty: true}))
        .map((link) => link.href + " " + link.textContent.trim())""")
    reached, unseen_focus = [], []
    for _ in range(len(visible_links) * 2):
        page.keyboard.press("Tab")
        focused = page.evaluate("""() => {
            const element = document.activeElement;
            if (element === document.body) return null;
            // A focus shows as an outline or a shadow on the element, or on its label when the
            // element itself is visually hidden (a few pixels at most).
            const shown = [element, ...(element.labels || [])].some((candidate) => {
                const box = candidate.getBoundingClientRect();
                const style = getComputedStyle(candidate);
                return box.width > 4 && box.height > 4 && candidate.checkVisibility({visibilityProperty: true})
                    && ((style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== "none");
            });
            return {link: element.matches("a[href]") ? element.href + " " + element.textContent.trim() : null,
                    name: element.outerHTML.slice(0, 80), shown};
        }""")
        if focused is None:
            break
        if focused["link"]:
            reached.append(focused["link"])
        if not focused["shown"]:
            unseen_focus.append(focused["name"])
    assert sorted(set(visible_links) - set(reached)) == [], "links a keyboard never reaches"
    assert unseen_focus == [], "focused elements without a visible focus indicator"
