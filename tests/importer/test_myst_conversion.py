"""HTML as WordPress shows it → MyST: structure kept, characters kept, nothing read as markup by mistake."""

from pathlib import Path

import pytest

from sphinx_blog_fr.wordpress.convert import (
    Context,
    convert,
    count_paragraphs,
    has_paragraph,
)
from sphinx_blog_fr.wordpress.media import MediaLibrary, PostMedia

SITE = "https://blog.example.fr/"


def to_myst(html: str, uploads: Path | None = None) -> str:
    """The MyST body of *html*, for a post whose slug is ``billet``."""
    return convert(html, Context(PostMedia(MediaLibrary([], uploads), "billet"), SITE)).markdown


def test_french_spaces_apostrophes_and_guillemets_are_kept_exactly() -> None:
    text = "«\u00a0Oui\u00a0», dit-elle\u202f; c’est l’été\u00a0!"
    assert to_myst(f"<p>{text}</p>") == text + "\n"


@pytest.mark.parametrize(
    "html, markdown",
    [
        ("1984. Une année", "1984\\. Une année"),
        ("# pas un titre", "\\# pas un titre"),
        ("- pas une liste", "\\- pas une liste"),
        ("% pas un commentaire", "\\% pas un commentaire"),
        (
            "a *b* [c](d) `e` &lt;f&gt; &amp;amp; C:\\dossier",
            "a \\*b\\* \\[c\\](d) \\`e\\` \\<f> \\&amp; C:\\\\dossier",
        ),
    ],
)
def test_text_that_looks_like_markup_is_escaped(html: str, markdown: str) -> None:
    assert to_myst(f"<p>{html}</p>") == markdown + "\n"


def test_count_paragraphs_reads_what_myst_reads() -> None:
    assert count_paragraphs("un\n\ndeux\n\n- trois\n- quatre\n") == 4


def test_more_gives_the_number_of_paragraphs_before_it() -> None:
    converted = convert(
        '<p>un</p><p>deux</p><span id="more-5"></span><p>trois</p>',
        Context(PostMedia(MediaLibrary([], None), "b"), SITE),
    )
    assert converted.excerpt_paragraphs == 2
    assert converted.markdown == "un\n\ndeux\n\ntrois\n"


def test_headings_start_under_the_title_without_gaps() -> None:
    assert to_myst("<h1>A</h1><h3>B</h3><h4>C</h4><h2>D</h2>") == "## A\n\n### B\n\n#### C\n\n### D\n"


def test_headings_inside_quotes_become_bold() -> None:
    assert to_myst("<blockquote><h2>Cité</h2><p>Texte</p></blockquote>") == "> **Cité**\n>\n> Texte\n"


def test_rules_docutils_rejects_are_dropped() -> None:
    assert to_myst("<hr><p>a</p><hr><hr><h2>T</h2><hr><p>b</p><hr>") == "a\n\n---\n\n## T\n\nb\n"


def test_lists_quotes_code_and_inline_formatting_survive() -> None:
    html = (
        "<ol><li>un</li><li><strong>deux</strong> et <em>trois</em></li></ol>"
        '<blockquote><p>cité</p></blockquote><pre class="language-python">x = 1</pre>'
    )
    assert to_myst(html) == "1. un\n2. **deux** et *trois*\n\n> cité\n\n```python\nx = 1\n```\n"


def test_a_simple_table_is_a_pipe_table_and_a_merged_one_stays_html() -> None:
    assert to_myst("<table><tr><th>a</th><th>b</th></tr><tr><td>1</td><td>2|3</td></tr></table>") == (
        "| a | b |\n| --- | --- |\n| 1 | 2\\|3 |\n"
    )
    merged = to_myst('<table><tr><td colspan="2">a</td></tr></table>')
    assert merged.startswith('<div class="wordpress-html">\n<table>') and 'colspan="2"' in merged


def test_captioned_image_becomes_a_myst_figure_on_the_full_size_file() -> None:
    html = (
        '<figure><a href="/wp-content/uploads/2017/11/salle.jpg">'
        '<img src="/wp-content/uploads/2017/11/salle-300x200.jpg" alt="La salle"></a>'
        "<figcaption>Une <em>belle</em> salle</figcaption></figure>"
    )
    assert to_myst(html) == (
        "```{figure} https://blog.example.fr/wp-content/uploads/2017/11/salle.jpg\n"
        ":alt: La salle\n"
        ":target: https://blog.example.fr/wp-content/uploads/2017/11/salle.jpg\n"
        "\n"
        "Une *belle* salle\n"
        "```\n"
    )


def test_resized_wordpress_com_images_point_to_the_original() -> None:
    assert to_myst('<p><img src="https://x.files.wordpress.com/2013/09/a.jpg?w=604&amp;h=300" alt="A"></p>') == (
        "![A](https://x.files.wordpress.com/2013/09/a.jpg)\n"
    )


def test_uploaded_images_are_copied_beside_the_post(tmp_path: Path) -> None:
    (tmp_path / "2017/11").mkdir(parents=True)
    (tmp_path / "2017/11/salle.jpg").write_bytes(b"x")
    media = PostMedia(MediaLibrary([], tmp_path), "billet")
    markdown = convert(
        '<p><img src="/wp-content/uploads/2017/11/salle-300x200.jpg" alt="S"></p>', Context(media, SITE)
    ).markdown
    assert markdown == "![S](billet/salle.jpg)\n"
    assert media.copies == {"billet/salle.jpg": tmp_path / "2017/11/salle.jpg"}


def test_links_that_myst_would_resolve_as_references_stay_html() -> None:
    assert to_myst('<p><a href="#note">note</a> <a href="hhttps://x">x</a> <a href="/a-propos/">À propos</a></p>') == (
        '<a href="#note">note</a> <a href="hhttps://x">x</a> [À propos](https://blog.example.fr/a-propos/)\n'
    )


def test_inline_elements_markdown_lacks_stay_inline_html() -> None:
    assert (
        to_myst("<p>H<sub>2</sub>O, <del>barré</del>, <q>cité</q></p>")
        == "H<sub>2</sub>O, <del>barré</del>, <q>cité</q>\n"
    )


def test_a_line_break_ending_a_paragraph_is_dropped() -> None:
    assert to_myst("<p>fin<br />\n<span></span></p>") == "fin\n"


def test_has_paragraph_sees_paragraphs_in_lists_but_not_headings_or_html() -> None:
    assert has_paragraph("## Titre\n\n- un point\n")
    assert not has_paragraph('## Titre\n\n<div class="wordpress-html">\n<iframe></iframe>\n</div>\n')
