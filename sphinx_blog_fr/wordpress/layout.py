"""Where WordPress placed an image, and how many columns a gallery had, read from the classes it writes.

WordPress floats or centres an image with the classes ``alignleft``,
``alignright`` and ``aligncenter``: on the ``<img>`` (classic editor), on
its ``<figure>`` (block editor, and ``[caption align=…]``, see
:func:`.render.caption_html`) or on the block's ``<div class="wp-block-image">``.
MyST writes them as the ``:align:`` option of ``{image}`` and ``{figure}``,
which docutils renders as the classes ``align-left``… that the theme styles.

A gallery keeps its column count: ``[gallery columns="3"]`` (rendered as
``<div class="gallery gallery-columns-3">``, 3 by default as in WordPress)
and the block gallery's ``<figure class="wp-block-gallery columns-3">``.
It is written as a ``{container}`` with the classes ``blog-gallery
blog-gallery-3``, laid out as a grid by the blog's stylesheet
(``blog.css``, narrower on a phone).
"""

import re

from bs4 import BeautifulSoup, Tag

_ALIGNMENT_CLASSES = {"alignleft": "left", "alignright": "right", "aligncenter": "center"}
_COLUMNS = re.compile(r"^(?:gallery-)?columns-(\d{1,2})$")
_GALLERY_CLASSES = {"gallery", "wp-block-gallery"}
#: WordPress's column count when a gallery names none.
DEFAULT_COLUMNS = 3
MAX_COLUMNS = 9


def alignment(image: Tag) -> str:
    """``left``, ``right`` or ``center`` when WordPress aligned *image* (on it, its figure or its block), else ``""``."""
    for element in [image, image.find_parent("figure"), image.find_parent("div")]:
        for name in element.get("class", []) if element is not None else []:
            if name in _ALIGNMENT_CLASSES:
                return _ALIGNMENT_CLASSES[name]
    return ""


def gallery_columns(element: Tag) -> int | None:
    """The column count of a gallery element, None when *element* is not a gallery."""
    classes = element.get("class", [])
    if not _GALLERY_CLASSES.intersection(classes):
        return None
    for name in classes:
        match = _COLUMNS.match(name)
        if match:
            return min(max(int(match.group(1)), 1), MAX_COLUMNS)
    return DEFAULT_COLUMNS


def gallery_classes(columns: int) -> str:
    """The classes of the ``{container}`` holding a gallery of *columns* columns."""
    return f"blog-gallery blog-gallery-{columns}"


def aligned_images_as_figures(soup: BeautifulSoup) -> None:
    """Each aligned image of a paragraph (classic editor) as a figure with that alignment, so that
    it becomes an ``{image}`` directive, which has an ``:align:`` option.

    An image alone in its paragraph becomes the figure; one among text moves, with its link,
    just before its paragraph, where the theme floats it beside the paragraph's text.
    """
    for image in soup.find_all("img"):
        paragraph = image.find_parent("p")
        if paragraph is None or not alignment(image):
            continue
        classes = [name for name in image.get("class", []) if name in _ALIGNMENT_CLASSES]
        if not paragraph.get_text(strip=True) and len(paragraph.find_all(["img", "iframe", "video", "audio"])) == 1:
            paragraph.name = "figure"
            paragraph["class"] = classes
            continue
        link = image.parent if image.parent.name == "a" and not image.parent.get_text(strip=True) else None
        figure = soup.new_tag("figure", attrs={"class": classes})
        figure.append((link or image).extract())
        paragraph.insert_before(figure)
