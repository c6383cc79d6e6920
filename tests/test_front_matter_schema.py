"""The post schema, the strict YAML reading and the file reading: every post file builds as meant or gets one message.

Most checks call the build's own reader in-process (``sphinx_blog_fr._post_file``:
the text of a file, then its front matter checked by the strict YAML reader
and the schema), which the build, ``make post`` and the importer all use; a
few full builds (``make html``) check that files saved by common editors are
built as meant, and that faulty files each get their one message at their
line while every other post is still published.
"""

from __future__ import annotations

import codecs
import time
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import Build, make_html, post_source, source_digests
from sphinx_blog_fr._post_file import MAX_POST_BYTES, decode_post, read_front_matter
from sphinx_blog_fr._schema import FrontMatterError
from sphinx_blog_fr._slugs import slugify
from sphinx_blog_fr.commands._site import copy_site_machinery
from sphinx_blog_fr.wordpress.documents import PostHeader, post_text
from test_bad_input import EXPECTED_DATE, GOOD_POSTS, NOT_YAML, assert_good_posts_published, problems

BODY = "# Un article\n\nUn paragraphe.\n"
TEXT_KEYS = ("language", "redirect", "canonical_link", "external_link", "description", "og:title")
LABEL_KEYS = ("tags", "category", "author", "location")
FLAG_KEYS = ("exclude", "nocomments", "orphan")
NUMBER_KEYS = {
    "excerpt": "le nombre de paragraphes de l’extrait, par exemple « excerpt: 2 »",
    "image": "le numéro de l’image à montrer dans les listes, par exemple « image: 1 »",
}
TABLE_KEYS = ("html_meta", "substitutions", "myst")
LABEL_EXAMPLES = {
    "tags": "numérique, design",
    "category": "numérique, design",
    "author": "camille, dominique",
    "location": "Paris, Lyon",
}
#: Each shape a value can have: (how it is written, how the messages show it).
SHAPES = {
    "table": ("{a: b}", "une table « clé: valeur »"),
    "list": ("[a, b]", "une liste"),
    "number": ("12", "le nombre « 12 »"),
    "date": ("2020-01-15", "la date « 2020-01-15 »"),
    "empty": ("", "une valeur vide"),
    "flag": ("true", "« true »"),
    "text": ("bonjour", "« bonjour »"),
}
BLOGPOST_MISSING = "« blogpost: true » manque : tout fichier .md de posts/ est un article et commence par cette ligne"
AMBIGUOUS = (
    "se lit de plusieurs façons en YAML : pour un texte, mettez-le entre guillemets ; pour oui/non, "
    "écrivez true ou false ; pour un nombre, écrivez-le en chiffres, sans zéro devant"
)


def read(front_matter: str, body: str = BODY):
    """What the build's reader gives for a post with this front matter."""
    return read_front_matter(f"---\n{front_matter}---\n\n{body}", "fr")


def refusal(front_matter: str, body: str = BODY) -> tuple[int, str]:
    """The line and the message of the one problem the build's reader reports for this front matter."""
    with pytest.raises(FrontMatterError) as problem:
        read(front_matter, body)
    return problem.value.line, str(problem.value)


def expected_wrong_shape(key: str, shown: str) -> str:
    """The message for a value of *key* of the wrong shape, shown as *shown*."""
    if key in TEXT_KEYS:
        return (
            f"champ {key} : {shown} n’est pas un texte ; écrivez « {key}: … » sur la même ligne, "
            "entre guillemets si le texte contient « : » ou « # »"
        )
    if key in LABEL_KEYS:
        return (
            f"champ {key} : {shown} n’est ni un nom ni une liste de noms ; séparez les noms par des virgules, "
            f"par exemple « {key}: {LABEL_EXAMPLES[key]} »"
        )
    if key in FLAG_KEYS:
        return f"champ {key} : {shown} n’est ni true ni false ; écrivez « {key}: true »"
    if key in NUMBER_KEYS:
        return f"champ {key} : {shown} n’est pas un nombre ; écrivez {NUMBER_KEYS[key]}"
    if key in TABLE_KEYS:
        return f"champ {key} : {shown} n’est pas une table ; écrivez en dessous des lignes « nom: valeur » indentées de deux espaces"
    if key == "date":
        return f"champ date : {shown} n’est pas une date ; {EXPECTED_DATE}"
    return BLOGPOST_MISSING


def accepted_shapes(key: str) -> set[str]:
    return {
        **dict.fromkeys(TEXT_KEYS, {"text"}),
        **dict.fromkeys(LABEL_KEYS, {"text", "list", "number"}),
        **dict.fromkeys(FLAG_KEYS, {"flag"}),
        **dict.fromkeys(NUMBER_KEYS, {"number"}),
        **dict.fromkeys(TABLE_KEYS, {"table"}),
        "date": {"date", "empty", "text"},
        "blogpost": {"flag"},
    }[key]


WRONG_SHAPES = [
    pytest.param(key, shape, id=f"{key}-{shape}")
    for key in ("blogpost", "date", *TEXT_KEYS, *LABEL_KEYS, *FLAG_KEYS, *NUMBER_KEYS, *TABLE_KEYS)
    for shape in SHAPES
    if shape not in accepted_shapes(key)
]


@pytest.mark.parametrize(("key", "shape"), WRONG_SHAPES)
def test_a_value_of_the_wrong_shape_is_one_message_naming_the_key(key, shape):
    written, shown = SHAPES[shape]
    others = {"blogpost": "", "date": "blogpost: true\nlanguage: fr\n"}.get(key, "blogpost: true\ndate: 2020-01-15\n")
    assert refusal(f"{others}{key}: {written}\n") == (2 if key == "blogpost" else 4, expected_wrong_shape(key, shown))


@pytest.mark.parametrize(
    ("front_matter", "line", "message"),
    [
        (
            "tags: [design, {a: b}]\n",
            4,
            "champ tags : l’élément 2 de la liste, une table « clé: valeur », n’est pas un nom ; "
            "séparez les noms par des virgules, par exemple « tags: numérique, design »",
        ),
        (
            "tags: [design, 2020-01-15]\n",
            4,
            "champ tags : l’élément 2 de la liste, la date « 2020-01-15 », n’est pas un nom ; "
            "séparez les noms par des virgules, par exemple « tags: numérique, design »",
        ),
        (
            "category: ['a, b']\n",
            4,
            "champ category : l’élément 1 de la liste, « a, b », contient une virgule ; "
            "séparez les noms par des virgules, par exemple « category: numérique, design »",
        ),
        (
            "author: [—]\n",
            4,
            "champ author : « — » n’a ni lettre ni chiffre, sa page n’aurait pas d’adresse ; "
            "séparez les noms par des virgules, par exemple « author: camille, dominique »",
        ),
        (
            "html_meta:\n  description: [a]\n",
            4,
            "champ html_meta : la valeur de « description », une liste, n’est pas un texte",
        ),
        ("excerpt: -1\n", 4, f"champ excerpt : « -1 » est négatif ; écrivez {NUMBER_KEYS['excerpt']}"),
        (
            "image: 1.5\n",
            4,
            f"champ image : le nombre « 1.5 » n’est pas un nombre entier ; écrivez {NUMBER_KEYS['image']}",
        ),
        (
            "draft: true\n",
            4,
            "clé inconnue « draft » : un brouillon est un article sans « date » ou daté dans le futur",
        ),
        ("nocoments: true\n", 4, "clé inconnue « nocoments » ; vouliez-vous dire « nocomments » ?"),
        (
            "zzz: 1\n",
            4,
            "clé inconnue « zzz » ; les clés possibles : author, blogpost, canonical_link, category, date, "
            "description, excerpt, exclude, external_link, html_meta, image, language, location, myst, nocomments, "
            "orphan, redirect, series, substitutions, tags, updated",
        ),
    ],
    ids=[
        "list-item-table",
        "list-item-date",
        "label-with-comma",
        "label-without-slug",
        "table-value-list",
        "negative-number",
        "fraction",
        "draft-key",
        "misspelled-key",
        "unknown-key",
    ],
)
def test_values_inside_lists_and_tables_and_unknown_keys(front_matter, line, message):
    assert refusal("blogpost: true\ndate: 2020-01-15\n" + front_matter) == (line, message)


def test_every_key_of_the_schema_is_read_as_written():
    parts = read(
        "blogpost: true\ndate: 2020-01-15T09:30:00+01:00\nupdated: 2020-02-01\nseries: Un voyage\n"
        "tags: [design, 2017]\ncategory: Réflexions, Bilans\n"
        "author: camille\nlocation: Paris\nlanguage: fr\nexcerpt: 2\nimage: 0\nredirect: ancien/article\n"
        "exclude: false\nnocomments: true\norphan: false\ncanonical_link: https://exemple.fr/a\n"
        'external_link: https://exemple.fr/b\ndescription: "Un résumé : court"\nhtml_meta:\n  keywords: a, b\n'
        "substitutions:\n  nom: Camille\nmyst:\n  enable_extensions: [colon_fence]\nog:title: Un titre\n"
    )
    assert parts.front_matter.model_dump(by_alias=True) == {
        "blogpost": True,
        "date": datetime(2020, 1, 15, 9, 30, tzinfo=timezone(timedelta(hours=1))),
        "updated": datetime(2020, 2, 1),
        "series": "Un voyage",
        "tags": ["design", "2017"],
        "category": ["Réflexions", "Bilans"],
        "author": ["camille"],
        "location": ["Paris"],
        "language": "fr",
        "excerpt": 2,
        "image": 0,
        "redirect": "ancien/article",
        "exclude": False,
        "nocomments": True,
        "orphan": False,
        "canonical_link": "https://exemple.fr/a",
        "external_link": "https://exemple.fr/b",
        "description": "Un résumé : court",
        "html_meta": {"keywords": "a, b"},
        "substitutions": {"nom": "Camille"},
        "myst": {"enable_extensions": ["colon_fence"]},
        "og:*": {"og:title": "Un titre"},
    }
    assert parts.body_line == 28


# Strict YAML: what YAML accepts but no author means, and what costs unbounded work.
BILLION_LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{name}: &{name} [*{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}]\n"
    for previous, name in zip("abcdefgh", "bcdefghi", strict=False)
)


@pytest.mark.parametrize(
    ("front_matter", "line", "message"),
    [
        (
            "description: &texte Un texte\nlanguage: *texte\n",
            3,
            "champ description : ancre ou alias YAML (« & », « * ») : le front matter n’en a pas besoin, écrivez chaque valeur en entier",
        ),
        (
            BILLION_LAUGHS,
            3,
            "champ a : ancre ou alias YAML (« & », « * ») : le front matter n’en a pas besoin, "
            "écrivez chaque valeur en entier",
        ),
        (
            "description: !!python/object/apply:os.system [ls]\n",
            3,
            "champ description : étiquette YAML « !!python/object/apply:os.system » : le front matter n’en a pas besoin, "
            "écrivez la valeur seule (entre guillemets si c’est un texte)",
        ),
        (
            "description: !!str 12\n",
            3,
            "champ description : étiquette YAML « !!str » : le front matter n’en a pas besoin, "
            "écrivez la valeur seule (entre guillemets si c’est un texte)",
        ),
        ("<<: {tags: design}\n", 3, "clé de fusion YAML « << » : écrivez chaque clé en entier"),
        ("tags: design\ntags: numérique\n", 4, "clé « tags » écrite deux fois (lignes 3 et 4) : gardez-en une seule"),
        ("nocomments: yes\n", 3, f"champ nocomments : « yes » {AMBIGUOUS}"),
        ("tags: no\n", 3, f"champ tags : « no » {AMBIGUOUS}"),
        ("location: on\n", 3, f"champ location : « on » {AMBIGUOUS}"),
        ("excerpt: 010\n", 3, f"champ excerpt : « 010 » {AMBIGUOUS}"),
        ("excerpt: 0x1F\n", 3, f"champ excerpt : « 0x1F » {AMBIGUOUS}"),
        ("excerpt: 1_000\n", 3, f"champ excerpt : « 1_000 » {AMBIGUOUS}"),
        ("description: 1:20\n", 3, f"champ description : « 1:20 » {AMBIGUOUS}"),
        ("description: .inf\n", 3, f"champ description : « .inf » {AMBIGUOUS}"),
        (
            "myst: {a: [[[1]]]}\n",
            3,
            "champ myst : le front matter imbrique plus de 4 niveaux de listes ou de tables : "
            "un article n’en a pas besoin",
        ),
        ("? [a]\n: b\n", 3, "une clé est un nom, comme « tags », pas une liste ni une table"),
        ("2020: b\n", 3, "clé « 2020 » : une clé est un nom, comme « tags »"),
        (
            "description:\tUn texte\n",
            3,
            "champ description : tabulation dans le front matter : YAML n’y admet que des "
            "espaces ; remplacez-la par une espace",
        ),
        ("description: Un\x07texte\n", 3, "caractère invisible U+0007 dans le front matter : supprimez-le"),
        ("description: [a, b\n", 3, NOT_YAML),
    ],
    ids=[
        "alias",
        "billion-laughs",
        "python-tag",
        "str-tag",
        "merge-key",
        "duplicate-key",
        "yes",
        "no",
        "on",
        "octal",
        "hexadecimal",
        "underscore",
        "sexagesimal",
        "infinity",
        "too-deep",
        "complex-key",
        "number-key",
        "tab",
        "control-character",
        "unclosed-bracket",
    ],
)
def test_strict_yaml_refuses_what_no_author_means(front_matter, line, message):
    assert refusal("blogpost: true\n" + front_matter) == (line, message)


def test_without_libyaml_the_pure_python_loader_refuses_the_same(monkeypatch):
    import importlib

    from sphinx_blog_fr import _strict_yaml as strict_yaml

    monkeypatch.delattr(yaml, "CSafeLoader")
    try:
        importlib.reload(strict_yaml)
        assert strict_yaml.BASE_LOADER is yaml.SafeLoader
        assert strict_yaml.load_front_matter("blogpost: true\ntags: [a, b]\n") == (
            {"blogpost": True, "tags": ["a", "b"]},
            {"blogpost": 2, "tags": 3},
        )
        with pytest.raises(FrontMatterError, match="^champ tags : ancre ou alias YAML"):
            strict_yaml.load_front_matter("blogpost: true\ntags: &a [a, b]\n")
    finally:
        monkeypatch.undo()
        importlib.reload(strict_yaml)


def test_a_front_matter_that_is_not_a_table_is_refused():
    assert refusal("- blogpost: true\n") == (2, "le front matter doit être une suite de lignes « clé: valeur »")


def test_an_oversized_front_matter_is_refused_before_it_is_parsed():
    started = time.perf_counter()
    line, message = refusal("blogpost: true\n" + "description: " + "x" * 70_000 + "\n")
    assert (line, message) == (
        1,
        "le front matter fait 68 Kio, 64 au plus : un article n’a besoin que de quelques lignes « clé: valeur »",
    )
    assert time.perf_counter() - started < 1


def test_yaml_bombs_are_refused_in_a_moment():
    started = time.perf_counter()
    for bomb in (
        BILLION_LAUGHS,
        "a: " + "[" * 30_000 + "]" * 30_000 + "\n",
        "a: " + "{a: " * 10_000 + "}" * 10_000 + "\n",
    ):
        with pytest.raises(FrontMatterError):
            read("blogpost: true\n" + bomb)
    assert time.perf_counter() - started < 2


# Dates.
@pytest.mark.parametrize(
    ("written", "read_as"),
    [
        ("2020-01-15", datetime(2020, 1, 15)),
        ("2020-01-15T09:30", datetime(2020, 1, 15, 9, 30)),
        ("2020-01-15 09:30:00", datetime(2020, 1, 15, 9, 30)),
        ("2020-01-15T09:30:00Z", datetime(2020, 1, 15, 9, 30, tzinfo=UTC)),
        ("2020-01-15T09:30:00.5-05:00", datetime(2020, 1, 15, 9, 30, 0, 500000, tzinfo=timezone(timedelta(hours=-5)))),
        ("'2020-01-15'", datetime(2020, 1, 15)),
        ("1900-01-01", datetime(1900, 1, 1)),
        ("2999-12-31T23:59:59-12:00", datetime(2999, 12, 31, 23, 59, 59, tzinfo=timezone(timedelta(hours=-12)))),
        ("", None),
    ],
)
def test_dates_the_blog_accepts(written, read_as):
    assert read(f"blogpost: true\ndate: {written}\n").front_matter.date == read_as


@pytest.mark.parametrize(
    ("written", "problem"),
    [
        ("17-11-10", f"« 17-11-10 » n’est pas une date ISO 8601 ; {EXPECTED_DATE}"),
        ("0017-11-10", f"« 0017-11-10 » : l’année 17 n’est pas entre 1900 et 2999 ; {EXPECTED_DATE}"),
        ("0001-01-01", f"« 0001-01-01 » : l’année 1 n’est pas entre 1900 et 2999 ; {EXPECTED_DATE}"),
        (
            "9999-12-31T23:59:59-12:00",
            f"« 9999-12-31T23:59:59-12:00 » : l’année 9999 n’est pas entre 1900 et 2999 ; {EXPECTED_DATE}",
        ),
        ("10000-01-01", f"« 10000-01-01 » n’est pas une date ISO 8601 ; {EXPECTED_DATE}"),
        (
            "2020-01-15T23:59:60",
            f"l’heure ou le décalage horaire de « 2020-01-15T23:59:60 » est illisible ; {EXPECTED_DATE}",
        ),
        ("2020-01-15T24:00", f"l’heure ou le décalage horaire de « 2020-01-15T24:00 » est illisible ; {EXPECTED_DATE}"),
        (
            "2020-01-15T09:30+25:00",
            f"l’heure ou le décalage horaire de « 2020-01-15T09:30+25:00 » est illisible ; {EXPECTED_DATE}",
        ),
        ("2020-13-01", f"« 2020-13-01 » n’existe pas : il n’y a pas de mois 13 ; {EXPECTED_DATE}"),
        ("2020-W03-1", f"« 2020-W03-1 » n’est pas une date ISO 8601 ; {EXPECTED_DATE}"),
        ("20200115", f"le nombre « 20200115 » n’est pas une date ; {EXPECTED_DATE}"),
    ],
)
def test_dates_the_blog_refuses(written, problem):
    assert refusal(f"blogpost: true\ndate: {written}\n") == (3, f"champ date : {problem}")


# Files as editors save them.
PLAIN = "---\nblogpost: true\ndate: 2020-01-15\ntags: design\n---\n\n# Un article\n\nUn paragraphe.\n"


@pytest.mark.parametrize(
    "data",
    [
        codecs.BOM_UTF8 + PLAIN.encode(),
        PLAIN.replace("\n", "\r\n").encode(),
        PLAIN.replace("\n", "\r").encode(),
        codecs.BOM_UTF8 + PLAIN.replace("\n", "\r\n").encode(),
        PLAIN.replace("\n", "  \n").replace("---  \n", "--- \n").encode(),
        PLAIN.rstrip("\n").encode(),
    ],
    ids=["bom", "crlf", "cr", "bom-crlf", "trailing-spaces", "no-final-newline"],
)
def test_files_as_editors_save_them_read_as_meant(data):
    parts = read_front_matter(decode_post(data), "fr")
    assert (parts.front_matter.date, parts.front_matter.tags, parts.body_line) == (datetime(2020, 1, 15), ["design"], 6)


@pytest.mark.parametrize(
    ("data", "line", "message"),
    [
        (
            "---\nblogpost: true\n---\n\n# Été\n".encode("cp1252"),
            5,
            "le fichier n’est pas en UTF-8 : l’octet 0xC9 (ligne 5, colonne 3) n’est pas de l’UTF-8, le fichier a sans "
            "doute été enregistré en Latin-1 ou Windows-1252 ; enregistrez-le en UTF-8",
        ),
        (
            "---\r\nblogpost: true\r\n---\r\n\r\n# Un été\r\n".encode("cp1252"),
            5,
            "le fichier n’est pas en UTF-8 : l’octet 0xE9 (ligne 5, colonne 6) n’est pas de l’UTF-8, le fichier a sans "
            "doute été enregistré en Latin-1 ou Windows-1252 ; enregistrez-le en UTF-8",
        ),
        (
            codecs.BOM_UTF16_LE + PLAIN.encode("utf-16-le"),
            1,
            "le fichier est enregistré en UTF-16 : enregistrez-le en UTF-8",
        ),
        (
            codecs.BOM_UTF16_BE + PLAIN.encode("utf-16-be"),
            1,
            "le fichier est enregistré en UTF-16 : enregistrez-le en UTF-8",
        ),
        (
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            3,
            "le fichier contient un octet nul (ligne 3, colonne 1) : c’est un fichier binaire, pas un article ; "
            "sortez-le de posts/ ou enregistrez l’article en texte UTF-8",
        ),
        (
            PLAIN.replace("Un paragraphe", "Un\0paragraphe").encode(),
            9,
            "le fichier contient un octet nul (ligne 9, colonne 3) : c’est un fichier binaire, pas un article ; "
            "sortez-le de posts/ ou enregistrez l’article en texte UTF-8",
        ),
    ],
    ids=["latin-1", "windows-1252-crlf", "utf-16-le", "utf-16-be", "png", "nul-byte"],
)
def test_a_file_that_is_not_utf8_text_is_one_message_at_its_line(data, line, message):
    with pytest.raises(FrontMatterError) as problem:
        decode_post(data)
    assert (problem.value.line, str(problem.value)) == (line, message)


# Full builds.
def build_files(workdir: Path, files: dict[str, str | bytes]) -> Build:
    """Build a small site of this repository's machinery and *files*, written byte for byte when bytes."""
    srcdir = workdir / "src"
    copy_site_machinery(srcdir)
    (srcdir / "index.md").write_text("# Accueil\n", encoding="utf-8")
    for path, content in files.items():
        (srcdir / path).parent.mkdir(parents=True, exist_ok=True)
        (srcdir / path).write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    sources = source_digests(srcdir)
    build = make_html(srcdir, workdir / "build")
    build.sources_before = sources
    return build


def saved_by_an_editor(title: str, day: str, tag: str, encode) -> bytes:
    return encode(post_source(title, date=day, tags=tag))


EDITORS = {
    "posts/2021/bom.md": ("Avec BOM", "2021-01-10", "windows", lambda text: codecs.BOM_UTF8 + text.encode()),
    "posts/2021/crlf.md": ("Fins de ligne CRLF", "2021-02-10", "dos", lambda text: text.replace("\n", "\r\n").encode()),
    "posts/2021/cr.md": ("Fins de ligne CR", "2021-03-10", "mac", lambda text: text.replace("\n", "\r").encode()),
    "posts/2021/bom-crlf.md": (
        "BOM et CRLF",
        "2021-04-10",
        "bloc-notes",
        lambda text: codecs.BOM_UTF8 + text.replace("\n", "\r\n").encode(),
    ),
    "posts/2021/espaces.md": (
        "Espaces en fin de ligne",
        "2021-05-10",
        "espaces",
        lambda text: text.replace("\n", "   \n").encode(),
    ),
    "posts/2021/sans-fin.md": ("Sans fin de ligne", "2021-06-10", "vim", lambda text: text.rstrip("\n").encode()),
    "posts/1899/bord.md": ("Au bord des dates", "1900-01-01T00:00:00+14:00", "bord", str.encode),
}


def test_files_as_editors_save_them_are_built_as_meant(tmp_path):
    build = build_files(
        tmp_path,
        {
            **GOOD_POSTS,
            **{path: saved_by_an_editor(*post) for path, post in EDITORS.items()},
        },
    )
    assert build.returncode == 0, build.output
    shown_days = {"posts/1899/bord.md": ("1899-12-31", "31 décembre 1899")}
    for path, (title, day, tag, _) in EDITORS.items():
        page = build.page(path.replace(".md", ".html"))
        assert page.select_one("h1").get_text().rstrip("#¶") == title
        shown = page.select_one(".blog-post-meta time")
        expected = shown_days.get(path) or (
            day,
            f"{int(day[8:])} {['janvier', 'février', 'mars', 'avril', 'mai', 'juin'][int(day[5:7]) - 1]} 2021",
        )
        assert (shown["datetime"], shown.get_text()) == expected, path
        assert page.select_one(f".blog-post-meta a[href$='blog/tag/{tag}.html']").get_text().strip() == tag
    assert_good_posts_published(build)


BAD_FILES = {
    "posts/2020/latin1.md": (
        "---\nblogpost: true\ndate: 2020-01-15\n---\n\n# Été\n\nUn paragraphe.\n".encode("cp1252"),
        6,
        "le fichier n’est pas en UTF-8 : l’octet 0xC9 (ligne 6, colonne 3) n’est pas de l’UTF-8, le "
        "fichier a sans doute été enregistré en Latin-1 ou Windows-1252 ; enregistrez-le en UTF-8",
    ),
    "posts/2020/utf16.md": (
        codecs.BOM_UTF16_LE + post_source("En UTF-16").encode("utf-16-le"),
        1,
        "le fichier est enregistré en UTF-16 : enregistrez-le en UTF-8",
    ),
    "posts/2020/image.md": (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        3,
        "le fichier contient un octet nul (ligne 3, colonne 1) : c’est un fichier binaire, pas un "
        "article ; sortez-le de posts/ ou enregistrez l’article en texte UTF-8",
    ),
    "posts/2020/enorme.md": (
        post_source("Énorme", body="Un paragraphe.\n\n" * (MAX_POST_BYTES // 16)).encode(),
        1,
        "le fichier fait plus de 256 Kio : trop pour un article, qui même long en fait moins de "
        "100 ; coupez-le en plusieurs articles",
    ),
    "posts/2020/crochets.md": (
        post_source("Des crochets", body="[" * 100_000).encode(),
        9,
        "trop de signes de mise en forme Markdown ([ ] ( ) < > * _ ` ~ $ ! \\) : 100000 dans ce "
        "paragraphe ; l’article serait trop long à lire ; coupez les longs paragraphes, ou "
        "mettez ce texte dans un bloc de code (```)",
    ),
    "posts/2020/bombe.md": (
        ("---\nblogpost: true\n" + BILLION_LAUGHS + "---\n\n# Une bombe\n\nUn paragraphe.\n").encode(),
        3,
        "champ a : ancre ou alias YAML (« & », « * ») : le front matter n’en a pas besoin, "
        "écrivez chaque valeur en entier",
    ),
    "posts/2020/an-1.md": (
        post_source("An 1", date="0001-01-01").encode(),
        3,
        f"champ date : « 0001-01-01 » : l’année 1 n’est pas entre 1900 et 2999 ; {EXPECTED_DATE}",
    ),
    "posts/2020/an-9999.md": (
        post_source("An 9999", date="9999-12-31T23:59:59-12:00").encode(),
        3,
        f"champ date : « 9999-12-31T23:59:59-12:00 » : l’année 9999 n’est pas entre 1900 et 2999 ; {EXPECTED_DATE}",
    ),
    "posts/2020/seconde.md": (
        post_source("Seconde intercalaire", date="2016-12-31T23:59:60").encode(),
        3,
        f"champ date : l’heure ou le décalage horaire de « 2016-12-31T23:59:60 » est illisible ; {EXPECTED_DATE}",
    ),
    "posts/2020/table.md": (
        post_source("Une table", tags="{a: b}").encode(),
        4,
        "champ tags : une table « clé: valeur » n’est ni un nom ni une liste de noms ; séparez les "
        "noms par des virgules, par exemple « tags: numérique, design »",
    ),
    "posts/2020/oui.md": (
        post_source("Oui", extra="nocomments: yes").encode(),
        4,
        f"champ nocomments : « yes » {AMBIGUOUS}",
    ),
}


def test_faulty_files_each_get_one_message_and_every_other_post_is_built(tmp_path):
    started = time.perf_counter()
    build = build_files(tmp_path, {**GOOD_POSTS, **{path: data for path, (data, _, _) in BAD_FILES.items()}})
    assert build.returncode != 0, build.output
    assert "Traceback" not in build.output and "Exception occurred" not in build.output, build.output
    assert sorted(problems(build)) == sorted(
        (f"{build.srcdir / path}:{line}", message) for path, (_, line, message) in BAD_FILES.items()
    ), build.output
    assert source_digests(build.srcdir) == build.sources_before
    assert_good_posts_published(build)
    assert time.perf_counter() - started < 120


# Property: front matters generated from the schema, and mutations of them.
LABEL = st.text(alphabet="abcdéèœçÉ’-' 0123456789", min_size=1, max_size=12).filter(
    lambda label: any(c.isalnum() for c in label)
)
TEXT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=20
)
OFFSET = st.integers(-12 * 60, 14 * 60).map(lambda minutes: timezone(timedelta(minutes=minutes)))
MOMENT = st.one_of(
    st.dates(date(1900, 1, 2), date(2999, 12, 30)),
    st.datetimes(datetime(1900, 1, 2), datetime(2999, 12, 30), timezones=st.none() | OFFSET),
)
VALUES = {
    **dict.fromkeys(TEXT_KEYS, TEXT),
    **dict.fromkeys(LABEL_KEYS, st.lists(LABEL, min_size=1, max_size=4)),
    **dict.fromkeys(FLAG_KEYS, st.booleans()),
    **dict.fromkeys(NUMBER_KEYS, st.integers(0, 10_000)),
    **dict.fromkeys(TABLE_KEYS[:2], st.dictionaries(st.from_regex(r"[a-z]{1,8}", fullmatch=True), TEXT, max_size=3)),
    "date": MOMENT,
}
WRONG = {
    "text": st.one_of(
        st.integers(),
        st.booleans(),
        st.none(),
        st.lists(TEXT, max_size=2),
        st.dates(),
        st.floats(allow_nan=False, allow_infinity=False),
    ),
    "labels": st.one_of(st.booleans(), st.none(), st.dates(), st.dictionaries(TEXT, TEXT, min_size=1, max_size=2)),
    "flag": st.one_of(st.integers(), TEXT, st.none(), st.dates(), st.lists(st.booleans(), min_size=1, max_size=2)),
    "number": st.one_of(
        st.integers(max_value=-1), TEXT, st.none(), st.booleans(), st.floats(allow_nan=False, allow_infinity=False)
    ),
    "table": st.one_of(st.integers(), TEXT, st.none(), st.lists(TEXT, max_size=2)),
    "date": st.one_of(
        st.integers(),
        st.booleans(),
        st.lists(st.dates(), min_size=1, max_size=2),
        st.dictionaries(TEXT, TEXT, min_size=1, max_size=2),
    ),
}


def kind(key: str) -> str:
    if key in LABEL_KEYS:
        return "labels"
    if key in FLAG_KEYS:
        return "flag"
    if key in NUMBER_KEYS:
        return "number"
    if key in TABLE_KEYS:
        return "table"
    return "date" if key == "date" else "text"


def expected_value(key: str, value: object) -> object:
    """What the schema gives for *value* written for *key*."""
    if key in LABEL_KEYS:
        return [label.strip() for label in value if label.strip()]
    if key == "date":
        return value if isinstance(value, datetime) else datetime.combine(value, datetime.min.time())
    return value


def yaml_lines(key: str, value: object, as_text: bool) -> str:
    if key in LABEL_KEYS and as_text:
        value = ", ".join(value)
    return yaml.safe_dump({key: value}, allow_unicode=True, width=10_000, sort_keys=False)


front_matters = st.dictionaries(st.sampled_from(sorted(VALUES)), st.none(), max_size=8).flatmap(
    lambda keys: st.fixed_dictionaries({key: VALUES[key] for key in keys})
)
mutations = st.one_of(
    st.none(),
    st.tuples(st.just("shape"), st.sampled_from(sorted(VALUES)), st.data()),
    st.tuples(
        st.just("unknown"), st.sampled_from(["tag", "categorie", "autor", "titre", "title", "draft", "dat"]), st.none()
    ),
    st.tuples(st.just("no-blogpost"), st.none(), st.none()),
    st.tuples(
        st.just("ambiguous"),
        st.sampled_from(sorted(VALUES)),
        st.sampled_from(["yes", "off", "017", "0x1f", "1:30", "&a x", "!!str x", ".NaN"]),
    ),
)


@settings(derandomize=True, max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(values=front_matters, mutation=mutations, as_text=st.booleans())
def test_generated_front_matters_read_as_written_or_get_one_message_naming_the_key(values, mutation, as_text):
    values = dict(values)
    blogpost, key = "blogpost: true\n", None
    if mutation and mutation[0] == "shape":
        key = mutation[1]
        values[key] = mutation[2].draw(WRONG[kind(key)])
    lines = {name: yaml_lines(name, value, as_text and name != key) for name, value in values.items()}
    if mutation and mutation[0] == "unknown":
        key = mutation[1]
        lines[key] = f"{key}: x\n"
    if mutation and mutation[0] == "no-blogpost":
        blogpost, key = "", "blogpost"
    if mutation and mutation[0] == "ambiguous":
        key = mutation[1]
        lines[key] = f"{key}: {mutation[2]}\n"
    text = blogpost + "".join(lines.values())
    try:
        parts = read(text)
    except FrontMatterError as problem:
        assert key is not None, (text, str(problem))
        assert f"« {key}" in str(problem) or str(problem).startswith(f"champ {key} : "), (text, str(problem))
        starts = [2 + text[: text.index(lines[key])].count("\n")] if key in lines else [2]
        assert problem.line in starts, (text, problem.line)
        return
    assert key is None, ("a mutated front matter was accepted", text)
    read_values = parts.front_matter.model_dump(by_alias=True)
    for name, value in values.items():
        got = read_values["og:*"][name] if name.startswith("og:") else read_values[name]
        assert got == expected_value(name, value), (name, text)
    # MyST reads the front matter again with PyYAML's pure-Python safe loader: it must read the same values.
    assert {key: value for key, value in yaml.safe_load(text).items() if key != "date"} == {
        key: value for key, value in parts.values.items() if key != "date"
    }, text


@settings(derandomize=True, max_examples=60, deadline=None)
@given(
    author=st.text(max_size=12),
    categories=st.lists(st.text(max_size=12), max_size=3),
    tags=st.lists(st.text(max_size=12), max_size=3),
    year=st.integers(1, 9999),
)
def test_the_importer_never_writes_a_front_matter_the_build_refuses(author, categories, tags, year):
    header = PostHeader(datetime(year, 6, 1, 9, 30), author, categories, tags, "fr", None)
    text = post_text(header, "Un article", "Un paragraphe.\n")
    parts = read_front_matter(text, "fr")
    assert parts.front_matter.date == (datetime(year, 6, 1, 9, 30) if 1900 <= year <= 2999 else None)
    assert parts.front_matter.tags == [tag.strip() for tag in tags if tag.strip() and "," not in tag and slugify(tag)]


@settings(derandomize=True, max_examples=2, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    values=st.fixed_dictionaries(
        {
            "tags": st.lists(st.from_regex(r"[a-zé]{3,10}", fullmatch=True), min_size=1, max_size=3, unique=True),
            "day": st.dates(date(1990, 1, 1), date(2019, 12, 31)),
            "description": TEXT,
        }
    )
)
def test_generated_posts_build_showing_what_was_written(tmp_path_factory, values):
    front_matter = yaml.safe_dump(
        {"blogpost": True, "date": values["day"], "tags": values["tags"], "description": values["description"]},
        allow_unicode=True,
        sort_keys=False,
    )
    path = f"posts/{values['day'].year}/genere.md"
    build = build_files(
        tmp_path_factory.mktemp("generated"),
        {**GOOD_POSTS, path: f"---\n{front_matter}---\n\n# Un article généré\n\nUn paragraphe.\n"},
    )
    assert build.returncode == 0, build.output
    page = build.page(path.replace(".md", ".html"))
    assert page.select_one(".blog-post-meta time")["datetime"] == values["day"].isoformat()
    shown = {link.get_text().strip() for link in page.select(".blog-post-meta a[href*='blog/tag/']")}
    assert shown == set(values["tags"])
