"""Fixtures of the importer's tests: one imported and built site per export, shared by a module."""

import pytest

from .wxr_site import FIXTURES, SHARED_WXR, Site, imported_and_built


@pytest.fixture(scope="module")
def french_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The small French fixture blog, imported and built."""
    return imported_and_built(tmp_path_factory.mktemp("blog-fr"), FIXTURES / "blog-fr.xml")


@pytest.fixture(scope="module")
def theme_unit_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """WordPress's theme unit test data (classic editor, shortcodes, comments), imported and built."""
    return imported_and_built(tmp_path_factory.mktemp("theme-unit"), SHARED_WXR / "themeunittestdata.wordpress.xml")


@pytest.fixture(scope="module")
def block_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """WordPress's block editor test data, imported and built."""
    return imported_and_built(tmp_path_factory.mktemp("blocks"), SHARED_WXR / "64-block-test-data.xml")
