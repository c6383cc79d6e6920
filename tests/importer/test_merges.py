"""Content that reaches the importer twice (issue 15): the second file of a split export adds its
comments to those a post already has, and of two items with one ID, the one WordPress keeps (the
last) is written and the other's old address leads to it."""

import json
from pathlib import Path

from bs4 import BeautifulSoup

from .wxr_site import FIXTURES, build, import_into, new_site, write_export


def post(post_id: int, slug: str, title: str, comments: str = "", status: str = "publish") -> str:
    """One published post of 2021 with its *comments* (``<wp:comment>`` elements)."""
    return f"""<item>
		<title>{title}</title>
		<link>https://blog.example/{slug}/</link>
		<content:encoded><![CDATA[Le texte de {title}.]]></content:encoded>
		<wp:post_id>{post_id}</wp:post_id>
		<wp:post_date_gmt>2021-06-0{post_id % 9 + 1} 09:00:00</wp:post_date_gmt>
		<wp:post_name>{slug}</wp:post_name>
		<wp:status>{status}</wp:status>
		<wp:post_type>post</wp:post_type>
		{comments}
	</item>"""


def comment(comment_id: int, author: str, text: str, approved: int = 1, parent: int = 0) -> str:
    """One ``<wp:comment>``, written on 2021-06-1<id>."""
    return f"""<wp:comment><wp:comment_id>{comment_id}</wp:comment_id>
		<wp:comment_author>{author}</wp:comment_author>
		<wp:comment_date_gmt>2021-06-1{comment_id} 10:00:00</wp:comment_date_gmt>
		<wp:comment_content><![CDATA[{text}]]></wp:comment_content>
		<wp:comment_approved>{approved}</wp:comment_approved><wp:comment_type>comment</wp:comment_type>
		<wp:comment_parent>{parent}</wp:comment_parent></wp:comment>"""


def archived_comments(html: Path, page: str) -> list[str]:
    """The comments a reader sees under the built post *page*, in reading order: « author: text »,
    a reply indented under the comment it answers."""
    soup = BeautifulSoup((html / page).read_text(encoding="utf-8"), "html.parser")
    section = soup.find("section", id="commentaires-archives")
    if section is None:
        return []
    return [
        "  " * len(entry.find_parents("li")) + f"{entry.find('strong').get_text()}: {entry.find_all('p')[1].get_text()}"
        for entry in section.find_all("li")
    ]


def test_a_second_file_adds_its_comments_to_those_the_post_already_has(tmp_path: Path) -> None:
    site = new_site(tmp_path / "blog")
    first = write_export(
        tmp_path / "export-1.xml",
        post(5, "velo", "À vélo", comment(1, "Alice", "Premier") + comment(2, "Bob", "En attente", approved=0))
        + post(6, "train", "En train", comment(3, "Chloé", "Et le retour")),
    )
    # The second file has the post again, with a comment written since, and another post.
    second = write_export(
        tmp_path / "export-2.xml",
        post(5, "velo", "À vélo", comment(4, "Denis", "Réponse à Alice.", parent=1)) + post(7, "bus", "En bus"),
    )
    import_into(site, first)
    import_into(site, second)
    html = build(site)
    assert archived_comments(html, "posts/2021/velo.html") == ["Alice: Premier", "  Denis: Réponse à Alice."]
    # A post the second file does not have keeps its comments; a comment never approved stays out.
    assert archived_comments(html, "posts/2021/train.html") == ["Chloé: Et le retour"]
    assert "En attente" not in (site / "posts/2021/velo.md").read_text(encoding="utf-8")


def test_importing_the_first_file_again_keeps_the_comments_of_the_second(tmp_path: Path) -> None:
    site = new_site(tmp_path / "blog")
    first = write_export(tmp_path / "export-1.xml", post(5, "velo", "À vélo", comment(1, "Alice", "Premier")))
    second = write_export(tmp_path / "export-2.xml", post(5, "velo", "À vélo", comment(2, "Bob", "Deuxième.")))
    import_into(site, first)
    import_into(site, second)
    after_both = (site / "posts/2021/velo.md").read_text(encoding="utf-8")
    import_into(site, first)
    text = (site / "posts/2021/velo.md").read_text(encoding="utf-8")
    assert text == after_both
    assert text.index("Premier") < text.index("Deuxième.")


def test_a_comment_a_later_file_has_again_is_shown_once_in_its_later_version(tmp_path: Path) -> None:
    site = new_site(tmp_path / "blog")
    import_into(site, write_export(tmp_path / "a.xml", post(5, "velo", "À vélo", comment(1, "Alice", "Premier jet"))))
    import_into(
        site, write_export(tmp_path / "b.xml", post(5, "velo", "À vélo", comment(1, "Alice", "Premier, corrigé")))
    )
    assert archived_comments(build(site), "posts/2021/velo.html") == ["Alice: Premier, corrigé"]


def test_the_same_post_id_of_another_site_does_not_get_its_comments(tmp_path: Path) -> None:
    site = new_site(tmp_path / "blog")
    import_into(site, write_export(tmp_path / "a.xml", post(5, "velo", "À vélo", comment(1, "Alice", "Premier"))))
    other = write_export(tmp_path / "b.xml", post(5, "velo", "À vélo"), site="https://autre.example")
    import_into(site, other)
    assert "Premier" not in (site / "posts/2021/velo.md").read_text(encoding="utf-8")


def test_the_older_of_two_items_with_one_id_redirects_to_the_one_written(tmp_path: Path) -> None:
    site = new_site(tmp_path / "blog")
    plan = import_into(site, FIXTURES / "fidelity-ids.xml")
    redirects = json.loads((site / "redirects.json").read_text(encoding="utf-8"))
    assert redirects["pages"]["premiere/index"] == "/posts/2022/derniere.html"
    assert redirects["pages"]["derniere/index"] == "/posts/2022/derniere.html"
    assert not any("premiere" in note for note in plan.report.notes)
    html = build(site)
    refresh = BeautifulSoup((html / "premiere/index.html").read_text(encoding="utf-8"), "html.parser").find(
        "meta", attrs={"http-equiv": "refresh"}
    )
    target = (html / "premiere").joinpath(refresh["content"].partition("url=")[2]).resolve()
    assert target == (html / "posts/2022/derniere.html").resolve()


def test_when_the_item_wordpress_keeps_is_a_draft_the_report_says_the_older_address_is_not_redirected(
    tmp_path: Path,
) -> None:
    export = write_export(
        tmp_path / "ids.xml", post(5, "publie", "Publié") + post(5, "ebauche", "Ébauche", status="draft")
    )
    site = new_site(tmp_path / "blog")
    plan = import_into(site, export)
    assert (
        "post « Publié » (ID 5) : adresse non redirigée, le contenu du même ID qui le remplace n’est pas publié : "
        "https://blog.example/publie/"
    ) in plan.report.notes
    assert "publie/index" not in json.loads((site / "redirects.json").read_text(encoding="utf-8"))["pages"]
