"""Bad input: one clear error naming the file and the line, and nothing lost.

Each case is a small site: one faulty file beside two good posts. ``make html``
(``--fail-on-warning --keep-going``) must fail with exactly one message, which
names the faulty file and the line and says what is expected; the source tree
must be byte for byte what it was; and the good posts must still be published.
Input that looks odd but is valid (a date with an offset, ``nocomments:
true``, tags differing in case or accents, an image beside a post) must build.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree

import pytest

from conftest import Build, SiteFactory, make_html, post_source, source_digests

GOOD_POSTS = {
    "posts/2019/bon-article.md": post_source("Un bon article", date="2019-06-01", tags="design"),
    "posts/2020/autre-bon-article.md": post_source("Un autre bon article", date="2020-03-01", tags="design"),
}
FAULTY = "posts/2020/article-fautif.md"
EXPECTED_DATE = "écrivez AAAA-MM-JJ, par exemple 2024-01-15, ou avec l’heure 2024-01-15T09:30:00+01:00"
NOT_A_POST = "ce fichier n’est pas un article : un article est un fichier MyST en .md ; renommez-le en .md ou sortez-le de posts/"
NOT_YAML = (
    "le front matter n’est pas du YAML valide à cette ligne : chaque ligne est « clé: valeur » ; une valeur qui "
    "contient « : », « # », « [ » ou « { » s’écrit entre guillemets, et un guillemet ou un crochet ouvert se "
    "referme sur la même ligne"
)
ATOM = "{http://www.w3.org/2005/Atom}"
# Sphinx writes each problem as "<file>:<line>: WARNING: <message>" (or ERROR, CRITICAL).
_PROBLEM = re.compile(
    r"^(?P<location>.*?): (?:WARNING|ERROR|CRITICAL): (?P<message>.*?)(?: \[[\w.-]+\])?$", re.MULTILINE
)


def with_front_matter(front_matter: str, body: str = "# Un article\n\nUn paragraphe.\n") -> str:
    return f"---\n{front_matter}---\n\n{body}"


#: (files, faulty file, line, message): the message Sphinx prints for that file and line.
CASES = [
    # Dates.
    pytest.param(
        {FAULTY: post_source("Un article", date="pas une date")},
        FAULTY,
        3,
        f"champ date : « pas une date » n’est pas une date ISO 8601 ; {EXPECTED_DATE}",
        id="date-that-does-not-parse",
    ),
    pytest.param(
        {FAULTY: post_source("Un article", date="15 janvier 2024")},
        FAULTY,
        3,
        "champ date : « 15 janvier 2024 » est écrite en toutes lettres : écrivez-la 2024-01-15 (ISO 8601, AAAA-MM-JJ)",
        id="date-written-out-in-french",
    ),
    pytest.param(
        {"posts/2017/article-fautif.md": post_source("Un article", date="2017-02-30")},
        "posts/2017/article-fautif.md",
        3,
        f"champ date : « 2017-02-30 » n’existe pas : février 2017 a 28 jours ; {EXPECTED_DATE}",
        id="impossible-date",
    ),
    pytest.param(
        {FAULTY: post_source("Un article", date="2020-01-15T25:00:00+01:00")},
        FAULTY,
        3,
        f"champ date : l’heure ou le décalage horaire de « 2020-01-15T25:00:00+01:00 » est illisible ; {EXPECTED_DATE}",
        id="impossible-time",
    ),
    # Titles, front matter, text.
    pytest.param(
        {FAULTY: with_front_matter("blogpost: true\ndate: 2020-01-15\n", "Un paragraphe sans titre.\n")},
        FAULTY,
        5,
        "pas de titre : écrivez « # Titre de l’article » sous le front matter",
        id="missing-title",
    ),
    pytest.param(
        {
            FAULTY: with_front_matter(
                "blogpost: true\ndate: 2020-01-15\n", "```bash\n# un commentaire, pas un titre\n```\n"
            )
        },
        FAULTY,
        5,
        "pas de titre : écrivez « # Titre de l’article » sous le front matter",
        id="missing-title-with-a-hash-in-code",
    ),
    pytest.param(
        {FAULTY: with_front_matter("blogpost: true\ndate: 2020-01-15\n", "#\n\nUn paragraphe.\n")},
        FAULTY,
        6,
        "le titre est vide : écrivez-le après « # »",
        id="empty-title",
    ),
    pytest.param(
        {FAULTY: with_front_matter("")},
        FAULTY,
        2,
        "le front matter est vide : il faut au moins « blogpost: true » et « date: AAAA-MM-JJ »",
        id="empty-front-matter",
    ),
    pytest.param(
        {FAULTY: with_front_matter("blogpost: true\ndate: 2020-01-15\ntags: [design, numérique\nlanguage: fr\n")},
        FAULTY,
        4,
        NOT_YAML,
        id="front-matter-not-yaml",
    ),
    pytest.param(
        {FAULTY: with_front_matter("blogpost: true\ndate: 2020-01-15\ntags: design: numérique\n")},
        FAULTY,
        4,
        NOT_YAML,
        id="unquoted-colon-in-value",
    ),
    pytest.param(
        {FAULTY: post_source("Un article", body="")},
        FAULTY,
        7,
        "l’article n’a pas de texte sous son titre : écrivez au moins un paragraphe",
        id="post-with-no-body",
    ),
    # Keys and values.
    pytest.param(
        {FAULTY: post_source("Un article", extra="tag: design")},
        FAULTY,
        4,
        "clé inconnue « tag » ; vouliez-vous dire « tags » ?",
        id="typo-tag",
    ),
    pytest.param(
        {FAULTY: post_source("Un article", extra="categorie: Réflexions")},
        FAULTY,
        4,
        "clé inconnue « categorie » ; vouliez-vous dire « category » ?",
        id="typo-categorie",
    ),
    pytest.param(
        {FAULTY: post_source("Un article", extra="title: Un article")},
        FAULTY,
        4,
        "clé inconnue « title » : le titre d’un article est sa ligne « # Titre », sous le front matter",
        id="title-key",
    ),
    pytest.param(
        {FAULTY: post_source("Un article", extra="nocomments: oui")},
        FAULTY,
        4,
        "champ nocomments : « oui » n’est ni true ni false ; écrivez « nocomments: true »",
        id="flag-not-boolean",
    ),
    pytest.param(
        {FAULTY: post_source("Un article", extra="excerpt: deux")},
        FAULTY,
        4,
        "champ excerpt : « deux » n’est pas un nombre ; écrivez le nombre de paragraphes de l’extrait, "
        "par exemple « excerpt: 2 »",
        id="excerpt-not-a-number",
    ),
    pytest.param(
        {FAULTY: post_source("Un article", tags="design, —")},
        FAULTY,
        4,
        "champ tags : « — » n’a ni lettre ni chiffre, sa page n’aurait pas d’adresse ; séparez les noms "
        "par des virgules, par exemple « tags: numérique, design »",
        id="tag-without-slug",
    ),
    # Two posts that readers could not tell apart.
    pytest.param(
        {
            "posts/2017/bilan.md": post_source("Bilan 2017", date="2017-12-01"),
            "posts/2018/bilan.md": post_source("Bilan 2018", date="2018-12-01"),
        },
        "posts/2018/bilan.md",
        1,
        "le slug « bilan » est déjà celui de posts/2017/bilan.md : le nom de fichier d’un article est unique "
        "sur tout le blog, quelle que soit l’année (make post le refuse aussi) ; renommez l’un des deux fichiers",
        id="same-slug-in-two-years",
    ),
    pytest.param(
        {
            "posts/2020/compte-rendu.md": post_source("Compte rendu"),
            "posts/2020/compte-rendu-atelier.md": post_source("Compte Rendu", date="2020-02-01"),
        },
        "posts/2020/compte-rendu-atelier.md",
        7,
        "le titre « Compte Rendu » est déjà celui de posts/2020/compte-rendu.md : deux articles ne "
        "peuvent pas avoir le même titre, les listes, les flux et la recherche les confondraient ; "
        "changez l’un des deux titres",
        id="same-title",
    ),
    pytest.param(
        {
            "posts/2020/compte-rendu.md": post_source("Compte *rendu*"),
            "posts/2020/compte-rendu-atelier.md": post_source(
                "Compte [rendu][cr]", date="2020-02-01", body="Un paragraphe.\n\n[cr]: https://essai.example/cr"
            ),
        },
        "posts/2020/compte-rendu-atelier.md",
        7,
        "le titre « Compte rendu » est déjà celui de posts/2020/compte-rendu.md : deux articles ne "
        "peuvent pas avoir le même titre, les listes, les flux et la recherche les confondraient ; "
        "changez l’un des deux titres",
        id="same-title-once-its-marks-are-read",
    ),
    # Files in posts/ that are not posts.
    pytest.param(
        {FAULTY: "# Un article\n\nUn paragraphe.\n"},
        FAULTY,
        1,
        "pas de front matter : un article commence par « --- », « blogpost: true », « date: AAAA-MM-JJ » et « --- »",
        id="no-front-matter",
    ),
    pytest.param(
        {FAULTY: with_front_matter("date: 2020-01-15\n")},
        FAULTY,
        2,
        "« blogpost: true » manque : tout fichier .md de posts/ est un article et commence par cette ligne",
        id="no-blogpost-true",
    ),
    pytest.param(
        {"posts/2020/article-fautif.rst": "Un article\n==========\n\nUn paragraphe.\n"},
        "posts/2020/article-fautif.rst",
        1,
        NOT_A_POST,
        id="restructuredtext-file",
    ),
    pytest.param({"posts/2020/notes.txt": "Des notes.\n"}, "posts/2020/notes.txt", 1, NOT_A_POST, id="text-file"),
    # Sphinx's own messages, in French where its catalog has them (blog_console_language), and MyST's, in English.
    pytest.param(
        {FAULTY: post_source("Un article", body="Voir [l’article disparu](../2019/disparu.md).")},
        FAULTY,
        9,
        "'myst' cross-reference target not found: '../2019/disparu.md'",
        id="link-to-a-missing-post",
    ),
    pytest.param(
        {FAULTY: post_source("Un article", body="![Un schéma](schema.png)")},
        FAULTY,
        9,
        # Sphinx's French msgstr ends with a space.
        "fichier image posts/2020/schema.png illisible ",
        id="missing-image",
    ),
    pytest.param(
        {FAULTY: post_source("Un article", body="Voir [le compte rendu](compte-rendu.pdf).")},
        FAULTY,
        9,
        "'myst' cross-reference target not found: 'compte-rendu.pdf'",
        id="link-to-a-missing-local-file",
    ),
]


def problems(build: Build) -> list[tuple[str, str]]:
    """Every (location, message) Sphinx reported as a warning or an error."""
    return [(match["location"], match["message"]) for match in _PROBLEM.finditer(build.output)]


def listed_titles(build: Build, listing: str) -> list[str]:
    """The titles of the posts the listing page *listing* shows (not the sidebar's recent posts)."""
    return [link.get_text() for link in build.page(listing).select(".blog-listing .blog-entry-title a")]


def assert_good_posts_published(build: Build) -> None:
    """The good posts have their page, their place in the listing of all posts and in the feed."""
    listed = {link["href"] for link in build.page("blog.html").select(".blog-listing .blog-entry-title a")}
    feed = ElementTree.parse(build.html / "blog/atom.xml").getroot()
    in_feed = {entry.find(f"{ATOM}link").get("href") for entry in feed.iter(f"{ATOM}entry")}
    for source in GOOD_POSTS:
        page = source.removesuffix(".md") + ".html"
        assert (build.html / page).is_file(), page
        assert page in listed, listed
        assert any(url.endswith("/" + page) for url in in_feed), in_feed


@pytest.mark.parametrize(("files", "faulty", "line", "message"), CASES)
def test_bad_input_fails_with_one_clear_message_and_loses_nothing(
    build_test_site: SiteFactory, files: dict[str, str], faulty: str, line: int, message: str
):
    build = build_test_site({**GOOD_POSTS, **files})
    assert build.returncode != 0, build.output
    assert "Traceback" not in build.output and "Exception occurred" not in build.output, build.output
    assert problems(build) == [(f"{build.srcdir / faulty}:{line}", message)], build.output
    assert source_digests(build.srcdir) == build.sources_before
    assert_good_posts_published(build)


def test_a_problem_is_reported_by_every_build_until_it_is_fixed(build_test_site: SiteFactory):
    # blog_front_matter reads a post again only when the file changed: what it gave, a problem
    # included, is kept beside the doctrees. Each build must still report it, and see each change.
    build = build_test_site({**GOOD_POSTS, FAULTY: post_source("Un article", date="pas une date")})
    faulty_date = [
        (f"{build.srcdir / FAULTY}:3", f"champ date : « pas une date » n’est pas une date ISO 8601 ; {EXPECTED_DATE}")
    ]
    assert problems(build) == faulty_date, build.output
    unchanged = make_html(build.srcdir, build.html.parent)
    assert unchanged.returncode != 0 and problems(unchanged) == faulty_date, unchanged.output
    (build.srcdir / FAULTY).write_text(post_source("Un article", date="2020-01-15"), encoding="utf-8")
    fixed = make_html(build.srcdir, build.html.parent)
    assert fixed.returncode == 0, fixed.output
    assert (fixed.html / FAULTY.replace(".md", ".html")).is_file()
    good = "posts/2019/bon-article.md"
    (build.srcdir / good).write_text(
        post_source("Un bon article", date="2019-06-01", extra="tag: design"), encoding="utf-8"
    )
    broken = make_html(build.srcdir, build.html.parent)
    assert problems(broken) == [(f"{build.srcdir / good}:4", "clé inconnue « tag » ; vouliez-vous dire « tags » ?")], (
        broken.output
    )


def test_a_date_with_an_offset_is_shown_on_the_blogs_clock(build_test_site: SiteFactory):
    # 23:30 in New York on 31 December 2019 is 05:30 in Paris on 1 January 2020.
    build = build_test_site(
        {
            **GOOD_POSTS,
            "posts/2019/reveillon.md": post_source("Le réveillon", date="2019-12-31T23:30:00-05:00"),
        }
    )
    assert build.returncode == 0, build.output
    shown = build.page("posts/2019/reveillon.html").select_one(".blog-post-meta time")
    assert (shown["datetime"], shown.get_text()) == ("2020-01-01", "1er janvier 2020")
    assert "Le réveillon" in listed_titles(build, "blog/2020/01.html")
    assert "Le réveillon" not in listed_titles(build, "blog/2019.html")
    feed = ElementTree.parse(build.html / "blog/atom.xml").getroot()
    entry = next(entry for entry in feed.iter(f"{ATOM}entry") if entry.findtext(f"{ATOM}title") == "Le réveillon")
    assert entry.findtext(f"{ATOM}published") == "2020-01-01T05:30:00+01:00"
    assert_good_posts_published(build)


def test_nocomments_true_builds(build_test_site: SiteFactory):
    build = build_test_site({**GOOD_POSTS, FAULTY: post_source("Sans commentaires", extra="nocomments: true")})
    assert build.returncode == 0, build.output
    assert build.page(FAULTY.replace(".md", ".html")).select_one("h1").get_text().rstrip("#¶") == "Sans commentaires"
    assert_good_posts_published(build)


def test_an_image_beside_its_post_is_not_mistaken_for_a_post(build_test_site: SiteFactory):
    build = build_test_site(
        {
            **GOOD_POSTS,
            FAULTY: post_source("Avec un schéma", body="![Un schéma](schema.svg)"),
            "posts/2020/schema.svg": '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>\n',
        }
    )
    assert build.returncode == 0, build.output
    assert build.page(FAULTY.replace(".md", ".html")).select_one("img[alt='Un schéma']")["src"].endswith("schema.svg")


def test_tags_and_categories_differing_in_case_or_accents_share_one_page(build_test_site: SiteFactory):
    build = build_test_site(
        {
            "posts/2020/premier.md": post_source("Premier", tags="Numérique, Œuvres", category="Événements"),
            "posts/2020/second.md": post_source(
                "Second", date="2020-02-01", tags="numerique, oeuvres", category="evenements"
            ),
        }
    )
    assert build.returncode == 0, build.output
    assert sorted(path.name for path in (build.html / "blog/tag").glob("*.html")) == ["numerique.html", "oeuvres.html"]
    assert sorted(path.name for path in (build.html / "blog/category").glob("*.html")) == ["evenements.html"]
    for kind, slug, spelling in (
        ("tag", "numerique", "numérique"),
        ("tag", "oeuvres", "œuvres"),
        ("category", "evenements", "Événements"),
    ):
        assert listed_titles(build, f"blog/{kind}/{slug}.html") == ["Second", "Premier"]
        feed = ElementTree.parse(build.html / f"blog/{kind}/{slug}/atom.xml").getroot()
        assert len(list(feed.iter(f"{ATOM}entry"))) == 2
        for post in ("premier", "second"):
            links = build.page(f"posts/2020/{post}.html").select(f".blog-post-meta a[href$='blog/{kind}/{slug}.html']")
            assert {link.get_text().strip() for link in links} == {spelling}, post
