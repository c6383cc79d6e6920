"""Where each image of a post comes from: the export's attachments and the optional uploads folder.

WordPress serves resized copies (``photo-300x200.jpg``, ``photo.jpg?w=604``
on WordPress.com); an imported post must point at the full-size original.
When the author gives the ``wp-content/uploads`` folder, files found there
are copied next to the post that uses them and referenced relatively, so
the site no longer depends on the old server.

The uploads folder is as untrusted as the export: a file is copied only when
it is a regular file (not a symbolic link) whose real path stays inside the
folder, with an image, audio, video or office document extension. A ``.md``,
``.rst``, ``.html`` or ``.svg`` (which can carry scripts) is never copied: it
would become a page of the site or run in the reader's browser. Every file
refused is listed in ``MediaLibrary.refused`` with its reason, for the report.
A copied file whose name holds anything but letters, digits, ``.``, ``_``
and ``-`` is renamed after its slug.
"""

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit, urlunsplit

from sphinx_blog_fr._slugs import shortened, slugify
from sphinx_blog_fr.wordpress.wxr import Item

_RESIZED_SUFFIX = re.compile(r"-\d+x\d+(?=\.[A-Za-z0-9]+$)")
_RESIZE_PARAMETERS = re.compile(r"^(?:(?:w|h|resize|fit|crop|ssl|quality|zoom)=[^&]*&?)+$")
_UPLOADED_FILE = re.compile(r"(?:/wp-content/uploads)?/(\d{4}/\d{2}/[^/]+)$")
_PUBLISHABLE_EXTENSIONS = frozenset(
    ".jpg .jpeg .png .gif .webp .avif .mp3 .m4a .ogg .oga .wav .mp4 .m4v .ogv .webm"
    " .pdf .odt .ods .odp .doc .docx .xls .xlsx .ppt .pptx".split()
)
_SAFE_FILE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
# The original's size, first in WordPress's serialised (PHP) ``_wp_attachment_metadata``, before its resized copies.
_ORIGINAL_SIZE = re.compile(r'^a:\d+:\{s:5:"width";i:(\d+);s:6:"height";i:(\d+);')


@dataclass(frozen=True)
class Attachment:
    """An uploaded file as the export describes it (for galleries and alt texts)."""

    id: int
    parent: int
    url: str
    title: str
    caption: str
    alt: str
    menu_order: int
    #: The original's size in pixels, from ``_wp_attachment_metadata`` (0 when the export lacks it).
    width: int = 0
    height: int = 0


class MediaLibrary:
    """The export's attachments, and the rules turning any image address into the one to publish."""

    def __init__(self, attachments: list[Item], uploads: Path | None) -> None:
        self.attachments = {item.id: _attachment(item) for item in attachments}
        self.uploads = uploads
        #: Files of the uploads folder that are not copied (path inside the folder → reason).
        self.refused: dict[str, str] = {}
        self._known_urls = {attachment.url for attachment in self.attachments.values()}

    def children_of(self, post_id: int) -> list[Attachment]:
        """The attachments uploaded to *post_id*, in WordPress's gallery order (menu order, then ID)."""
        children = [item for item in self.attachments.values() if item.parent == post_id]
        return sorted(children, key=lambda attachment: (attachment.menu_order, attachment.id))

    def full_size(self, url: str) -> str:
        """The address of the original of *url*, dropping WordPress's size suffix or resize query."""
        if url in self._known_urls:
            return url
        parts = urlsplit(url)
        query = "" if _RESIZE_PARAMETERS.match(parts.query) else parts.query
        return urlunsplit(parts._replace(path=_RESIZED_SUFFIX.sub("", parts.path), query=query))

    def uploaded_file(self, url: str) -> Path | None:
        """The file in the uploads folder behind *url*, if the folder was given and holds it."""
        if self.uploads is None:
            return None
        match = _UPLOADED_FILE.search(unquote(urlsplit(url).path))
        if match is None or "\x00" in match.group(1):
            return None
        relative = match.group(1)
        try:
            mode = os.lstat(self.uploads / relative).st_mode
        except OSError:
            return None
        reason = self._refusal(relative, mode)
        if reason:
            self.refused[relative] = reason
            return None
        return self.uploads / relative

    def _refusal(self, relative: str, mode: int) -> str:
        """Why the existing entry *relative* of the uploads folder must not be copied, or ``""``."""
        if stat.S_ISLNK(mode):
            return "lien symbolique"
        if not stat.S_ISREG(mode):
            return "pas un fichier ordinaire"
        if not (self.uploads / relative).resolve().is_relative_to(self.uploads.resolve()):
            return "hors du dossier d’images (dossier lié)"
        if PurePosixPath(relative).suffix.lower() not in _PUBLISHABLE_EXTENSIONS:
            return "type de fichier non publié (seuls les images, sons, vidéos et documents bureautiques le sont)"
        return ""


@dataclass
class PostMedia:
    """The media of one post: rewrites addresses and remembers which files to copy beside it.

    *folder* is the post's slug: copies go to ``<slug>/<file name>`` next to
    the post's file, and the post refers to them by that relative path.
    """

    library: MediaLibrary
    folder: str
    copies: dict[str, Path] = field(default_factory=dict)

    def address(self, url: str) -> str:
        """The address the post should use for the image or file at *url*."""
        if not url:
            return url
        original = self.library.full_size(url)
        uploaded = self.library.uploaded_file(original)
        if uploaded is None:
            return original
        return self._copy(uploaded)

    def _copy(self, source: Path) -> str:
        """Plan the copy of *source* into the post's folder, under a name no other file there uses."""
        for relative, planned in self.copies.items():
            if planned == source:
                return relative
        name = PurePosixPath(_safe_name(source.name))
        relative, number = f"{self.folder}/{name}", 2
        while relative in self.copies:
            relative, number = f"{self.folder}/{name.stem}-{number}{name.suffix}", number + 1
        self.copies[relative] = source
        return relative


def _safe_name(name: str) -> str:
    """*name* when it holds only letters, digits, ``.``, ``_`` and ``-``; else its slug and extension."""
    if _SAFE_FILE_NAME.fullmatch(name) and len(name) <= 100:
        return name
    path = PurePosixPath(name)
    return (shortened(slugify(path.stem), 100) or "fichier") + path.suffix.lower()


def _attachment(item: Item) -> Attachment:
    """Describe an attachment item; the alt text is the ``_wp_attachment_image_alt`` meta."""
    alt_values = item.meta_values("_wp_attachment_image_alt")
    size = next(filter(None, map(_ORIGINAL_SIZE.match, item.meta_values("_wp_attachment_metadata"))), None)
    return Attachment(
        id=item.id,
        parent=item.parent,
        url=item.attachment_url or item.link,
        title=item.title,
        caption=item.excerpt.strip(),
        alt=alt_values[0] if alt_values else "",
        menu_order=item.menu_order,
        width=int(size.group(1)) if size else 0,
        height=int(size.group(2)) if size else 0,
    )
