"""What a reader does on the blog, in Chromium, on a desktop and on a phone.

Each test drives the page through clicks and key presses and checks what is
on screen; the ``reader`` fixture also fails a test on any console error,
failed request or request to another host.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from blogtools.audit import PAGE_TYPES

from .conftest import Reader

FRENCH_DATE = re.compile(r"^\d{1,2} (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre) \d{4}$")


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


def test_a_reader_goes_from_the_home_page_to_a_post_its_tag_and_its_year(reader: Reader, seed_posts):
    page = reader.page
    newest = seed_posts[0]
    page.goto("index.html")
    entry = page.locator("article.blog-entry").filter(has=page.get_by_role("heading", name=newest.title))
    expect(entry.locator(".blog-entry-date")).to_have_text("29 juin 2018")
    expect(entry.locator(".blog-entry-excerpt")).to_contain_text(newest.paragraphs[0])

    entry.get_by_role("link", name=f"Continuer la lecture de «\u00a0{newest.title}\u00a0»").click()
    expect(page).to_have_url(re.compile(r"/posts/2018/mooc-innovation-publique-bilan-a-mi-parcours\.html$"))
    expect(heading(page)).to_have_accessible_name(newest.title)
    expect(page.locator(".blog-post-meta time")).to_have_text("29 juin 2018")
    expect(page.get_by_role("main")).to_contain_text(newest.paragraphs[0])

    page.locator(".blog-post-tags").get_by_role("link", name="cnfpt").click()
    expect(heading(page)).to_have_accessible_name("Articles avec l’étiquette «\u00a0cnfpt\u00a0»")
    other_post = page.locator("article.blog-entry").filter(has_not_text=newest.title).first
    other_title = other_post.locator(".blog-entry-title").inner_text()
    expect(other_post.locator(".blog-entry-date")).to_have_text(FRENCH_DATE)
    other_post.get_by_role("link", name=other_title, exact=True).click()
    expect(heading(page)).to_have_accessible_name(other_title)
    post_address = page.url

    open_navigation(reader)
    page.locator(".sidebar-drawer").get_by_role("link", name=re.compile(r"^2017 \(\d+\)$")).click()
    expect(heading(page)).to_have_accessible_name("Articles de 2017")
    dates = page.locator("article.blog-entry .blog-entry-date")
    expect(dates.first).to_have_text(FRENCH_DATE)
    assert all(date.endswith(" 2017") for date in dates.all_inner_texts())

    page.go_back()
    expect(page).to_have_url(post_address)
    expect(heading(page)).to_have_accessible_name(other_title)


@pytest.mark.parametrize(("query", "post_title"), [
    ("numerique", "L’uberisation de l’administration est-elle possible ?"),  # « numérique »
    ("seminaires", "La diffusion de l’innovation dans tous les territoires"),  # « séminaire »
    ("territoire", "La diffusion de l’innovation dans tous les territoires"),  # « territoires »
    ("territoires", "La diffusion de l’innovation dans tous les territoires"),
    ("creativites", "La note de synthèse et la culture de l’innovation"),  # « créativité »
])
def test_searching_from_the_sidebar_forgives_accents_and_plurals(reader: Reader, query: str, post_title: str):
    page = reader.page
    page.goto("index.html")
    open_navigation(reader)
    search_box = page.get_by_role("search").get_by_role("textbox", name="Recherche")
    search_box.fill(query)
    search_box.press("Enter")
    expect(page.locator("#search-results .search-summary")).to_contain_text("correspondant à la requête")
    expect(page.locator("#search-results ul.search").get_by_role("link", name=post_title, exact=True)).to_be_visible()


def test_the_theme_chosen_with_the_toggle_survives_a_reload(reader: Reader):
    page = reader.page
    page.emulate_media(color_scheme="light")
    page.goto(PAGE_TYPES["post"])
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
def test_the_phone_drawer_opens_on_the_blog_navigation(reader: Reader):
    page = reader.page
    page.goto(PAGE_TYPES["post"])
    recent_posts = page.get_by_role("link", name="Articles récents")
    expect(recent_posts).not_to_be_in_viewport()
    open_navigation(reader)
    expect(recent_posts).to_be_in_viewport()
    expect(page.get_by_role("search").get_by_role("textbox", name="Recherche")).to_be_visible()
    reader.screenshot("navigation-drawer")


def test_a_keyboard_reaches_every_link_of_a_post_with_a_visible_focus(reader: Reader):
    page = reader.page
    page.goto(PAGE_TYPES["post"])
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
