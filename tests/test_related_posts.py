"""« À lire aussi » under each post: up to three posts by shared tags (2 points) and category (1), in a fixed order."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import Build, build_site, clean_build_of, make_html, post_source
from sphinx_blog_fr._related_posts import CATEGORY_WEIGHT, TAG_WEIGHT, related_posts_of_every_post
from test_incremental import tree_differences

POSTS = {
    "posts/2020/sujet.md": post_source("Le sujet", date="2020-06-01", tags="design, agents", category="Méthodes"),
    # Two tags: 4 points.
    "posts/2019/deux-etiquettes.md": post_source("Deux étiquettes", date="2019-01-01", tags="design, agents"),
    # One tag and the category: 3 points.
    "posts/2019/etiquette-et-categorie.md": post_source(
        "Étiquette et catégorie", date="2019-02-01", tags="agents", category="Méthodes"
    ),
    # One tag each, 2 points: the newest first, then by title.
    "posts/2018/b-design.md": post_source("B design", date="2018-05-01", tags="design"),
    "posts/2018/a-design.md": post_source("A design", date="2018-05-01", tags="design"),
    "posts/2017/ancien-design.md": post_source("Ancien design", date="2017-05-01", tags="design"),
    "posts/2018/rien.md": post_source("Rien en commun", date="2018-07-01", tags="ruralité", category="Terrain"),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    build = build_site(tmp_path_factory.mktemp("related"), POSTS)
    assert build.returncode == 0, build.output
    return build


def related(site: Build, page: str) -> list[str]:
    return [link.get_text() for link in site.page(page).select(".blog-related-posts a")]


def test_the_most_related_posts_come_first_ties_by_date_then_title(site: Build):
    assert related(site, "posts/2020/sujet.html") == ["Deux étiquettes", "Étiquette et catégorie", "A design"]
    heading = site.page("posts/2020/sujet.html").select_one(".blog-related-posts h2")
    assert heading.get_text() == "À lire aussi"


def test_the_links_lead_to_the_related_posts(site: Build):
    link = site.page("posts/2020/sujet.html").select_one(".blog-related-posts a")
    assert (site.html / "posts/2020" / link["href"]).resolve() == (site.html / "posts/2019/deux-etiquettes.html")


def test_a_post_sharing_nothing_shows_no_list(site: Build):
    assert not site.page("posts/2018/rien.html").select(".blog-related-posts")
    assert not site.page("index.html").select(".blog-related-posts")


#: Newer posts sharing nothing: the posts above are out of the sidebar's latest posts, whose change rewrites every page.
NEWER_POSTS = {f"posts/2021/recent-{n}.md": post_source(f"Récent {n}", date=f"2021-0{n}-01") for n in range(1, 7)}


def test_a_renamed_post_is_renamed_in_the_lists_of_the_posts_it_is_related_to(tmp_path: Path):
    """« A design » is renamed: « Le sujet », neither its neighbour nor rewritten for its sidebar, must show the new title."""
    first = build_site(tmp_path / "incremental", POSTS | NEWER_POSTS)
    assert first.returncode == 0, first.output
    renamed = POSTS["posts/2018/a-design.md"].replace("# A design", "# A design renommé")
    (first.srcdir / "posts/2018/a-design.md").write_text(renamed, encoding="utf-8")
    incremental = make_html(first.srcdir, first.html.parent)
    assert incremental.returncode == 0, incremental.output
    assert related(incremental, "posts/2020/sujet.html")[-1] == "A design renommé"
    assert tree_differences(incremental.html, clean_build_of(first.srcdir, tmp_path / "clean").html) == []


def _labels(names) -> list[SimpleNamespace]:
    return [SimpleNamespace(docname=name) for name in sorted(names)]


#: Posts as blog_related_posts reads them: page, title, date, tags and category (by page).
POST_SHAPES = st.lists(
    st.tuples(
        st.sampled_from(["Alpha", "Bêta", "Gamma", "Delta"]),
        st.dates(min_value=date(2015, 1, 1), max_value=date(2015, 1, 5)),
        st.sets(st.sampled_from(["tag/a", "tag/b", "tag/c"])),
        st.sets(st.sampled_from(["category/x", "category/y"]), max_size=1),
    ),
    min_size=1,
    max_size=8,
)


def _score(post, other) -> int:
    shared_tags = {tag.docname for tag in post.tags} & {tag.docname for tag in other.tags}
    shared_categories = {c.docname for c in post.category} & {c.docname for c in other.category}
    return TAG_WEIGHT * len(shared_tags) + CATEGORY_WEIGHT * len(shared_categories)


@settings(derandomize=True, max_examples=60, deadline=None)
@given(POST_SHAPES, st.randoms(use_true_random=False))
def test_related_posts_are_the_best_three_in_a_fixed_order_whatever_the_blogs_order(shapes, random):
    posts = [
        SimpleNamespace(docname=f"posts/p{n}", title=title, date=day, tags=_labels(tags), category=_labels(category))
        for n, (title, day, tags, category) in enumerate(shapes)
    ]
    shuffled = random.sample(posts, len(posts))
    related, found = related_posts_of_every_post(SimpleNamespace(posts=posts))
    assert related == related_posts_of_every_post(SimpleNamespace(posts=shuffled))[0]
    # The next build takes them again from the same posts, not from others.
    assert related_posts_of_every_post(SimpleNamespace(posts=shuffled), found)[0] == related
    assert (
        related_posts_of_every_post(SimpleNamespace(posts=posts[1:]), found)[0]
        == (related_posts_of_every_post(SimpleNamespace(posts=posts[1:]))[0])
    )
    for post in posts:
        shown = related[post.docname]
        assert post not in shown and len(shown) <= 3
        keys = [(-_score(post, other), -other.date.toordinal(), other.title, other.docname) for other in shown]
        assert all(key[0] < 0 for key in keys) and keys == sorted(keys)
        left_out = [other for other in posts if other is not post and other not in shown and _score(post, other)]
        if left_out:
            assert len(shown) == 3
            worst = keys[-1]
            assert all((-_score(post, o), -o.date.toordinal(), o.title, o.docname) >= worst for o in left_out)
