"""The site's address (BLOG_BASEURL) is checked before the build starts.

An address that is not absolute http(s), or that holds quotes, spaces or
markup, stops ``make html`` with one French error and no traceback, instead
of landing as markup in robots.txt and 404.html or crashing Sphinx; a sound
sub-path address still builds.
"""

from __future__ import annotations

import os
import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import Build, build_site, make_html, post_source
from sphinx_blog_fr._baseurl import address_problem

EXPECTED = "écrivez par exemple https://exemple.fr/ ou https://utilisateur.github.io/depot/"
NOT_ABSOLUTE = "n’est pas une adresse http(s) absolue"
FORBIDDEN_CHARACTERS = "contient des caractères interdits dans une adresse"
CASES = [
    ("javascript:alert(1)", NOT_ABSOLUTE),
    ("pas une url", f"{FORBIDDEN_CHARACTERS} (espace)"),
    ('https://x.example/"><script>alert(1)</script>', f'{FORBIDDEN_CHARACTERS} (« " » « < » « > »)'),
    ("https://x.example/'onmouseover='alert(1)", f"{FORBIDDEN_CHARACTERS} (« ' »)"),
    ("https://x.example/\\..\\", f"{FORBIDDEN_CHARACTERS} (« \\ »)"),
    ("https://x.example/\nDisallow: /", f"{FORBIDDEN_CHARACTERS} (U+000A espace)"),
    ("ftp://x.example/", NOT_ABSOLUTE),
    ("https:///chemin", NOT_ABSOLUTE),
    ("/chemin/relatif", NOT_ABSOLUTE),
    ("https://x.example:99999/", "n’est pas une adresse valide"),
    ("https://x.example/?page=1", "ne doit contenir ni « ? » ni « # » : c’est l’adresse d’un dossier"),
]


@pytest.fixture(scope="module")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    build = build_site(tmp_path_factory.mktemp("baseurl"), {"posts/2020/a.md": post_source("Un article")})
    assert build.returncode == 0, build.output
    return build


def _build_with(site: Build, address: str) -> Build:
    environment = {**os.environ, "BLOG_BASEURL": address}
    environment.pop("READTHEDOCS_CANONICAL_URL", None)
    return make_html(site.srcdir, site.html.parent.parent / "other", environment=environment)


@pytest.mark.parametrize(("address", "problem"), CASES)
def test_an_unsound_address_stops_the_build_with_one_french_error(small_site: Build, address: str, problem: str):
    build = _build_with(small_site, address)
    shown = address.replace("\n", "\\n")
    assert build.returncode != 0, build.output
    assert "Traceback" not in build.output and "Exception occurred" not in build.output, build.output
    errors = [line for line in build.output.splitlines() if "ERROR" in line]
    assert errors == [f"ERROR: BLOG_BASEURL : « {shown} » {problem} ; {EXPECTED} [blog.baseurl]"], build.output
    assert not (small_site.html.parent.parent / "other" / "html" / "index.html").exists()


def test_a_sub_path_address_builds_and_is_used_everywhere(small_site: Build):
    build = _build_with(small_site, "https://utilisateur.github.io/depot")
    assert build.returncode == 0, build.output
    robots = (build.html / "robots.txt").read_text(encoding="utf-8")
    assert robots.endswith("Sitemap: https://utilisateur.github.io/depot/sitemap.xml\n")
    not_found = build.page("404.html")
    assert not_found.select_one(".blog-not-found a")["href"] == "/depot/index.html"
    canonical = build.page("posts/2020/a.html").find("link", rel="canonical")["href"]
    assert canonical == "https://utilisateur.github.io/depot/posts/2020/a.html"


FORBIDDEN = st.sampled_from(list("\"'<>\\` \t\r\n\x00\x7f\u2028\u00a0"))
URL_TEXT = st.text(alphabet=string.ascii_letters + string.digits + "/-._~", max_size=20)


@settings(derandomize=True, max_examples=60, deadline=None)
@given(before=URL_TEXT, forbidden=FORBIDDEN, after=URL_TEXT)
def test_an_address_holding_markup_quotes_or_spaces_is_refused(before: str, forbidden: str, after: str):
    assert address_problem(f"https://exemple.fr/{before}{forbidden}{after}/") is not None


@settings(derandomize=True, max_examples=60, deadline=None)
@given(
    scheme=st.sampled_from(["http", "https"]),
    host=st.from_regex(r"[a-z0-9]{1,12}(\.[a-z]{2,6}){1,2}", fullmatch=True),
    path=URL_TEXT,
)
def test_a_sound_http_address_is_accepted(scheme: str, host: str, path: str):
    assert address_problem(f"{scheme}://{host}/{path}") is None
