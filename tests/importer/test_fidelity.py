"""The importer keeps what WordPress showed: labels in every script, same-name categories,
deep comment threads, hand-written excerpts (issue 15).

Each test reads the files an import writes, or the site built from them, from the
project's own small exports (``fixtures/fidelity-*.xml``).
"""

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from sphinx_blog_fr._slugs import slugify
from sphinx_blog_fr.wordpress.__main__ import main

from .wxr_site import FIXTURES, Site, build, import_into, imported_and_built, new_site


@pytest.fixture(scope="module")
def labels_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The export with Chinese, Greek, Cyrillic and Arabic labels, two « Foo » and a deep thread, built."""
    return imported_and_built(tmp_path_factory.mktemp("fidelity-labels"), FIXTURES / "fidelity-labels.xml")


def html_page(site: Site, relative: str) -> BeautifulSoup:
    return BeautifulSoup((site.html / relative).read_text(encoding="utf-8"), "html.parser")


def redirect_target(site: Site, docname: str) -> Path:
    """The built file that the redirect page written for the old address *docname* sends readers to."""
    page = html_page(site, f"{docname}.html")
    refresh = page.find("meta", attrs={"http-equiv": "refresh"})
    target = refresh["content"].partition("url=")[2]
    return (site.html / docname).parent.joinpath(target).resolve()


@pytest.mark.parametrize(
    "text", ["远征手记", "Ελληνικά", "Русский", "مرحبا", "שלום", "日本語", "ひらがな", "Ж", "7", "ʔ"]
)
def test_a_label_in_any_script_has_a_readable_ascii_slug(text: str) -> None:
    slug = slugify(text)
    assert slug and slug.isascii() and slug == slug.lower(), (text, slug)


_LETTERS = st.characters(categories=["Lu", "Ll", "Lo", "Nd"], exclude_characters="\u02bc")


@settings(derandomize=True, max_examples=200, deadline=None)
@given(st.text(min_size=0, max_size=12), _LETTERS, st.text(min_size=0, max_size=12))
def test_any_text_with_a_letter_or_digit_has_a_plain_ascii_slug(before: str, letter: str, after: str) -> None:
    slug = slugify(before + letter + after)
    assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slug), (before + letter + after, slug)
    assert slugify(slug) == slug


def test_slugs_of_other_scripts_are_transliterations() -> None:
    assert [slugify(text) for text in ("远征手记", "Ιστορία", "Русский", "l’été œuvré", "Straße", "ʔ")] == [
        "yuanzhengshouji",
        "istoria",
        "russkiy",
        "lete-oeuvre",
        "strasse",
        "u294",
    ]


def test_labels_in_other_scripts_are_written_as_the_export_names_them(labels_site: Site) -> None:
    text = (labels_site.root / "posts/2020/ecritures.md").read_text(encoding="utf-8")
    assert "\ncategory: 远征手记, Ιστορία\n" in text
    assert "\ntags: Русский, مرحبا\n" in text
    assert "\nauthor: Иван Петров\n" in text


@pytest.mark.parametrize(
    ("listing", "label"),
    [
        ("category/yuanzhengshouji", "远征手记"),
        ("category/istoria", "Ιστορία"),
        ("tag/russkiy", "Русский"),
        ("tag/mrhb", "مرحبا"),
        ("author/ivan-petrov", "Иван Петров"),
    ],
)
def test_each_label_has_its_listing_page_at_its_transliterated_slug(
    labels_site: Site, listing: str, label: str
) -> None:
    page = html_page(labels_site, f"blog/{listing}.html")
    # Tags are shown in lower case, as every tag of the blog.
    assert label.lower() in page.find("h1").get_text().lower()
    assert "Des étiquettes dans toutes les écritures" in page.find(attrs={"role": "main"}).get_text()


@pytest.mark.parametrize(
    ("old_address", "listing"),
    [
        ("category/eternity/index", "blog/category/yuanzhengshouji.html"),
        ("category/ιστορία/index", "blog/category/istoria.html"),
        ("tag/русский/index", "blog/tag/russkiy.html"),
        ("tag/مرحبا/index", "blog/tag/mrhb.html"),
        ("author/ivan/index", "blog/author/ivan-petrov.html"),
        ("category/foo/index", "blog/category/foo.html"),
        ("category/bar/foo-bar/index", "blog/category/foo-bar.html"),
        ("category/foo-bar/index", "blog/category/foo-bar.html"),
    ],
)
def test_old_archive_addresses_from_wordpress_slugs_reach_the_built_listing(
    labels_site: Site, old_address: str, listing: str
) -> None:
    assert redirect_target(labels_site, old_address) == (labels_site.html / listing).resolve()


def test_every_redirect_points_to_a_page_the_build_wrote(labels_site: Site) -> None:
    redirects = json.loads((labels_site.root / "redirects.json").read_text(encoding="utf-8"))
    targets = set(redirects["pages"].values())
    assert "/blog/category/.html" not in targets
    for target in targets:
        assert (labels_site.html / target.lstrip("/")).is_file(), target


def test_categories_sharing_a_name_stay_two_categories(labels_site: Site) -> None:
    text = (labels_site.root / "posts/2020/homonymes.md").read_text(encoding="utf-8")
    assert "\ncategory: Foo, Foo (Bar)\n" in text
    assert "catégorie « Foo » (foo-bar) renommée « Foo (Bar) » : une autre catégorie porte le même nom" in (
        labels_site.plan.report.render()
    )
    top, child = html_page(labels_site, "blog/category/foo.html"), html_page(labels_site, "blog/category/foo-bar.html")
    assert "« Foo »" in top.find("h1").get_text().replace("\xa0", " ")
    assert "« Foo (Bar) »" in child.find("h1").get_text().replace("\xa0", " ")


def test_a_deep_thread_shows_every_comment_and_says_whom_a_flattened_one_answers(labels_site: Site) -> None:
    page = labels_site.page("posts/2020/ecritures.md")
    thread = page.find(id="commentaires-archives")
    text = " ".join(thread.get_text().split())
    for number in range(1, 9):
        assert f"Réponse numéro{number} du fil." in text
    assert len(thread.find_all("ul")) == 5
    for number in range(6, 9):
        assert f"Lecteur {number}, {number} mars 2020 à 11:00, en réponse à Lecteur {number - 1}" in text
    assert "en réponse à Lecteur 4" not in text


def test_a_hand_written_excerpt_is_the_posts_description(labels_site: Site) -> None:
    text = (labels_site.root / "posts/2020/ecritures.md").read_text(encoding="utf-8")
    assert "\ndescription: Un résumé écrit à la main, différent du texte.\n" in text
    assert "\nexcerpt:" not in text
    assert "\ndescription:" not in (labels_site.root / "posts/2020/homonymes.md").read_text(encoding="utf-8")


def test_a_hand_written_excerpt_is_shown_in_listings_feeds_and_sharing(labels_site: Site) -> None:
    summary = "Un résumé écrit à la main, différent du texte."
    listing = html_page(labels_site, "blog/category/istoria.html").find(attrs={"role": "main"}).get_text()
    assert summary in listing
    assert "Un article classé dans des catégories chinoise et grecque." not in listing
    assert summary in (labels_site.html / "blog/atom.xml").read_text(encoding="utf-8")
    post = labels_site.page("posts/2020/ecritures.md")
    assert post.find("meta", property="og:description")["content"] == summary


@pytest.fixture(scope="module")
def content_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The export with code shortcodes, a verse block, an entity-laden title and a Flash player, built."""
    return imported_and_built(tmp_path_factory.mktemp("fidelity-content"), FIXTURES / "fidelity-content.xml")


def test_a_sourcecode_shortcode_is_a_code_block_in_its_language(content_site: Site) -> None:
    text = (content_site.root / "posts/2021/code.md").read_text(encoding="utf-8")
    assert "```python\ndef carre(nombre):\n    return nombre * nombre\n\n\nprint(carre(3) < 10)\n```\n" in text
    block = content_site.page("posts/2021/code.md").find("div", class_="highlight-python")
    assert block is not None
    assert block.find("pre").get_text() == "def carre(nombre):\n    return nombre * nombre\n\n\nprint(carre(3) < 10)\n"


def test_a_code_shortcode_in_an_unknown_language_is_plain_text(content_site: Site) -> None:
    text = (content_site.root / "posts/2021/code.md").read_text(encoding="utf-8")
    assert "```\nqaStaH nuq?\njIyajbe'\n```\n" in text
    pages = [pre.get_text() for pre in content_site.page("posts/2021/code.md").find_all("pre")]
    assert "qaStaH nuq?\njIyajbe'\n" in pages
    assert "[code" not in content_site.page("posts/2021/code.md").get_text()


def test_line_breaks_of_a_verse_block_are_kept(content_site: Site) -> None:
    pages = [pre.get_text() for pre in content_site.page("posts/2021/code.md").find_all("pre")]
    assert "The Road Not Taken\n\nRobert Frost\nTwo roads diverged in a yellow wood,\n" in pages


def test_an_old_flash_youtube_player_is_a_link_to_the_video(content_site: Site) -> None:
    links = content_site.page("posts/2021/code.md").find(attrs={"role": "main"}).find_all("a")
    assert "https://www.youtube.com/watch?v=dQw4w9WgXcQ" in [link.get("href") for link in links]


def test_a_title_naming_an_html_tag_keeps_it_as_text(content_site: Site) -> None:
    assert "\n# Écrire \\<html> dans un titre\n" in (content_site.root / "posts/2021/titre.md").read_text(
        encoding="utf-8"
    )
    page = content_site.page("posts/2021/titre.md")
    assert page.find("h1").get_text().startswith("Écrire <html> dans un titre")


@pytest.fixture(scope="module")
def types_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The export with nested pages, custom post types, a contact form answer and a sticky post, built."""
    return imported_and_built(tmp_path_factory.mktemp("fidelity-types"), FIXTURES / "fidelity-types.xml")


def test_pages_keep_their_hierarchy_in_folders_and_addresses(types_site: Site) -> None:
    assert (types_site.root / "pages/a-propos/equipe/camille.md").is_file()
    page = types_site.page("pages/a-propos/equipe/camille.md")
    assert page.find("h1").get_text().startswith("Camille")
    redirects = json.loads((types_site.root / "redirects.json").read_text(encoding="utf-8"))
    assert redirects["pages"]["camille/index"] == "/pages/a-propos/equipe/camille.html"
    assert redirects["query"]["page_id"]["32"] == "pages/a-propos/equipe/camille.html"


def test_a_custom_post_type_is_a_post_or_if_hierarchical_a_page(types_site: Site) -> None:
    recipe = (types_site.root / "posts/2022/tarte-aux-pommes.md").read_text(encoding="utf-8")
    assert recipe.startswith("---\nblogpost: true\ndate: 2022-01-04T10:00:00\n")
    text = types_site.page("posts/2022/tarte-aux-pommes.md").get_text()
    assert "Le texte de « Tarte aux pommes »." in text.replace("\xa0", " ").replace("\u202f", " ")
    assert (types_site.html / "pages/bretagne/quimper.html").is_file()
    report = types_site.plan.report.render()
    assert "recette « Tarte aux pommes » (ID 33) : type de contenu « recette », écrit comme article" in report
    assert "lieu « Quimper » (ID 35) : type de contenu « lieu », écrit comme page" in report


def test_contact_form_answers_are_never_published(types_site: Site) -> None:
    written = "".join(path.read_text(encoding="utf-8") for path in types_site.root.rglob("*.md"))
    assert "dominique@example.org" not in written
    assert "réponse à un formulaire de contact (Jetpack) : données personnelles, jamais publiques" in (
        types_site.plan.report.render()
    )


def test_each_loss_of_a_written_post_has_its_line_in_the_report(types_site: Site) -> None:
    report = types_site.plan.report.render()
    post = "post « Un article à la une » (ID 37) : "
    assert post + "taxonomie « genre » non reprise (le blog n’a que catégories et étiquettes) : Roman" in report
    assert post + "format d’article « Aside » non repris (seule la mise en page du thème en dépendait)" in report
    assert (
        post
        + "article « à la une » dans WordPress : étiqueté « à la une » (le blog classe les articles par date seulement)"
        in report
    )
    assert post + "image mise en avant introuvable dans l’export (pièce jointe « 99 ») : non reprise" in report
    assert "date de dernière modification non reprise" not in report


def test_a_post_changed_after_its_publication_says_when(types_site: Site) -> None:
    """WordPress's modification date (12:00 UTC, summer time in Paris) becomes the post's ``updated``."""
    source = (types_site.root / "posts/2022/a-la-une.md").read_text(encoding="utf-8")
    assert "\nupdated: 2023-06-01T14:00:00\n" in source
    updated = types_site.page("posts/2022/a-la-une.md").select_one(".blog-post-meta")
    assert "Mis à jour le 1er juin 2023" in " ".join(updated.get_text().split())


def test_the_report_gives_each_types_balance_also_in_the_manifest(types_site: Site) -> None:
    report = types_site.plan.report.render()
    assert "  feedback : 1 / 0 / 1\n" in report and "  lieu : 2 / 2 / 0\n" in report
    manifest = json.loads((types_site.root / "wordpress-import.json").read_text(encoding="utf-8"))
    assert manifest["report"]["types"]["feedback"] == {"reçus": 1, "écrits": 0, "non écrits": 1}
    assert manifest["report"]["types"]["attachment"] == {"reçus": 1, "écrits": 0, "non écrits": 1}
    assert manifest["report"]["ignorés"][:1] == [
        {
            "contenu": "feedback « Message de Dominique » (ID 36)",
            "raison": "réponse à un formulaire de contact (Jetpack) : données personnelles, jamais publiques",
        }
    ]
    assert manifest["report"]["à vérifier"] == types_site.plan.report.notes


def test_a_sticky_post_is_tagged_a_la_une(types_site: Site) -> None:
    assert "\ntags: à la une\n" in (types_site.root / "posts/2022/a-la-une.md").read_text(encoding="utf-8")
    listing = html_page(types_site, "blog/tag/a-la-une.html").find(attrs={"role": "main"}).get_text()
    assert "Un article à la une" in listing
    assert "\ntags:" not in (types_site.root / "posts/2022/tarte-aux-pommes.md").read_text(encoding="utf-8")


def test_of_two_items_with_one_id_the_last_is_written_as_wordpress_does(tmp_path: Path) -> None:
    site = new_site(tmp_path / "blog")
    plan = import_into(site, FIXTURES / "fidelity-ids.xml")
    assert not (site / "posts/2022/premiere.md").exists()
    assert "Le texte d’après." in (site / "posts/2022/derniere.md").read_text(encoding="utf-8")
    assert (
        "post « Première version » (ID 40) : même ID qu’un contenu plus loin dans l’export (« Dernière version »), "
        "qui le remplace"
    ) in plan.report.render()
    query = json.loads((site / "redirects.json").read_text(encoding="utf-8"))["query"]["p"]
    assert query == {"40": "posts/2022/derniere.html"}


def test_items_without_an_id_keep_their_own_addresses_and_no_query_address(tmp_path: Path) -> None:
    site = new_site(tmp_path / "blog")
    import_into(site, FIXTURES / "fidelity-ids.xml")
    redirects = json.loads((site / "redirects.json").read_text(encoding="utf-8"))
    assert "0" not in redirects["query"]["p"]
    assert redirects["pages"]["sans-identifiant/index"] == "/posts/2022/sans-identifiant.html"
    assert redirects["pages"]["sans-identifiant-2/index"] == "/posts/2022/sans-identifiant-2.html"


def test_an_imported_post_named_as_an_existing_post_is_refused_naming_both(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = new_site(tmp_path / "blog")
    existing = site / "posts/2015/Ecritures.md"
    existing.parent.mkdir(parents=True)
    existing.write_text("---\nblogpost: true\ndate: 2015-01-01\n---\n\n# Écritures\n\nÀ la main.\n", encoding="utf-8")
    before = sorted(path.relative_to(site) for path in site.rglob("*"))
    assert main([str(FIXTURES / "fidelity-labels.xml"), "--root", str(site)]) == 1
    error = capsys.readouterr().err
    assert "Import refusé : ces articles importés ont le nom de fichier d’un article existant" in error
    assert "  posts/2020/ecritures.md ↔ posts/2015/Ecritures.md\n" in error
    assert sorted(path.relative_to(site) for path in site.rglob("*")) == before


def test_a_second_export_merges_its_redirects_with_the_first(tmp_path: Path) -> None:
    site = new_site(tmp_path / "blog")
    import_into(site, FIXTURES / "fidelity-labels.xml")
    import_into(site, FIXTURES / "fidelity-content.xml")
    redirects = json.loads((site / "redirects.json").read_text(encoding="utf-8"))
    assert redirects["pages"]["category/eternity/index"] == "/blog/category/yuanzhengshouji.html"
    assert redirects["pages"]["2021/05/01/code/index"] == "/posts/2021/code.html"
    assert redirects["query"]["p"] == {
        "10": "posts/2020/ecritures.html",
        "11": "posts/2020/homonymes.html",
        "20": "posts/2021/code.html",
        "21": "posts/2021/titre.html",
    }
    html = build(site)
    for target in redirects["pages"].values():
        assert (html / target.lstrip("/")).is_file(), target
    assert (html / "2020/03/01/ecritures/index.html").is_file()
    assert (html / "2021/05/01/code/index.html").is_file()


def test_the_featured_image_is_shown_above_the_text(types_site: Site) -> None:
    text = (types_site.root / "posts/2022/image.md").read_text(encoding="utf-8")
    assert text.index("phare.jpg") < text.index("Le texte sous l’image.")
    main_part = types_site.page("posts/2022/image.md").find(attrs={"role": "main"})
    image = main_part.find("img")
    assert image["src"] == "https://types.example/wp-content/uploads/2022/01/phare.jpg"
    assert image["alt"] == "Le phare d’Eckmühl"


def test_a_copied_featured_image_is_the_posts_sharing_picture(tmp_path: Path) -> None:
    uploads = tmp_path / "uploads"
    (uploads / "2022/01").mkdir(parents=True)
    Image.new("RGB", (400, 300), "navy").save(uploads / "2022/01/phare.jpg")
    site = new_site(tmp_path / "blog")
    import_into(site, FIXTURES / "fidelity-types.xml", uploads)
    page = BeautifulSoup((build(site) / "posts/2022/image.html").read_text(encoding="utf-8"), "html.parser")
    assert page.find("meta", property="og:image")["content"].endswith("phare.jpg")
    assert page.find("meta", property="og:image:alt")["content"] == "Le phare d’Eckmühl"
