"""One display name per WordPress category or tag, each with its own listing page.

The blog names a label's page after the label itself (``sphinx_blog_fr._slugs``,
the one rule of the build, ``make post`` and the importer), so two distinct
WordPress terms must reach the blog under two names with two different slugs.
WordPress tells its terms apart by their slug (``category_nicename``,
``tag_slug``, the ``nicename`` of an item's ``<category>``): « Foo » at the top
(``foo``) and « Foo » under « Bar » (``foo-bar``) are two categories. The first
keeps its name; the other is renamed after its parent, « Foo (Bar) », or,
at the top, after its WordPress slug, and the report says so. Tags have no
hierarchy: two tags whose names differ only by case or accents
(« Innovation publique », ``innovation-publique-2``) are one tag on the blog,
as the build merges them anyway, and both old addresses reach its page.

The old address of a term (``/category/<WordPress slug>/``) then redirects
to the page of its label (``/blog/category/<slug of the label>.html``): see
``add_archive_redirects`` in :mod:`.importer`.
"""

from dataclasses import dataclass, field
from urllib.parse import unquote

from sphinx_blog_fr._slugs import slugify
from sphinx_blog_fr.wordpress.wxr import Category, Export, Item

TAXONOMIES = {"category": "catégorie", "post_tag": "étiquette"}


@dataclass
class Labels:
    """The blog's name of each term, by (taxonomy, WordPress key), and the report's lines on renamed ones."""

    names: dict[tuple[str, str], str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def of(self, item: Item, taxonomy: str) -> list[str]:
        """The names of *item*'s terms of *taxonomy*, without duplicates, in the item's order."""
        names = (
            self.names.get((taxonomy, term_key(term.slug, term.name)))
            for term in item.terms
            if term.taxonomy == taxonomy
        )
        return list(dict.fromkeys(name for name in names if name))


def term_key(slug: str, name: str) -> str:
    """How WordPress tells a term apart: its slug (decoded), else (WXR 1.0) its name's slug."""
    return unquote(slug).strip() or slugify(name)


def term_labels(export: Export, items: list[Item]) -> Labels:
    """Name every category and tag of *items* so that distinct terms get distinct pages."""
    labels = Labels()
    parents = {unquote(slug): category for slug, category in export.categories.items()}
    for taxonomy, kind in TAXONOMIES.items():
        terms: dict[str, str] = {}
        for item in items:
            for term in item.terms:
                if term.taxonomy == taxonomy and term.name.strip():
                    terms.setdefault(term_key(term.slug, term.name), " ".join(term.name.split()))
        # Top-level terms first, so that « Foo » keeps its name and « Foo » under « Bar » is renamed.
        order = sorted(terms, key=lambda key: bool(parents.get(key) and parents[key].parent))
        taken: dict[str, str] = {}
        for key in order:
            name = terms[key]
            label = taken.get(slugify(name), name) if taxonomy == "post_tag" else _distinct(name, key, parents, taken)
            if label != name and taxonomy == "category":
                labels.notes.append(
                    f"{kind} « {name} » ({key}) renommée « {label} » : une autre {kind} porte le même nom"
                )
            taken.setdefault(slugify(label), label)
            labels.names[(taxonomy, key)] = label
    return labels


def _distinct(name: str, key: str, parents: dict[str, Category], taken: dict[str, str]) -> str:
    """*name*, or, when a category already has its slug, *name* followed by its parent's name or its own key."""
    if slugify(name) not in taken:
        return name
    category = parents.get(key)
    parent = parents.get(unquote(category.parent)) if category and category.parent else None
    label, number = f"{name} ({parent.name if parent else key})", 2
    while slugify(label) in taken:
        label, number = f"{name} ({key} {number})", number + 1
    return label
