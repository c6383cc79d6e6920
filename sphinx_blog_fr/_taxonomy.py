"""One ASCII page per tag and per category, whatever case or accents the author typed.

ABlog names a tag's page after its own ``slugify(name)``, which drops
accents and lower-cases but keeps letters such as « œ »
(``blog/tag/œuvres.html``) and glues words around punctuation (« a/b » →
``ab``); and it keeps one tag per spelling, so « Numérique » and
« numérique » are two tags that write the same page, one silently
overwriting the other. This extension

* makes ABlog use the blog's one slug rule (``sphinx_blog_fr._slugs``, also
  ``make post``'s and the WordPress importer's), so pages and reference
  labels are ASCII, transliterated from any script:
  ``blog/tag/oeuvres.html``, ``tag-numerique``, « 远征手记 » →
  ``blog/category/yuanzhengshouji.html``;
* merges labels that share a slug into one, shown in a single spelling:
  tags in lower case, and for both tags and categories the spelling with the
  most accents, ligatures and typographic apostrophes (« numérique » over
  « numerique », « œuvres » over « oeuvres »), then the most used, with
  the blog's French spacing (``_typography``: « « é » » inside, « : » before),
  as the text of the pages has it, since a label reaches the pages, feeds
  and titles without going through the text;
* rewrites the front matter's lists (a comma-separated string or a YAML list)
  into the comma-separated form ABlog reads;
* has the posts of a label read again when its spelling changed (a new post
  typed « Numérique » where the others had « numerique »), so that an
  incremental build spells it as a clean build does: the spellings are kept
  in the environment's ``blog`` domain (``label_spellings``).
"""

from __future__ import annotations

from collections import Counter, defaultdict

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform

from sphinx_blog_fr._domain import blog_data
from sphinx_blog_fr._front_matter import PostSource
from sphinx_blog_fr._slugs import slugify
from sphinx_blog_fr._state import build_state
from sphinx_blog_fr._typography import french_spacing
from sphinx_blog_fr.compat.ablog import use_slug_rule

#: Front-matter keys whose values are labels with listing pages.
LABEL_KEYS = ("tags", "category")


def split_labels(value: object) -> list[str]:
    """Return the labels of a front-matter value: a YAML list or a comma-separated string."""
    items = value if isinstance(value, list) else str(value or "").split(",")
    return [str(item).strip() for item in items if str(item).strip()]


def _slug_of(key: str, label: str) -> str:
    return slugify(label.lower() if key == "tags" else label)


def _typographic_characters(label: str) -> int:
    """Count what ASCII lacks in *label*: accented letters, « œ », « ’ »…"""
    return sum(1 for char in label if not char.isascii())


def _choose_spellings(app: Sphinx, posts: dict[str, PostSource], drafts: dict[str, PostSource]) -> None:
    """Pick, for each slug of each label key, the one spelling every published post will use."""
    spellings: dict[str, dict[str, Counter]] = {key: defaultdict(Counter) for key in LABEL_KEYS}
    for post in posts.values():
        for key in LABEL_KEYS:
            for label in split_labels(post.front_matter.get(key)):
                if key == "tags":
                    label = label.lower()
                spellings[key][_slug_of(key, label)][label] += 1
    spaced = french_spacing if app.config.blog_french_spacing else str
    build_state(app).label_spellings = {
        key: {
            slug: spaced(
                max(counts, key=lambda label: (_typographic_characters(label), counts[label], [-ord(c) for c in label]))
            )
            for slug, counts in by_slug.items()
        }
        for key, by_slug in spellings.items()
    }


class NormalizeLabels(SphinxTransform):
    """Rewrite ``tags`` and ``category`` to their chosen spellings before ABlog reads them."""

    # Before ABlog's front-matter transform (800).
    default_priority = 798

    def apply(self) -> None:
        state = build_state(self.app)
        post = state.post_sources.get(self.env.docname)
        if post is None:
            return
        chosen = state.label_spellings
        for docinfo in self.document.findall(nodes.docinfo):
            for field_node in docinfo.findall(nodes.field):
                key = field_node[0].astext()
                if key not in LABEL_KEYS:
                    continue
                labels = split_labels(post.front_matter.get(key))
                spelled = dict.fromkeys(chosen[key][_slug_of(key, label)] for label in labels)
                field_node[1].children = [nodes.paragraph(text=", ".join(spelled))]


def posts_with_respelled_labels(app: Sphinx, env: BuildEnvironment, added, changed, removed) -> set[str]:
    """Return the posts whose label is now spelled otherwise than in the previous build (``env-get-outdated``)."""
    state, data = build_state(app), blog_data(env)
    previous, data["label_spellings"] = data["label_spellings"], state.label_spellings
    if previous is None:
        return set()
    respelled = {
        (key, slug)
        for key in LABEL_KEYS
        for slug in previous[key].keys() | state.label_spellings[key].keys()
        if previous[key].get(slug) != state.label_spellings[key].get(slug)
    }
    if not respelled:
        return set()
    return {
        docname
        for docname, post in state.post_sources.items()
        if any(
            (key, _slug_of(key, label)) in respelled
            for key in LABEL_KEYS
            for label in split_labels(post.front_matter.get(key))
        )
    }


def setup(app: Sphinx) -> dict:
    app.setup_extension("sphinx_blog_fr._front_matter")
    use_slug_rule(slugify)
    app.setup_extension("sphinx_blog_fr._state")
    app.setup_extension("sphinx_blog_fr._domain")
    app.setup_extension("sphinx_blog_fr._typography")
    app.connect("blog-posts-read", _choose_spellings)
    app.add_transform(NormalizeLabels)
    app.connect("env-get-outdated", posts_with_respelled_labels)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
