"""Images: their size in the page, lazy loading after the first, and a phone photo served resized.

The test site has a post with a phone photo (4000×3000 JPEG turned a quarter
by its EXIF orientation, as phones write them), in MyST's ``![alt](file)``
syntax, then a small PNG with the image directive.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from bs4 import Tag
from PIL import Image

from conftest import Build, clean_build_of, make_html, post_source
from sphinx_blog_fr.commands._site import copy_site_machinery
from test_incremental import tree_differences

POST = "posts/2020/photo.md"
BODY = """Au début, une photo prise au téléphone :

![Une salle de réunion](salle.jpg)

Puis un schéma :

```{image} schema.png
:alt: Un schéma
```
"""


def write_images(folder: Path) -> None:
    """A 4000×3000 photo with EXIF orientation 6 (shown 3000×4000, portrait), and a 200×100 PNG."""
    folder.mkdir(parents=True, exist_ok=True)
    photo = Image.linear_gradient("L").resize((4000, 3000)).convert("RGB")
    exif = Image.Exif()
    exif[0x0112] = 6
    exif[0x0132] = "2020:01:15 10:00:00"  # DateTime: must not reach the copies
    photo.save(folder / "salle.jpg", quality=90, exif=exif.tobytes())
    Image.new("RGB", (200, 100), "teal").save(folder / "schema.png")
    Image.new("RGB", (1000, 500), "navy").save(folder / "moyenne.jpg")


def build_with_images(workdir: Path) -> Build:
    srcdir = workdir / "src"
    copy_site_machinery(srcdir)
    (srcdir / "index.md").write_text("# Accueil\n", encoding="utf-8")
    write_images(srcdir / "posts/2020")
    (srcdir / POST).write_text(post_source("Une photo", body=BODY), encoding="utf-8")
    (srcdir / "posts/2020/autre.md").write_text(
        post_source("Un autre", date="2020-02-01", body="![Une image moyenne](moyenne.jpg)"), encoding="utf-8"
    )
    return make_html(srcdir, workdir / "build")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    build = build_with_images(tmp_path_factory.mktemp("images"))
    assert build.returncode == 0, build.output
    return build


def images(site: Build) -> list[Tag]:
    return site.page("posts/2020/photo.html").select("article img, .content img")


def test_images_have_their_displayed_size(site: Build):
    photo, diagram = images(site)
    assert (photo["width"], photo["height"]) == ("3000", "4000")
    assert (diagram["width"], diagram["height"]) == ("200", "100")


def test_every_image_but_the_first_loads_lazily(site: Build):
    photo, diagram = images(site)
    assert "loading" not in photo.attrs
    assert diagram["loading"] == "lazy"


def test_the_phone_photo_is_offered_resized_and_a_small_image_is_not(site: Build):
    photo, diagram = images(site)
    candidates = [candidate.split() for candidate in photo["srcset"].split(", ")]
    assert [width for _path, width in candidates] == ["480w", "800w", "1200w"]
    assert photo["sizes"]
    for path, width in candidates:
        copy = (site.html / "posts/2020" / path).resolve()
        assert copy.parent == (site.html / "_images").resolve()
        with Image.open(copy) as image:
            # Portrait, as displayed: the orientation applied, and no EXIF left to apply it twice.
            assert image.size == (int(width[:-1]), round(int(width[:-1]) * 4 / 3))
            assert not image.getexif()
    assert "srcset" not in diagram.attrs


def test_an_image_narrower_than_the_largest_copy_is_itself_the_largest_candidate(site: Build):
    (image,) = site.page("posts/2020/autre.html").select(".content img")
    candidates = [candidate.split() for candidate in image["srcset"].split(", ")]
    assert [width for _path, width in candidates] == ["480w", "800w", "1000w"]
    assert candidates[-1][0] == image["src"]


def test_an_image_pillow_cannot_read_is_one_french_error(build_test_site):
    build = build_test_site(
        {
            "posts/2020/cassee.jpg": "pas une image",
            "posts/2020/article.md": post_source("Une image cassée", body="![Cassée](cassee.jpg)"),
        }
    )
    assert build.returncode != 0
    assert "article.md:" in build.output
    assert "image illisible « posts/2020/cassee.jpg » : Pillow ne sait pas la lire" in build.output
    assert "Traceback" not in build.output


def _digests(folder: Path) -> dict[str, str]:
    return {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in folder.iterdir()}


def test_an_incremental_build_keeps_the_copies_and_equals_a_clean_build(site: Build, tmp_path: Path):
    """An edit of the other post: the copies stay; a clean build writes the very same bytes."""
    first = build_with_images(tmp_path / "incremental")
    assert first.returncode == 0, first.output
    (first.srcdir / "posts/2020/autre.md").write_text(
        post_source("Un autre", date="2020-02-01", body="Un texte modifié.\n\n![Une image moyenne](moyenne.jpg)"),
        encoding="utf-8",
    )
    rebuilt = make_html(first.srcdir, first.html.parent)
    assert rebuilt.returncode == 0, rebuilt.output
    assert len(list((rebuilt.html / "_images").glob("*-1200.jpg"))) == 1
    clean = clean_build_of(first.srcdir, tmp_path / "clean")
    assert _digests(clean.html / "_images") == _digests(site.html / "_images")
    # The feeds too: they render posts this build did not write, with the same image addresses.
    assert tree_differences(rebuilt.html, clean.html) == []
    # The post's images edited away: their copies go, the other post's stay, as in a clean build.
    (first.srcdir / POST).write_text(post_source("Une photo", body="Plus de photo."), encoding="utf-8")
    without_image = make_html(first.srcdir, first.html.parent)
    assert without_image.returncode == 0, without_image.output
    (other,) = without_image.page("posts/2020/autre.html").select(".content img")
    kept = {Path(candidate.split()[0]).name for candidate in other["srcset"].split(", ")}
    assert {path.name for path in (without_image.html / "_images").iterdir()} == kept
