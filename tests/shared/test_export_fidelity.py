"""The real WordPress exports of ../shared/wxr, imported and built: every word a published post showed
and every approved comment reach its page; labels in every script get their pages (issue 15)."""

import re
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from importer.wxr_site import INVISIBLE, Site, imported_and_built, post_body
from sphinx_blog_fr.wordpress.autop import wpautop
from sphinx_blog_fr.wordpress.comments import published_comments
from sphinx_blog_fr.wordpress.media import MediaLibrary
from sphinx_blog_fr.wordpress.render import Renderer
from sphinx_blog_fr.wordpress.wxr import Export, read_export

from .conftest import shared_file

_WORD = re.compile(r"\w+")
_BLOCKS = (
    "p div li ul ol dl dt dd h1 h2 h3 h4 h5 h6 blockquote pre table tr td th br hr figure figcaption"
    " section article header footer address details summary nav aside main".split()
)


@pytest.fixture(scope="module")
def small_export_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """WordPress importer's ``small-export.xml`` (a category named « 远征手记 », two « Foo »), imported and built."""
    export = shared_file("wxr/importer-edge-cases/small-export.xml")
    return imported_and_built(tmp_path_factory.mktemp("small-export"), export)


def words(html: str) -> Counter[str]:
    """The words a reader sees in *html*, as a multiset."""
    soup = BeautifulSoup(html, "html.parser")
    for hidden in soup.find_all(INVISIBLE):
        hidden.decompose()
    # A block ends a word (« Title » then « definition »); an inline tag does not (« H<sub>2</sub>O »).
    for block in soup.find_all(_BLOCKS):
        block.insert_before(" ")
        block.append(" ")
    return Counter(word.casefold() for word in _WORD.findall(soup.get_text()))


def published_posts(export: Export, site: Site) -> dict[str, object]:
    """Each published post or page of *export* by the file the import wrote for it (not the drafts,
    nor the scheduled posts, which the site publishes on their date)."""
    items = {item.id: item for item in export.items}
    return {
        path: items[item_id]
        for item_id, path in site.plan.outputs
        if not path.startswith("drafts/") and items[item_id].status == "publish"
    }


def assert_every_word_and_comment_is_built(export_path: Path, site: Site) -> None:
    """For every published post: the words of WordPress's sanitised display, and of each approved comment, are on its page."""
    export = read_export(export_path)
    renderer = Renderer(MediaLibrary([item for item in export.items if item.type == "attachment"], None))
    missing = {}
    for path, item in published_posts(export, site).items():
        page = site.page(path)
        thread = page.find(id="commentaires-archives")
        thread_words = words(str(thread)) if thread else Counter()
        body_words = words(str(post_body(page)))
        lost = words(renderer.render_sanitised(item).html) - body_words
        for comment in published_comments(item.comments):
            lost += words(wpautop(comment.content)) - thread_words
        if lost:
            missing[path] = dict(lost)
    assert not missing


@pytest.mark.parametrize("name", ["themeunittestdata.wordpress.xml", "64-block-test-data.xml"])
def test_every_word_and_approved_comment_of_a_real_export_is_built(
    name: str, theme_unit_site: Site, block_site: Site
) -> None:
    site = theme_unit_site if name.startswith("theme") else block_site
    assert_every_word_and_comment_is_built(shared_file(f"wxr/{name}"), site)


def test_every_word_of_the_small_export_is_built(small_export_site: Site) -> None:
    assert_every_word_and_comment_is_built(shared_file("wxr/importer-edge-cases/small-export.xml"), small_export_site)


def test_the_ten_deep_thread_shows_its_19_approved_comments(theme_unit_site: Site) -> None:
    export = read_export(shared_file("wxr/themeunittestdata.wordpress.xml"))
    item = next(item for item in export.items if item.slug == "template-comments")
    path = dict((item_id, path) for item_id, path in theme_unit_site.plan.outputs)[item.id]
    thread = theme_unit_site.page(path).find(id="commentaires-archives")
    approved = published_comments(item.comments)
    assert len(approved) == 19
    shown = [entry for entry in thread.find_all("li") if entry.find("strong")]
    assert len(shown) == 19
    depths = {0: 0}
    for comment in sorted(approved, key=lambda comment: comment.id):
        depths[comment.id] = depths.get(comment.parent, 0) + 1
    # WordPress nests five levels; a reply below the fifth says whom it answers.
    flattened = [comment for comment in approved if depths[comment.id] > 5]
    assert len(flattened) == 5
    text = " ".join(thread.get_text().split())
    for comment in flattened:
        parent = next(other for other in approved if other.id == comment.parent)
        assert f"{comment.author}, " in text and f", en réponse à {parent.author}" in text
    assert text.count("en réponse à") == len(flattened)


def test_a_chinese_category_gets_its_page_and_its_old_address(small_export_site: Site) -> None:
    page = small_export_site.html / "blog/category/yuanzhengshouji.html"
    assert "远征手记" in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find("h1").get_text()
    redirect = (small_export_site.html / "category/eternity/index.html").read_text(encoding="utf-8")
    assert "blog/category/yuanzhengshouji.html" in redirect
    assert not (small_export_site.html / "blog/category/.html").exists()


def test_the_two_foo_categories_of_the_small_export_stay_distinct(small_export_site: Site) -> None:
    assert (small_export_site.html / "blog/category/foo.html").is_file()
    assert (small_export_site.html / "blog/category/foo-bar.html").is_file()
    redirect = (small_export_site.html / "category/bar/foo-bar/index.html").read_text(encoding="utf-8")
    assert "blog/category/foo-bar.html" in redirect
