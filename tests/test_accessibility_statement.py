"""The « Accessibilité » page: an RGAA-shaped statement made from what the tests check.

On a small test site: the page is linked from every footer, has the
sections RGAA statements have, lists every page type the browser tests run
axe-core on (sphinx_blog_fr._accessibility_checks.PAGE_TYPES) in light and dark mode, the
criteria axe tests, the known limits, and is dated by the newest post,
never by the build's clock. The list it is made from
(``blog_accessibility_checks``) is checked against the tests it describes
and against axe-core's own rules.
"""

from __future__ import annotations

import json
import re

import pytest

from conftest import ROOT, Build, build_site, post_source
from sphinx_blog_fr import _accessibility_checks as checks
from sphinx_blog_fr._accessibility import checker_versions
from sphinx_blog_fr._accessibility_checks import PAGE_TYPES

PAGE = "blog/accessibilite.html"
SECTIONS = [
    "État de conformité",
    "Résultats des tests",
    "Contenus non accessibles",
    "Établissement de cette déclaration",
    "Retour d’information et contact",
    "Voies de recours",
]
LOCK = json.dumps(
    {"packages": {"node_modules/axe-core": {"version": "9.8.7"}, "node_modules/vnu-jar": {"version": "1.2.3"}}}
)


@pytest.fixture(scope="module")
def blog(tmp_path_factory: pytest.TempPathFactory) -> Build:
    build = build_site(
        tmp_path_factory.mktemp("accessibility"),
        {
            "posts/2019/ancien.md": post_source("L’ancien", date="2019-03-04", tags="design"),
            "posts/2020/dernier.md": post_source("Le dernier", date="2020-11-01", tags="design"),
            "package-lock.json": LOCK,
        },
    )
    assert build.returncode == 0, build.output
    return build


def test_every_footer_links_the_statement(blog: Build):
    for path in blog.pages():
        page = path.relative_to(blog.html).as_posix()
        links = [link for link in blog.page(page).select("footer a") if link.get_text() == "Accessibilité"]
        assert len(links) == 1, page


def test_the_statement_has_the_sections_of_an_rgaa_statement(blog: Build):
    article = blog.page(PAGE).select_one("article")
    assert article.h1.get_text() == "Déclaration d’accessibilité"
    assert [heading.get_text() for heading in article.select("h2")] == SECTIONS
    assert [heading.get_text() for heading in article.select("h3")] == [
        "Technologies utilisées",
        "Environnement de test",
    ]
    text = article.get_text()
    assert "non conforme" in text and "aucun audit complet du RGAA" in text
    assert "Défenseur des droits" in text
    assert "Auteur du blog" in text  # the contact: the author, no invented address
    assert "@" not in text


def test_the_statement_lists_what_the_tests_check(blog: Build):
    text = blog.page(PAGE).select_one("article").get_text()
    for kind in PAGE_TYPES:
        assert checks.PAGE_TYPE_NAMES[kind] in text, kind
    assert "en thème clair et en thème sombre" in text
    rows = [[cell.get_text() for cell in row.select("td")] for row in blog.page(PAGE).select("table tbody tr")]
    assert sorted(row[0] for row in rows) == sorted(number for number, _name, _level in checks.AXE_CRITERIA.values())
    for journey in checks.KEYBOARD_JOURNEYS:
        assert journey in text
    for limit in checks.KNOWN_LIMITS:
        assert limit in text
    assert "660" in text and "JavaScript" in text
    assert "axe-core 9.8.7" in text and "(vnu-jar) 1.2.3" in text


def test_the_statement_is_dated_by_the_newest_post(blog: Build):
    text = blog.page(PAGE).select_one("article").get_text()
    assert "établie le 1er novembre 2020, date du dernier article publié" in text


def test_every_page_type_has_a_french_name():
    assert set(PAGE_TYPES) <= checks.PAGE_TYPE_NAMES.keys()
    assert {"subscribe", "accessibility"} <= set(PAGE_TYPES)


def test_the_tags_are_those_the_browser_tests_run():
    source = (ROOT / "tests/browser/test_page_types.py").read_text(encoding="utf-8")
    assert "WCAG_21_AA = " + repr(list(checks.AXE_TAGS)).replace("'", '"') in source
    assert 'for theme in ("light", "dark")' in source and tuple(checks.THEMES) == ("light", "dark")


def test_the_criteria_are_those_axe_tests_for_these_tags():
    axe = ROOT / "node_modules" / "axe-core" / "axe.js"
    if not axe.exists():
        pytest.fail(f"{axe} is missing: run `npm ci --ignore-scripts` (make test does it)")
    criteria = set()
    for tags in re.findall(r"tags: \[([^\]]*)\]", axe.read_text(encoding="utf-8")):
        names = set(re.findall(r"'([^']+)'", tags))
        if names & set(checks.AXE_TAGS) and "experimental" not in names and "deprecated" not in names:
            criteria |= {name for name in names if re.fullmatch(r"wcag\d{3,4}", name)}
    assert criteria == checks.AXE_CRITERIA.keys()


def test_the_real_lock_files_versions_are_read():
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))["packages"]
    assert checker_versions(ROOT) == {
        "axe-core": lock["node_modules/axe-core"]["version"],
        "vnu-jar": lock["node_modules/vnu-jar"]["version"],
    }
