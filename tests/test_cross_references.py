"""A link from one post to another is resolved at build time; a link to a missing post fails the build."""

from __future__ import annotations

from conftest import SiteFactory, post_source


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
