"""``make html`` when nothing has changed keeps the site as it is, and builds again when anything has.

``sphinx-blog-fr build`` (what ``make html`` runs) skips Sphinx when the last
build's stamp still holds. These tests check both halves of that promise on a
small site: a second identical ``make html`` leaves every file as it was and
says so in French; an edited post, a page deleted from the output, a new
static file, another site address in the environment, a fresh-environment
build, a later day on the blog's clock each mean a real build, whose output
shows the change.
"""

from __future__ import annotations

import json
import os
from datetime import datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from conftest import Build, build_site, make_html, post_source
from sphinx_blog_fr.commands import build as build_command

POSTS = {
    "posts/2020/premier.md": post_source("Le premier article", date="2020-03-04", tags="design"),
    "posts/2021/second.md": post_source("Le second article", date="2021-05-06", tags="design"),
}
SPHINX_RAN = "Running Sphinx"


def _files(build: Build) -> dict[str, tuple[int, bytes]]:
    """Every file of the output and doctree folders: its modification time and bytes."""
    folders = (build.html, build.html.parent / "doctrees")
    return {
        str(path): (path.stat().st_mtime_ns, path.read_bytes())
        for folder in folders
        for path in folder.rglob("*")
        if path.is_file()
    }


def _site(tmp_path: Path) -> Build:
    # Built in the test itself, not in a fixture: pytest's PYTEST_CURRENT_TEST differs between the two,
    # and a build in another environment is never skipped.
    built = build_site(tmp_path, POSTS)
    assert built.returncode == 0, built.output
    return built


def _again(site: Build, **options) -> Build:
    return make_html(site.srcdir, site.html.parent, **options)


def test_a_second_identical_build_is_skipped_and_touches_no_file(tmp_path: Path):
    site = _site(tmp_path)
    before = _files(site)
    again = _again(site)
    assert again.returncode == 0, again.output
    assert build_command.UP_TO_DATE in again.output and SPHINX_RAN not in again.output, again.output
    assert _files(site) == before


def test_an_edited_post_is_built_again(tmp_path: Path):
    site = _site(tmp_path)
    post = site.srcdir / "posts/2021/second.md"
    post.write_text(
        post.read_text(encoding="utf-8").replace("Un paragraphe.", "Un paragraphe récrit."), encoding="utf-8"
    )
    again = _again(site)
    assert again.returncode == 0 and build_command.UP_TO_DATE not in again.output, again.output
    assert "Un paragraphe récrit." in (site.html / "posts/2021/second.html").read_text(encoding="utf-8")


def test_a_page_deleted_from_the_output_is_written_again(tmp_path: Path):
    site = _site(tmp_path)
    page = site.html / "posts/2020/premier.html"
    published = page.read_bytes()
    page.unlink()
    again = _again(site)
    assert again.returncode == 0 and build_command.UP_TO_DATE not in again.output, again.output
    assert page.read_bytes() == published


def test_a_new_static_file_is_published(tmp_path: Path):
    site = _site(tmp_path)
    (site.srcdir / "_static" / "plan.txt").write_text("Un plan.", encoding="utf-8")
    again = _again(site)
    assert again.returncode == 0 and build_command.UP_TO_DATE not in again.output, again.output
    assert (site.html / "_static" / "plan.txt").read_text(encoding="utf-8") == "Un plan."


def test_another_site_address_in_the_environment_is_built_again(tmp_path: Path):
    site = _site(tmp_path)
    again = _again(site, environment={**os.environ, "BLOG_BASEURL": "https://autre.example/blog"})
    assert again.returncode == 0 and build_command.UP_TO_DATE not in again.output, again.output
    canonical = site.page("posts/2020/premier.html").find("link", rel="canonical")["href"]
    assert canonical == "https://autre.example/blog/posts/2020/premier.html"


def test_a_fresh_environment_build_is_never_skipped(tmp_path: Path):
    site = _site(tmp_path)
    for _ in range(2):
        fresh = _again(site, options="--fresh-env")
        assert fresh.returncode == 0 and SPHINX_RAN in fresh.output, fresh.output


def test_a_build_that_fails_is_never_skipped(tmp_path: Path):
    site = _site(tmp_path)
    broken = site.srcdir / "posts/2021/casse.md"
    broken.write_text(
        post_source("Un lien cassé", date="2021-07-08", body="Voir [la suite](nulle-part.md)."), encoding="utf-8"
    )
    for _ in range(2):
        failed = _again(site)
        assert failed.returncode != 0 and "nulle-part.md" in failed.output, failed.output


def test_the_build_ends_with_sphinx_s_status_and_last_words(tmp_path: Path):
    # make html ends its process as soon as Sphinx returns (cli.run): nothing Sphinx printed or wrote is lost.
    site = _site(tmp_path)
    assert site.output.rstrip().splitlines()[-1].startswith("Les pages HTML sont dans"), site.output
    broken = site.srcdir / "posts/2021/casse.md"
    broken.write_text(
        post_source("Un lien cassé", date="2021-07-08", body="Voir [la suite](nulle-part.md)."), encoding="utf-8"
    )
    warnings = tmp_path / "avertissements.txt"
    failed = _again(site, options=f"--warning-file={warnings}")
    assert failed.returncode != 0, failed.output
    # Sphinx's last words, and its warning file, written before the process ended; one warning, the link's.
    assert "La compilation s'est terminée avec des problèmes, 1 avertissement" in failed.output, failed.output
    written = warnings.read_text(encoding="utf-8")
    assert "nulle-part.md" in written and len(written.strip().splitlines()) == 1, written


def test_the_site_holds_until_midnight_on_the_blogs_clock(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    # A post dated tomorrow is published by the first build after midnight, on the blog's clock.
    zone = "Pacific/Kiritimati"
    site = build_site(tmp_path, POSTS, conf=f'blog_timezone = "{zone}"')
    assert site.returncode == 0, site.output
    stamp = json.loads((site.html.parent / "doctrees" / build_command.STAMP_FILE).read_text(encoding="utf-8"))
    tomorrow = datetime.now(ZoneInfo(zone)).date() + timedelta(days=1)
    assert stamp["until"] == datetime.combine(tomorrow, time(), tzinfo=ZoneInfo(zone)).timestamp()

    argv = [
        "--builder",
        "html",
        "--doctree-dir",
        str(site.html.parent / "doctrees"),
        "-W",
        str(site.srcdir),
        str(site.html),
    ]
    stamp["command"] = build_command.command_key(argv)
    (site.html.parent / "doctrees" / build_command.STAMP_FILE).write_text(json.dumps(stamp), encoding="utf-8")
    folders = build_command.Folders(argv)
    assert build_command.is_up_to_date(argv, folders)
    monkeypatch.setattr(build_command.time, "time", lambda: stamp["until"])
    assert not build_command.is_up_to_date(argv, folders)


def test_a_changed_file_the_build_read_outside_its_sources_is_built_again(tmp_path: Path):
    site = _site(tmp_path)
    stamp_path = site.html.parent / "doctrees" / build_command.STAMP_FILE
    stamp = json.loads(stamp_path.read_text(encoding="utf-8"))
    assert str(Path(build_command.__file__).parents[1]) in stamp["folders"]  # the machinery's own files
    # A template folder outside the sources, as a stamp would list it.
    templates = tmp_path / "gabarits"
    templates.mkdir()
    (templates / "page.html").write_text("{% extends '!page.html' %}", encoding="utf-8")
    stamp["folders"].append(str(templates))
    stamp["read"] = build_command.paths_state(stamp["folders"], stamp["files"])
    stamp_path.write_text(json.dumps(stamp), encoding="utf-8")
    assert build_command.UP_TO_DATE in _again(site).output
    stamp_path.write_text(json.dumps(stamp), encoding="utf-8")
    (templates / "page.html").write_text("{% extends '!page.html' %}{# changé #}", encoding="utf-8")
    assert build_command.UP_TO_DATE not in _again(site).output
