"""Command-line input is data: ``make post`` and ``make import`` never run what TITLE, TAGS, CATEGORY,
WXR, UPLOADS, FORCE, CATEGORY_BASE or TAG_BASE hold, and hand it to the Python command verbatim.

Each test runs the real Makefile with ``make``, as the author does, in a copy
of the blog (Makefile, conf.py) in a temporary folder, so that the
post or import lands there; the repository's .venv is used as it is (``-o``
tells make not to rebuild it). The hostile values try every way in: make's
own ``$(shell …)``, the shell's ``$(…)``, backticks, quotes, ``;`` and a line
break, each one touching a marker file if it ever runs.
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from sphinx_blog_fr._slugs import MAX_SLUG_LENGTH

REPOSITORY = Path(__file__).resolve().parents[2]
VENV = REPOSITORY / ".venv"
#: Where hostile values try to create files, relative to the blog's root, where make runs commands.
MARKERS = "../markers"


def hostile(label: str) -> str:
    """A value that creates a marker file in ``../markers`` (beside the blog) through any expansion,
    with every kind of quote."""
    return (
        f"{label} $(shell touch {MARKERS}/make-shell) $$(touch {MARKERS}/dollar-dollar) "
        f"$(touch {MARKERS}/dollar) `touch {MARKERS}/backtick` \" ' ; touch {MARKERS}/semicolon\n"
        f"touch {MARKERS}/newline « fin »"
    )


@pytest.fixture
def blog(tmp_path: Path) -> Path:
    """A copy of the blog's command machinery, where ``make post`` and ``make import`` write."""
    root = tmp_path / "blog"
    root.mkdir()
    shutil.copy2(REPOSITORY / "Makefile", root / "Makefile")
    shutil.copy2(REPOSITORY / "conf.py", root / "conf.py")
    (tmp_path / "markers").mkdir()
    return root


def make(root: Path, target: str, **variables: str) -> subprocess.CompletedProcess:
    """Run ``make TARGET VAR=value…`` in *root*, each assignment one argument (no shell in between)."""
    stamp = f"{VENV}/{'build' if target == 'post' else 'dev'}.stamp"
    assignments = [f"{name}={value}" for name, value in variables.items()]
    return subprocess.run(
        ["make", "--no-print-directory", "--directory", str(root), target, f"VENV={VENV}", "-o", stamp, *assignments],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )


def markers(root: Path) -> list[str]:
    """The marker files a hostile value created, if any ran."""
    return sorted(path.name for path in (root.parent / "markers").iterdir())


def test_make_post_writes_a_hostile_title_tags_and_category_verbatim_and_runs_none(blog: Path) -> None:
    title, tags, category = (hostile(label) for label in ("Titre", "étiquette", "Catégorie"))

    result = make(blog, "post", TITLE=title, TAGS=tags, CATEGORY=category)

    assert result.returncode == 0, result.stderr
    assert markers(blog) == []
    post = Path(result.stdout.strip())
    assert post.parent.parent == blog / "posts"
    text = post.read_text(encoding="utf-8")
    one_line = " ".join(title.split())
    assert f"\n# {one_line}\n" in text
    assert "$(shell touch" in text and "$$(touch" in text and "`touch" in text


@pytest.mark.parametrize(
    "title",
    [
        "$(shell touch {markers}/make-shell)",
        "$$(touch {markers}/dollar-dollar)",
        "`touch {markers}/backtick`",
        'Un "titre" ; touch {markers}/semicolon',
        "Deux lignes\n$(touch {markers}/newline)",
        "x$(",
        "$(TITLE)",
    ],
)
def test_make_post_keeps_each_hostile_title_as_typed(blog: Path, title: str) -> None:
    title = title.format(markers=MARKERS)

    result = make(blog, "post", TITLE=title)

    assert markers(blog) == []
    assert result.returncode == 0, result.stderr
    assert f"\n# {' '.join(title.split())}\n" in Path(result.stdout.strip()).read_text(encoding="utf-8")


def test_make_post_refuses_a_title_too_long_for_a_file_name_in_french(blog: Path) -> None:
    result = make(blog, "post", TITLE="Un titre beaucoup trop long " * 40)

    assert result.returncode != 0
    assert "Article non créé : le titre est trop long pour un nom de fichier" in result.stderr
    assert f"{MAX_SLUG_LENGTH} au plus" in result.stderr
    assert "Traceback" not in result.stderr and "OSError" not in result.stderr
    assert not (blog / "posts").exists() or not any((blog / "posts").rglob("*.md"))


def test_make_import_names_a_missing_hostile_file_verbatim_and_runs_nothing(blog: Path) -> None:
    wxr = hostile("export").replace("\n", " ") + ".xml"

    result = make(
        blog,
        "import",
        WXR=wxr,
        UPLOADS=hostile("images"),
        FORCE=hostile("f"),
        CATEGORY_BASE=hostile("rubrique"),
        TAG_BASE=hostile("mot"),
    )

    assert markers(blog) == []
    assert result.returncode != 0
    assert f"Erreur : le fichier d’export {wxr} n’existe pas." in result.stderr
    assert "Traceback" not in result.stderr


def test_make_import_reads_an_export_and_uploads_whose_names_hold_quotes_and_dollars(blog: Path) -> None:
    # A file name cannot hold "/": these markers would land in the blog's root, where make runs.
    name = 'mon "export" $(touch dollar) `touch backtick` ; l’été'
    wxr = blog / f"{name}.xml"
    shutil.copy2(REPOSITORY / "tests/importer/fixtures/blog-fr.xml", wxr)
    uploads = blog / f"images {name}"
    (uploads / "2017/11").mkdir(parents=True)
    (uploads / "2017/11/seminaire.jpg").write_bytes(b"JPEG")

    result = make(blog, "import", WXR=str(wxr), UPLOADS=str(uploads))

    assert markers(blog) == [] and not (blog / "dollar").exists() and not (blog / "backtick").exists()
    assert result.returncode == 0, result.stderr
    assert (blog / "posts/2017/la-diffusion-de-linnovation.md").is_file()
    assert (blog / "posts/2017/la-diffusion-de-linnovation/seminaire.jpg").read_bytes() == b"JPEG"


def test_make_import_refuses_a_hostile_category_or_tag_prefix_verbatim_and_runs_nothing(blog: Path) -> None:
    wxr = blog / "export.xml"
    shutil.copy2(REPOSITORY / "tests/importer/fixtures/blog-fr.xml", wxr)
    for variable in ("CATEGORY_BASE", "TAG_BASE"):
        prefix = hostile(variable)
        result = make(blog, "import", WXR=str(wxr), **{variable: prefix})

        assert markers(blog) == []
        assert result.returncode == 2
        assert f"Erreur : le préfixe « {prefix} » doit être fait de minuscules" in result.stderr
        assert not (blog / "redirects.json").exists()


def test_make_import_redirects_the_old_blog_s_custom_category_and_tag_prefixes(blog: Path) -> None:
    wxr = blog / "export.xml"
    shutil.copy2(REPOSITORY / "tests/importer/fixtures/blog-fr.xml", wxr)

    result = make(blog, "import", WXR=str(wxr), CATEGORY_BASE="sujets/rubrique", TAG_BASE="mot-cle")

    assert result.returncode == 0, result.stderr
    old_addresses = json.loads((blog / "redirects.json").read_text(encoding="utf-8"))["pages"]
    assert any(docname.startswith("sujets/rubrique/") for docname in old_addresses)
    assert any(docname.startswith("mot-cle/") for docname in old_addresses)
    assert not any(docname.startswith(("category/", "tag/")) for docname in old_addresses)


def test_make_import_without_wxr_prints_the_usage_in_french(blog: Path) -> None:
    result = make(blog, "import")

    assert result.returncode == 2
    assert "Utilisation : make import WXR=export.xml" in result.stderr
