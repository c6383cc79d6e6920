"""Sharing cards and structured data, on a small test site.

Every page has an ``og:image`` with its width, height and alt text: a
post's own first picture, or else the blog's picture, drawn at build time
from its name and the same bytes on every build. Posts carry a schema.org
``BlogPosting`` and the home page a ``Blog``, in JSON-LD, checked here
against the properties schema.org expects of them (written below: no
network); a title made to end the script stays text inside the JSON.
"""

from __future__ import annotations

import io
import json
import re
import struct
from datetime import datetime
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup
from PIL import Image

from conftest import Build, build_site, make_html, one_meta, post_source
from sphinx_blog_fr._share_image import SHARE_IMAGE_PATH, draw_share_image
from sphinx_blog_fr.commands._site import copy_site_machinery

BASEURL = "https://partage.example.org/"
PROJECT = "Le blog du partage"
HOSTILE_TITLE = "</script><script>alert(1)</script> & <!-- «\u00a0titre\u00a0»"
PHOTO_SIZE = (320, 200)
CONF = f'project = blog_title = html_title = "{PROJECT}"\nblog_baseurl = html_baseurl = ogp_site_url = "{BASEURL}"'

#: What schema.org expects (https://schema.org/BlogPosting, https://schema.org/Blog): the properties
#: these pages must give, and those of the types' hierarchy (Thing > CreativeWork > Article, Blog) they may.
THING = {"name", "url", "image", "description", "mainEntityOfPage", "identifier", "sameAs"}
CREATIVE_WORK = THING | {
    "headline",
    "author",
    "datePublished",
    "dateModified",
    "inLanguage",
    "keywords",
    "publisher",
    "about",
}
SCHEMA = {
    "BlogPosting": {
        "required": {
            "headline",
            "datePublished",
            "dateModified",
            "author",
            "inLanguage",
            "keywords",
            "image",
            "url",
            "mainEntityOfPage",
        },
        "allowed": CREATIVE_WORK | {"articleBody", "articleSection", "wordCount"},
    },
    "Blog": {
        "required": {"name", "url", "inLanguage", "author", "blogPost", "image"},
        "allowed": CREATIVE_WORK | {"blogPost"},
    },
}


def _photo() -> bytes:
    output = io.BytesIO()
    Image.new("RGB", PHOTO_SIZE, "#336699").save(output, format="PNG")
    return output.getvalue()


def build_with_photo(workdir: Path) -> Build:
    """Build a test site (as conftest.build_site does) whose post « Avec photo » shows a PNG."""
    srcdir = workdir / "src"
    copy_site_machinery(srcdir)
    (srcdir / "index.md").write_text("# Accueil\n", encoding="utf-8")
    sources = {
        "posts/2020/photo.md": post_source(
            "Avec photo", tags="design, images", body="![Un carré bleu](carre.png)\n\nUne photo."
        ),
        "posts/2020/sans.md": post_source("Sans photo", date="2020-02-01", tags="design"),
        "posts/2021/hostile.md": post_source(
            HOSTILE_TITLE.replace("<", "\\<").replace(">", "\\>"), date="2021-01-01", tags="design"
        ),
    }
    for path, text in sources.items():
        (srcdir / path).parent.mkdir(parents=True, exist_ok=True)
        (srcdir / path).write_text(text, encoding="utf-8")
    (srcdir / "posts/2020/carre.png").write_bytes(_photo())
    with (srcdir / "conf.py").open("a", encoding="utf-8") as conf_py:
        conf_py.write("\n" + CONF + "\n")
    return make_html(srcdir, workdir / "build")


@pytest.fixture(scope="module")
def blog(tmp_path_factory: pytest.TempPathFactory) -> Build:
    build = build_with_photo(tmp_path_factory.mktemp("sharing"))
    assert build.returncode == 0, build.output
    return build


def og(soup: BeautifulSoup, name: str) -> list[str]:
    return [meta["content"] for meta in soup.find_all("meta", property=name)]


def json_ld(soup: BeautifulSoup) -> list[dict]:
    return [json.loads(script.string) for script in soup.find_all("script", type="application/ld+json")]


def png_chunks(data: bytes) -> list[bytes]:
    chunks, offset = [], 8
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        chunks.append(data[offset + 4 : offset + 8])
        offset += 12 + length
    return chunks


def test_every_page_has_a_picture_with_its_size_and_alt(blog: Build):
    pages = [path.relative_to(blog.html).as_posix() for path in blog.pages()]
    assert {"index.html", "blog/tag/design.html", "blog/abonnement.html", "search.html", "404.html"} <= set(pages)
    for page in pages:
        soup = blog.page(page)
        assert len(og(soup, "og:image")) == 1, page
        assert og(soup, "og:image:width") and og(soup, "og:image:height") and og(soup, "og:image:alt"), page


def test_a_post_shares_its_own_picture(blog: Build):
    soup = blog.page("posts/2020/photo.html")
    [url] = og(soup, "og:image")
    assert url.startswith(f"{BASEURL}_images/")
    with Image.open(blog.html / url.removeprefix(BASEURL)) as picture:
        assert picture.size == PHOTO_SIZE
    assert (og(soup, "og:image:width"), og(soup, "og:image:height")) == (["320"], ["200"])
    assert og(soup, "og:image:alt") == ["Un carré bleu"]


def test_other_pages_share_the_blogs_picture_drawn_from_its_name(blog: Build):
    for page in ("posts/2020/sans.html", "index.html", "blog/tag/design.html"):
        soup = blog.page(page)
        assert og(soup, "og:image") == [BASEURL + SHARE_IMAGE_PATH], page
        assert (og(soup, "og:image:width"), og(soup, "og:image:height")) == (["1200"], ["630"])
        assert og(soup, "og:image:alt") == [PROJECT]
    data = (blog.html / SHARE_IMAGE_PATH).read_bytes()
    with Image.open(io.BytesIO(data)) as picture:
        assert picture.size == (1200, 630)
    # No date, no text, no other metadata: only the picture's own chunks.
    assert set(png_chunks(data)) == {b"IHDR", b"IDAT", b"IEND"}
    assert data == draw_share_image(PROJECT) == draw_share_image(PROJECT)
    assert data != draw_share_image("Un autre blog")


def test_the_blogs_picture_is_drawn_again_when_deleted_spoiled_or_renamed(tmp_path: Path):
    """The next build draws the picture only when its file or what it shows changed, and then as a clean build."""
    first = build_with_photo(tmp_path)
    assert first.returncode == 0, first.output
    picture = first.html / SHARE_IMAGE_PATH
    for spoil in (picture.unlink, lambda: picture.write_bytes(b"PNG?")):
        spoil()
        build = make_html(first.srcdir, tmp_path / "build")
        assert build.returncode == 0, build.output
        assert picture.read_bytes() == draw_share_image(PROJECT)
    conf = first.srcdir / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8").replace(PROJECT, "Un autre nom"), encoding="utf-8")
    renamed = make_html(first.srcdir, tmp_path / "build")
    assert renamed.returncode == 0, renamed.output
    assert picture.read_bytes() == draw_share_image("Un autre nom") != draw_share_image(PROJECT)


def _check_schema(data: dict) -> None:
    expected = SCHEMA[data["@type"]]
    assert data["@context"] == "https://schema.org"
    properties = data.keys() - {"@context", "@type"}
    assert expected["required"] <= properties, expected["required"] - properties
    assert properties <= expected["allowed"], properties - expected["allowed"]


def test_a_post_is_a_blog_posting(blog: Build):
    soup = blog.page("posts/2020/photo.html")
    [data] = json_ld(soup)
    assert data["@type"] == "BlogPosting"
    _check_schema(data)
    url = og(soup, "og:url")[0]
    assert data["url"] == url == f"{BASEURL}posts/2020/photo.html"
    assert data["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}
    assert data["headline"] == "Avec photo"
    assert data["author"] == {"@type": "Person", "name": "Auteur du blog"}
    assert data["inLanguage"] == "fr"
    assert data["keywords"] == ["design", "images"]
    assert data["image"] == og(soup, "og:image")[0]
    assert datetime.fromisoformat(data["datePublished"]).isoformat() == "2020-01-15T00:00:00+01:00"
    # No update date: modified when published.
    assert data["dateModified"] == data["datePublished"]


def test_the_home_page_is_a_blog(blog: Build):
    [data] = json_ld(blog.page("index.html"))
    assert data["@type"] == "Blog"
    _check_schema(data)
    assert data["name"] == PROJECT
    assert [post["headline"] for post in data["blogPost"]] == [HOSTILE_TITLE, "Sans photo", "Avec photo"]
    assert all(post["@type"] == "BlogPosting" and post["url"].startswith(BASEURL) for post in data["blogPost"])
    assert json_ld(blog.page("blog/tag/design.html")) == []


def test_a_title_cannot_end_the_script(blog: Build):
    # As a browser reads it: the script's text runs to the first « </script », whatever the JSON holds.
    for page in ("posts/2021/hostile.html", "index.html"):
        html = (blog.html / page).read_text(encoding="utf-8")
        scripts = re.findall(r'<script type="?application/ld\+json"?>(.*?)</script', html, flags=re.DOTALL | re.I)
        assert len(scripts) == 1, page
        assert not re.search(r"[<>&]", scripts[0]), page
        data = json.loads(scripts[0])
        headlines = [data["headline"]] if "headline" in data else [post["headline"] for post in data["blogPost"]]
        assert HOSTILE_TITLE in headlines, page


def test_the_json_has_no_space_between_its_tokens(blog: Build):
    # Machines read it, on every post: a space is only ever inside its strings.
    for page in ("posts/2020/photo.html", "index.html"):
        html = (blog.html / page).read_text(encoding="utf-8")
        [script] = re.findall(r'<script type="?application/ld\+json"?>(.*?)</script', html, flags=re.DOTALL)
        assert not re.search(r"\s", re.sub(r'"(?:[^"\\]|\\.)*"', '""', script)), (page, script)


def test_a_hard_line_break_in_the_excerpt_is_a_space_in_descriptions_and_summaries(tmp_path: Path):
    """MyST writes a hard line break (a backslash at the end of a line) as raw ``<br />`` and ``\\\\``: never text."""
    build = build_site(tmp_path, {"posts/2020/vers.md": post_source("Vers", body="Premier vers\\\nsecond vers.")})
    assert build.returncode == 0, build.output
    description = one_meta(build.page("posts/2020/vers.html"), "og:description")
    [entry] = feedparser.parse((build.html / "blog/atom.xml").read_bytes()).entries
    for text in (description, entry.summary):
        assert "Premier vers" in text and "second vers." in text
        assert "<br" not in text and "\\" not in text
