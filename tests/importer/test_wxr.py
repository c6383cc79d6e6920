"""Reading WordPress exports: namespaces matched by address, unsafe files refused (the real edge cases: tests/shared)."""

from pathlib import Path

import pytest

from sphinx_blog_fr.wordpress.wxr import WxrError, read_export

from .wxr_site import FIXTURES


def write(tmp_path: Path, text: str) -> Path:
    """Save *text* as an export file and return its path."""
    path = tmp_path / "export.xml"
    path.write_text(text, encoding="utf-8")
    return path


def minimal_export(namespace: str, item: str = "") -> str:
    """A one-channel export in the ``wp`` namespace *namespace*."""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:wp="{namespace}" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><wp:wxr_version>1.2</wp:wxr_version>{item}</channel></rss>"""


ITEM = """<item><title>Bonjour</title><wp:post_id>7</wp:post_id><wp:post_type>post</wp:post_type>
<wp:status>publish</wp:status><content:encoded><![CDATA[Texte]]></content:encoded></item>"""


@pytest.mark.parametrize("namespace", ["http://wordpress.org/export/1.2/", "https://wordpress.org/export/1.2/"])
def test_http_and_https_namespaces_are_read(tmp_path: Path, namespace: str) -> None:
    item = read_export(write(tmp_path, minimal_export(namespace, ITEM))).items[0]
    assert (item.id, item.type, item.status, item.content) == (7, "post", "publish", "Texte")


def test_the_french_fixture_is_read_with_its_authors_and_categories() -> None:
    export = read_export(FIXTURES / "blog-fr.xml")
    assert export.authors == {"mlefevre": "Marie Lefèvre", "auteur": "Auteur du blog"}
    assert export.categories["territoires"].parent == "evenements"
    post = export.items[0]
    assert post.meta_values("_wp_old_slug") == ["diffusion-innovation-territoires"]
    assert [comment.approved for comment in post.comments] == [True, True, False, True]


def test_entity_expansion_is_refused(tmp_path: Path) -> None:
    bomb = (
        minimal_export("http://wordpress.org/export/1.2/")
        .replace(
            "<rss", '<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n<rss', 1
        )
        .replace("<channel>", "<channel><title>&b;</title>")
    )
    with pytest.raises(WxrError, match="ligne 2"):
        read_export(write(tmp_path, bomb))


def test_external_entities_are_refused(tmp_path: Path) -> None:
    external = (
        minimal_export("http://wordpress.org/export/1.2/")
        .replace("<rss", '<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>\n<rss', 1)
        .replace("<channel>", "<channel><title>&secret;</title>")
    )
    with pytest.raises(WxrError, match="ligne 2 : déclaration d’entité « secret » refusée"):
        read_export(write(tmp_path, external))


def test_an_unescaped_cdata_end_is_read_as_wordpress_reads_it_beside_an_escaped_one(tmp_path: Path) -> None:
    items = """<item><title><![CDATA[a ]]> b]]></title><wp:post_type>post</wp:post_type>
<content:encoded><![CDATA[x ]]]]><![CDATA[> y]]></content:encoded></item>"""
    export = read_export(write(tmp_path, minimal_export("http://wordpress.org/export/1.2/", items)))
    assert (export.items[0].title, export.items[0].content) == ("a ]]> b", "x ]]> y")
    assert len(export.notes) == 1


def test_a_file_the_cdata_repair_cannot_save_is_refused_at_its_first_error(tmp_path: Path) -> None:
    broken = minimal_export(
        "http://wordpress.org/export/1.2/", "\n<item><title><![CDATA[a ]]> b]]></title>\n<oops></item>"
    )
    # The first error is the unescaped « ]]> » of line 4, not the « <oops> » the repaired file trips on.
    with pytest.raises(WxrError, match=r"ligne 4, colonne 32 :"):
        read_export(write(tmp_path, broken))
