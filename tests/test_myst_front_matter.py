"""MyST reads each front matter with libyaml, into exactly what PyYAML's own parser gave it."""

from __future__ import annotations

import datetime
import pickle
import random

import pytest
import yaml

from sphinx_blog_fr._myst_front_matter import read_like_safe_load

#: Front matters libyaml reads, with what MyST read in them before (yaml.safe_load).
READ_BY_LIBYAML = {
    "blogpost: true\ndate: 2020-01-15\ntags: [numérique, « État », mooc]\nlanguage: fr\n": {
        "blogpost": True,
        "date": datetime.date(2020, 1, 15),
        "tags": ["numérique", "« État »", "mooc"],
        "language": "fr",
    },
    "date: 2024-01-15T09:30:00+01:00\ntags:\n  - a b\n  - c\nexcerpt: 2\nnote: 1.5\nrien: ~\n": {
        "date": datetime.datetime(2024, 1, 15, 9, 30, tzinfo=datetime.timezone(datetime.timedelta(hours=1))),
        "tags": ["a b", "c"],
        "excerpt": 2,
        "note": 1.5,
        "rien": None,
    },
    "title: \"L’« État » \\\"agile\\\" : Pourquoi ?\"\ndescription: 'l''usager, d’abord'\n": {
        "title": 'L’« État » "agile" : Pourquoi ?',
        "description": "l'usager, d’abord",
    },
    "myst:\n  enable_extensions: [colon_fence]\ntitle: Bravo ! Toto & Cie > 2 # commentaire\n": {
        "myst": {"enable_extensions": ["colon_fence"]},
        "title": "Bravo ! Toto & Cie > 2",
    },
}

#: Front matters libyaml may read otherwise than PyYAML's own parser: left to yaml.safe_load.
LEFT_TO_PYYAML = (
    "title: a\tb\n",
    "\ufefftitle: a\n",
    "title: !\n",
    "title: |#\n",
    "titre: &a x\ncopie: *a\n",
    "tags: [Pourquoi ?]\n",
    "{a:}\n",
    "a: " + "[" * 20 + "]" * 20 + "\n",
    "pas: [du yaml\n",
)

PIECES = (
    *("a", "tags", ": ", ":", "- ", "-", " ", "  ", "\n", "\n  ", "\n- ", "#", " #", "'", '"', "[", "]", "{", "}"),
    *(",", ", ", "?", "? ", " ?", "&x", "*x", "!", " !", "!!str ", "|", ">", "%", "@", "`", "~", "null", "yes"),
    *("2024-01-02", "2024-01-02 10:00", "12:30", "1.5", "1e3", "0x1F", "010", "1_000", ".inf", "é", "«", "»"),
    *("\u2028", "\x85", "\ufeff", "\u3000", "\t", "\r", "\\", "\\n", "\\/", "\\x41", "...", "---", "<<", "Bravo !"),
)


def _typed(data: object) -> object:
    """*data* with the type of each value, so that 1 and True, or a date and its text, differ."""
    if isinstance(data, dict):
        return {_typed(key): _typed(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_typed(value) for value in data]
    return type(data), data


@pytest.mark.parametrize("text", sorted(READ_BY_LIBYAML))
def test_libyaml_reads_a_front_matter_into_what_pyyaml_read(text):
    assert _typed(read_like_safe_load(text)) == _typed(READ_BY_LIBYAML[text]) == _typed(yaml.safe_load(text))


@pytest.mark.parametrize("text", LEFT_TO_PYYAML)
def test_a_text_libyaml_may_read_otherwise_is_left_to_pyyaml(text):
    assert read_like_safe_load(text) is None


def test_libyaml_never_reads_a_text_otherwise_than_pyyaml():
    """Random texts made of YAML's pieces: what libyaml reads, PyYAML's own parser reads the same."""
    pieces = random.Random(18)
    read = 0
    for _ in range(20_000):
        text = "".join(pieces.choices(PIECES, k=pieces.randint(1, 12)))
        data = read_like_safe_load(text)
        if data is not None:
            read += 1
            assert _typed(data) == _typed(yaml.safe_load(text)), repr(text)
    assert read > 3_000


def test_myst_gives_a_page_the_front_matter_it_gave_before(build_test_site):
    """A post, a page with other front matter and a page without: what MyST noted of each front matter."""
    build = build_test_site(
        {
            "posts/2020/premier.md": "---\nblogpost: true\ndate: 2020-01-15\ntags: [numérique, mooc]\n"
            "language: fr\n---\n\n# Premier\n\nUn paragraphe.\n",
            "pages/apropos.md": '---\ntitle: "L’« État » \\"agile\\""\nauteurs: [Anne, Paul]\nmise_a_jour: 2021-03-04\n'
            "myst:\n  enable_extensions: [colon_fence]\n---\n\n# À propos\n\n:::{note}\nUne note.\n:::\n",
            "pages/sans.md": "# Sans front matter\n\nUn paragraphe.\n",
        },
        index="# Accueil\n\n```{toctree}\n:hidden:\n\npages/apropos\npages/sans\n```\n",
    )
    assert build.returncode == 0, build.output
    metadata = pickle.loads((build.html.parent / "doctrees" / "environment.pickle").read_bytes()).metadata
    post = {key: metadata["posts/2020/premier"][key] for key in ("blogpost", "date", "tags", "language")}
    assert post == {"blogpost": "True", "date": "2020-01-15 00:00:00", "tags": "numérique, mooc", "language": "fr"}
    page = {key: metadata["pages/apropos"][key] for key in ("title", "authors", "mise_a_jour")}
    assert page == {"title": 'L’« État » "agile"', "authors": ['["Anne"', '"Paul"]'], "mise_a_jour": "2021-03-04"}
    assert "myst" not in metadata["pages/apropos"]
    assert set(metadata["pages/sans"]) == set(metadata["index"]) == {"myst_slugs", "wordcount"}
    assert 'class="admonition note"' in (build.html / "pages" / "apropos.html").read_text(encoding="utf-8")


def test_each_reading_of_a_front_matter_gets_values_of_its_own():
    # MyST reads each front matter twice in a row; the second reading is a copy, which MyST may change.
    text = "tags: [design, agilité]\ndate: 2020-03-04\n"
    first = read_like_safe_load(text)
    first["tags"].append("ajouté")
    first["date"] = None
    assert read_like_safe_load(text) == yaml.safe_load(text)
