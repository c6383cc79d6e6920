"""Reading WordPress's own importer edge cases (../shared/wxr/importer-edge-cases): every WXR version,
CDATA read as WordPress reads it, broken files refused."""

from pathlib import Path

import pytest

from importer.wxr_site import blog_settings
from sphinx_blog_fr.wordpress.importer import plan_import
from sphinx_blog_fr.wordpress.wxr import WxrError, read_export

from .conftest import shared_file


def edge_case(name: str) -> Path:
    """The edge-case export *name* of WordPress's importer tests; the test fails if ../shared is missing."""
    return shared_file(f"wxr/importer-edge-cases/{name}")


@pytest.mark.parametrize(
    "name, version", [("valid-wxr-1.0.xml", "1.0"), ("valid-wxr-1.1.xml", "1.1"), ("term-formats.xml", "1.2")]
)
def test_every_wxr_version_is_read(name: str, version: str) -> None:
    assert read_export(edge_case(name)).version == version


def test_wxr_1_0_categories_without_domain_are_categories() -> None:
    export = read_export(edge_case("valid-wxr-1.0.xml"))
    taxonomies = {term.taxonomy for item in export.items for term in item.terms}
    assert "category" in taxonomies and "" not in taxonomies


def test_wordpress_com_undeclared_atom_prefix_is_read() -> None:
    export = read_export(edge_case("wordpress-com-atom-prefix.xml"))
    assert {item.title for item in export.items} == {"About", "Úñî©òðé title"}


def test_an_item_redefining_the_wp_prefix_is_not_wordpress_data() -> None:
    export = read_export(edge_case("namespace-edge-cases.xml"))
    hijacked = next(item for item in export.items if item.title == "Hijacked Namespace")
    assert hijacked.type == "" and hijacked.id == 0


@pytest.mark.parametrize("name", ["crazy-cdata-escaped.xml", "crazy-cdata.xml"])
def test_cdata_with_its_end_inside_is_read_as_wordpress_reads_it(name: str) -> None:
    # WordPress's importer tests (phpunit/tests/parser.php): test_escaped_cdata_closing_sequence,
    # and test_unescaped_cdata_closing_sequence, which its fallback reader passes on the unescaped file.
    item = read_export(edge_case(name)).items[0]
    assert item.title == "Hello world!"
    assert item.content == "Content with nested <![CDATA[ tags ]]> :)"
    assert item.meta == {
        "Plain string": ["Foo"],
        "Closing CDATA": ["]]>"],
        "Alot of CDATA": ["This has <![CDATA[ opening and ]]> closing <![CDATA[ tags like this: ]]>"],
    }


def test_the_unescaped_cdata_export_is_imported_as_its_reader_saw_it_and_the_report_says_it_was_repaired() -> None:
    plan = plan_import(read_export(edge_case("crazy-cdata.xml")), blog_settings(), None)
    # In HTML, « <![CDATA[ tags ]]> » is a comment: the page WordPress served showed « Content with nested :) ».
    assert plan.texts["posts/2012/hello-world.md"].endswith("\n# Hello world!\n\nContent with nested :)\n")
    assert any("« ]]> » non échappé dans une section CDATA" in note for note in plan.report.notes)
    clean = plan_import(read_export(edge_case("crazy-cdata-escaped.xml")), blog_settings(), None)
    assert clean.texts["posts/2012/hello-world.md"] == plan.texts["posts/2012/hello-world.md"]
    assert not any("CDATA" in note for note in clean.report.notes)


@pytest.mark.parametrize("name, line", [("malformed.xml", 90), ("malformed-simple.xml", 14)])
def test_malformed_files_are_refused_with_file_and_line(name: str, line: int) -> None:
    with pytest.raises(WxrError) as error:
        read_export(edge_case(name))
    assert name in str(error.value) and f"ligne {line}," in str(error.value)


@pytest.mark.parametrize("name", ["missing-version-tag.xml", "invalid-version-tag.xml"])
def test_files_without_a_valid_wxr_version_are_refused(name: str) -> None:
    with pytest.raises(WxrError, match="WXR|WordPress"):
        read_export(edge_case(name))
