"""Plan an import (every file's path and content), then write it all or nothing.

Planning reads the whole export and converts every item before anything is
written, so a failure leaves the repository untouched. Writing first checks
that no file the author has edited would be replaced: ``wordpress-import.json``
remembers a checksum of every file the importer wrote, and an existing file
whose content no longer matches (or that the importer never wrote) is a
conflict. Conflicts stop the import unless ``--force`` is given. Files are
then written into a temporary folder inside the repository and moved into
place.

Where things go (relative to the repository root):

- published posts: ``posts/<year>/<slug>.md`` (year and date in the blog's time zone),
  their copied images in ``posts/<year>/<slug>/``;
- published pages: ``pages/<slug>.md``, or under their published parent's
  folder (``pages/<parent>/<slug>.md``), as in WordPress's page hierarchy;
- custom post types: as pages when their items form a hierarchy, else as
  posts (see :func:`_select`); contact-form answers (``feedback``) never;
- the order of the published pages in the blog's menu of pages (``menu_order``
  in their front matter): WordPress's main menu, then its page order (:mod:`.menus`);
- scheduled posts (status ``future``, dated after the import): ``posts/<year>/<slug>.md``
  with their date, which the build treats as a draft until that date passes, then publishes;
- drafts, pending posts and pages, scheduled ones whose date has passed (WordPress missed
  it) and password-protected ones (their content was never public): ``drafts/<slug>.md``,
  outside ``posts/`` so the site never publishes them; a post there has no ``date``;
- ``redirects.json``: the old addresses (see :mod:`.redirects`).

Categories and tags are named by :mod:`.labels` (two WordPress terms, two
pages); what a written item loses is listed by :mod:`.losses`.

Of two items with one ID, WordPress's importer keeps the last (a later
export of the same content): only that one is written, and the earlier
one's addresses redirect to it (or the report says why they cannot).

A later import (the second file of a split export) adds to the first: its
redirects are merged into ``redirects.json``, and a post's archived comments
are those of every import (``wordpress-import.json`` keeps each post's
published comments, under its WordPress short link ``<site>/?p=ID``; see
:func:`comments_already_imported`), never only the last file's.

Nothing else is written: file names come from slugs (:func:`slugify`), never
from the export's raw text, and every path is checked again, when staged, to
stay inside the repository. Relative addresses in the export resolve against
the old site (or the item's own address); with neither, against a host that
cannot exist (``UNKNOWN_SITE``), so that no address ever names a local file.
"""

import hashlib
import json
import os
import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit
from zoneinfo import ZoneInfo

from sphinx_blog_fr._slugs import shortened, slugify
from sphinx_blog_fr.wordpress.comments import (
    comment_records,
    comments_from_records,
    comments_html,
    merged_comments,
    published_comments,
)
from sphinx_blog_fr.wordpress.convert import (
    Context,
    convert,
    convert_inline,
    has_paragraph,
    link_key,
)
from sphinx_blog_fr.wordpress.documents import (
    NO_TEXT_NOTE,
    UNTITLED,
    PostHeader,
    page_text,
    post_text,
    standalone_page_text,
    unique_names,
)
from sphinx_blog_fr.wordpress.labels import Labels, term_key, term_labels
from sphinx_blog_fr.wordpress.losses import modified_dates, unkept
from sphinx_blog_fr.wordpress.media import MediaLibrary, PostMedia
from sphinx_blog_fr.wordpress.menus import page_order
from sphinx_blog_fr.wordpress.redirects import (
    REDIRECTS_FILE,
    Redirects,
    TermBases,
    category_paths,
    listing_target,
    merged_redirects,
    page_paths,
    site_path_of,
    wordpress_nicename,
)
from sphinx_blog_fr.wordpress.render import Renderer
from sphinx_blog_fr.wordpress.report import Report
from sphinx_blog_fr.wordpress.sanitize import excerpt_text
from sphinx_blog_fr.wordpress.wxr import Comment, Export, Item

MANIFEST_FILE = "wordpress-import.json"
UNKNOWN_SITE = "https://site-wordpress-inconnu.invalid/"
DRAFT_STATUSES = {"draft", "pending", "future"}
#: WordPress's own prefixes of category and tag addresses.
DEFAULT_BASES = TermBases()
#: The tag marking the posts WordPress pinned to the top of the home page (« sticky »).
STICKY_TAG = "à la une"
_INTERNAL_TYPES = set(
    "revision nav_menu_item wp_navigation wp_template wp_template_part wp_block wp_global_styles"
    " wp_font_family wp_font_face custom_css customize_changeset oembed_cache user_request".split()
)
_BUILT_IN_TYPES = _INTERNAL_TYPES | {"post", "page", "attachment"}
_PRIVATE_TYPES = {"feedback": "réponse à un formulaire de contact (Jetpack) : données personnelles, jamais publiques"}
_SKIPPED_STATUSES = {
    "private": "privé : il n’a jamais été public",
    "trash": "dans la corbeille",
    "auto-draft": "brouillon automatique, jamais écrit",
    "inherit": "révision d’un autre contenu",
}


class Conflict(Exception):
    """Files the author changed since the last import (or wrote by hand) that the import would replace."""

    def __init__(self, paths: list[str]) -> None:
        super().__init__(paths)
        self.paths = paths


class SlugCollision(Exception):
    """Imported posts whose slug is already an existing post's, in another file: the build refuses such pairs."""

    def __init__(self, pairs: list[tuple[str, str]]) -> None:
        super().__init__(pairs)
        self.pairs = pairs


@dataclass(frozen=True)
class BlogSettings:
    """The facts of conf.py the import needs."""

    zone: ZoneInfo
    language: str
    default_author: str
    authors: dict[str, str]
    #: ``blog_posts_per_page``: how many posts each page of a listing shows.
    posts_per_page: int = 10

    @classmethod
    def from_conf(cls, settings: dict) -> "BlogSettings":
        """Read them from the names conf.py defines (see ``sphinx_blog_fr._settings.load_settings``)."""
        authors = {key: value[0] for key, value in settings.get("blog_authors", {}).items()}
        return cls(
            zone=ZoneInfo(settings.get("blog_timezone", "UTC")),
            language=settings.get("language") or "fr",
            default_author=settings.get("blog_default_author") or "",
            authors=authors,
            posts_per_page=settings.get("blog_posts_per_page", 10),
        )


@dataclass
class Plan:
    """Every file the import will write (text files, copied files), which item each post or page
    came from (``outputs``: item ID and path, in file order), and the report."""

    report: Report
    texts: dict[str, str] = field(default_factory=dict)
    copies: dict[str, Path] = field(default_factory=dict)
    outputs: list[tuple[int, str]] = field(default_factory=list)
    #: The folder of published posts, whose slugs must stay unique across all years.
    posts_dir: str = "posts"
    #: The published comments of each written post (this import's and earlier ones'), by short link.
    comments: dict[str, list[dict]] = field(default_factory=dict)


@dataclass
class _Entry:
    """An item chosen for output, with the file name and address decided for it."""

    item: Item
    kind: str
    slug: str = ""
    path: str = ""
    #: A published page's place in the blog's menu of pages (:mod:`.menus`), when WordPress ordered it.
    menu_order: int | None = None


def plan_import(
    export: Export,
    settings: BlogSettings,
    uploads: Path | None,
    posts_dir: str = "posts",
    earlier_comments: dict[str, list[Comment]] | None = None,
    bases: TermBases = DEFAULT_BASES,
) -> Plan:
    """Convert the whole export into a :class:`Plan`, without writing anything; a post keeps the
    comments earlier imports gave it (*earlier_comments*: :func:`comments_already_imported`);
    the old category and tag addresses start with *bases*."""
    report = Report(export.path, export.version, notes=list(export.notes))
    entries, replaced = _select(export, report)
    _name(entries, posts_dir, settings.zone)
    _order_pages(export, entries, report)
    plan = Plan(report, posts_dir=posts_dir)
    library = MediaLibrary([item for item in export.items if item.type == "attachment"], uploads)
    labels = term_labels(export, [entry.item for entry in entries])
    report.notes += labels.notes
    links = _link_map(entries, export.site_url)
    renderer = Renderer(library)
    planner = _Planner(export, settings, plan, renderer, library, links, labels, earlier_comments or {}, bases)
    for entry in entries:
        planner.add(entry)
    planner.redirect_replaced(replaced)
    planner.add_archive_redirects()
    # A post keeps its modification date (« updated »); a page has no such key.
    pages = [entry.item for entry in entries if entry.kind != "post"]
    report.notes += [line for line in [modified_dates(pages)] if line]
    plan.texts[REDIRECTS_FILE] = planner.redirects.to_json()
    report.written["redirections"] = len(planner.redirects.pages)
    report.written["adresses ?p= / ?page_id="] = len(planner.redirects.post_ids)
    report.notes += planner.redirects.refused
    report.notes += [f"fichier d’images non copié ({why}) : {path}" for path, why in sorted(library.refused.items())]
    return plan


def comments_already_imported(root: Path) -> dict[str, list[Comment]]:
    """The published comments earlier imports into *root* wrote, by post short link (``<site>/?p=ID``)."""
    return {link: comments_from_records(records) for link, records in _read_manifest(root, "comments").items()}


def apply_plan(plan: Plan, root: Path, force: bool) -> None:
    """Write the plan under *root*; raise :class:`SlugCollision` first if a post's slug is already
    another file's, and :class:`Conflict` if an edited file would be replaced."""
    for path in [*plan.texts, *plan.copies]:
        _check_inside(path)
    collisions = _slug_collisions(plan, root)
    if collisions:
        raise SlugCollision(collisions)
    previous = root / REDIRECTS_FILE
    if REDIRECTS_FILE in plan.texts and previous.is_file():
        documents = {path.removesuffix(".md") for path in plan.texts if path.endswith(".md")}
        plan.texts[REDIRECTS_FILE] = merged_redirects(
            previous.read_text(encoding="utf-8"), plan.texts[REDIRECTS_FILE], documents
        )
    manifest = _read_manifest(root)
    previously_removed = _read_manifest(root, "removed")
    removed = {path: counts for path, counts in previously_removed.items() if path not in plan.texts}
    removed |= plan.report.removed
    new_contents = {path: text.encode("utf-8") for path, text in plan.texts.items()}
    conflicts = [] if force else _conflicts(root, manifest, new_contents, plan.copies)
    if conflicts:
        raise Conflict(conflicts)
    staging = Path(tempfile.mkdtemp(prefix=".wordpress-import-", dir=root))
    try:
        for path, content in new_contents.items():
            _staged(staging, path).write_bytes(content)
            manifest[path] = _checksum(content)
        for path, source in plan.copies.items():
            shutil.copyfile(source, _staged(staging, path), follow_symlinks=False)
            manifest[path] = _checksum(source.read_bytes())
        _staged(staging, MANIFEST_FILE).write_text(
            json.dumps(
                {
                    "files": dict(sorted(manifest.items())),
                    "removed": removed,
                    "comments": dict(sorted((_read_manifest(root, "comments") | plan.comments).items())),
                    "report": plan.report.as_data(),
                },
                ensure_ascii=False,
                indent=2,
            )
            + "\n",
            encoding="utf-8",
        )
        for staged in sorted(path for path in staging.rglob("*") if path.is_file()):
            destination = root / staged.relative_to(staging)
            destination.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staged, destination)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _slug_collisions(plan: Plan, root: Path) -> list[tuple[str, str]]:
    """(imported post, existing post) pairs of different files with one slug (the blog's unique file name)."""
    folder = root / plan.posts_dir
    existing = {slugify(path.stem): path.relative_to(root).as_posix() for path in sorted(folder.rglob("*.md"))}
    pairs = []
    for path in plan.texts:
        if path.startswith(f"{plan.posts_dir}/") and path.endswith(".md"):
            other = existing.get(slugify(PurePosixPath(path).stem))
            if other is not None and other != path:
                pairs.append((path, other))
    return pairs


def _select(export: Export, report: Report) -> tuple[list[_Entry], list[Item]]:
    """Count every item and keep the posts and pages to write; record every other one as skipped.
    Also return the items a later one with the same ID replaces.

    A custom post type (a plugin's or a theme's: « portfolio », « recette »…) is written as pages
    when its items form a hierarchy (one of them has a parent), as WordPress's hierarchical types
    do, and as posts otherwise; the report says so for each item.
    """
    hierarchical = {item.type for item in export.items if item.parent and item.type not in _BUILT_IN_TYPES}
    # As WordPress's importer, the last item with an ID wins (a later export of the same content).
    last_with_id = {item.id: item for item in export.items if item.id > 0}
    entries, replaced = [], []
    for item in export.items:
        report.seen[(item.type, item.status)] += 1
        reason = _skip_reason(item)
        if not reason and item.id > 0 and last_with_id[item.id] is not item:
            later = last_with_id[item.id].title or UNTITLED
            reason = f"même ID qu’un contenu plus loin dans l’export (« {later} »), qui le remplace"
            replaced.append(item)
        if reason:
            report.skip(_describe(item), reason)
            continue
        if item.password:
            report.notes.append(f"{_describe(item)} : protégé par un mot de passe, importé en brouillon")
        draft = item.status in DRAFT_STATUSES or bool(item.password)
        written_as = item.type if item.type in ("post", "page") else "page" if item.type in hierarchical else "post"
        if written_as != item.type:
            name = "page" if written_as == "page" else "article"
            report.notes.append(f"{_describe(item)} : type de contenu « {item.type} », écrit comme {name}")
        scheduled = written_as == "post" and _is_scheduled(item)
        entries.append(_Entry(item, "scheduled-post" if scheduled else ("draft-" if draft else "") + written_as))
    return entries, replaced


def _is_scheduled(item: Item) -> bool:
    """Whether *item* is a scheduled post (``future``, not protected) whose date is still to come."""
    if item.status != "future" or item.password or item.date_gmt is None:
        return False
    return item.date_gmt.replace(tzinfo=UTC) > datetime.now(UTC)


def _skip_reason(item: Item) -> str:
    """Why *item* is not imported, or ``""`` when it is."""
    if not item.type:
        return "élément sans champs WordPress reconnus (espace de noms étranger)"
    if item.type == "attachment":
        return "pièce jointe : ses fichiers sont repris dans les contenus qui les utilisent"
    if item.type == "nav_menu_item":
        return "élément de menu (nav_menu_item) : le blog reprend l’ordre des pages du menu principal (voir « À vérifier »)"
    if item.type in _INTERNAL_TYPES:
        return f"type interne de WordPress ({item.type})"
    if item.type in _PRIVATE_TYPES:
        return _PRIVATE_TYPES[item.type]
    if item.status in _SKIPPED_STATUSES:
        return _SKIPPED_STATUSES[item.status]
    if item.status not in DRAFT_STATUSES | {"publish"}:
        return f"statut « {item.status or '(aucun)'} » inconnu"
    return ""


def _describe(item: Item) -> str:
    """How the report names an item: type, title and ID."""
    return f"{item.type or '?'} « {item.title or UNTITLED} » (ID {item.id})"


def _name(entries: list[_Entry], posts_dir: str, zone: ZoneInfo) -> None:
    """Give each entry a slug unique in its folder (posts: across all years; pages: across all
    levels), and its file path; a published page lies under its published parent (``pages/a/b.md``)."""
    for group in ("post", "page", "draft"):
        members = [entry for entry in entries if _folder_group(entry.kind) == group]
        for entry, slug in zip(members, unique_names([_base_slug(entry.item) for entry in members]), strict=True):
            entry.slug = slug
    pages = {entry.item.id: entry for entry in entries if entry.kind == "page"}
    for entry in entries:
        entry.path = _path(entry, posts_dir, zone, _ancestors(entry, pages))


def _order_pages(export: Export, entries: list[_Entry], report: Report) -> None:
    """Give each published page its place in the blog's menu: WordPress's main menu, then its page order."""
    pages = [entry for entry in entries if entry.kind == "page"]
    order = page_order(export, [entry.item for entry in pages])
    for entry in pages:
        entry.menu_order = order.positions.get(entry.item.id)
    report.notes += order.notes


def _ancestors(entry: _Entry, pages: dict[int, _Entry]) -> list[str]:
    """The slugs of a published page's published parents, the top one first (none for anything else)."""
    chain: list[str] = []
    parent = pages.get(entry.item.parent) if entry.kind == "page" else None
    while parent is not None and parent is not entry and parent.slug not in chain:
        chain.insert(0, parent.slug)
        parent = pages.get(parent.item.parent)
    return chain


def _folder_group(kind: str) -> str:
    """Which namespace of slugs an entry belongs to: posts (published or scheduled), published pages, or drafts."""
    return "draft" if kind.startswith("draft-") else kind.removeprefix("scheduled-")


def _base_slug(item: Item) -> str:
    """The file name WordPress's slug gives, or else the title's, or else ``<type>-<id>``."""
    return shortened(slugify(unquote(item.slug)) or slugify(item.title)) or f"{item.type}-{item.id}"


def _path(entry: _Entry, posts_dir: str, zone: ZoneInfo, ancestors: list[str]) -> str:
    """The file of *entry*, relative to the repository root."""
    if entry.kind in ("post", "scheduled-post"):
        date = local_date(entry.item, zone)
        year = f"{date.year:04d}" if date else "sans-date"
        return f"{posts_dir}/{year}/{entry.slug}.md"
    if entry.kind == "page":
        return "/".join(["pages", *ancestors, entry.slug]) + ".md"
    return f"drafts/{entry.slug}.md"


def local_date(item: Item, zone: ZoneInfo) -> datetime | None:
    """When *item* was published, in the blog's zone, without tzinfo: from ``post_date_gmt``,
    else ``post_date`` (already local), else the RSS ``pubDate``."""
    if item.date_gmt is not None:
        return item.date_gmt.replace(tzinfo=UTC).astimezone(zone).replace(tzinfo=None)
    if item.date_local is not None:
        return item.date_local
    if item.published_on is not None:
        return item.published_on.replace(tzinfo=UTC).astimezone(zone).replace(tzinfo=None)
    return None


def _updated(item: Item, published: datetime | None, zone: ZoneInfo) -> datetime | None:
    """When *item* was last changed, in the blog's zone, if on a later day than *published*."""
    if published is None or item.modified_gmt is None:
        return None
    modified = item.modified_gmt.replace(tzinfo=UTC).astimezone(zone).replace(tzinfo=None)
    return modified if modified.date() > published.date() else None


class _Planner:
    """Builds the file of each entry and gathers the redirects and listing facts along the way."""

    def __init__(
        self,
        export: Export,
        settings: BlogSettings,
        plan: Plan,
        renderer: Renderer,
        library: MediaLibrary,
        links: dict[str, str],
        labels: Labels,
        earlier_comments: dict[str, list[Comment]],
        bases: TermBases,
    ) -> None:
        self.export = export
        self.settings = settings
        self.plan = plan
        self.renderer = renderer
        self.library = library
        self.links = links
        self.labels = labels
        self.redirects = Redirects(site_path_of(export.site_url), {path.removesuffix(".md") for path in links.values()})
        self.months: set[tuple[int, int]] = set()
        self.used_terms: dict[tuple[str, str], str] = {}
        self.used_authors: dict[str, str] = {}
        self.titles: dict[str, Item] = {}
        #: Published posts by listing (its new address), for the old pages 2, 3… of each.
        self.listing_sizes: Counter[str] = Counter()
        self.bases = bases
        #: The new page of each published post or page with an ID, by its ID.
        self.targets: dict[int, str] = {}
        self.earlier_comments = earlier_comments

    def add(self, entry: _Entry) -> None:
        """Write *entry*'s file into the plan and record its redirects."""
        item, report = entry.item, self.plan.report
        media = PostMedia(self.library, entry.slug)
        base = _address_base(self.export.site_url, item.link)
        context = Context(media, base, entry.path.rpartition("/")[0], self.links)
        rendered = self.renderer.render_sanitised(item)
        body = convert(rendered.html, context)
        thread = comments_html(self._comments(item), self.settings.zone, self.settings.language)
        comments = convert(thread.html, context)
        report.remove(entry.path, _describe(item), rendered.removed + thread.removed)
        title = convert_inline(item.title, context)
        markdown = body.markdown
        if entry.kind.endswith("post") and not has_paragraph(markdown):
            markdown += ("\n" if markdown else "") + NO_TEXT_NOTE + "\n"
            report.notes.append(f"{_describe(item)} : aucun paragraphe de texte ; une ligne l’indique sur la page")
        if comments.markdown:
            markdown += "\n" + comments.markdown
        text = self._text(entry, title, markdown, body.excerpt_paragraphs)
        self.plan.texts[entry.path] = text
        self.plan.outputs.append((item.id, entry.path))
        folder = entry.path.rsplit("/", 1)[0]
        for relative, source in media.copies.items():
            self.plan.copies[f"{folder}/{relative}"] = source
        report.written[_OUTPUT_NAMES[entry.kind]] += 1
        report.written_by_type[item.type] += 1
        report.written["fichiers copiés"] += len(media.copies)
        report.notes += [f"{_describe(item)} : {note}" for note in rendered.notes + unkept(item)]
        date = local_date(item, self.settings.zone)
        if entry.kind == "draft-post" and date is not None:
            moment = date.isoformat(timespec="minutes")
            report.notes.append(f"{_describe(item)} : brouillon, daté du {moment} dans WordPress (date non reprise)")
        if entry.kind == "scheduled-post" and date is not None:
            moment = date.isoformat(timespec="minutes")
            report.notes.append(f"{_describe(item)} : programmé, publié par la construction à partir du {moment}")
        undated = entry.kind == "post" and date is None
        if undated:
            report.notes.append(f"{_describe(item)} : aucune date dans l’export ; ajoutez « date: » pour le publier")
        if entry.kind in ("post", "page") and not undated:
            self._redirect(entry)

    def _comments(self, item: Item) -> list[Comment]:
        """The published comments of *item*, with those an earlier import gave it; remembered for the next."""
        if item.id <= 0:
            return item.comments
        link = _short_link(self.export.site_url, item.id)
        comments = merged_comments(self.earlier_comments.get(link, []), published_comments(item.comments))
        if comments:
            self.plan.comments[link] = comment_records(comments)
        return comments

    def _text(self, entry: _Entry, title: str, body: str, excerpt: int | None) -> str:
        """The file content: front matter for posts (no date for drafts), none for pages."""
        if entry.kind == "page":
            return standalone_page_text(title, body, entry.menu_order)
        if entry.kind == "draft-page":
            return page_text(title, body)
        item = entry.item
        date = local_date(item, self.settings.zone) if entry.kind in ("post", "scheduled-post") else None
        header = PostHeader(
            date=date,
            author=self._author(item),
            categories=self.labels.of(item, "category"),
            tags=_with_sticky_tag(self.labels.of(item, "post_tag"), item.sticky),
            language=self.settings.language,
            excerpt=excerpt,
            description=excerpt_text(item.excerpt),
            updated=_updated(item, date, self.settings.zone),
        )
        if entry.kind == "post":
            self._remember_listings(item, header)
        if entry.kind in ("post", "scheduled-post"):
            self._check_title_is_unique(item, title)
        return post_text(header, title, body)

    def _check_title_is_unique(self, item: Item, title: str) -> None:
        """Note a published post whose title another one already has: the site refuses such pairs."""
        first = self.titles.setdefault(title.casefold(), item)
        if first is not item:
            self.plan.report.notes.append(
                f"{_describe(item)} : même titre que l’ID {first.id} ; "
                "le site refuse deux articles de même titre, renommez-en un"
            )

    def _author(self, item: Item) -> str:
        """The ``author`` value: the key of a blog author with this login or display name, else the display name."""
        display = self.export.authors.get(item.creator, item.creator)
        for key, name in self.settings.authors.items():
            if item.creator == key or display == name:
                return key
        return display or self.settings.default_author

    def _remember_listings(self, item: Item, header: PostHeader) -> None:
        """Note the month, terms and author of a published post: their old archive pages need redirects.

        ABlog names an author's page after the display name, also for the
        authors of ``blog_authors``, whose key is what the front matter holds.
        """
        if header.date is not None:
            self.months.add((header.date.year, header.date.month))
            self.listing_sizes[f"/blog/{header.date.year:04d}.html"] += 1
            self.listing_sizes[f"/blog/{header.date.year:04d}/{header.date.month:02d}.html"] += 1
        self.listing_sizes["/blog.html"] += 1
        for term in item.terms:
            key = (term.taxonomy, term_key(term.slug, term.name))
            if term.slug and key in self.labels.names:
                name = self.used_terms.setdefault(key, self.labels.names[key])
                self.listing_sizes[listing_target("category" if term.taxonomy == "category" else "tag", name)] += 1
        if item.creator:
            author = self.used_authors.setdefault(item.creator, self.settings.authors.get(header.author, header.author))
            self.listing_sizes[listing_target("author", author)] += 1

    def _redirect(self, entry: _Entry) -> None:
        """Old addresses of a published post or page: its link, its old slugs, its ``?p=`` id."""
        item = entry.item
        target = "/" + entry.path.removesuffix(".md") + ".html"
        self._redirect_addresses(item, target)
        self.redirects.add_ids(item.id, target, is_page=entry.kind == "page")
        if item.id > 0:
            self.targets[item.id] = target

    def _redirect_addresses(self, item: Item, target: str) -> None:
        """Redirect the link of *item* and its addresses under its old slugs to *target*."""
        self.redirects.add_url(item.link, target)
        for old_slug in item.meta_values("_wp_old_slug"):
            self.redirects.add_url(_with_slug(item.link, item.slug, old_slug.strip()), target)

    def redirect_replaced(self, replaced: list[Item]) -> None:
        """The addresses of each published item a later one with its ID replaced → the later one's page.

        Called after every entry is added, so that an address of a written item keeps its own page.
        """
        for item in replaced:
            if item.status != "publish" or item.password:
                continue  # never public: no address to keep
            target = self.targets.get(item.id)
            if target is None:
                self.plan.report.notes.append(
                    f"{_describe(item)} : adresse non redirigée, le contenu du même ID qui le remplace "
                    f"n’est pas publié : {item.link or '(aucune adresse)'}"
                )
            else:
                self._redirect_addresses(item, target)

    def add_archive_redirects(self) -> None:
        """Old category, tag, author, date archives and feeds → the new listings; the old pages
        2, 3… of the home page and of each archive → the matching page of the new listing."""
        parents = {unquote(slug): unquote(category.parent) for slug, category in self.export.categories.items()}
        self._add_listing("", "/blog.html")
        for (taxonomy, slug), name in sorted(self.used_terms.items()):
            if taxonomy == "category":
                for path in category_paths(slug, parents, self.bases.category):
                    self._add_listing(path, listing_target("category", name))
            else:
                self._add_listing(f"{self.bases.tag}/{slug}/", listing_target("tag", name))
        for login, author in sorted(self.used_authors.items()):
            self._add_listing(f"author/{wordpress_nicename(login)}/", listing_target("author", author))
        for year, month in sorted(self.months):
            self._add_listing(f"{year:04d}/{month:02d}/", f"/blog/{year:04d}/{month:02d}.html")
            self._add_listing(f"{year:04d}/", f"/blog/{year:04d}.html")
        self.redirects.add_feeds()

    def _add_listing(self, old_path: str, target: str) -> None:
        """Redirect the old listing at *old_path* (the home page when empty) and its pages 2, 3… to *target*."""
        if old_path:
            self.redirects.add_path(old_path, target)
        posts, per_page = self.listing_sizes[target], self.settings.posts_per_page
        for old_page, blog_page in page_paths(old_path, target, posts, per_page):
            self.redirects.add_path(old_page, blog_page)


def _address_base(site_url: str, link: str) -> str:
    """What an item's relative addresses resolve against: the old site, its own address, else ``UNKNOWN_SITE``."""
    for base in (site_url, link):
        parts = urlsplit(base)
        if parts.scheme in ("http", "https") and parts.netloc:
            return base
    return UNKNOWN_SITE


def _link_map(entries: list[_Entry], site_url: str) -> dict[str, str]:
    """Old addresses (permalink and ``/?p=ID``) of each published post and page → its new file."""
    links = {}
    for entry in entries:
        if entry.kind in ("post", "page"):
            links[link_key(entry.item.link)] = entry.path
            if entry.item.id > 0:
                links[link_key(_short_link(site_url, entry.item.id))] = entry.path
    return links


_OUTPUT_NAMES = {
    "post": "articles publiés",
    "page": "pages",
    "scheduled-post": "articles programmés",
    "draft-post": "articles en brouillon",
    "draft-page": "pages en brouillon",
}


def _short_link(site_url: str, post_id: int) -> str:
    """WordPress's short link of a post, ``<site>/?p=ID``: what names it across the files of one export."""
    return f"{site_url.rstrip('/')}/?p={post_id}"


def _with_sticky_tag(tags: list[str], sticky: bool) -> list[str]:
    """*tags*, and for a post WordPress pinned « à la une », the tag :data:`STICKY_TAG` (once)."""
    if not sticky or any(slugify(tag) == slugify(STICKY_TAG) for tag in tags):
        return tags
    return [*tags, STICKY_TAG]


def _with_slug(link: str, slug: str, old_slug: str) -> str:
    """*link* with its last occurrence of *slug* replaced by *old_slug* (the post's address before a rename)."""
    if slug and slug in link:
        head, _, tail = link.rpartition(slug)
        return head + old_slug + tail
    return link.rstrip("/") + f"/{old_slug}/"


def _read_manifest(root: Path, key: str = "files") -> dict:
    """What previous imports recorded: the checksums of the files they wrote (``files``), or what
    the sanitiser removed from each (``removed``), kept when a second export is imported."""
    manifest = root / MANIFEST_FILE
    if not manifest.is_file():
        return {}
    return json.loads(manifest.read_text(encoding="utf-8")).get(key, {})


def _conflicts(root: Path, manifest: dict[str, str], contents: dict[str, bytes], copies: dict[str, Path]) -> list[str]:
    """Existing files the import would change although they are not as the last import left them."""
    wanted = {path: _checksum(content) for path, content in contents.items()}
    wanted |= {path: _checksum(source.read_bytes()) for path, source in copies.items()}
    conflicts = []
    for path, checksum in sorted(wanted.items()):
        target = root / path
        if not target.exists():
            continue
        current = _checksum(target.read_bytes())
        if current not in (checksum, manifest.get(path)):
            conflicts.append(path)
    return conflicts


def _staged(staging: Path, path: str) -> Path:
    """The place of *path* in the staging folder, its parent folders created."""
    staged = staging / path
    staged.parent.mkdir(parents=True, exist_ok=True)
    return staged


def _check_inside(path: str) -> None:
    """Refuse a planned *path* that is not a plain relative path: it could land outside the repository."""
    if any(part in ("", ".", "..") or "\\" in part or "\x00" in part for part in path.split("/")):
        raise ValueError(f"chemin refusé, il sortirait du dépôt : {path!r}")


def _checksum(content: bytes) -> str:
    """SHA-256 of *content*, in hex."""
    return hashlib.sha256(content).hexdigest()
