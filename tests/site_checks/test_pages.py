"""Every page is a real Furo page, entirely in French, whose internal links all lead somewhere."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree

from bs4 import BeautifulSoup

from conftest import Build

ENGLISH_UI = re.compile(
    r"\b(Recent Posts?|Read more|Posts? tagged|Posted (?:in|on|by)|Author|Categor(?:y|ies)|Previous|Next|"
    r"Tags?|All [Pp]osts|Drafts?|Older|Newer|Skip to content|Back to top|On this page|Made with|Toggle|Contents|"
    r"Light mode|Dark mode|Expand|Search|Home|Updated?|Continue reading|Page \d+ of|"
    r"January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)
READER_ATTRIBUTES = ("aria-label", "title", "placeholder", "alt")
#: Furo's icons, written once for every page by furo_icon_file.
ICON_FILE = "_static/furo-icons.svg"


def reader_texts(page) -> list[str]:
    """Everything a reader sees or hears on a page: its text and its labelling attributes."""
    for element in page(["script", "style"]):
        element.decompose()
    texts = [page.get_text(" ")]
    for element in page.find_all(True):
        texts.extend(element[name] for name in READER_ATTRIBUTES if element.has_attr(name))
    return texts


def test_pages_are_written_without_the_templates_indentation(site: Build):
    # blog_minify: the indentation of Furo's templates, repeated on every page, weighs megabytes on a large blog.
    for path in site.pages():
        markup = re.sub(r"<(pre|script)\b.*?</\1>", "", path.read_text(encoding="utf-8"), flags=re.DOTALL)
        assert not re.search(r">\s*\n\s*<", markup), path


def test_every_page_has_one_viewport_tag(site: Build):
    # Furo's; docutils adds its own to every document's meta tags (sphinx-doc/sphinx#11699): _viewport drops it.
    for path in site.pages():
        viewports = site.page(path.relative_to(site.html).as_posix()).find_all("meta", attrs={"name": "viewport"})
        assert [meta["content"] for meta in viewports] == ["width=device-width,initial-scale=1"], path


def test_every_page_takes_furos_code_colours_from_blog_css(site: Build):
    # _code_colors: Furo's <style> of code colours, the same on every page, is at the end of blog.css.
    assert "--color-code-background:" in (site.html / "_static/blog.css").read_text(encoding="utf-8")
    for path in site.pages():
        head = site.page(path.relative_to(site.html).as_posix()).head
        assert head.find("style") is None, path
        sheets = [link["href"] for link in head.find_all("link", rel="stylesheet")]
        assert sheets and "_static/blog.css?v=" in sheets[-1], path


def test_no_page_is_furos_error_page(site: Build):
    pages = site.pages()
    assert {"index.html", "404.html", "search.html"} <= {path.relative_to(site.html).as_posix() for path in pages}
    for path in pages:
        page = site.page(path.relative_to(site.html).as_posix())
        assert "inheriting from" not in page.get_text(), path
        assert page.select_one(".sidebar-drawer") and page.select_one("#furo-main-content"), path


def test_no_english_ui_string_on_any_page(site: Build):
    found = {}
    for path in site.pages():
        page = site.page(path.relative_to(site.html).as_posix())
        for text in reader_texts(page):
            if match := ENGLISH_UI.search(text):
                found.setdefault(path.relative_to(site.html).as_posix(), set()).add(match.group())
    assert not found


def icon_file(site: Build) -> BeautifulSoup:
    source = (site.html / ICON_FILE).read_text(encoding="utf-8")
    # Browsers read an .svg file as XML: it must be well-formed.
    assert ElementTree.fromstring(source).tag == "{http://www.w3.org/2000/svg}svg"
    return BeautifulSoup(source, "html.parser")


def test_icons_are_named_in_french(site: Build):
    # Screen readers speak the <title> of Furo's icons (furo_i18n translates them).
    titles = [title.get_text() for title in icon_file(site).find_all("title")]
    assert "Sommaire" in titles and "Mode sombre" in titles
    assert not [title for title in titles if ENGLISH_UI.search(title)]


def test_every_icon_comes_from_the_one_shared_icon_file(site: Build):
    # furo_icon_file: Furo's 5 KB sprite is written once and cached, not repeated on every page.
    symbols = {symbol["id"] for symbol in icon_file(site).find_all("symbol")}
    for path in site.pages():
        page = site.page(path.relative_to(site.html).as_posix())
        assert not page.find("symbol"), path
        icons = [(url, target) for url, target in internal_targets(site, path) if "/furo-icons.svg#" in url]
        assert len(icons) == len(page.find_all("use")) > 0, path
        for url, target in icons:
            assert target == (site.html / ICON_FILE).resolve() and urlsplit(url).fragment in symbols, (path, url)


def test_pages_declare_french(site: Build):
    for path in site.pages():
        assert site.page(path.relative_to(site.html).as_posix()).html["lang"] == "fr", path


def internal_targets(site: Build, path: Path):
    page = site.page(path.relative_to(site.html).as_posix())
    for element in page.find_all(["a", "link", "script", "img", "source", "use"]):
        for attribute in ("href", "src"):
            url = element.get(attribute)
            if not url or urlsplit(url).scheme or url.startswith(("//", "#", "mailto:")):
                continue
            # 404.html's links start from the site's root: servers send it at any depth.
            folder = site.html if url.startswith("/") else path.parent
            yield url, (folder / unquote(urlsplit(url).path).lstrip("/")).resolve()


def test_every_internal_link_resolves_to_a_file(site: Build):
    broken = []
    for path in site.pages():
        for url, target in internal_targets(site, path):
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{path.relative_to(site.html)} → {url}")
    assert not broken
