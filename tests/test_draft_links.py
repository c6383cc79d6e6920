"""A published post that links to a draft fails the build with one French error naming both files.

The draft (a date to come, or none) is left out of the build, so the link
cannot work; the author must read where the link is, where it leads, and
that the target is a draft, not Sphinx's English « Unknown source document ».
"""

from __future__ import annotations

import pytest

from conftest import Build, build_site, post_source

MESSAGE = (
    "ERROR: le lien vers « {target} » mène à un brouillon (date à venir ou absente) : il ne sera publié "
    "qu’à sa date ; retirez le lien ou publiez l’article"
)
#: The body of a test post (post_source) is on line 9.
BODY_LINE = 9


@pytest.fixture(scope="module")
def site_linking_to_drafts(tmp_path_factory: pytest.TempPathFactory) -> Build:
    return build_site(
        tmp_path_factory.mktemp("draft-links"),
        {
            "posts/2099/a-venir.md": post_source("Un brouillon daté", date="2099-01-01"),
            "posts/2020/sans-date.md": post_source("Un brouillon sans date", date=None),
            "posts/2020/lien-markdown.md": post_source(
                "Un lien Markdown", date="2020-03-01", body="Lisez [la suite](../2099/a-venir.md)."
            ),
            "posts/2020/lien-doc.md": post_source("Un lien doc", date="2020-03-02", body="Lisez {doc}`sans-date`."),
            "posts/2020/autre.md": post_source("Un article sans lien", date="2020-03-03"),
        },
    )


def test_the_build_fails(site_linking_to_drafts: Build):
    assert site_linking_to_drafts.returncode != 0


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("posts/2020/lien-markdown.md", "posts/2099/a-venir.md"),
        ("posts/2020/lien-doc.md", "posts/2020/sans-date.md"),
    ],
)
def test_one_french_error_names_the_link_and_the_draft(site_linking_to_drafts: Build, source: str, target: str):
    build = site_linking_to_drafts
    expected = f"{build.srcdir / source}:{BODY_LINE}: {MESSAGE.format(target=target)}"
    errors = [line for line in build.output.splitlines() if f"{build.srcdir / source}:" in line]
    assert len(errors) == 1, errors
    assert errors[0].startswith(expected), errors[0]


def test_no_english_message_about_an_unknown_document(site_linking_to_drafts: Build):
    output = site_linking_to_drafts.output
    assert "Unknown source document" not in output and "unknown document" not in output, output


def test_the_other_posts_are_still_built_and_the_drafts_are_not(site_linking_to_drafts: Build):
    html = site_linking_to_drafts.html
    assert (html / "posts/2020/autre.html").is_file()
    assert "la suite" in (html / "posts/2020/lien-markdown.html").read_text(encoding="utf-8")
    assert not (html / "posts/2099/a-venir.html").exists() and not (html / "posts/2020/sans-date.html").exists()
