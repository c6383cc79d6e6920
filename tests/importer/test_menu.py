"""WordPress's main menu is the order of the blog's menu of pages (issue 15): the sidebar lists the
imported pages as the menu listed them, then the other pages in WordPress's page order, and the
report names what the menu had that the blog's cannot keep."""

from pathlib import Path

import pytest

from .wxr_site import Site, build, import_into, new_site, write_export

MENUS = {"menu-principal": "Menu principal", "pied-de-page": "Pied de page"}


def page(page_id: int, slug: str, title: str, menu_order: int = 0, status: str = "publish") -> str:
    return f"""<item>
		<title>{title}</title>
		<link>https://club.example/{slug}/</link>
		<content:encoded><![CDATA[La page {title}.]]></content:encoded>
		<wp:post_id>{page_id}</wp:post_id>
		<wp:post_date_gmt>2020-01-01 09:00:00</wp:post_date_gmt>
		<wp:post_name>{slug}</wp:post_name>
		<wp:status>{status}</wp:status>
		<wp:menu_order>{menu_order}</wp:menu_order>
		<wp:post_type>page</wp:post_type>
	</item>"""


def menu_item(item_id: int, menu: str, order: int, kind: str, target: str, title: str = "", parent: int = 0) -> str:
    """A ``nav_menu_item`` of *menu*: *kind* « page », « category » (*target*: an ID) or « custom » (an address)."""
    meta = {
        "page": {"_menu_item_type": "post_type", "_menu_item_object": "page", "_menu_item_object_id": target},
        "category": {"_menu_item_type": "taxonomy", "_menu_item_object": "category", "_menu_item_object_id": target},
        "custom": {"_menu_item_type": "custom", "_menu_item_object": "custom", "_menu_item_url": target},
    }[kind] | {"_menu_item_menu_item_parent": str(parent)}
    postmeta = "".join(
        f"<wp:postmeta><wp:meta_key>{key}</wp:meta_key><wp:meta_value><![CDATA[{value}]]></wp:meta_value></wp:postmeta>"
        for key, value in meta.items()
    )
    return f"""<item>
		<title>{title}</title>
		<wp:post_id>{item_id}</wp:post_id>
		<wp:status>publish</wp:status>
		<wp:menu_order>{order}</wp:menu_order>
		<wp:post_type>nav_menu_item</wp:post_type>
		<category domain="nav_menu" nicename="{menu}"><![CDATA[{MENUS[menu]}]]></category>
		{postmeta}
	</item>"""


PAGES = (
    page(2, "accueil-du-club", "Accueil du club")
    + page(3, "contact", "Contact")
    + page(4, "tarifs", "Tarifs")
    + page(5, "zebre", "Zèbre", menu_order=2)
    + page(6, "archives", "Archives", menu_order=1)
    + page(7, "brouillon", "Brouillon", status="draft")
)
CATEGORY = """<wp:category><wp:term_id>9</wp:term_id><wp:category_nicename>actualites</wp:category_nicename>
	<wp:category_parent></wp:category_parent><wp:cat_name><![CDATA[Actualités]]></wp:cat_name></wp:category>"""
# The main menu, in menu_order: Tarifs, a link out, Contact (by its address), a category, the
# home page in a submenu of Tarifs, a draft. The footer menu has more items, but is not the main one.
MAIN_MENU = (
    menu_item(21, "menu-principal", 1, "page", "4", title="Nos tarifs")
    + menu_item(22, "menu-principal", 2, "custom", "https://adhesion.example/club", title="Adhérer")
    + menu_item(23, "menu-principal", 3, "custom", "https://club.example/contact/", title="Contact")
    + menu_item(24, "menu-principal", 4, "category", "9")
    + menu_item(25, "menu-principal", 5, "page", "2", parent=21)
    + menu_item(26, "menu-principal", 6, "page", "7")
)
FOOTER_MENU = "".join(
    menu_item(30 + number, "pied-de-page", number, "page", str(page_id))
    for number, page_id in enumerate([5, 6, 2, 3, 4, 7, 5], start=1)
)


@pytest.fixture(scope="module")
def menu_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The club's export imported, with a hand-written page beside the imported ones, built."""
    folder = tmp_path_factory.mktemp("menu")
    export = write_export(folder / "club.xml", FOOTER_MENU + PAGES + MAIN_MENU, "https://club.example", CATEGORY)
    root = new_site(folder / "blog")
    (root / "pages").mkdir()
    (root / "pages/a-propos.md").write_text("---\norphan: true\n---\n\n# À propos\n\nÉcrite à la main.\n", "utf-8")
    plan = import_into(root, export)
    return Site(root, plan, build(root))


def sidebar_menu(site: Site, page: str) -> list[str]:
    """The titles of the sidebar's menu of pages, as a reader sees them on the built *page*."""
    return [link.get_text() for link in site.page(page).select(".sidebar-blog-menu a")]


def test_the_sidebar_lists_the_pages_in_the_main_menus_order_then_wordpress_page_order(menu_site: Site) -> None:
    expected = ["Tarifs", "Contact", "Accueil du club", "Archives", "Zèbre", "À propos"]
    assert sidebar_menu(menu_site, "pages/zebre.md") == expected
    assert sidebar_menu(menu_site, "index.md") == expected


def test_each_imported_page_says_its_place_in_its_front_matter(menu_site: Site) -> None:
    text = (menu_site.root / "pages/tarifs.md").read_text(encoding="utf-8")
    assert text.startswith("---\norphan: true\nmenu_order: 1\n---\n\n# Tarifs\n")
    assert "\nmenu_order: 5\n" in (menu_site.root / "pages/zebre.md").read_text(encoding="utf-8")
    assert "menu_order" not in (menu_site.root / "drafts/brouillon.md").read_text(encoding="utf-8")


def test_the_report_names_what_the_menu_had_that_the_blog_does_not_keep(menu_site: Site) -> None:
    notes = menu_site.plan.report.notes
    assert (
        "menu de WordPress repris : « Menu principal », l’ordre de ses 3 page(s) est celui du menu du blog ; "
        "autres menus non repris : « Pied de page »"
    ) in notes
    assert (
        "menu « Menu principal » : élément « Adhérer » (lien vers https://adhesion.example/club) non repris : "
        "le menu du blog ne liste que ses pages"
    ) in notes
    assert (
        "menu « Menu principal » : élément « Actualités » (catégorie « Actualités ») non repris : "
        "le menu du blog ne liste que ses pages"
    ) in notes
    assert (
        "menu « Menu principal » : élément « Brouillon » (page « Brouillon » (ID 7, non publié)) non repris : "
        "le menu du blog ne liste que ses pages"
    ) in notes
    assert "menu « Menu principal » : « Nos tarifs » s’appelle désormais comme sa page, « Tarifs »" in notes
    assert any(note.startswith("menu « Menu principal » : sous-menus mis à plat") for note in notes)
    assert "Adhérer" in menu_site.plan.report.render()


def test_without_a_menu_named_main_the_menu_with_the_most_items_orders_the_pages(tmp_path: Path) -> None:
    export = write_export(tmp_path / "club.xml", PAGES + FOOTER_MENU, "https://club.example")
    root = new_site(tmp_path / "blog")
    import_into(root, export)
    orders = {
        path.stem: path.read_text(encoding="utf-8").split("menu_order: ")[1].split("\n")[0]
        for path in (root / "pages").glob("*.md")
    }
    assert orders == {"zebre": "1", "archives": "2", "accueil-du-club": "3", "contact": "4", "tarifs": "5"}


def test_pages_wordpress_did_not_order_get_no_menu_order(tmp_path: Path) -> None:
    export = write_export(tmp_path / "club.xml", page(2, "b", "Bêta") + page(3, "a", "Alpha"), "https://club.example")
    root = new_site(tmp_path / "blog")
    import_into(root, export)
    assert not any("menu_order" in path.read_text(encoding="utf-8") for path in (root / "pages").glob("*.md"))
