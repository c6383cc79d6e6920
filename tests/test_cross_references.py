"""A link from one post to another is resolved at build time; a link to a missing post fails the build."""

from __future__ import annotations

from conftest import SiteFactory, build_site, make_html, post_source


def test_a_link_to_a_missing_post_fails_the_build_naming_the_file(build_test_site: SiteFactory):
    build = build_test_site(
        {
            "posts/2020/cible.md": post_source("La cible", body="Un texte."),
            "posts/2020/source.md": post_source(
                "La source",
                date="2020-02-01",
                body="Voir [l’article disparu](article-disparu.md) et [la cible](cible.md).",
            ),
        }
    )
    assert build.returncode != 0
    assert "posts/2020/source.md:" in build.output
    assert "article-disparu" in build.output
    # --keep-going: both posts are still built, the good link resolved.
    page = build.page("posts/2020/source.html")
    assert page.find("a", string="la cible")["href"] == "cible.html"
    assert (build.html / "posts/2020/cible.html").is_file()


def test_links_between_posts_resolve_across_years(build_test_site: SiteFactory):
    build = build_test_site(
        {
            "posts/2019/ancien.md": post_source("L’ancien", date="2019-05-01", body="Un texte."),
            "posts/2020/nouveau.md": post_source("Le nouveau", body="Suite de [l’ancien](../2019/ancien.md)."),
        }
    )
    assert build.returncode == 0, build.output
    assert build.page("posts/2020/nouveau.html").find("a", string="l’ancien")["href"] == "../2019/ancien.html"
    home_link = build.page("index.html").find("a", string="l’ancien")
    assert home_link["href"] == "posts/2019/ancien.html"


def test_a_target_removed_from_a_post_no_longer_resolves_on_the_next_build(tmp_path):
    # The standard domain forgets an edited post's old targets (_standard_domain scans the posts that hold some).
    posts = {
        "posts/2020/cible.md": post_source("La cible", body="(le-passage)=\nUn passage cité."),
        "posts/2020/source.md": post_source(
            "La source", date="2020-02-01", body="Voir {ref}`le passage <le-passage>`."
        ),
    }
    first = build_site(tmp_path, posts)
    assert first.returncode == 0, first.output
    assert first.page("posts/2020/source.html").find("a", string="le passage")["href"].startswith("cible.html#")
    target = first.srcdir / "posts/2020/cible.md"
    target.write_text(post_source("La cible", body="Un passage qui n’est plus cité."), encoding="utf-8")
    # The citing post is read again too (Sphinx rewrites only the documents that changed).
    source = first.srcdir / "posts/2020/source.md"
    source.write_text(source.read_text(encoding="utf-8") + "\nUne phrase de plus.\n", encoding="utf-8")
    again = make_html(first.srcdir, first.html.parent)
    assert again.returncode != 0 and "le-passage" in again.output, again.output
