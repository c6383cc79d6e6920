"""Every real export of ../shared/wxr: each published post comes out exactly once, or the file is refused whole."""

import re
from pathlib import Path

import pytest

from importer.wxr_site import blog_settings, new_site
from sphinx_blog_fr.wordpress.__main__ import main
from sphinx_blog_fr.wordpress.importer import plan_import
from sphinx_blog_fr.wordpress.wxr import WxrError, read_export

from .conftest import SHARED_WXR, shared_file

# Without ../shared, one case stands for the missing folder, and fails saying so.
EXPORTS = sorted(SHARED_WXR.rglob("*.xml")) or [SHARED_WXR]
_ITEM = re.compile(r"<item\b([^>]*)>(.*?)</item>", re.DOTALL)
_FOREIGN_WP_PREFIX = re.compile(r'xmlns:wp="(?!https?://wordpress\.org/export/)')


def field(item: str, name: str) -> str:
    """The text of ``<wp:name>`` in an item's raw XML, CDATA or not, prefixed or in a default WordPress namespace."""
    opening = rf'<(?:wp:{name}|{name} xmlns="https?://wordpress\.org/export/[^"]*")>'
    match = re.search(rf"{opening}(?:<!\[CDATA\[)?(.*?)(?:\]\]>)?</(?:wp:)?{name}>", item, re.DOTALL)
    return match.group(1).strip() if match else ""


def published_post_ids(export: Path) -> list[int]:
    """IDs of the published posts, read from the raw text without any XML library.

    An item that rebinds the ``wp:`` prefix to a foreign address holds no
    WordPress fields (namespace-edge-cases.xml) and is not counted.
    """
    ids = []
    for attributes, body in _ITEM.findall(export.read_text(encoding="utf-8")):
        if _FOREIGN_WP_PREFIX.search(attributes):
            continue
        if field(body, "post_type") == "post" and field(body, "status") == "publish":
            ids.append(int(field(body, "post_id") or 0))
    return ids


def test_there_are_real_exports_to_test() -> None:
    shared_file("wxr")
    assert len(EXPORTS) >= 15


@pytest.mark.parametrize("export", EXPORTS, ids=lambda path: path.name)
def test_each_published_post_comes_out_exactly_once_or_the_file_is_refused(export: Path, tmp_path: Path) -> None:
    shared_file(export.relative_to(SHARED_WXR.parent).as_posix())
    site = new_site(tmp_path / "blog")
    before = sorted(site.rglob("*"))
    try:
        parsed = read_export(export)
    except WxrError:
        assert main([str(export), "--root", str(site)]) == 1
        assert sorted(site.rglob("*")) == before
        return
    plan = plan_import(parsed, blog_settings(), None)
    expected = sorted(published_post_ids(export))
    produced = sorted(item_id for item_id, path in plan.outputs if item_id in set(expected))
    assert produced == expected
    paths = [path for _, path in plan.outputs]
    assert len(paths) == len(set(paths))
    assert main([str(export), "--root", str(site)]) == 0
    assert all((site / path).is_file() for path in paths)
