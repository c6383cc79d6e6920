"""The licence of the blog's text, one setting in conf.py, in every footer and every feed.

``blog_content_license = (name, address)`` shows « Textes sous licence
<name> » in the footer of every page, linked with ``rel="license"``, and
goes into each Atom feed's ``<rights>`` and each RSS feed's ``<copyright>``.
The name is text (escaped); a setting of the wrong shape stops the build
with one French error naming it.
"""

from __future__ import annotations

import feedparser
import pytest

from conftest import Build, build_site, post_source

NAME = "Licence <b>Ouverte</b> & co"
URL = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
POSTS = {
    "posts/2020/un.md": post_source("Un", tags="design", category="Réflexions"),
    "pages/a-propos.md": "---\norphan: true\n---\n\n# À propos\n\nUne page.\n",
}


@pytest.fixture(scope="module")
def blog(tmp_path_factory: pytest.TempPathFactory) -> Build:
    build = build_site(tmp_path_factory.mktemp("license"), POSTS, conf=f"blog_content_license = ({NAME!r}, {URL!r})")
    assert build.returncode == 0, build.output
    return build


def test_every_page_footer_links_the_licence(blog: Build):
    pages = [path.relative_to(blog.html).as_posix() for path in blog.pages()]
    assert "pages/a-propos.html" in pages and "404.html" in pages
    for page in pages:
        links = blog.page(page).select('footer a[rel="license"]')
        assert [(link["href"], link.get_text()) for link in links] == [(URL, NAME)], page
        assert not blog.page(page).select("footer b"), page
        assert "Textes sous licence" in links[0].parent.get_text()


def test_every_feed_states_the_licence(blog: Build):
    feeds = sorted(blog.html.rglob("atom.xml")) + sorted(blog.html.rglob("rss.xml"))
    # The blog's in Atom and RSS, each tag's and category's in Atom.
    assert len(feeds) == 4
    for path in feeds:
        feed = feedparser.parse(path.read_bytes())
        assert not feed.bozo
        # feedparser reads Atom's <rights> and RSS's <copyright> as "rights".
        assert feed.feed.rights == f"{NAME} – {URL}", path


def test_no_licence_states_none(build_test_site):
    build = build_test_site(POSTS, conf='blog_content_license = ("", "")')
    assert build.returncode == 0, build.output
    assert not build.page("posts/2020/un.html").select('[rel="license"]')
    assert b"<rights>" not in (build.html / "blog/atom.xml").read_bytes()
    assert b"<copyright>" not in (build.html / "blog/rss.xml").read_bytes()


def test_a_setting_of_the_wrong_shape_is_one_french_error(build_test_site):
    build = build_test_site(POSTS, conf='blog_content_license = "CC BY 4.0"')
    assert build.returncode != 0
    assert "blog_content_license doit être un couple (nom, adresse)" in build.output
    assert "Traceback" not in build.output
