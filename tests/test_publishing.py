"""The site goes online as it builds here: hosting files, addresses, metadata, 404, reproducible output."""

from __future__ import annotations

import difflib
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree

import feedparser
import pytest
import yaml

from conftest import ROOT, Build, SiteFactory, make_html, post_source

BASEURL = "https://innovation-publique.example/"
#: What actions/configure-pages gives for a project page: no final slash.
PAGES_BASE_URL = "https://user.github.io/repo"
RTD_CANONICAL_URL = "https://innovation-publique.readthedocs.io/fr/latest/"
WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"
READTHEDOCS = ROOT / ".readthedocs.yaml"
#: Pages that are no destination of their own: they are in no sitemap.
NOT_IN_SITEMAP = {"search.html", "genindex.html", "404.html"}
SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def relative_pages(build: Build) -> list[str]:
    return [path.relative_to(build.html).as_posix() for path in build.pages()]


def meta(page, key: str) -> list[str]:
    """The contents of the ``<meta property=key>`` (or ``name=key``) tags of *page*."""
    return [tag["content"] for tag in page.find_all("meta") if key in (tag.get("property"), tag.get("name"))]


def one_meta(page, key: str) -> str:
    values = meta(page, key)
    assert len(values) == 1, f"{key}: {values}"
    return values[0]


def heading(page) -> str:
    """The text of the page's <h1>, without its permalink."""
    h1 = page.find("article").find("h1")
    for anchor in h1.select("a.headerlink"):
        anchor.decompose()
    return h1.get_text().strip()


def canonical(page) -> str:
    (link,) = page.find_all("link", rel="canonical")
    return link["href"]


# -- Hosting files -------------------------------------------------------------


def load_yaml(path: Path) -> dict:
    # PyYAML reads the workflow's `on:` as True: GitHub reads it as the key "on".
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize(("path", "schema"), [(WORKFLOW, "vendor.github-workflows"), (READTHEDOCS, "vendor.readthedocs")])
def test_hosting_files_follow_their_published_schemas(path: Path, schema: str):
    if importlib.util.find_spec("check_jsonschema") is None:
        pytest.fail("check-jsonschema is missing: pip install --requirement requirements/dev.txt")
    # The schemas vendored in check-jsonschema: no network needed.
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, str(path)],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflow_deploys_main_only_with_least_privilege():
    workflow = load_yaml(WORKFLOW)
    triggers = workflow[True]
    assert triggers["push"]["branches"] == ["main"] and "pull_request" in triggers
    assert workflow["permissions"] == {"contents": "read"}
    assert workflow["concurrency"]["group"]
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert build["permissions"] == {"contents": "read", "pages": "read"}
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["needs"] == "build"
    assert deploy["if"] == "github.event_name == 'push' && github.ref == 'refs/heads/main'"
    uses = {step["uses"].split("@")[0]: step for job in (build, deploy) for step in job["steps"] if "uses" in step}
    assert {action: step["uses"].split("@")[1] for action, step in uses.items()} == {
        "actions/checkout": "v4",
        "actions/setup-python": "v5",
        "actions/configure-pages": "v5",
        "actions/upload-pages-artifact": "v3",
        "actions/deploy-pages": "v4",
    }
    assert uses["actions/setup-python"]["with"] == {
        "python-version": "3.11", "cache": "pip", "cache-dependency-path": "requirements/build.txt",
    }


def copy_of_repository(destination: Path) -> Path:
    """Lay the repository's files as a fresh clone would hold them, with this .venv."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout.split("\0")
    for name in filter(None, listed):
        if (ROOT / name).is_file():
            (destination / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, destination / name)
    # The Makefile installs requirements/build.txt into .venv/ on first use:
    # this one already has them (its stamp is newer than the copied file).
    (destination / ".venv").symlink_to(ROOT / ".venv")
    return destination


def run_commands(commands: list[str], cwd: Path, environment: dict[str, str]) -> str:
    """Run *commands* in bash as CI runners do (GitHub: `bash -eo pipefail`), failing on the first error."""
    output = []
    for command in commands:
        result = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", command],
            cwd=cwd, env=environment, capture_output=True, text=True,
        )
        output.append(result.stdout + result.stderr)
        assert result.returncode == 0, f"{command!r} failed:\n{output[-1]}"
    return "".join(output)


def clean_environment(**variables: str) -> dict[str, str]:
    environment = {key: value for key, value in os.environ.items() if key not in ("BLOG_BASEURL", "READTHEDOCS_CANONICAL_URL")}
    return {**environment, **variables}


@pytest.fixture(scope="module")
def pages_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The site as the GitHub workflow builds it for a project page (https://user.github.io/repo/)."""
    clone = copy_of_repository(tmp_path_factory.mktemp("pages-clone"))
    steps = load_yaml(WORKFLOW)["jobs"]["build"]["steps"]
    environment = clean_environment()
    for step in steps:
        if "run" not in step:
            continue
        step_environment = {
            key: str(value).replace("${{ steps.pages.outputs.base_url }}", PAGES_BASE_URL)
            for key, value in step.get("env", {}).items()
        }
        assert "${{" not in "".join(step_environment.values()), step_environment
        output = run_commands([step["run"]], clone, {**environment, **step_environment})
    (artifact,) = [step["with"]["path"] for step in steps if step.get("uses", "").startswith("actions/upload-pages-artifact")]
    return Build(clone, clone / artifact, 0, output)


def test_workflow_builds_with_make_html_into_the_uploaded_folder(pages_site: Build):
    runs = [step["run"] for step in load_yaml(WORKFLOW)["jobs"]["build"]["steps"] if "run" in step]
    assert runs == ["make html"]
    assert (pages_site.html / "index.html").is_file() and (pages_site.html / "404.html").is_file()
    assert canonical(pages_site.page("index.html")) == f"{PAGES_BASE_URL}/index.html"


def test_read_the_docs_builds_with_make_html_into_its_output(tmp_path: Path):
    config = load_yaml(READTHEDOCS)
    assert config["version"] == 2 and config["build"]["tools"]["python"] == "3.11"
    commands = config["build"]["commands"]
    assert commands[0] == "make html"
    output = tmp_path / "readthedocs-output"
    run_commands(
        commands, copy_of_repository(tmp_path / "clone"),
        clean_environment(READTHEDOCS="True", READTHEDOCS_OUTPUT=str(output), READTHEDOCS_CANONICAL_URL=RTD_CANONICAL_URL),
    )
    site = Build(tmp_path, output / "html", 0, "")
    assert canonical(site.page("blog.html")) == f"{RTD_CANONICAL_URL}blog.html"
    assert [a["href"] for a in site.page("404.html").select(".blog-not-found a")][0] == "/fr/latest/index.html"


# -- Addresses under a sub-path -------------------------------------------------


URL = re.compile(r"https?://[^\s\"'<>)\\]+")


def site_urls(build: Build) -> tuple[list[str], list[str]]:
    """Every absolute URL of the output's pages, feeds, sitemap and robots.txt, and every root-relative one."""
    absolute, rooted = [], []
    for path in sorted(build.html.rglob("*")):
        if path.suffix in {".xml", ".txt"}:
            absolute += URL.findall(path.read_text(encoding="utf-8"))
        elif path.suffix == ".html":
            page = build.page(path.relative_to(build.html).as_posix())
            for element in page.find_all(True):
                for attribute in ("href", "src", "action", "content"):
                    value = element.get(attribute) or ""
                    if URL.fullmatch(value):
                        absolute.append(value)
                    elif value.startswith("/") and not value.startswith("//"):
                        rooted.append(value)
    return absolute, rooted


#: URLs that name things other than the site: XML namespaces, and the theme's credit.
FOREIGN_HOSTS = {"www.w3.org", "www.sitemaps.org", "github.com", "lkiesow.github.io"}


def test_every_address_of_a_sub_path_build_is_under_its_base(pages_site: Build):
    base = f"{PAGES_BASE_URL}/"
    absolute, rooted = site_urls(pages_site)
    ours = [url for url in absolute if urlsplit(url).hostname not in FOREIGN_HOSTS]
    assert len(ours) > 2 * len(pages_site.pages())
    assert [url for url in ours if not url.startswith(base)] == []
    # The 404 page's links start from the site's root path, the sub-path.
    assert len(rooted) > 20
    assert [url for url in rooted if not url.startswith("/repo/")] == []
    feed = feedparser.parse((pages_site.html / "blog" / "atom.xml").read_bytes())
    assert feed.entries and all(entry.link.startswith(base) for entry in feed.entries)


def test_no_output_file_names_the_default_address(pages_site: Build):
    leaks = [
        path.relative_to(pages_site.html).as_posix()
        for path in pages_site.html.rglob("*")
        if path.is_file() and b"innovation-publique.example" in path.read_bytes()
    ]
    assert leaks == []


# -- Canonical links, titles, favicon -------------------------------------------


def test_every_page_has_its_canonical_address(site: Build):
    for name in relative_pages(site):
        assert canonical(site.page(name)) == BASEURL + name, name


#: Titles of the pages whose <h1> is not their title.
SPECIAL_TITLES = {"index.html": "Innovation publique", "search.html": "Recherche – Innovation publique"}


def test_every_title_is_the_page_then_the_blog(site: Build):
    for name in relative_pages(site):
        page = site.page(name)
        title = page.head.title.get_text()
        if name in SPECIAL_TITLES:
            assert title == SPECIAL_TITLES[name]
            continue
        # Jinja's striptags turns the no-break spaces of « … » into spaces.
        assert title == " ".join(f"{heading(page)} – Innovation publique".split()), name
        assert "documentation" not in title.lower()


def test_every_page_shows_the_favicon(site: Build):
    for name in relative_pages(site)[:3] + ["posts/2017/universite-dete-de-cluny-2017-le-livre.html"]:
        (icon,) = site.page(name).find_all("link", rel="icon")
        target = (site.html / name).parent / icon["href"]
        if icon["href"].startswith("/"):
            target = site.html / icon["href"].lstrip("/")
        assert ElementTree.parse(target.resolve()).getroot().tag == "{http://www.w3.org/2000/svg}svg", name


# -- Sharing metadata -------------------------------------------------------------


def one_line(text: str) -> str:
    """*text* with its line breaks and runs of spaces as one space, keeping no-break spaces."""
    return re.sub(r"[ \t\r\n]+", " ", text).strip()


def post_pages(site: Build) -> list[str]:
    return [name for name in relative_pages(site) if name.startswith("posts/")]


def test_each_post_is_an_article_with_its_excerpt_date_tags_and_locale(site: Build):
    home = site.page("index.html")
    excerpts = {
        entry.select_one(".blog-entry-title a")["href"]: one_line(" ".join(block.get_text() for block in entry.select(".blog-entry-excerpt > *")))
        for entry in home.select(".blog-entry")
    }
    assert len(post_pages(site)) == 10
    for name in post_pages(site):
        page = site.page(name)
        assert one_meta(page, "og:type") == "article"
        assert one_meta(page, "og:title") == heading(page)
        assert one_meta(page, "og:url") == canonical(page) == BASEURL + name
        assert one_meta(page, "og:locale") == "fr_FR"
        assert one_meta(page, "og:site_name") == "Innovation publique"
        assert one_meta(page, "twitter:card") == "summary"
        description = one_meta(page, "og:description")
        assert one_meta(page, "description") == description
        excerpt = excerpts[name]
        assert description == excerpt or (description.endswith("…") and excerpt.startswith(description[:-1]))
        assert 50 < len(description) <= 200
        date = page.select_one(".blog-post-meta time")["datetime"]
        assert one_meta(page, "article:published_time").startswith(f"{date}T")
        shown_tags = [tag.get_text() for tag in page.select(".blog-post-tags a")]
        assert shown_tags and meta(page, "article:tag") == shown_tags
        assert meta(page, "og:image") == []


def test_listing_pages_have_their_own_metadata(site: Build):
    listings = ["index.html", "blog.html", "blog/tag.html", "blog/archive.html", "blog/2017.html", "blog/2017/11.html",
                "blog/tag/innovation-publique.html", "blog/category/evenements.html"]
    for name in listings:
        page = site.page(name)
        title = heading(page)
        assert one_meta(page, "og:type") == "website", name
        assert one_meta(page, "og:title") == title, name
        assert one_meta(page, "og:url") == BASEURL + name
        assert one_meta(page, "og:locale") == "fr_FR"
        description = one_meta(page, "og:description")
        assert one_meta(page, "description") == description
        assert description.startswith(f"{title}\u00a0: "), name
    november = one_meta(site.page("blog/2017/11.html"), "og:description")
    assert november == ("Articles de novembre 2017\u00a0: Université d’été de Cluny 2017, le livre · "
                        "La diffusion de l’innovation dans tous les territoires")
    assert one_meta(site.page("blog/archive.html"), "og:description") == "Archives\u00a0: 2018 · 2017 · 2016 · 2015"


def test_metadata_lives_in_the_head(site: Build):
    for name in relative_pages(site):
        page = site.page(name)
        assert page.body.find_all("meta") == [], name


def test_a_post_with_an_image_shares_it(build_test_site: SiteFactory):
    body = "Un atelier réussi.\n\n![Les participants de l’atelier](atelier.png)\n"
    # Sphinx copies the image without reading it: any content stands for a PNG here.
    build = build_test_site({
        "posts/2020/atelier.md": post_source("L’atelier", tags="design", body=body),
        "posts/2020/atelier.png": "une image PNG",
    })
    assert build.returncode == 0, build.output
    page = build.page("posts/2020/atelier.html")
    url = one_meta(page, "og:image")
    assert url == f"{BASEURL}_images/atelier.png"
    assert (build.html / url.removeprefix(BASEURL)).read_text(encoding="utf-8") == "une image PNG"
    assert one_meta(page, "og:image:alt") == "Les participants de l’atelier"
    assert one_meta(page, "og:description") == "Un atelier réussi."


# -- Sitemap and robots.txt --------------------------------------------------------


def test_sitemap_lists_every_page_but_search_and_404(site: Build):
    root = ElementTree.parse(site.html / "sitemap.xml").getroot()
    listed = [loc.text for loc in root.findall("sm:url/sm:loc", SITEMAP_NS)]
    assert len(listed) == len(set(listed))
    expected = {BASEURL + name for name in relative_pages(site) if name not in NOT_IN_SITEMAP}
    assert set(listed) == expected
    assert {f"{BASEURL}blog.html", f"{BASEURL}blog/tag/cnfpt.html", f"{BASEURL}index.html"} <= expected
    assert (site.html / "404.html").is_file() and (site.html / "search.html").is_file()


def test_robots_txt_points_to_the_sitemap(site: Build):
    robots = (site.html / "robots.txt").read_text(encoding="utf-8")
    assert re.search(r"^User-agent: \*$", robots, re.MULTILINE)
    assert re.search(rf"^Sitemap: {re.escape(BASEURL)}sitemap\.xml$", robots, re.MULTILINE)


# -- The 404 page -----------------------------------------------------------------


def test_404_page_is_french_in_furos_layout(site: Build):
    page = site.page("404.html")
    assert page.html["lang"] == "fr"
    assert page.find(class_="sidebar-drawer") and page.find(id="furo-main-content")
    assert [h1.get_text() for h1 in page.find_all("h1")] == ["Page introuvable"]
    assert page.head.title.get_text() == "Page introuvable – Innovation publique"
    links = {a.get_text(): a["href"] for a in page.select(".blog-not-found a")}
    assert links == {"Page d’accueil": "/index.html", "Archives": "/blog/archive.html",
                     "Rechercher dans le blog": "/search.html"}


@pytest.mark.parametrize("missing", ["nulle-part.html", "posts/2099/pas/encore/la.html"])
def test_404_page_works_at_any_depth(pages_site: Build, missing: str):
    """GitHub Pages serves 404.html at the missing address itself: every link must still lead somewhere."""
    address = f"{PAGES_BASE_URL}/{missing}"
    page = pages_site.page("404.html")
    targets = [
        element.get(attribute)
        for element in page.find_all(["a", "link", "script", "img", "form"])
        for attribute in ("href", "src", "action")
        if element.get(attribute) and not element.get(attribute).startswith("#")
    ]
    assert len(targets) > 20
    broken = []
    for target in targets:
        url = urljoin(address, target)
        if urlsplit(url).hostname in FOREIGN_HOSTS:
            continue
        path = urlsplit(url).path.removeprefix("/repo/")
        if not (pages_site.html / path).is_file():
            broken.append(target)
    assert broken == []


# -- Reproducible output ---------------------------------------------------------


def test_two_builds_in_different_time_zones_are_identical(tmp_path: Path):
    builds = [
        make_html(ROOT, tmp_path / zone.replace("/", "-"), environment=clean_environment(TZ=zone, PYTHONHASHSEED=seed))
        for zone, seed in (("UTC", "1"), ("Asia/Tokyo", "2"))
    ]
    for build in builds:
        assert build.returncode == 0, build.output
    first, second = ({path.relative_to(build.html): path for path in build.html.rglob("*") if path.is_file()} for build in builds)
    assert sorted(first) == sorted(second)
    assert {Path("blog/atom.xml"), Path("sitemap.xml"), Path("searchindex.js"), Path("404.html")} <= set(first)
    for name, path in sorted(first.items()):
        if path.read_bytes() != second[name].read_bytes():
            diff = difflib.unified_diff(
                path.read_text(errors="replace").splitlines(), second[name].read_text(errors="replace").splitlines(),
                "TZ=UTC", "TZ=Asia/Tokyo", lineterm="", n=0,
            )
            pytest.fail(f"{name} differs:\n" + "\n".join(list(diff)[:20]))


# -- make linkcheck ---------------------------------------------------------------


def test_make_linkcheck_reports_a_dead_link(tmp_path: Path):
    """`make linkcheck` runs Sphinx's linkcheck builder on the posts (here on a port of this machine that nothing serves)."""
    source = tmp_path / "src"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(".venv", ".git", "_build", "node_modules", "tests", "__pycache__"))
    dead = "http://127.0.0.1:9/nulle-part.html"
    post = source / "posts" / "2018" / "avoir-des-bons-copains.md"
    post.write_text(post.read_text(encoding="utf-8") + f"\nVoir [ce lien]({dead}).\n", encoding="utf-8")
    result = subprocess.run(
        ["make", "--no-print-directory", "--directory", str(ROOT), "linkcheck",
         f"SOURCEDIR={source}", f"BUILDDIR={tmp_path / 'build'}"],
        capture_output=True, text=True, env=clean_environment(),
    )
    assert result.returncode != 0, result.stdout + result.stderr
    report = (tmp_path / "build" / "linkcheck" / "output.txt").read_text(encoding="utf-8")
    assert dead in report and "broken" in report, report
