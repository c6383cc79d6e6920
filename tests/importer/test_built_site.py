"""The imported posts, built by Sphinx, show what WordPress showed, and every old address still leads somewhere."""

import json
import re
from datetime import UTC
from pathlib import Path
from urllib.parse import unquote, urlsplit
from zoneinfo import ZoneInfo

from bs4 import BeautifulSoup

from sphinx_blog_fr.wordpress.documents import NO_TEXT_NOTE
from sphinx_blog_fr.wordpress.media import MediaLibrary
from sphinx_blog_fr.wordpress.render import Renderer
from sphinx_blog_fr.wordpress.wxr import read_export

from .wxr_site import FIXTURES, Site, post_body, visible_text


def wordpress_texts(export: Path, site: Site) -> dict[str, str]:
    """Visible text of each imported post and page as WordPress renders it, by imported file."""
    parsed = read_export(export)
    renderer = Renderer(MediaLibrary([item for item in parsed.items if item.type == "attachment"], None))
    items = {item.id: item for item in parsed.items}
    texts = {}
    for item_id, path in site.plan.outputs:
        if not path.startswith("drafts/") and items[item_id].status == "publish":
            html = renderer.render(items[item_id]).html
            texts[path] = visible_text(BeautifulSoup(html, "html.parser"))
    return texts


def assert_same_visible_text(export: Path, site: Site) -> None:
    """Every published post and page of *export* shows the same characters on the built site."""
    expected = wordpress_texts(export, site)
    assert expected
    note = visible_text(BeautifulSoup(NO_TEXT_NOTE.strip("*"), "html.parser"))
    different = {
        path: (text, visible_text(post_body(site.page(path))).replace(note, "")) for path, text in expected.items()
    }
    different = {path: first_difference(*texts) for path, texts in different.items() if texts[0] != texts[1]}
    assert not different


def first_difference(expected: str, built: str) -> str:
    """Both texts around the first character where they differ, for a readable failure."""
    index = next(
        (position for position, pair in enumerate(zip(expected, built, strict=False)) if pair[0] != pair[1]),
        min(len(expected), len(built)),
    )
    return (
        f"WordPress: …{expected[max(0, index - 40) : index + 60]}… / site: …{built[max(0, index - 40) : index + 60]}…"
    )


def test_visible_text_of_the_french_fixture_is_kept(french_site: Site) -> None:
    assert_same_visible_text(FIXTURES / "blog-fr.xml", french_site)


def served_file(html: Path, path: str) -> Path | None:
    """The file a static host serves for the address *path*: ``x/`` → ``x/index.html``, ``x.html`` → itself."""
    relative = unquote(path).strip("/")
    candidate = html / relative
    if (candidate / "index.html").is_file():
        return candidate / "index.html"
    return candidate if candidate.is_file() else None


def redirect_target(page: Path) -> Path:
    """Where the redirect page *page* sends the reader (the file, fragment dropped)."""
    match = re.search(r'var target = "([^"#]*)', page.read_text(encoding="utf-8"))
    assert match, f"{page} is not a redirect page"
    return (page.parent / match.group(1)).resolve()


def old_addresses(export: Path) -> dict[str, str]:
    """Each old address of the export's published posts and pages, and the kind of page it was.

    Computed from the export alone (links, old slugs, terms, authors,
    months), independently of the importer's redirect table.
    """
    addresses = {"/feed/": "feed"}
    parsed = read_export(export)
    for item in parsed.items:
        if item.type not in ("post", "page") or item.status != "publish" or item.password:
            continue
        path = urlsplit(item.link).path
        if path.strip("/"):
            addresses[path] = item.type
        for old_slug in item.meta_values("_wp_old_slug"):
            addresses[path.replace(item.slug, old_slug)] = item.type
        if item.type == "post":
            addresses |= {f"/category/{term.slug}/": "category" for term in item.terms if term.taxonomy == "category"}
            addresses |= {f"/tag/{term.slug}/": "tag" for term in item.terms if term.taxonomy == "post_tag"}
            if item.creator in parsed.authors:
                addresses[f"/author/{item.creator}/"] = "author"
            local = item.date_gmt.replace(tzinfo=UTC).astimezone(ZoneInfo("Europe/Paris"))
            addresses[f"/{local:%Y}/{local:%m}/"] = "month"
    return addresses


def assert_old_addresses_reach_pages(export: Path, site: Site) -> None:
    """Every old address leads, through one redirect page, to a built page of the matching kind."""
    unreachable = {}
    for address, kind in old_addresses(export).items():
        page = served_file(site.html, address)
        target = redirect_target(page) if page else None
        if kind == "month":
            expected_prefix = site.html / "blog"
            reached = target is not None and target.suffix == ".html" and target.is_relative_to(expected_prefix)
        else:
            reached = target is not None and target.is_file() and target.name != "index.html"
        if not reached:
            unreachable[address] = target
    assert not unreachable


def test_every_old_address_of_the_french_fixture_reaches_its_page(french_site: Site) -> None:
    assert_old_addresses_reach_pages(FIXTURES / "blog-fr.xml", french_site)


def test_old_post_addresses_reach_the_new_post(french_site: Site) -> None:
    for old in ["/2017/11/10/la-diffusion-de-linnovation/", "/2017/11/10/diffusion-innovation-territoires/"]:
        assert (
            redirect_target(served_file(french_site.html, old))
            == french_site.html / "posts/2017/la-diffusion-de-linnovation.html"
        )
    assert redirect_target(served_file(french_site.html, "/a-propos/")) == french_site.html / "pages/a-propos.html"


def test_old_listing_addresses_reach_the_new_listings(french_site: Site) -> None:
    expected = {
        "/category/evenements/": "blog/category/evenements.html",
        "/category/evenements/territoires/": "blog/category/territoires.html",
        "/tag/innovation-publique/": "blog/tag/innovation-publique.html",
        "/author/mlefevre/": "blog/author/marie-lefevre.html",
        "/2018/07/": "blog/2018/07.html",
        "/2018/": "blog/2018.html",
        "/feed/": "blog/atom.xml",
    }
    for old, new in expected.items():
        assert redirect_target(served_file(french_site.html, old)) == french_site.html / new


def test_query_addresses_are_answered_by_the_home_page_only(french_site: Site) -> None:
    home = (french_site.html / "index.html").read_text(encoding="utf-8")
    tables = json.loads(re.search(r"var tables = (\{.*?\});", home).group(1))
    assert tables["p"]["10"] == "posts/2017/la-diffusion-de-linnovation.html"
    assert tables["page_id"] == {"2": "pages/a-propos.html"}
    assert all((french_site.html / target).is_file() for table in tables.values() for target in table.values())
    post = (french_site.html / "posts/2017/la-diffusion-de-linnovation.html").read_text(encoding="utf-8")
    assert "var tables" not in post


def test_french_typography_reaches_the_page_unchanged(french_site: Site) -> None:
    first = post_body(french_site.page("posts/2017/la-diffusion-de-linnovation.md")).get_text()
    # The export's ordinary spaces, as blog_typography shows them (the imported source keeps them).
    assert "Ils étaient «\u00a0très nombreux\u00a0»\u00a0: 120 personnes, soit 15 % de plus qu’en 2016\u202f!" in first
    second = post_body(french_site.page("posts/2018/mooc-bilan.md")).get_text()
    assert "Le MOOC «\u00a0Innovation publique\u00a0» a réuni 3\u202f000\u00a0inscrits." in second


def test_archived_comments_are_approved_threaded_and_read_only(french_site: Site) -> None:
    comments = french_site.page("posts/2017/la-diffusion-de-linnovation.md").find("section", id="commentaires-archives")
    top_level = comments.find("ul").find_all("li", recursive=False)
    assert [item.find("strong").get_text() for item in top_level] == ["Jeanne"]
    assert top_level[0].find("ul").find("strong").get_text() == "Marie Lefèvre"
    text = comments.get_text()
    assert "Achetez nos montres" not in text and "lu chez Marie" not in text
    assert comments.find(["form", "textarea", "input"]) is None


def test_more_tag_sets_the_excerpt_shown_in_listings(french_site: Site) -> None:
    listing = (french_site.html / "blog.html").read_text(encoding="utf-8")
    assert "je me suis trouvé à participer à l’organisation" in listing
    assert "Une première partie théorique" not in listing


def test_embeds_become_players_or_links(french_site: Site) -> None:
    first = post_body(french_site.page("posts/2017/la-diffusion-de-linnovation.md"))
    second = post_body(french_site.page("posts/2018/mooc-bilan.md"))
    players = [frame["src"] for frame in first.find_all("iframe") + second.find_all("iframe")]
    assert players == [
        "https://www.youtube-nocookie.com/embed/SQEQr7c0-dw",
        "https://player.vimeo.com/video/76979871?dnt=1",
        "https://framatube.org/videos/embed/9c9de5e8-0a1e-484a-b099-e80766180a6d",
    ]


def test_captioned_image_is_a_figure_at_full_size(french_site: Site) -> None:
    figure = post_body(french_site.page("posts/2017/la-diffusion-de-linnovation.md")).find("figure")
    assert figure.find("img")["src"] == "https://blog.example.fr/wp-content/uploads/2017/11/seminaire.jpg"
    assert figure.find("img")["alt"] == "La salle du séminaire"
    assert figure.find("figcaption").get_text(strip=True) == "La salle, à l’heure du café"
