"""Every file written stays in its folder, whatever the export and the uploads folder hold.

The export ``fixtures/hostile-paths-export.xml`` has no site address, old
addresses, an old slug and term slugs made of ``..`` segments, two links that
are pages of the new blog (the home page, an imported post), and images that
are relative paths to system files. Its uploads folder (built by the
``uploads`` fixture) holds a symbolic link to a file outside, a folder linked
outside, a ``.md``, an ``.svg``, a regular image and a PDF.

The attacker's goals are checked on what they would get: a file written
outside the repository or the build output, a page of the blog replaced by a
redirect, a file of the machine copied beside the posts or published.
"""

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from conftest import SiteFactory, post_source
from sphinx_blog_fr.wordpress.redirects import Redirects

from .wxr_site import FIXTURES, build, import_into, new_site

EXPORT = FIXTURES / "hostile-paths-export.xml"
SECRET = b"root:x:0:0:secret\n"


@pytest.fixture
def uploads(tmp_path: Path) -> Path:
    """A hostile uploads folder; ``outside/`` beside it holds what must never be copied."""
    outside = tmp_path / "outside"
    (outside / "11").mkdir(parents=True)
    (outside / "passwd").write_bytes(SECRET)
    (outside / "11/secret.jpg").write_bytes(SECRET)
    folder = tmp_path / "uploads"
    (folder / "2017/11").mkdir(parents=True)
    (folder / "2017/11/lien-passwd.jpg").symlink_to(outside / "passwd")
    (folder / "2016").symlink_to(outside)
    (folder / "2017/11/article.md").write_text("---\nblogpost: true\ndate: 2017-01-01\n---\n# Piège\n\nTexte.\n")
    (folder / "2017/11/dessin.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    )
    for name, colour in (("bonne.jpg", "navy"), ("photo d’été.jpg", "orange")):
        Image.new("RGB", (4, 3), colour).save(folder / "2017/11" / name, "JPEG")
    (folder / "2017/11/notes.pdf").write_bytes(b"%PDF notes")
    return folder


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return new_site(tmp_path / "blog")


def files_under(root: Path) -> set[str]:
    return {path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file() or path.is_symlink()}


def outside_the_blog(tmp_path: Path) -> set[str]:
    """The files of the test's folder that are not in the blog ``blog/``."""
    return {path for path in files_under(tmp_path) if not path.startswith("blog/")}


def test_the_import_writes_only_posts_pages_drafts_and_its_own_files(site: Path, uploads: Path) -> None:
    before = files_under(site.parent)

    import_into(site, EXPORT, uploads=uploads)

    written = files_under(site.parent) - before
    assert written and all(path.startswith("blog/") for path in written)
    folders = {path.split("/")[1] for path in written}
    assert folders == {"posts", "redirects.json", "wordpress-import.json"}
    assert not [path for path in files_under(site.parent) if "evasion" in path]


def test_old_addresses_leaving_the_site_or_covering_a_blog_page_get_no_redirect_and_a_report_line(site: Path) -> None:
    plan = import_into(site, EXPORT)

    pages = json.loads((site / "redirects.json").read_text(encoding="utf-8"))["pages"]
    assert not [source for source in pages if ".." in source.split("/") or source.startswith("/")]
    assert "index" not in pages and "posts/2017/premier-article" not in pages
    assert pages["2017/11/10/ancien-nom/index"] == "/posts/2017/premier-article.html"
    assert pages["2017/11/10/premier-article/index"] == "/posts/2017/premier-article.html"
    notes = "\n".join(plan.report.notes)
    for address in ("evasion-lien", "evasion-ancien-slug", "evasion-categorie", "evasion-etiquette"):
        assert any(
            note.startswith("adresse non redirigée (elle sortirait du dossier du site) : ") and address in note
            for note in plan.report.notes
        )
    assert "(elle remplacerait la page index.html du blog) : https://ancien.example/index.html" in notes
    assert (
        "(elle remplacerait la page posts/2017/premier-article.html du blog) : "
        "https://ancien.example/posts/2017/premier-article.html" in notes
    )


def test_uploads_are_copied_only_when_regular_publishable_files_inside_the_folder(site: Path, uploads: Path) -> None:
    plan = import_into(site, EXPORT, uploads=uploads)

    folder = site / "posts/2017/premier-article"
    assert sorted(path.name for path in folder.iterdir()) == ["bonne.jpg", "notes.pdf", "photo-dete.jpg"]
    assert not any(path.is_symlink() for path in site.rglob("*"))
    assert not [path for path in site.rglob("*") if path.is_file() and path.read_bytes() == SECRET]
    assert not [path for path in (site / "posts").rglob("*.md") if "Piège" in path.read_text(encoding="utf-8")]
    text = (site / "posts/2017/premier-article.md").read_text(encoding="utf-8")
    assert "](premier-article/bonne.jpg)" in text and "](premier-article/photo-dete.jpg)" in text
    assert "https://ancien.example/wp-content/uploads/2017/11/lien-passwd.jpg" in text
    notes = plan.report.notes
    assert "fichier d’images non copié (lien symbolique) : 2017/11/lien-passwd.jpg" in notes
    assert "fichier d’images non copié (hors du dossier d’images (dossier lié)) : 2016/11/secret.jpg" in notes
    assert any(
        note.startswith("fichier d’images non copié (type de fichier non publié")
        and note.endswith("2017/11/article.md")
        for note in notes
    )
    assert any(note.endswith("2017/11/dessin.svg") for note in notes)


def test_relative_images_without_a_site_address_never_name_a_local_file(site: Path) -> None:
    import_into(site, EXPORT)

    text = (site / "posts/2017/cinquieme-article.md").read_text(encoding="utf-8")
    assert "](../" not in text and "](/etc" not in text
    assert "https://site-wordpress-inconnu.invalid/etc/passwd" in text
    assert "https://site-wordpress-inconnu.invalid/etc/hostname" in text


def test_the_built_hostile_import_writes_nothing_outside_its_output_and_keeps_every_page(
    tmp_path: Path, uploads: Path
) -> None:
    root = new_site(tmp_path / "blog")
    import_into(root, EXPORT, uploads=uploads)
    before = outside_the_blog(tmp_path)

    html = build(root)

    assert outside_the_blog(tmp_path) == before
    assert not [path for path in files_under(root) if "evasion" in path]
    home = BeautifulSoup((html / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert "Premier article" in home.get_text() and not home.find("meta", attrs={"http-equiv": "refresh"})
    post = BeautifulSoup((html / "posts/2017/premier-article.html").read_text(encoding="utf-8"), "html.parser")
    assert post.find("h1").get_text(strip=True).startswith("Premier article")
    published = [path for path in html.rglob("*") if path.is_file()]
    assert not [path for path in published if path.name in ("passwd", "hostname") or path.read_bytes() == SECRET]
    assert "https://site-wordpress-inconnu.invalid/etc/passwd" in (
        html / "posts/2017/cinquieme-article.html"
    ).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "path",
    [
        "../../evasion/",
        "a/../../evasion/",
        "%2e%2e/%2E%2E/evasion/",
        "a\\..\\..\\evasion/",
        "a%00b/",
        "x%0a/",
        "/./../evasion.html",
    ],
)
def test_an_old_address_that_would_leave_the_site_is_refused(path: str) -> None:
    redirects = Redirects("")

    redirects.add_url(f"https://ancien.example/{path}", "/index.html")

    assert redirects.pages == {}
    assert redirects.refused and "elle sortirait du dossier du site" in redirects.refused[0]


def test_dot_segments_and_double_slashes_are_normalised() -> None:
    redirects = Redirects("")

    redirects.add_url("https://ancien.example/2017//./11/billet/", "/posts/2017/billet.html")

    assert redirects.pages == {"2017/11/billet/index": "/posts/2017/billet.html"}


def test_the_build_refuses_redirects_leaving_the_output_or_covering_a_blog_page(
    build_test_site: SiteFactory, tmp_path: Path
) -> None:
    redirects = {
        "pages": {
            "../../../evasion-build/index": "/index.html",
            f"{tmp_path}/evasion-absolue": "/index.html",
            "index": "/posts/2020/un-article.html",
            "posts/2020/un-article": "/index.html",
            "blog/tag/essai": "/index.html",
            "search": "/index.html",
            "autre/index": '/x.html";alert(1);"',
            "ancien/article/index": "/posts/2020/un-article.html",
        },
        "query": {"p": {"1": "posts/2020/un-article.html", "2": "</script><script>alert(1)</script>"}},
    }
    files = {
        "posts/2020/un-article.md": post_source("Un article", tags="Essai"),
        "redirects.json": json.dumps(redirects, indent=2),
    }

    result = build_test_site(files)

    assert result.returncode != 0
    output = result.output
    assert (
        "redirects.json:3: ERROR: l’ancienne adresse « ../../../evasion-build/index » n’est pas un chemin sûr" in output
    )
    assert f"l’ancienne adresse « {tmp_path}/evasion-absolue » n’est pas un chemin sûr" in output
    assert "« index » refusée : elle remplacerait la page index.html du blog (index)" in output
    assert "« posts/2020/un-article » refusée : elle remplacerait la page posts/2020/un-article.html du blog" in output
    assert "« blog/tag/essai » refusée : elle remplacerait la page blog/tag/essai.html du blog" in output
    assert "« search » refusée : elle remplacerait la page search.html du blog" in output
    assert 'la cible « /x.html";alert(1);" » de l’ancienne adresse « autre/index »' in output
    assert "l’entrée « ?p=2 »" in output
    assert "Traceback" not in output
    assert not [path for path in tmp_path.rglob("*") if "evasion" in path.name]
    page = result.page("index.html")
    assert "Un article" in page.get_text() and not page.find("meta", attrs={"http-equiv": "refresh"})
    assert "alert(1)" not in str(page)
    assert result.page("posts/2020/un-article.html").find("h1").get_text(strip=True).startswith("Un article")
    assert "Un article" in result.page("blog/tag/essai.html").get_text()
    assert not (result.html / "autre/index.html").exists()
    assert 'http-equiv="refresh"' in (result.html / "ancien/article/index.html").read_text(encoding="utf-8")
