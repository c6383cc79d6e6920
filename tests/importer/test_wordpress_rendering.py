"""WordPress's own display rules, reproduced: wpautop, shortcodes, embeds, block comments, <!--more-->."""

from sphinx_blog_fr.wordpress.autop import wpautop
from sphinx_blog_fr.wordpress.media import MediaLibrary
from sphinx_blog_fr.wordpress.render import Renderer, embed_html
from sphinx_blog_fr.wordpress.shortcodes import expand_shortcodes, parse_attributes
from sphinx_blog_fr.wordpress.wxr import Item


def item(**fields: object) -> Item:
    """An item as the export gives it: a published post (ID 5) unless *fields* say otherwise."""
    defaults = dict(
        id=5, type="post", status="publish", title="", link="", slug="", content="", excerpt="", creator="",
        date_gmt=None, date_local=None, parent=0, menu_order=0, attachment_url="", password="", published_on=None,
    )  # fmt: skip
    return Item(**(defaults | fields))


def attachment(item_id: int, parent: int, url: str, caption: str = "", alt: str = "") -> Item:
    """An attachment of post *parent*."""
    meta = {"_wp_attachment_image_alt": [alt]} if alt else {}
    return item(
        id=item_id, type="attachment", status="inherit", parent=parent, attachment_url=url, excerpt=caption, meta=meta
    )


def render(content: str, attachments: list[Item] = (), **fields: object) -> str:
    """The HTML WordPress displays for a post (ID 5) with *content*."""
    return Renderer(MediaLibrary(list(attachments), None)).render(item(content=content, **fields)).html


def test_wpautop_makes_paragraphs_and_line_breaks_of_classic_text() -> None:
    assert wpautop("Premier paragraphe\nsuite\n\nSecond « paragraphe »") == (
        "<p>Premier paragraphe<br />\nsuite</p>\n<p>Second « paragraphe »</p>\n"
    )


def test_wpautop_leaves_blocks_and_preformatted_text_alone() -> None:
    html = wpautop("Texte\n<ul>\n<li>un</li>\n</ul>\n<pre>a\n\nb</pre>")
    assert "<p>Texte</p>" in html
    assert "<li>un</li>" in html and "<p><li>" not in html
    assert "<pre>a\n\nb</pre>" in html


def test_shortcode_attributes_are_read_like_wordpress() -> None:
    assert parse_attributes(' id="attachment_1" align=\'center\' width=300 "libre"') == {
        "id": "attachment_1",
        "align": "center",
        "width": "300",
        "0": "libre",
    }


def test_escaped_and_unknown_shortcodes_stay_as_typed() -> None:
    handlers = {"gallery": lambda shortcode: "<galerie/>"}
    assert expand_shortcodes("[[gallery]] [gallery] [inconnu]", handlers) == "[gallery] <galerie/> [inconnu]"


def test_classic_post_is_paragraphed_but_block_post_is_not() -> None:
    assert render("un\n\ndeux") == "<p>un</p>\n<p>deux</p>\n"
    assert render("<!-- wp:paragraph -->\n<p>un</p>\n<!-- /wp:paragraph -->") == "\n<p>un</p>\n"


def test_caption_becomes_a_figure_with_its_caption() -> None:
    html = render('[caption id="attachment_3" width="300"]<img src="a.jpg" alt="Une salle" /> La salle[/caption]')
    assert html == (
        '<figure id="attachment_3" class="wp-caption"><img src="a.jpg" alt="Une salle" />'
        "<figcaption>La salle</figcaption></figure>\n"
    )


def test_gallery_without_ids_shows_the_post_attachments_with_captions() -> None:
    images = [
        attachment(8, 5, "https://x.fr/b.jpg", alt="B"),
        attachment(7, 5, "https://x.fr/a.jpg", "Légende A"),
        attachment(9, 6, "https://x.fr/c.jpg"),
    ]
    html = render("[gallery]", images)
    assert html.count("<img") == 2
    assert html.index("a.jpg") < html.index("b.jpg")
    assert "<figcaption>Légende A</figcaption>" in html and 'alt="B"' in html


def test_gallery_with_ids_keeps_their_order() -> None:
    images = [attachment(7, 0, "https://x.fr/a.jpg"), attachment(8, 0, "https://x.fr/b.jpg")]
    html = render('[gallery ids="8,7"]', images)
    assert html.index("b.jpg") < html.index("a.jpg")


def test_urls_alone_on_a_line_and_embed_shortcodes_are_embedded() -> None:
    html = render(
        "https://youtu.be/SQEQr7c0-dw\n\n[embed]https://vimeo.com/76979871[/embed]\n\nhttps://exemple.fr/article"
    )
    assert "https://www.youtube-nocookie.com/embed/SQEQr7c0-dw" in html
    assert "https://player.vimeo.com/video/76979871" in html
    assert '<a href="https://exemple.fr/article">https://exemple.fr/article</a>' in html


def test_peertube_videos_get_their_player() -> None:
    assert 'src="https://tube.example.org/videos/embed/abc-123"' in embed_html("https://tube.example.org/w/abc-123")


def test_block_comments_are_removed_and_more_is_marked() -> None:
    html = render(
        "<!-- wp:paragraph --><p>avant</p><!-- /wp:paragraph -->"
        "<!-- wp:more --><!--more--><!-- /wp:more --><p>après</p>"
    )
    assert html == '<p>avant</p><span id="more-5"></span><p>après</p>'


def test_dynamic_blocks_are_reported() -> None:
    rendered = Renderer(MediaLibrary([], None)).render(
        item(content='<!-- wp:latest-posts {"postsToShow":3} /--><p>x</p>')
    )
    assert rendered.notes == ["blocs dynamiques non reproduits : latest-posts"]


def test_footnotes_are_rendered_from_the_post_meta() -> None:
    notes = '[{"id":"n1","content":"Une <em>note</em>"}]'
    html = render(
        '<p>Texte<sup class="fn"><a href="#n1" id="n1-link">1</a></sup></p><!-- wp:footnotes /-->',
        meta={"footnotes": [notes]},
    )
    assert html.endswith(
        '<ol class="wp-block-footnotes"><li id="n1">Une <em>note</em> '
        '<a href="#n1-link" aria-label="Retour à l’appel de note">↩︎</a></li></ol>'
    )
