"""WordPress's own test data (../shared/wxr), imported and built: the text WordPress showed, and every old address, still reach the reader."""

from importer.test_built_site import assert_old_addresses_reach_pages, assert_same_visible_text
from importer.wxr_site import Site

from .conftest import shared_file


def test_visible_text_of_the_theme_unit_test_data_is_kept(theme_unit_site: Site) -> None:
    assert_same_visible_text(shared_file("wxr/themeunittestdata.wordpress.xml"), theme_unit_site)


def test_visible_text_of_the_block_test_data_is_kept(block_site: Site) -> None:
    assert_same_visible_text(shared_file("wxr/64-block-test-data.xml"), block_site)


def test_every_old_address_of_the_theme_unit_test_data_reaches_its_page(theme_unit_site: Site) -> None:
    assert_old_addresses_reach_pages(shared_file("wxr/themeunittestdata.wordpress.xml"), theme_unit_site)
