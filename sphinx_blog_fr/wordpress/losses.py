"""What a written post or page had in WordPress that the blog does not keep, one report line each.

The import writes what the blog can show; what it cannot is never dropped
without a word. For each item written, this module lists:

- the terms of taxonomies other than categories and tags (a plugin's
  « genre », « lieu »…): the blog has only categories and tags;
- a post format other than the standard one (« aside », « gallery »…),
  which only changed the theme's layout;
- « à la une » (sticky): the blog lists posts by date only, so the post
  gets the tag « à la une » instead (see ``STICKY_TAG`` in :mod:`.importer`);
- the date of last modification of a page: only posts have a key for it (``updated``).
"""

from sphinx_blog_fr.wordpress.wxr import Item

#: Taxonomies the import keeps (categories, tags) or that only describe WordPress's own display.
_KEPT_TAXONOMIES = {"category", "post_tag"}
_DISPLAY_TAXONOMIES = {"nav_menu", "post_format", "wp_theme", "wp_template_part_area", "link_category"}


def unkept(item: Item) -> list[str]:
    """The report's lines on what *item* loses on the blog (none when it loses nothing)."""
    lines = []
    others: dict[str, list[str]] = {}
    for term in item.terms:
        if term.taxonomy not in _KEPT_TAXONOMIES | _DISPLAY_TAXONOMIES and term.name.strip():
            others.setdefault(term.taxonomy, []).append(term.name.strip())
    lines += [
        f"taxonomie « {taxonomy} » non reprise (le blog n’a que catégories et étiquettes) : {', '.join(names)}"
        for taxonomy, names in sorted(others.items())
    ]
    formats = [
        term.name for term in item.terms if term.taxonomy == "post_format" and term.slug != "post-format-standard"
    ]
    if formats:
        lines.append(f"format d’article « {formats[0]} » non repris (seule la mise en page du thème en dépendait)")
    if item.sticky:
        lines.append(
            "article « à la une » dans WordPress : étiqueté « à la une » (le blog classe les articles par date seulement)"
        )
    return lines


def modified_dates(items: list[Item]) -> str:
    """One line on the modification dates not kept, or ``""`` when no item was changed after publication."""
    changed = [item for item in items if item.modified_gmt and item.date_gmt and item.modified_gmt > item.date_gmt]
    if not changed:
        return ""
    return (
        f"date de dernière modification non reprise pour {len(changed)} contenu(s) : "
        "seuls les articles en ont une (« updated »), pas les pages"
    )
