"""Importing the French fixture: files, front matter, drafts, report, images, and re-import safety."""

from pathlib import Path

import pytest

from sphinx_blog_fr.wordpress.__main__ import main
from sphinx_blog_fr.wordpress.importer import Conflict, plan_import
from sphinx_blog_fr.wordpress.wxr import read_export

from .wxr_site import FIXTURES, blog_settings, import_into, new_site

EXPORT = FIXTURES / "blog-fr.xml"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """An empty blog."""
    return new_site(tmp_path / "blog")


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under *root* with its content."""
    return {str(path.relative_to(root)): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


def test_a_published_post_gets_ablog_front_matter_in_the_blog_time_zone(site: Path) -> None:
    import_into(site, EXPORT)
    text = (site / "posts/2017/la-diffusion-de-linnovation.md").read_text(encoding="utf-8")
    assert text.startswith(
        "---\n"
        "blogpost: true\n"
        "date: 2017-11-10T14:03:00\n"
        "author: Marie Lefèvre\n"
        "category: Territoires, Événements\n"
        "tags: Innovation publique, Pays de la Loire\n"
        "language: fr\n"
        "excerpt: 2\n"
        "---\n\n"
        "# La diffusion de l’innovation dans tous les territoires\n"
    )


def test_summer_time_and_blog_author_key_are_used(site: Path) -> None:
    import_into(site, EXPORT)
    text = (site / "posts/2018/mooc-bilan.md").read_text(encoding="utf-8")
    assert "date: 2018-07-01T12:00:00\nauthor: auteur\n" in text


def test_drafts_pending_and_protected_posts_are_kept_unpublished_and_scheduled_ones_keep_their_date(
    site: Path,
) -> None:
    import_into(site, EXPORT)
    drafts = sorted(path.name for path in (site / "drafts").iterdir())
    assert drafts == ["brouillon-les-irritants.md", "en-attente.md", "reserve.md"]
    assert all("date:" not in (site / "drafts" / name).read_text(encoding="utf-8") for name in drafts)
    assert sorted(str(path.relative_to(site)) for path in (site / "posts").rglob("*.md")) == [
        "posts/2017/la-diffusion-de-linnovation.md",
        "posts/2018/mooc-bilan.md",
        "posts/2030/programme.md",
    ]
    assert "\ndate: 2030-01-01T09:00:00\n" in (site / "posts/2030/programme.md").read_text(encoding="utf-8")


def test_pages_are_plain_pages(site: Path) -> None:
    import_into(site, EXPORT)
    text = (site / "pages/a-propos.md").read_text(encoding="utf-8")
    assert text.startswith("---\norphan: true\n---\n\n# À propos\n\nCe blog parle d’innovation publique depuis 2015.\n")


def test_links_to_imported_posts_and_pages_become_document_links(site: Path) -> None:
    import_into(site, EXPORT)
    text = (site / "posts/2017/la-diffusion-de-linnovation.md").read_text(encoding="utf-8")
    assert "[blog](../../pages/a-propos.md)" in text


def test_the_report_counts_every_item_and_says_why_each_skip_happened() -> None:
    report = plan_import(read_export(EXPORT), blog_settings(), None).report
    assert sum(report.seen.values()) == 13
    assert report.seen[("post", "publish")] == 3
    assert report.written["articles publiés"] == 2 and report.written["articles en brouillon"] == 3
    assert report.written["articles programmés"] == 1
    assert report.written["pages"] == 1
    reasons = dict(report.skipped)
    assert reasons["post « Notes privées » (ID 15)"].startswith("privé")
    assert reasons["post « Article supprimé » (ID 16)"] == "dans la corbeille"
    assert "revision" in reasons["revision « La diffusion de l’innovation dans tous les territoires » (ID 31)"]
    assert "nav_menu_item" in reasons["nav_menu_item « Accueil » (ID 30)"]
    assert len(report.skipped) == 6
    assert any("latest-posts" in note for note in report.notes)
    assert any("mot de passe" in note for note in report.notes)
    assert "Ignorés (6)" in report.render()


def test_images_found_in_uploads_are_copied_next_to_their_post(site: Path, tmp_path: Path) -> None:
    uploads = tmp_path / "uploads"
    (uploads / "2017/11").mkdir(parents=True)
    (uploads / "2017/11/seminaire.jpg").write_bytes(b"JPEG")
    import_into(site, EXPORT, uploads=uploads)
    assert (site / "posts/2017/la-diffusion-de-linnovation/seminaire.jpg").read_bytes() == b"JPEG"
    text = (site / "posts/2017/la-diffusion-de-linnovation.md").read_text(encoding="utf-8")
    assert "```{figure} la-diffusion-de-linnovation/seminaire.jpg\n" in text
    assert "https://blog.example.fr/wp-content/uploads/2018/07/forum.png" in text


def test_reimporting_an_unchanged_import_is_allowed_and_identical(site: Path) -> None:
    import_into(site, EXPORT)
    before = snapshot(site)
    import_into(site, EXPORT)
    assert snapshot(site) == before


def test_reimporting_over_an_edited_post_refuses_and_writes_nothing(site: Path) -> None:
    import_into(site, EXPORT)
    edited = site / "posts/2017/la-diffusion-de-linnovation.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nAjout de l’auteur.\n", encoding="utf-8")
    (site / "redirects.json").unlink()
    before = snapshot(site)
    with pytest.raises(Conflict) as conflict:
        import_into(site, EXPORT)
    assert conflict.value.paths == ["posts/2017/la-diffusion-de-linnovation.md"]
    assert snapshot(site) == before


def test_force_replaces_an_edited_post(site: Path) -> None:
    import_into(site, EXPORT)
    edited = site / "posts/2017/la-diffusion-de-linnovation.md"
    original = edited.read_text(encoding="utf-8")
    edited.write_text(original + "\nAjout.\n", encoding="utf-8")
    import_into(site, EXPORT, force=True)
    assert edited.read_text(encoding="utf-8") == original


def test_a_hand_written_post_at_the_same_place_is_a_conflict(site: Path) -> None:
    hand_written = site / "posts/2018/mooc-bilan.md"
    hand_written.parent.mkdir(parents=True)
    hand_written.write_text("# Mon article\n", encoding="utf-8")
    with pytest.raises(Conflict):
        import_into(site, EXPORT)
    assert hand_written.read_text(encoding="utf-8") == "# Mon article\n"


def test_command_imports_and_prints_the_report(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(EXPORT), "--root", str(site)]) == 0
    assert "articles publiés : 2" in capsys.readouterr().out
    assert (site / "posts/2018/mooc-bilan.md").is_file()


def test_command_refuses_a_conflict_with_a_message_and_status_1(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(EXPORT), "--root", str(site)]) == 0
    edited = site / "pages/a-propos.md"
    edited.write_text("# À propos\n\nRéécrit.\n", encoding="utf-8")
    assert main([str(EXPORT), "--root", str(site)]) == 1
    assert "pages/a-propos.md" in capsys.readouterr().err
    assert main([str(EXPORT), "--root", str(site), "--force"]) == 0


def test_command_help_is_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_status:
        main(["--help"])
    assert exit_status.value.code == 0
    assert "--uploads" in capsys.readouterr().out
