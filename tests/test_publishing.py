"""The site goes online as it builds here: hosting files, addresses, metadata, 404, reproducible output."""

from __future__ import annotations

import difflib
import importlib.util
import io
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import feedparser
import pytest
import yaml
from PIL import Image

from conftest import ROOT, Build, SiteFactory, copy_of_repository, make_html, one_meta, post_source
from sphinx_blog_fr._settings import load_settings
from sphinx_blog_fr.commands._site import copy_site_machinery

#: The site's address as conf.py gives it (its default, unless BLOG_BASEURL is set).
BASEURL = load_settings(ROOT)["blog_baseurl"]
#: What actions/configure-pages gives for a project page: no final slash.
PAGES_BASE_URL = "https://user.github.io/repo"
RTD_CANONICAL_URL = "https://innovation-publique.readthedocs.io/fr/latest/"
WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"
READTHEDOCS = ROOT / ".readthedocs.yaml"


def canonical(page) -> str:
    (link,) = page.find_all("link", rel="canonical")
    return link["href"]


# -- Hosting files -------------------------------------------------------------


def load_yaml(path: Path) -> dict:
    # PyYAML reads the workflow's `on:` as True: GitHub reads it as the key "on".
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_read_the_docs_file_follows_its_published_schema():
    """The workflows are checked with GitHub's schema in test_operations.py."""
    if importlib.util.find_spec("check_jsonschema") is None:
        pytest.fail("check-jsonschema is missing: pip install --requirement requirements/dev.txt")
    # The schemas vendored in check-jsonschema: no network needed.
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.readthedocs", str(READTHEDOCS)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def run_commands(commands: list[str], cwd: Path, environment: dict[str, str]) -> str:
    """Run *commands* in bash as CI runners do (GitHub: `bash -eo pipefail`), failing on the first error."""
    output = []
    for command in commands:
        result = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", command],
            cwd=cwd,
            env=environment,
            capture_output=True,
            text=True,
        )
        output.append(result.stdout + result.stderr)
        assert result.returncode == 0, f"{command!r} failed:\n{output[-1]}"
    return "".join(output)


def clean_environment(**variables: str) -> dict[str, str]:
    environment = {
        key: value for key, value in os.environ.items() if key not in ("BLOG_BASEURL", "READTHEDOCS_CANONICAL_URL")
    }
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
    (artifact,) = [
        step["with"]["path"] for step in steps if step.get("uses", "").startswith("actions/upload-pages-artifact")
    ]
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
        commands,
        copy_of_repository(tmp_path / "clone"),
        clean_environment(
            READTHEDOCS="True", READTHEDOCS_OUTPUT=str(output), READTHEDOCS_CANONICAL_URL=RTD_CANONICAL_URL
        ),
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
#: Hosts the pages name without loading anything from them: XML namespaces, feed
#: specifications, the content licence, the accessibility statement's remedies.
FOREIGN_HOSTS = {
    "www.w3.org",
    "www.sitemaps.org",
    "github.com",
    "lkiesow.github.io",
    "purl.org",
    "www.rssboard.org",
    "creativecommons.org",
    "formulaire.defenseurdesdroits.fr",
    "www.defenseurdesdroits.fr",
}


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
        if path.is_file() and urlsplit(BASEURL).hostname.encode() in path.read_bytes()
    ]
    assert leaks == []


# -- Sharing metadata (the real site's pages: tests/site_checks/test_publishing.py) --


def test_a_post_with_an_image_shares_it(build_test_site: SiteFactory):
    body = "Un atelier réussi.\n\n![Les participants de l’atelier](atelier.png)\n"
    picture = io.BytesIO()
    Image.new("RGB", (120, 80), "teal").save(picture, "PNG")
    build = build_test_site(
        {
            "posts/2020/atelier.md": post_source("L’atelier", tags="design", body=body),
            "posts/2020/atelier.png": picture.getvalue(),
        }
    )
    assert build.returncode == 0, build.output
    page = build.page("posts/2020/atelier.html")
    url = one_meta(page, "og:image")
    assert url == f"{BASEURL}_images/atelier.png"
    assert (build.html / url.removeprefix(BASEURL)).read_bytes() == picture.getvalue()
    assert (one_meta(page, "og:image:width"), one_meta(page, "og:image:height")) == ("120", "80")
    assert one_meta(page, "og:image:alt") == "Les participants de l’atelier"
    assert one_meta(page, "og:description") == "Un atelier réussi."


# -- The 404 page (its content on the real site: tests/site_checks/test_publishing.py) --


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
    first, second = (
        {path.relative_to(build.html): path for path in build.html.rglob("*") if path.is_file()} for build in builds
    )
    assert sorted(first) == sorted(second)
    assert {Path("blog/atom.xml"), Path("sitemap.xml"), Path("searchindex.js"), Path("404.html")} <= set(first)
    for name, path in sorted(first.items()):
        if path.read_bytes() != second[name].read_bytes():
            diff = difflib.unified_diff(
                path.read_text(errors="replace").splitlines(),
                second[name].read_text(errors="replace").splitlines(),
                "TZ=UTC",
                "TZ=Asia/Tokyo",
                lineterm="",
                n=0,
            )
            pytest.fail(f"{name} differs:\n" + "\n".join(list(diff)[:20]))


# -- make linkcheck ---------------------------------------------------------------


def test_make_linkcheck_reports_a_dead_link(tmp_path: Path):
    """`make linkcheck` runs Sphinx's linkcheck builder on the posts (here on a port of this machine that nothing serves)."""
    source = tmp_path / "src"
    copy_site_machinery(source)
    (source / "index.md").write_text("# Accueil\n", encoding="utf-8")
    dead = "http://127.0.0.1:9/nulle-part.html"
    post = source / "posts" / "2020" / "lien-mort.md"
    post.parent.mkdir(parents=True, exist_ok=True)
    post.write_text(post_source("Un lien mort", body=f"Voir [ce lien]({dead})."), encoding="utf-8")
    result = subprocess.run(
        [
            "make",
            "--no-print-directory",
            "--directory",
            str(ROOT),
            "linkcheck",
            f"SOURCEDIR={source}",
            f"BUILDDIR={tmp_path / 'build'}",
        ],
        capture_output=True,
        text=True,
        env=clean_environment(),
    )
    assert result.returncode != 0, result.stdout + result.stderr
    report = (tmp_path / "build" / "linkcheck" / "output.txt").read_text(encoding="utf-8")
    assert dead in report and "broken" in report, report
