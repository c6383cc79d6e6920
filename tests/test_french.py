"""French to the letter, on a small test site: elision in generated titles, French spacing, Sphinx's messages in French.

* Every title the blog makes by inserting a label elides its « de »
  (french_elision): « Articles d’octobre 2017 », « Articles d’Élise
  Martin », but « Articles de Hollande Conseil »; in the heading, the
  ``<title>`` and the OpenGraph title alike.
* French spacing (blog_typography) reaches every place a post's text goes:
  its page, the home page's listing, the sidebar, ``<title>``, OpenGraph,
  the Atom feed and the search index; never code, URLs or « 10:30 »; the
  source files are unchanged; ``blog_french_spacing = False`` turns it off.
* A build with a broken link prints Sphinx's own French message
  (blog_console_language).
"""

from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import Build, build_site, post_source, source_digests
from sphinx_blog_fr._elision import elides, insert_label
from sphinx_blog_fr._typography import french_spacing

NBSP, NNBSP = "\u00a0", "\u202f"

AUTHORS = {
    "auteur": "Auteur du blog",
    "elise": "Élise Martin",
    "herve": "Hervé Dupont",
    "hollande": "Hollande Conseil",
    "nadia": "Nadia",
}
CONF = "blog_authors = " + repr({key: (name, None) for key, name in AUTHORS.items()})

TITLE = "MOOC innovation publique : bilan"
BODY = (
    "Les résultats sont-ils inconnus? Oui ; enfin ! Voir `a : b` et https://exemple.fr/faq?x "
    "à 10:30 :) avec «citation»."
)
SPACED_TITLE = f"MOOC innovation publique{NBSP}: bilan"
SPACED_BODY = (
    f"Les résultats sont-ils inconnus{NNBSP}? Oui{NNBSP}; enfin{NNBSP}! Voir a : b et https://exemple.fr/faq?x "
    f"à 10:30 :) avec «{NBSP}citation{NBSP}»."
)

POSTS = {
    "posts/2017/bilan.md": post_source(TITLE, date="2017-10-05", extra="author: auteur", body=BODY),
    "posts/2017/aout.md": post_source("Un été", date="2017-08-10", extra="author: elise"),
    "posts/2017/novembre.md": post_source("Novembre", date="2017-11-10", extra="author: herve"),
    "posts/2016/avril.md": post_source("Avril", date="2016-04-01", extra="author: hollande"),
    "posts/2016/mars.md": post_source("Mars", date="2016-03-01", extra="author: nadia"),
}


@pytest.fixture(scope="module")
def french_blog(tmp_path_factory: pytest.TempPathFactory) -> Build:
    build = build_site(tmp_path_factory.mktemp("french"), POSTS, conf=CONF)
    assert build.returncode == 0, build.output
    return build


@pytest.fixture(scope="module")
def plain_broken_blog(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The same posts with French spacing turned off, and a home page that links to a missing document."""
    return build_site(
        tmp_path_factory.mktemp("plain"),
        POSTS,
        conf=CONF + "\nblog_french_spacing = False",
        index="# Accueil\n\n```{toctree}\nabsent\n```\n",
    )


def _author_page(build: Build, name: str) -> BeautifulSoup:
    for path in sorted((build.html / "blog" / "author").glob("*.html")):
        soup = build.page(path.relative_to(build.html).as_posix())
        if name in soup.h1.get_text():
            return soup
    raise AssertionError(f"no author page for {name}")


def _heading(soup: BeautifulSoup) -> str:
    """The text of the page's ``<h1>``, without its permalink."""
    return "".join(soup.h1.find_all(string=True, recursive=False))


def _titles(soup: BeautifulSoup) -> tuple[str, str, str]:
    """The page's heading, its ``<title>`` without the blog's name, and its OpenGraph title."""
    return (
        soup.h1.get_text(),
        soup.title.get_text().rsplit(" – ", 1)[0],
        soup.find("meta", property="og:title")["content"],
    )


@pytest.mark.parametrize(
    ("page", "title"),
    [
        ("blog/2017/10.html", "Articles d’octobre 2017"),  # a vowel
        ("blog/2017/08.html", "Articles d’août 2017"),  # an accented vowel
        ("blog/2016/04.html", "Articles d’avril 2016"),
        ("blog/2017/11.html", "Articles de novembre 2017"),  # a consonant
        ("blog/2017.html", "Articles de 2017"),  # a digit
    ],
)
def test_month_and_year_titles_elide(french_blog: Build, page: str, title: str):
    assert _titles(french_blog.page(page)) == (title, title, title)


@pytest.mark.parametrize(
    ("author", "title"),
    [
        ("Auteur du blog", "Articles d’Auteur du blog"),  # a capital vowel
        ("Élise Martin", "Articles d’Élise Martin"),  # an accented capital
        ("Hervé Dupont", "Articles d’Hervé Dupont"),  # a mute h
        ("Hollande Conseil", "Articles de Hollande Conseil"),  # an aspirated h
        ("Nadia", "Articles de Nadia"),  # a consonant
    ],
)
def test_author_titles_elide(french_blog: Build, author: str, title: str):
    assert _titles(_author_page(french_blog, author)) == (title, title, title)


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("octobre 2017", "Articles d’octobre 2017"),
        ("Événements", "Articles d’Événements"),
        ("île-de-France", "Articles d’île-de-France"),
        ("Hôpital", "Articles d’Hôpital"),
        ("habitat", "Articles d’habitat"),
        ("hauts fonctionnaires", "Articles de hauts fonctionnaires"),
        ("hêtre", "Articles de hêtre"),
        ("Hollande", "Articles de Hollande"),
        ("Yvelines", "Articles d’Yvelines"),
        ("yoga", "Articles de yoga"),
        ("« Ère »", "Articles de « Ère »"),
        ("Ève <&> co", "Articles d’Ève &lt;&amp;&gt; co"),
    ],
)
def test_insert_label_elides_and_escapes(label: str, expected: str):
    assert insert_label("Articles de %s", label) == expected


def test_elision_leaves_guillemets_and_other_words_alone():
    assert insert_label("Articles avec l’étiquette « %s »", "Usine") == "Articles avec l’étiquette « Usine »"
    assert not elides("") and not elides("2017")


def test_post_title_and_text_have_french_spacing_on_the_post_page(french_blog: Build):
    page = french_blog.page("posts/2017/bilan.html")
    assert _heading(page) == SPACED_TITLE
    assert page.title.get_text().startswith(SPACED_TITLE + " – ")
    assert page.find("meta", property="og:title")["content"] == SPACED_TITLE
    assert page.find("meta", property="og:description")["content"] == SPACED_BODY
    assert SPACED_BODY in [paragraph.get_text() for paragraph in page.select("article p")]
    # Code is never touched.
    assert page.select_one("code").get_text() == "a : b"


def test_home_page_listing_and_sidebar_have_french_spacing(french_blog: Build):
    home = french_blog.page("index.html")
    assert SPACED_TITLE in [title.get_text() for title in home.select(".blog-entry-title")]
    assert SPACED_TITLE in [link.get_text() for link in home.select(".sidebar-blog a")]
    excerpts = [excerpt.get_text(" ", strip=True) for excerpt in home.select(".blog-entry-excerpt")]
    assert any(SPACED_BODY in excerpt for excerpt in excerpts)
    assert SPACED_TITLE in home.find("meta", property="og:description")["content"]


def test_atom_feed_has_french_spacing(french_blog: Build):
    feed = BeautifulSoup((french_blog.html / "blog/atom.xml").read_text(encoding="utf-8"), "xml")
    entry = next(entry for entry in feed.find_all("entry") if entry.title.get_text() == SPACED_TITLE)
    assert entry.summary.get_text() == SPACED_BODY
    assert f"inconnus{NNBSP}?" in entry.content.get_text()


def test_search_index_has_french_spacing(french_blog: Build):
    index = (french_blog.html / "searchindex.js").read_text(encoding="utf-8")
    titles = json.loads(index[index.index("(") + 1 : index.rindex(")")])["titles"]
    assert SPACED_TITLE in titles


def test_sources_are_unchanged(french_blog: Build):
    assert source_digests(french_blog.srcdir) == french_blog.sources_before
    assert (french_blog.srcdir / "posts/2017/bilan.md").read_text(encoding="utf-8") == POSTS["posts/2017/bilan.md"]


def test_french_spacing_can_be_turned_off(plain_broken_blog: Build):
    page = plain_broken_blog.page("posts/2017/bilan.html")
    assert _heading(page) == TITLE
    assert page.find("meta", property="og:description")["content"] == BODY.replace("`", "")


def test_sphinx_reports_a_broken_link_in_french(plain_broken_blog: Build):
    assert plain_broken_blog.returncode != 0
    # Sphinx's own French catalog (sphinx/locale/fr), for « toctree contains reference to nonexisting document ».
    assert (
        "la table des matières contient des références à des documents inexistants 'absent'" in plain_broken_blog.output
    )
    assert "toctree contains reference" not in plain_broken_blog.output


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Quoi ?! Non !!!", f"Quoi{NNBSP}?! Non{NNBSP}!!!"),
        ("wow!!! et bien?", f"wow{NNBSP}!!! et bien{NNBSP}?"),
        ("clin d’œil ;) et :-) et :)", "clin d’œil ;) et :-) et :)"),
        (
            "à 10:30, voir https://x.fr/a?b=1 ou www.x.fr/faq? ou a@b.fr;",
            "à 10:30, voir https://x.fr/a?b=1 ou www.x.fr/faq? ou a@b.fr;",
        ),
        ("(vraiment ?)", f"(vraiment{NNBSP}?)"),
        (f"déjà{NBSP}? oui{NNBSP}!", f"déjà{NBSP}? oui{NNBSP}!"),
        ("« déjà » et «non»", f"«{NBSP}déjà{NBSP}» et «{NBSP}non{NBSP}»"),
        ("Note :", f"Note{NBSP}:"),
    ],
)
def test_french_spacing_rules(text: str, expected: str):
    assert french_spacing(text) == expected


#: Text made of what the typography looks at: letters, digits, spaces, punctuation, guillemets, URLs.
PROSE = st.lists(
    st.sampled_from(
        [
            "a",
            "É",
            "1",
            " ",
            "  ",
            "\n",
            NBSP,
            NNBSP,
            ":",
            ";",
            "!",
            "?",
            "«",
            "»",
            ")",
            ".",
            "https://x.fr/a?b",
            "10:30",
        ]
    ),
    max_size=30,
).map("".join)
SPACES = str.maketrans("", "", f" \n{NBSP}{NNBSP}")


@settings(derandomize=True, max_examples=300, deadline=None)
@given(PROSE | st.text(max_size=40))
def test_french_spacing_only_sets_spaces_and_is_stable(text: str):
    spaced = french_spacing(text)
    # Only spaces are added, removed or changed, and a second pass changes nothing.
    assert spaced.translate(SPACES) == text.translate(SPACES)
    assert french_spacing(spaced) == spaced
    # No ordinary space is left before a « : ; ! ? » that ends a word group, nor beside « ».
    assert not re.search(r" [;!?]+(?=[\s»]|$)| :(?=\s|$)|« | »", spaced.replace("https://x.fr/a?b", ""))


@settings(derandomize=True, max_examples=200, deadline=None)
@given(st.text(min_size=1, max_size=20))
def test_insert_label_only_elides_and_always_escapes(label: str):
    title = insert_label("Articles de %s", label)
    assert title.unescape() in {f"Articles de {label}", f"Articles d’{label}"}
    assert "<" not in title and (title.unescape() == f"Articles d’{label}") == elides(label)


def test_labels_typed_with_ordinary_spaces_are_shown_with_french_spacing(tmp_path):
    # A tag and a category reach the pages, the titles and the feeds without going through the text.
    post = post_source("Un article", tags="« é », design", category='"Méthodes : terrain"')
    site = build_site(tmp_path, {"posts/2020/article.md": post})
    assert site.returncode == 0, site.output
    tag, category = f"«{NBSP}é{NBSP}»", f"Méthodes{NBSP}: terrain"
    assert tag in site.page("blog/tag/e.html").h1.get_text()
    assert category in site.page("blog/category/methodes-terrain.html").h1.get_text()
    assert tag in site.title("blog/tag/e.html")
    links = [link.get_text() for link in site.page("posts/2020/article.html").select("article a")]
    assert tag in links and category in links, links
    feed = BeautifulSoup((site.html / "blog/tag/e/atom.xml").read_text(encoding="utf-8"), "xml")
    assert tag in feed.find("title").get_text()
