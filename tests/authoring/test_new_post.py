"""Tests of ``make post``: ``sphinx-blog-fr post`` writes a ready-to-write ABlog post.

The command is run for real (a subprocess, as make runs it) and in-process
(``main``), and the file it writes is built by Sphinx and ABlog.
"""

import html
import os
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from sphinx.cmd.build import build_main

from sphinx_blog_fr._post_file import read_front_matter, read_post_text
from sphinx_blog_fr._settings import load_settings
from sphinx_blog_fr.commands import new_post
from sphinx_blog_fr.commands.new_post import main

REPOSITORY_ROOT = Path(__file__).resolve().parents[2]
TITLE = "Les « irritants » et l’action publique"
SLUG = "les-irritants-et-laction-publique"
SETTINGS = load_settings(REPOSITORY_ROOT)


def paris_today() -> date:
    return datetime.now(ZoneInfo("Europe/Paris")).date()


def run_cli(*arguments: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the command as make does, from the repository root."""
    return subprocess.run(
        [sys.executable, "-m", "sphinx_blog_fr.commands.new_post", *arguments],
        cwd=REPOSITORY_ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )


def front_matter_of(post: Path) -> dict:
    """Return the YAML between the post's two ``---`` lines, parsed."""
    _, yaml_text, _ = post.read_text(encoding="utf-8").split("---\n", 2)
    return yaml.safe_load(yaml_text)


def files_under(directory: Path) -> list[Path]:
    return sorted(path for path in directory.rglob("*") if path.is_file())


def test_cli_writes_the_post_prints_its_path_and_exits_0(tmp_path):
    today = paris_today()
    result = run_cli(
        "--title", TITLE, "--tags", "design, action publique", "--category", "Réflexions", "--posts-dir", str(tmp_path)
    )

    post = tmp_path / str(today.year) / f"{SLUG}.md"
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{post}\n"
    assert post.read_text(encoding="utf-8") == (
        "---\n"
        "blogpost: true\n"
        f"date: {today.isoformat()}\n"
        f"author: {SETTINGS['blog_default_author']}\n"
        "category: Réflexions\n"
        "tags: design, action publique\n"
        f"language: {SETTINGS['language']}\n"
        "---\n"
        "\n"
        f"# {TITLE}\n"
        "\n"
    )


def test_without_tags_nor_category_the_lines_are_left_out(tmp_path):
    assert main(["--title", "Un article", "--posts-dir", str(tmp_path)]) == 0

    (post,) = files_under(tmp_path)
    assert post.read_text(encoding="utf-8") == (
        "---\n"
        "blogpost: true\n"
        f"date: {paris_today().isoformat()}\n"
        f"author: {SETTINGS['blog_default_author']}\n"
        f"language: {SETTINGS['language']}\n"
        "---\n"
        "\n"
        "# Un article\n"
        "\n"
    )


@pytest.mark.parametrize(
    ("tags", "category"),
    [
        ("design: usagers, action publique", "Réflexions : bilan"),
        ("#design, yes", "- liste"),
        ("2018", "null"),
        ("'cités', \"doubles\"", "@agents [publics] {x} & *y* | > % !"),
    ],
)
def test_front_matter_round_trips_through_yaml(tmp_path, tags, category):
    assert main(["--title", TITLE, "--tags", tags, "--category", category, "--posts-dir", str(tmp_path)]) == 0

    (post,) = files_under(tmp_path)
    assert front_matter_of(post) == {
        "blogpost": True,
        "date": paris_today(),
        "author": SETTINGS["blog_default_author"],
        "category": category,
        "tags": tags,
        "language": SETTINGS["language"],
    }


def test_tags_are_tidied(tmp_path):
    assert main(["--title", TITLE, "--tags", " design ,, action   publique, ", "--posts-dir", str(tmp_path)]) == 0

    (post,) = files_under(tmp_path)
    assert front_matter_of(post)["tags"] == "design, action publique"


# Kiritimati (UTC+14) and Adak (UTC-10) are a whole day apart, so at any hour
# one of them is not on Paris's date: a command using the machine's date fails.
@pytest.mark.parametrize("machine_timezone", ["Pacific/Kiritimati", "America/Adak"])
def test_date_is_today_in_paris_whatever_the_machine_timezone(tmp_path, machine_timezone):
    before = paris_today()
    result = run_cli("--title", TITLE, "--posts-dir", str(tmp_path), env={**os.environ, "TZ": machine_timezone})
    after = paris_today()

    assert result.returncode == 0, result.stderr
    (post,) = files_under(tmp_path)
    written = front_matter_of(post)["date"]
    assert written in {before, after}
    assert post.parent.name == str(written.year)


@pytest.mark.parametrize("year", ["2018", str(paris_today().year)])
def test_refuses_a_slug_already_used_in_any_year_and_writes_nothing(tmp_path, year):
    existing = tmp_path / year / f"{SLUG}.md"
    existing.parent.mkdir()
    existing.write_text("Texte de l’auteur\n", encoding="utf-8")

    result = run_cli("--title", "Les irritants et l'action publique !", "--posts-dir", str(tmp_path))

    assert result.returncode == 1
    assert result.stderr.startswith("Article non créé : ")
    assert str(existing) in result.stderr
    assert result.stdout == ""
    assert files_under(tmp_path) == [existing]
    assert existing.read_text(encoding="utf-8") == "Texte de l’auteur\n"


def test_never_overwrites_a_file_created_after_the_check(tmp_path, monkeypatch):
    existing = tmp_path / str(paris_today().year) / f"{SLUG}.md"
    existing.parent.mkdir()
    existing.write_text("Texte de l’auteur\n", encoding="utf-8")
    monkeypatch.setattr(new_post, "refuse_taken_slug", lambda posts_dir, slug: None)

    with pytest.raises(FileExistsError):
        new_post.main(["--title", TITLE, "--posts-dir", str(tmp_path)])
    assert existing.read_text(encoding="utf-8") == "Texte de l’auteur\n"


def test_a_title_on_several_lines_becomes_a_one_line_heading(tmp_path):
    assert main(["--title", "  Un titre\nsur deux lignes ", "--posts-dir", str(tmp_path)]) == 0

    (post,) = files_under(tmp_path)
    assert post.read_text(encoding="utf-8").endswith("\n# Un titre sur deux lignes\n\n")


@pytest.mark.parametrize(
    ("title", "file_name"),
    [
        (TITLE, f"{SLUG}.md"),
        ("L'été où Noël « déménage » : œuvres d’État", "lete-ou-noel-demenage-oeuvres-detat.md"),
    ],
)
def test_slug_folds_accents_and_drops_guillemets_and_apostrophes(tmp_path, title, file_name):
    assert main(["--title", title, "--posts-dir", str(tmp_path)]) == 0

    (post,) = files_under(tmp_path)
    assert post.name == file_name
    assert post.read_text(encoding="utf-8").endswith(f"\n# {title}\n\n")


@pytest.mark.parametrize("title", ["", "   \n ", "« … » ?"])
def test_refuses_a_title_without_slug_and_writes_nothing(tmp_path, title, capsys):
    assert main(["--title", title, "--posts-dir", str(tmp_path)]) == 1

    assert capsys.readouterr().err.startswith("Article non créé : le titre ")
    assert files_under(tmp_path) == []


def test_refuses_a_tag_without_slug_and_writes_nothing(tmp_path, capsys):
    assert main(["--title", TITLE, "--tags", "design, « »", "--posts-dir", str(tmp_path)]) == 1

    assert "l’étiquette « « » »" in capsys.readouterr().err
    assert files_under(tmp_path) == []


@pytest.mark.parametrize(
    ("setting", "value", "message"),
    [
        (
            "blog_default_author",
            "—",
            "le build refuserait ce front matter, ligne 4 : champ author : « — » n’a ni lettre "
            "ni chiffre, sa page n’aurait pas d’adresse ; séparez les noms par des virgules, par exemple « author: camille, "
            "dominique »",
        ),
        (
            "language",
            ["fr", "en"],
            "le build refuserait ce front matter, ligne 6 : champ language : une liste n’est pas "
            "un texte ; écrivez « language: … » sur la même ligne, entre guillemets si le texte contient « : » ou « # »",
        ),
    ],
)
def test_refuses_settings_whose_front_matter_the_build_would_refuse_and_writes_nothing(
    tmp_path, setting, value, message
):
    # make post checks what it writes with the build's own reader and schema (sphinx_blog_fr._post_file).
    with pytest.raises(new_post.Refusal) as refusal:
        new_post.create_post(tmp_path, TITLE, "design", "", {**SETTINGS, setting: value})
    assert str(refusal.value) == message
    assert files_under(tmp_path) == []


@settings(derandomize=True, max_examples=60, deadline=None)
@given(title=st.text(min_size=1, max_size=30), tags=st.text(max_size=30), category=st.text(max_size=30))
def test_what_make_post_writes_the_build_reads_back_exactly(tmp_path_factory, title, tags, category):
    posts = tmp_path_factory.mktemp("posts")
    try:
        post = new_post.create_post(posts, title, tags, category, SETTINGS)
    except new_post.Refusal:
        assert files_under(posts) == []
        return
    parts = read_front_matter(read_post_text(post), SETTINGS["language"])  # the build's own reader
    assert parts.front_matter.tags == [new_post.one_line(tag) for tag in tags.split(",") if tag.strip()]
    assert parts.front_matter.category == [new_post.one_line(name) for name in category.split(",") if name.strip()]
    assert parts.front_matter.date.date() == paris_today()


def test_generated_post_builds_as_an_ablog_post(tmp_path):
    source, output = tmp_path / "site", tmp_path / "html"
    source.mkdir()
    (source / "conf.py").write_text('extensions = ["myst_parser", "ablog"]\nlanguage = "fr"\n', encoding="utf-8")
    (source / "index.md").write_text("# Accueil\n", encoding="utf-8")
    arguments = ["--title", TITLE, "--tags", "design, action publique", "--category", "Réflexions"]
    assert main([*arguments, "--posts-dir", str(source / "posts")]) == 0

    assert build_main(["-b", "html", "-q", "-W", str(source), str(output)]) == 0

    year = paris_today().year
    assert (output / "posts" / str(year) / f"{SLUG}.html").is_file()
    assert TITLE in html.unescape((output / "blog.html").read_text(encoding="utf-8"))
    for listing in [f"{year}", "author/auteur", "category/reflexions", "tag/design", "tag/action-publique"]:
        assert TITLE in html.unescape((output / "blog" / f"{listing}.html").read_text(encoding="utf-8")), listing
