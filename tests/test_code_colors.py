"""Furo's code colours and css variables reach every page through ``blog.css``, not a ``<style>`` on each page.

Furo writes them in a ``<style>`` of every page's ``<head>``; the machinery
writes them once, at the end of ``_static/blog.css``, which every page links
last among its style sheets. They are Furo's: the colours of ``pygments_style``
and ``pygments_dark_style`` (with Furo's fallback for a style without a text
colour) and the theme's ``light_css_variables`` and ``dark_css_variables``. A
blog that gives its own ``blog.css`` keeps Furo's ``<style>`` on its pages.
"""

from __future__ import annotations

import re

import pytest
from pygments.styles import get_style_by_name
from pygments.token import Text

from conftest import Build, build_site, post_source

BASEURL = "https://couleurs.example.org/"
CONF = f'blog_baseurl = html_baseurl = ogp_site_url = "{BASEURL}"'
CODE_POST = post_source(
    "Du code", tags="design", category="Réflexions", body="Un paragraphe.\n\n```python\nprint('bonjour')\n```"
)
#: One page of each type: home, post, listings, tag, category, generated pages, search, 404.
PAGES = [
    "index.html",
    "posts/2020/code.html",
    "blog.html",
    "blog/archive.html",
    "blog/tag/design.html",
    "blog/category/reflexions.html",
    "blog/abonnement.html",
    "blog/accessibilite.html",
    "search.html",
    "404.html",
]


def code_colors(style_name: str, fallback: str) -> str:
    """The declarations of a pygments style's colours, as Furo's template writes them (minified)."""
    style = get_style_by_name(style_name)
    foreground = style.style_for_token(Text)["color"]
    return (
        f"--color-code-background:{style.background_color};"
        f"--color-code-foreground:{f'#{foreground}' if foreground else fallback}"
    )


def furo_rules(light: str, dark: str) -> str:
    """Furo's rules, light then dark (for the theme toggle and for the system's preference)."""
    return (
        f"body{{{light}}}@media not print{{body[data-theme=dark]{{{dark}}}"
        f"@media (prefers-color-scheme:dark){{body:not([data-theme=light]){{{dark}}}}}}}"
    )


def style_sheet(build: Build) -> str:
    return (build.html / "_static/blog.css").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def blog(tmp_path_factory: pytest.TempPathFactory) -> Build:
    build = build_site(tmp_path_factory.mktemp("code-colors"), {"posts/2020/code.md": CODE_POST}, conf=CONF)
    assert build.returncode == 0, build.output
    return build


@pytest.mark.parametrize("page", PAGES)
def test_every_page_gets_the_code_colours_from_blog_css_and_has_no_style_element(blog: Build, page: str):
    head = blog.page(page).head
    assert head.find("style") is None, page
    sheets = [link["href"] for link in head.find_all("link", rel="stylesheet")]
    # blog.css comes last, where Furo's <style> came after the style sheets: its rules still win.
    assert re.search(r"(^|/)_static/blog\.css\?v=[0-9a-f]+$", sheets[-1]), (page, sheets)


def test_blog_css_holds_furos_rules_with_the_themes_colours(blog: Build):
    rules = furo_rules(code_colors("a11y-light", "black"), code_colors("native", "white"))
    css = style_sheet(blog)
    assert css.rstrip().endswith(rules), css[-600:]
    assert ".blog-entry {" in css and "{{" not in css and "{%" not in css


def test_the_colours_follow_the_blogs_pygments_styles_and_furos_css_variables(tmp_path):
    conf = (
        f"{CONF}\n"
        'pygments_style = "friendly"\n'
        'pygments_dark_style = "monokai"\n'
        "html_theme_options = {\n"
        '    "light_css_variables": {"color-brand-primary": "#0055a1"},\n'
        '    "dark_css_variables": {"color-brand-primary": "#88bbf1"},\n'
        "}"
    )
    build = build_site(tmp_path, {"posts/2020/code.md": CODE_POST}, conf=conf)
    assert build.returncode == 0, build.output
    # friendly has no text colour: Furo's fallback, black. (Colours a minifier cannot shorten.)
    light = code_colors("friendly", "black") + ";--color-brand-primary:#0055a1"
    dark = code_colors("monokai", "white") + ";--color-brand-primary:#88bbf1"
    assert "--color-code-foreground:black" in light
    assert style_sheet(build).rstrip().endswith(furo_rules(light, dark))
    for page in ("index.html", "posts/2020/code.html", "404.html"):
        assert build.page(page).head.find("style") is None, page


def test_a_blog_with_its_own_blog_css_keeps_furos_style_element(tmp_path):
    own_css = "/* Le style du blog. */\n.blog-entry { color: teal; }\n"
    build = build_site(tmp_path, {"posts/2020/code.md": CODE_POST, "_static/blog.css": own_css}, conf=CONF)
    assert build.returncode == 0, build.output
    assert style_sheet(build) == own_css
    rules = furo_rules(code_colors("a11y-light", "black"), code_colors("native", "white"))
    for page in ("index.html", "posts/2020/code.html", "404.html", "search.html"):
        style = build.page(page).head.find("style")
        assert style is not None and style.get_text() == rules, page
