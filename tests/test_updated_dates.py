"""A post's ``updated:`` date: what the reader, feed readers and search engines see.

A small site with an updated post and a post never updated: the updated one
shows « Mis à jour le … » under its title, its feed entries' ``updated``, its
sitemap ``<lastmod>`` and its JSON-LD ``dateModified`` are the updated date;
the other post's are its publication date. A bad ``updated`` fails the build
with one French message at its line.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ElementTree

import feedparser
import pytest

from conftest import Build, SiteFactory, build_site, post_source
from site_checks.test_html_checker import vnu_errors

UPDATED = "posts/2019/mis-a-jour.md"
NEVER_UPDATED = "posts/2020/jamais-mis-a-jour.md"
FILES = {
    UPDATED: post_source("Un article mis à jour", date="2019-01-10", tags="design", extra="updated: 2019-02-03"),
    NEVER_UPDATED: post_source("Un article jamais mis à jour", date="2020-03-01", tags="design"),
}
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
# Sphinx writes each problem as "<file>:<line>: WARNING: <message>" (or ERROR, CRITICAL).
_PROBLEM = re.compile(
    r"^(?P<location>.*?): (?:WARNING|ERROR|CRITICAL): (?P<message>.*?)(?: \[[\w.-]+\])?$", re.MULTILINE
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    build = build_site(tmp_path_factory.mktemp("updated"), FILES)
    assert build.returncode == 0, build.output
    return build


def _line(build: Build, page: str) -> str | None:
    line = build.page(page).select_one(".blog-post-updated")
    return None if line is None else " ".join(line.get_text().split())


def test_an_updated_post_says_when_under_its_title(site: Build):
    assert _line(site, "posts/2019/mis-a-jour.html") == "Mis à jour le 3 février 2019"
    time = site.page("posts/2019/mis-a-jour.html").select_one(".blog-post-updated time")
    assert time["datetime"] == "2019-02-03"


def test_a_post_never_updated_has_no_such_line(site: Build):
    assert _line(site, "posts/2020/jamais-mis-a-jour.html") is None


def test_the_updated_post_is_valid_html(site: Build):
    assert vnu_errors([site.html / "posts/2019/mis-a-jour.html"]) == []


@pytest.mark.parametrize("feed_file", ["blog/atom.xml", "blog/rss.xml", "blog/tag/design/atom.xml"])
def test_the_feeds_give_the_updated_date(site: Build, feed_file: str):
    feed = feedparser.parse((site.html / feed_file).read_bytes())
    entries = {entry.link.rsplit("/", 1)[-1]: entry for entry in feed.entries}
    if feed_file.endswith("atom.xml"):
        assert entries["mis-a-jour.html"].updated.startswith("2019-02-03T00:00:00")
        assert entries["mis-a-jour.html"].published.startswith("2019-01-10T00:00:00")
        assert entries["jamais-mis-a-jour.html"].updated.startswith("2020-03-01T00:00:00")
    else:
        # An RSS item has one date, the publication's (on the blog's clock).
        assert entries["mis-a-jour.html"].published.startswith("Thu, 10 Jan 2019 00:00:00 +0100")


def test_the_sitemap_gives_each_posts_last_change(site: Build):
    tree = ElementTree.parse(site.html / "sitemap.xml")
    lastmods = {
        url.findtext(f"{SITEMAP}loc").split("/", 3)[-1]: url.findtext(f"{SITEMAP}lastmod") for url in tree.getroot()
    }
    assert lastmods["posts/2019/mis-a-jour.html"] == "2019-02-03"
    assert lastmods["posts/2020/jamais-mis-a-jour.html"] == "2020-03-01"
    # Pages that are not posts have no date to give (never the build's clock).
    assert "index.html" in lastmods
    assert {path: lastmod for path, lastmod in lastmods.items() if lastmod and not path.startswith("posts/")} == {}


def _json_ld(build: Build, page: str) -> dict:
    script = build.page(page).select_one('script[type="application/ld+json"]')
    return json.loads(script.string)


def test_json_ld_gives_the_updated_date(site: Build):
    updated = _json_ld(site, "posts/2019/mis-a-jour.html")
    assert updated["datePublished"].startswith("2019-01-10")
    assert updated["dateModified"].startswith("2019-02-03")
    assert _json_ld(site, "posts/2020/jamais-mis-a-jour.html")["dateModified"].startswith("2020-03-01")


EXPECTED_DATE = "écrivez AAAA-MM-JJ, par exemple 2024-01-15, ou avec l’heure 2024-01-15T09:30:00+01:00"


@pytest.mark.parametrize(
    ("updated", "message"),
    [
        pytest.param(
            "2019-01-05",
            "champ updated : la mise à jour « 2019-01-05 » est antérieure à la publication, le 2019-01-10 "
            "(champ date) ; une mise à jour se date du jour de la publication ou d’après",
            id="before-the-date",
        ),
        pytest.param(
            "2019-02-30",
            f"champ updated : « 2019-02-30 » n’existe pas : février 2019 a 28 jours ; {EXPECTED_DATE}",
            id="impossible-date",
        ),
        pytest.param(
            "3 février 2019",
            "champ updated : « 3 février 2019 » est écrite en toutes lettres : écrivez-la 2019-02-03 (ISO 8601, AAAA-MM-JJ)",
            id="written-out",
        ),
        pytest.param(
            "3019-02-03",
            f"champ updated : « 3019-02-03 » : l’année 3019 n’est pas entre 1900 et 2999 ; {EXPECTED_DATE}",
            id="out-of-range",
        ),
    ],
)
def test_a_bad_updated_date_is_one_french_error_at_its_line(build_test_site: SiteFactory, updated: str, message: str):
    faulty = post_source("Un article", date="2019-01-10", extra=f"updated: {updated}")
    build = build_test_site({UPDATED: faulty, NEVER_UPDATED: FILES[NEVER_UPDATED]})
    assert build.returncode != 0
    problems = [(match["location"], match["message"]) for match in _PROBLEM.finditer(build.output)]
    # post_source's lines: ---, blogpost, date, updated.
    assert problems == [(str(build.srcdir / UPDATED) + ":4", message)]
    assert "Traceback" not in build.output
    # The other post is still published.
    assert (build.html / "posts/2020/jamais-mis-a-jour.html").is_file()
