"""WordPress's main menu → the order of the imported pages in the blog's menu of pages.

The blog's sidebar lists the pages under ``pages/`` (``sphinx_blog_fr._menu``):
those ``blog_menu`` names first, then the others by the ``menu_order`` of
their front matter, then by title. A WordPress export holds its menus as
``nav_menu_item`` items, each in one menu (its ``nav_menu`` term), in the
menu's order (``menu_order``), pointing to a page, a post, a category or an
address (``_menu_item_type``, ``_menu_item_object``, ``_menu_item_object_id``,
``_menu_item_url``). The import keeps the order of one menu:

- the menu: one whose name or slug, the words « menu » and « navigation »
  aside, is one of :data:`MAIN_MENU_WORDS` (« Primary », « Main menu »,
  « menu-principal »…), as themes name their main menu; else (or among
  several) the menu with the most items, the first in the export on a tie;
- each published page's position (:attr:`PageOrder.positions`, 1 first): the
  pages the menu points to (also by their address, for a custom link), in
  the menu's order, submenus flattened in that order (the blog's menu has
  one level); then the other pages as WordPress's page lists sort them, by
  their own ``menu_order``, then by title.

Nothing is given a position when WordPress had no order to keep (no menu
with a page, no page with a ``menu_order``): the blog's order by title is
then WordPress's. A page without ID (no ``wp:post_id``) gets none either:
no menu item can point to it, and the blog lists it after the others. What the menu had that the blog's cannot keep (a
category, a post, an address, the other menus, submenus, a label other than
the page's title) has its line in the report, with its label and target.
"""

from dataclasses import dataclass, field
from urllib.parse import unquote

from sphinx_blog_fr._menu import title_order
from sphinx_blog_fr._slugs import slugify
from sphinx_blog_fr.wordpress.convert import link_key
from sphinx_blog_fr.wordpress.wxr import Export, Item, Term

#: The words that make a menu the main one (in its name or slug, « menu » and « navigation » aside).
MAIN_MENU_WORDS = {"primary", "main", "principal", "principale", "primaire"}
_MENU_WORDS = {"menu", "nav", "navigation"}
_TAXONOMY_NAMES = {"category": "catégorie", "post_tag": "étiquette"}


@dataclass(frozen=True)
class PageOrder:
    """The position of each published page in the blog's menu (by item ID), and the report's lines."""

    positions: dict[int, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def page_order(export: Export, pages: list[Item]) -> PageOrder:
    """The menu positions of the published *pages* of *export* (see the module's docstring)."""
    pages = [page for page in pages if page.id > 0]
    menus = _menus(export)
    if not menus:
        return _by_page_order(pages, [], [])
    chosen = _main_menu(menus)
    name = chosen[0].name
    by_id = {item.id: item for item in export.items if item.id > 0}
    links = _page_links(export.site_url, pages)
    listed: list[int] = []
    notes = []
    for menu_item in sorted(menus[chosen], key=lambda menu_item: menu_item.menu_order):
        page_id = _page_of(menu_item, links)
        if page_id is None:
            label, target = _label_and_target(menu_item, export, by_id)
            notes.append(
                f"menu « {name} » : élément « {label or '(sans titre)'} » ({target}) non repris : "
                "le menu du blog ne liste que ses pages"
            )
        elif page_id not in listed:
            listed.append(page_id)
            notes += _relabelled(name, menu_item, by_id[page_id])
    if any(_meta(menu_item, "_menu_item_menu_item_parent") not in ("", "0") for menu_item in menus[chosen]):
        notes.append(
            f"menu « {name} » : sous-menus mis à plat, dans l’ordre du menu (le menu du blog n’a qu’un niveau)"
        )
    others = ", ".join(f"« {menu[0].name} »" for menu in menus if menu != chosen)
    kept = (
        f"l’ordre de ses {len(listed)} page(s) est celui du menu du blog" if listed else "aucune page publiée n’y est"
    )
    notes.insert(
        0,
        f"menu de WordPress repris : « {name} », {kept}" + (f" ; autres menus non repris : {others}" if others else ""),
    )
    return _by_page_order(pages, listed, notes)


def _page_links(site_url: str, pages: list[Item]) -> dict[str, int]:
    """The addresses of each page (permalink, ``?page_id=``, ``?p=``) → its ID, for custom links to a page."""
    links = {}
    for page in pages:
        short_links = [f"{site_url.rstrip('/')}/?page_id={page.id}", f"{site_url.rstrip('/')}/?p={page.id}"]
        for address in [page.link, *short_links] if page.link else short_links:
            links.setdefault(link_key(address), page.id)
    return links


def _menus(export: Export) -> dict[tuple[Term, int], list[Item]]:
    """The published menu items of each menu, keyed by the menu's term and its place in the export."""
    menus: dict[Term, list[Item]] = {}
    for item in export.items:
        if item.type == "nav_menu_item" and item.status == "publish":
            for term in item.terms:
                if term.taxonomy == "nav_menu":
                    menus.setdefault(term, []).append(item)
    return {(term, place): items for place, (term, items) in enumerate(menus.items())}


def _main_menu(menus: dict[tuple[Term, int], list[Item]]) -> tuple[Term, int]:
    """The menu named as a main menu, else the one with the most items; the first in the export on a tie."""
    candidates = [menu for menu in menus if _is_main(menu[0])] or list(menus)
    return min(candidates, key=lambda menu: (-len(menus[menu]), menu[1]))


def _is_main(term: Term) -> bool:
    """Whether the menu *term* is named as themes name their main menu (« Primary », « Menu principal »)."""
    for text in (unquote(term.slug), term.name):
        words = [word for word in slugify(text).split("-") if word not in _MENU_WORDS]
        if len(words) == 1 and words[0] in MAIN_MENU_WORDS:
            return True
    return False


def _page_of(menu_item: Item, page_links: dict[str, int]) -> int | None:
    """The ID of the published page *menu_item* points to (as a page, or by its address), or None."""
    kind = _meta(menu_item, "_menu_item_type")
    if kind == "post_type":
        object_id = _meta(menu_item, "_menu_item_object_id")
        page_id = int(object_id) if object_id.isdigit() else 0
        return page_id if page_id in set(page_links.values()) else None
    if kind == "custom":
        return page_links.get(link_key(_meta(menu_item, "_menu_item_url")))
    return None


def _label_and_target(menu_item: Item, export: Export, by_id: dict[int, Item]) -> tuple[str, str]:
    """What the menu showed (its label, else the title of what it points to) and what it pointed to."""
    kind, object_name = _meta(menu_item, "_menu_item_type"), _meta(menu_item, "_menu_item_object")
    object_id = _meta(menu_item, "_menu_item_object_id")
    number = int(object_id) if object_id.isdigit() else 0
    if kind == "custom":
        return menu_item.title, f"lien vers {_meta(menu_item, '_menu_item_url') or '(aucune adresse)'}"
    if kind == "taxonomy":
        term = export.terms.get(number)
        name = term.name if term else f"ID {object_id}"
        return menu_item.title or name, f"{_TAXONOMY_NAMES.get(object_name, f'terme de {object_name}')} « {name} »"
    if kind == "post_type_archive":
        return menu_item.title, f"liste des contenus de type « {object_name} »"
    target = by_id.get(number)
    if target is None:
        return menu_item.title, f"{object_name} absent de l’export (ID {object_id})"
    state = "" if target.status == "publish" and not target.password else ", non publié"
    return menu_item.title or target.title, f"{target.type} « {target.title} » (ID {target.id}{state})"


def _relabelled(menu_name: str, menu_item: Item, page: Item) -> list[str]:
    """The report's line on a menu label the blog does not show: its menu lists a page by its title."""
    label = menu_item.title.strip()
    if not label or label == page.title.strip():
        return []
    return [f"menu « {menu_name} » : « {label} » s’appelle désormais comme sa page, « {page.title} »"]


def _by_page_order(pages: list[Item], listed: list[int], notes: list[str]) -> PageOrder:
    """Positions: the *listed* pages first, then the others by WordPress's ``menu_order``, then title;
    none at all when WordPress had no order (no page listed, every ``menu_order`` 0)."""
    if not listed and not any(page.menu_order for page in pages):
        return PageOrder(notes=notes)
    others = sorted(
        (page for page in pages if page.id not in listed),
        key=lambda page: (page.menu_order, title_order(page.title), page.id),
    )
    order = [*listed, *(page.id for page in others)]
    return PageOrder({page_id: position for position, page_id in enumerate(order, start=1)}, notes)


def _meta(item: Item, key: str) -> str:
    """The first value of the post meta *key* of *item*, stripped (``""`` when absent)."""
    values = item.meta_values(key)
    return values[0].strip() if values else ""
