"""Fixtures of the importer's tests: the French fixture blog imported and built, shared by a module."""

import pytest

from .wxr_site import FIXTURES, Site, imported_and_built


@pytest.fixture(scope="module")
def french_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The small French fixture blog, imported and built."""
    return imported_and_built(tmp_path_factory.mktemp("blog-fr"), FIXTURES / "blog-fr.xml")
