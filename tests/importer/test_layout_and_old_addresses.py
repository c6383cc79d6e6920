"""What the README listed as « Pas encore repris » (issue 15): image alignment, gallery columns,
scheduled posts' dates, the old pagination pages, custom category and tag prefixes, and the
old author address, each on a small export written by the test."""

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sphinx_blog_fr.wordpress.__main__ import main
from sphinx_blog_fr.wordpress.importer import plan_import
from sphinx_blog_fr.wordpress.redirects import TermBases, wordpress_nicename
from sphinx_blog_fr.wordpress.wxr import read_export

from .wxr_site import Site, blog_settings, build, import_into, new_site, write_export

SITE = "https://blog.example"
LAYOUT = """<p><img class="alignright size-medium wp-image-101" src="https://blog.example/wp-content/uploads/2021/06/a-300x200.jpg"
alt="Le port" width="300" height="200" /></p>
<p>Un texte autour, <a href="https://blog.example/h.jpg"><img class="alignleft" src="https://blog.example/h.jpg" alt="Le quai" /></a>
qui l’entoure.</p>
[caption id="attachment_102" align="aligncenter" width="400"]<img src="https://blog.example/b.jpg" alt="La digue" /> La digue au soir[/caption]
<!-- wp:image {"align":"left"} --><figure class="wp-block-image alignleft"><img src="https://blog.example/c.jpg" alt="Le phare"/></figure><!-- /wp:image -->
<p>Suite.</p>
[gallery columns="2" ids="101,102"]
<!-- wp:gallery --><figure class="wp-block-gallery has-nested-images columns-3 is-cropped"><figure class="wp-block-image"><img src="https://blog.example/d.jpg" alt="D" width="640" height="480"/></figure><figure class="wp-block-image"><img src="https://blog.example/e.jpg" alt="E"/><figcaption>Légende E</figcaption></figure></figure><!-- /wp:gallery -->"""


def attachment(attachment_id: int, name: str, alt: str) -> str:
    """An uploaded image of 1200 × 800 pixels, as WordPress exports its metadata (serialised PHP)."""
    metadata = 'a:5:{s:5:"width";i:1200;s:6:"height";i:800;s:4:"file";s:14:"2021/06/x.jpg";s:5:"sizes";a:0:{}}'
    return f"""<item><title>{name}</title><link>{SITE}/{name}/</link>
		<wp:post_id>{attachment_id}</wp:post_id><wp:post_parent>1</wp:post_parent><wp:status>inherit</wp:status>
		<wp:post_type>attachment</wp:post_type>
		<wp:attachment_url>{SITE}/wp-content/uploads/2021/06/{name}.jpg</wp:attachment_url>
		<wp:postmeta><wp:meta_key>_wp_attachment_image_alt</wp:meta_key><wp:meta_value>{alt}</wp:meta_value></wp:postmeta>
		<wp:postmeta><wp:meta_key>_wp_attachment_metadata</wp:meta_key><wp:meta_value><![CDATA[{metadata}]]></wp:meta_value></wp:postmeta>
	</item>"""


def post(post_id: int, slug: str, content: str = "Un texte.", status: str = "publish", date: str = "") -> str:
    """A post by the author whose login is « Jean_Dupont », in the category « Voyages » and the tag « Mer »."""
    return f"""<item><title>Article {slug}</title><link>{SITE}/{slug}/</link>
		<dc:creator>Jean_Dupont</dc:creator>
		<content:encoded><![CDATA[{content}]]></content:encoded>
		<wp:post_id>{post_id}</wp:post_id>
		<wp:post_date_gmt>{date or f"2021-06-{post_id % 28 + 1:02d} 09:00:00"}</wp:post_date_gmt>
		<wp:post_name>{slug}</wp:post_name><wp:status>{status}</wp:status><wp:post_type>post</wp:post_type>
		<category domain="category" nicename="voyages"><![CDATA[Voyages]]></category>
		<category domain="post_tag" nicename="mer"><![CDATA[Mer]]></category>
	</item>"""


AUTHOR = """<wp:author><wp:author_login>Jean_Dupont</wp:author_login>
	<wp:author_display_name>Jean Dupont</wp:author_display_name></wp:author>"""


def blog_export(folder: Path, posts: int) -> Path:
    """*posts* published posts (the first with every layout), two attachments and a post scheduled for 2099."""
    items = post(1, "mise-en-page", LAYOUT) + attachment(101, "a", "Le port") + attachment(102, "b", "La digue")
    items += "".join(post(number, f"escale-{number}") for number in range(2, posts + 1))
    items += post(90, "programme", status="future", date="2099-03-01 08:00:00")
    return write_export(folder / "export.xml", items, SITE, AUTHOR)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """Twelve posts imported and built: two pages of WordPress's listings (ten posts each)."""
    root = new_site(tmp_path_factory.mktemp("layout") / "blog")
    plan = import_into(root, blog_export(root.parent, 12))
    return Site(root, plan, build(root))


def test_aligned_images_keep_their_alignment_on_the_built_page(built: Site) -> None:
    body = built.page("posts/2021/mise-en-page.md").find(attrs={"role": "main"})
    floated = body.find("img", alt="Le port")
    assert "align-right" in floated["class"] and (floated["width"], floated["height"]) == ("300", "200")
    assert "align-center" in body.find("img", alt="La digue").find_parent("figure")["class"]
    assert "align-left" in body.find("img", alt="Le phare")["class"]
    # An image floated among a paragraph's text stands just before it, floated beside it, in its link.
    quay = body.find("img", alt="Le quai")
    assert "align-left" in quay["class"] and quay.find_parent("a")["href"] == "https://blog.example/h.jpg"
    assert quay.find_parent("a").find_next_sibling("p").get_text() == "Un texte autour, qui l’entoure."


def test_galleries_keep_their_columns_and_each_image_its_size_and_alt_text(built: Site) -> None:
    body = built.page("posts/2021/mise-en-page.md").find(attrs={"role": "main"})
    shortcode, block = body.select("div.blog-gallery")
    assert shortcode["class"] == ["blog-gallery", "blog-gallery-2", "docutils", "container"]
    images = shortcode.find_all("img")
    assert [(image["alt"], image["width"], image["height"]) for image in images] == [
        ("Le port", "1200", "800"),
        ("La digue", "1200", "800"),
    ]
    assert "blog-gallery-3" in block["class"]
    assert [image["alt"] for image in block.find_all("img")] == ["D", "E"]
    assert block.find("img", alt="D")["width"] == "640"
    assert block.find("figcaption").find(class_="caption-text").get_text() == "Légende E"


def test_a_scheduled_post_keeps_its_date_and_is_not_published_before_it(built: Site) -> None:
    text = (built.root / "posts/2099/programme.md").read_text(encoding="utf-8")
    assert "\ndate: 2099-03-01T" in text
    assert not (built.html / "posts/2099/programme.html").exists()
    assert "programme" not in (built.html / "blog.html").read_text(encoding="utf-8")
    assert any("programmé" in note and "2099-03-01" in note for note in built.plan.report.notes)


def redirect_file(site: Site, old_path: str) -> Path:
    """The page the blog's redirect for the old address *old_path* (``page/2/``) leads to."""
    page = BeautifulSoup((site.html / old_path / "index.html").read_text(encoding="utf-8"), "html.parser")
    target = page.find("meta", attrs={"http-equiv": "refresh"})["content"].partition("url=")[2]
    return (site.html / old_path).joinpath(target).resolve()


@pytest.mark.parametrize(
    ("old_path", "listing"),
    [
        ("page/2/", "blog/page/2.html"),
        ("category/voyages/page/2/", "blog/category/voyages/page/2.html"),
        ("tag/mer/page/2/", "blog/tag/mer/page/2.html"),
        ("2021/06/page/2/", "blog/2021/06/page/2.html"),
        ("2021/page/2/", "blog/2021/page/2.html"),
        ("author/jean_dupont/", "blog/author/jean-dupont.html"),
    ],
)
def test_old_listing_pages_and_the_author_address_lead_to_the_blog_listing(
    built: Site, old_path: str, listing: str
) -> None:
    target = redirect_file(built, old_path)
    assert target == (built.html / listing).resolve() and target.is_file()


def redirected_pages(tmp_path: Path, posts: int, per_page: int = 10, bases: TermBases | None = None) -> dict:
    """The ``pages`` of the ``redirects.json`` an import of *posts* posts would write."""
    settings = blog_settings()
    settings = type(settings)(settings.zone, settings.language, settings.default_author, settings.authors, per_page)
    export = read_export(blog_export(tmp_path, posts))
    plan = plan_import(export, settings, None, bases=bases or TermBases())
    return json.loads(plan.texts["redirects.json"])["pages"]


def test_each_old_page_leads_to_the_blog_page_showing_its_first_post(tmp_path: Path) -> None:
    # WordPress showed ten posts a page (its default; the export does not say); this blog shows four.
    pages = redirected_pages(tmp_path, 25, per_page=4)
    assert pages["page/2/index"] == "/blog/page/3.html"  # posts 11 to 20: the blog's page 3 starts at post 9
    assert pages["page/3/index"] == "/blog/page/6.html"
    assert pages["category/voyages/page/3/index"] == "/blog/category/voyages/page/6.html"
    assert "page/4/index" not in pages  # 25 posts: WordPress had three pages


def test_custom_category_and_tag_prefixes_are_redirected(tmp_path: Path) -> None:
    pages = redirected_pages(tmp_path, 12, bases=TermBases(category="rubrique", tag="mot-cle"))
    assert pages["rubrique/voyages/index"] == "/blog/category/voyages.html"
    assert pages["mot-cle/mer/page/2/index"] == "/blog/tag/mer/page/2.html"
    assert not any(docname.startswith(("category/", "tag/")) for docname in pages)


def test_the_command_takes_the_prefixes_and_refuses_one_that_is_not_a_path_segment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = new_site(tmp_path / "blog")
    export = str(blog_export(tmp_path, 2))
    assert main([export, "--root", str(root), "--category-base", "../../etc"]) == 2
    assert "le préfixe « ../../etc »" in capsys.readouterr().err and not (root / "redirects.json").exists()
    assert main([export, "--root", str(root), "--category-base", "sujets/rubrique", "--tag-base", "mot-cle"]) == 0
    pages = json.loads((root / "redirects.json").read_text(encoding="utf-8"))["pages"]
    assert pages["sujets/rubrique/voyages/index"] == "/blog/category/voyages.html"
    assert pages["mot-cle/mer/index"] == "/blog/tag/mer.html"


@pytest.mark.parametrize(
    ("login", "nicename"),
    [("Jean.Dupont", "jean-dupont"), ("Marie_C", "marie_c"), ("paul@exemple.org", "paulexemple-org"), ("Zoé", "zoe")],
)
def test_the_author_address_is_wordpress_nicename_of_the_login(login: str, nicename: str) -> None:
    assert wordpress_nicename(login) == nicename
