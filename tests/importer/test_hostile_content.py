"""Hostile content in an export is data: it reaches the page as text, never as MyST syntax, script or foreign frame.

The properties parse the converted MyST in-process with MyST's docutils
parser, every syntax extension of MyST turned on (so that enabling one in
conf.py later cannot make imported text live), and check what a reader
would get: only the node types the converter writes, and the sanitised
source's text, character for character (whitespace aside).
"""

import json
import re
import time
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from docutils import nodes
from docutils.core import publish_doctree
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from myst_parser.parsers.docutils_ import Parser as MystParser

from sphinx_blog_fr.wordpress.comments import comments_html
from sphinx_blog_fr.wordpress.convert import Context, convert, convert_inline
from sphinx_blog_fr.wordpress.media import MediaLibrary, PostMedia
from sphinx_blog_fr.wordpress.render import Renderer
from sphinx_blog_fr.wordpress.report import Report, removal_summary
from sphinx_blog_fr.wordpress.sanitize import sanitise_comment, sanitise_inline, sanitise_post
from sphinx_blog_fr.wordpress.wxr import Comment, Item

from .wxr_site import FIXTURES, Site, imported_and_built, post_body

SITE = "https://blog.example.fr/"
HOSTILE_EXPORT = FIXTURES / "hostile-content-export.xml"
ALL_MYST_EXTENSIONS = [
    "amsmath", "attrs_block", "attrs_inline", "colon_fence", "deflist",
    "dollarmath", "fieldlist", "substitution", "tasklist",
]  # fmt: skip
CONVERTER_NODES = {
    nodes.document, nodes.section, nodes.title, nodes.paragraph, nodes.Text, nodes.emphasis, nodes.strong,
    nodes.literal, nodes.reference, nodes.image, nodes.figure, nodes.caption, nodes.literal_block,
    nodes.bullet_list, nodes.enumerated_list, nodes.list_item, nodes.block_quote, nodes.transition, nodes.raw,
    nodes.table, nodes.tgroup, nodes.colspec, nodes.thead, nodes.tbody, nodes.row, nodes.entry,
}  # fmt: skip
BODY_TITLE = "Billet"
HIDDEN_ELEMENTS = ["iframe", "video", "audio"]
DANGEROUS_TEXT = [
    "{download}", "`", "``", "```{eval-rst}", "```{literalinclude} /etc/passwd", "~~~", ":::", ":::{note}",
    "(cible)=", "$", "$$", "{math}", "{{ secret }}", "%", "---", "+++", "***", "===", "#", "> ", "- ", "1. ",
    "1)", "[", "]", "](", "(", ")", "[^1]", "*", "_", "|", "\\", "<", ">", "&amp;", "&lt;script&gt;",
    "&#13;", "\r", "\r\n", "\n", "\n\n", "\u2028", "\u2029", "\x85", "\x0c", "\t", "    ", " ", "\u00a0",
    "{#id}", ":name: valeur", "<!--", "-->", "]]>", "https://x.example/a", "javascript:alert(1)", "é", "«",
]  # fmt: skip
POST_TAGS = ["p", "div", "em", "strong", "b", "i", "code", "pre", "blockquote", "ul", "ol", "li", "h2", "h3", "dt"]
POST_TAGS += ["sub", "q", "del", "td", "span", "figcaption", "abbr title='&#13;x'"]
HOSTILE_URLS = [
    "https://x.example/a b>c", "https://x.example/(a)", "https://x.example/a_", "/page\n\n```{eval-rst}",
    "https://x.example/`{download}`", "mailto:a@x.example", "#note", "https://x.example/<b>", "../../../etc/passwd",
    "https://x.example/a\r\rb", "https://x.example/%0A", "https://x.example/\u2028x", "javascript:alert(1)",
]  # fmt: skip


def context() -> Context:
    """What converting a post whose slug is ``billet`` needs."""
    return Context(PostMedia(MediaLibrary([], None), "billet"), SITE)


def doctree(body: str) -> nodes.document:
    """The doctree of an imported file whose body is *body*: under a title, as the importer writes it."""
    return parse(f"# {BODY_TITLE}\n\n{body}")


def parse(markdown: str) -> nodes.document:
    """The doctree MyST reads from *markdown*, with every MyST syntax extension enabled."""
    return publish_doctree(
        markdown,
        parser=MystParser(),
        settings_overrides={
            "doctitle_xform": False,
            "report_level": 5,
            "halt_level": 5,
            "myst_suppress_warnings": ["myst"],
            "myst_enable_extensions": ALL_MYST_EXTENSIONS,
        },
    )


def foreign_nodes(tree: nodes.document) -> list[str]:
    """Nodes the converter never writes (roles, directives, targets, math, comments…), and unsafe addresses."""
    found = [type(node).__name__ for node in tree.findall() if type(node) not in CONVERTER_NODES and not _info(node)]
    found += [f"raw:{node.get('source')}" for node in tree.findall(nodes.raw) if node.get("source")]
    found += [f"image:{node['uri']}" for node in tree.findall(nodes.image) if not node["uri"].startswith("https://")]
    found += [
        f"reference:{node.get('refuri')}"
        for node in tree.findall(nodes.reference)
        if not str(node.get("refuri", "")).startswith(("http://", "https://", "mailto:", "ftp://"))
    ]
    return found


def _info(node: nodes.Node) -> bool:
    """Whether *node* is an information message (two headings alike), which no build reports as a problem."""
    return (
        isinstance(node, nodes.system_message) and node["level"] <= 1 or isinstance(node.parent, nodes.system_message)
    )


def _within_info(node: nodes.Node) -> bool:
    """Whether *node* is part of an information message rather than of the page."""
    while node is not None:
        if isinstance(node, nodes.system_message):
            return True
        node = node.parent
    return False


def doctree_text(tree: nodes.document) -> str:
    """What a reader sees of *tree* below its title: its text, raw HTML read as HTML, players left out;
    no whitespace."""
    parts = []
    for node in tree.findall():
        if isinstance(node, nodes.raw):
            parts.append(html_text(node.astext()) if "html" in node.get("format", "").split() else "")
        elif isinstance(node, nodes.Text) and not isinstance(node.parent, nodes.raw) and not _within_info(node):
            parts.append(str(node))
    return squeeze("".join(parts)).removeprefix(BODY_TITLE)


def html_text(markup: str) -> str:
    """The visible text of an HTML fragment."""
    soup = BeautifulSoup(markup, "html.parser")
    for hidden in soup.find_all(HIDDEN_ELEMENTS):
        hidden.decompose()
    return soup.get_text()


def squeeze(text: str) -> str:
    """*text* without whitespace (spacing and line breaks differ between source and page)."""
    return re.sub(r"\s+", "", text)


def inline_html(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """An element of :data:`POST_TAGS` around some children, a link, a table, a figure or a line break."""
    content = st.lists(children, max_size=3).map("".join)
    url = st.sampled_from(HOSTILE_URLS)
    return st.one_of(
        st.tuples(st.sampled_from(POST_TAGS), content).map(lambda pair: f"<{pair[0]}>{pair[1]}</{pair[0].split()[0]}>"),
        st.tuples(url, content).map(lambda pair: f'<a href="{pair[0]}" title="{pair[1][:9]}">{pair[1]}</a>'),
        st.tuples(content, content).map(
            lambda pair: f"<table><tr><th>{pair[0]}</th></tr><tr><td>{pair[1]}</td></tr></table>"
        ),
        st.tuples(url, hostile_text, url, content).map(
            lambda parts: (
                f'<figure><a href="{parts[2]}"><img src="{parts[0]}" alt="{parts[1]}"></a>'
                f"<figcaption>{parts[3]}</figcaption></figure>"
            )
        ),
        st.sampled_from(["<br>", "<hr>", "<br/>\n"]),
    )


hostile_text = st.lists(st.one_of(st.sampled_from(DANGEROUS_TEXT), st.text(max_size=4)), max_size=8).map("".join)
hostile_html = st.recursive(hostile_text, inline_html, max_leaves=12)
hostile_attribute = st.sampled_from(
    [
        ' onerror="alert(1)"', ' onload="x()"', ' style="color:red"', ' href="javascript:alert(1)"',
        ' src="javascript:alert(1)"', ' srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"', ' title="a&#13;&#13;b"',
        ' href="https://x.example/a b&gt;c)(d"', ' src="https://evil.example/x"', ' alt="```{eval-rst}"',
    ]
)  # fmt: skip
hostile_element = st.tuples(
    st.sampled_from(["img", "a", "iframe", "video", "audio", "td", "script", "style", "form", "span"]),
    st.lists(hostile_attribute, max_size=3),
    hostile_text,
).map(lambda parts: f"<{parts[0]}{''.join(parts[1])}>{parts[2]}</{parts[0]}>")


@settings(derandomize=True, max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(hostile_html, hostile_element), min_size=1, max_size=4).map("".join))
def test_a_post_gives_only_the_converters_nodes_and_its_sanitised_text(html: str) -> None:
    sanitised = sanitise_post(html).html
    tree = doctree(convert(sanitised, context()).markdown)
    assert foreign_nodes(tree) == []
    assert doctree_text(tree) == squeeze(html_text(sanitised))


@settings(derandomize=True, max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(hostile_html, hostile_element), min_size=1, max_size=3).map("".join))
def test_a_comment_gives_only_the_converters_nodes_and_its_sanitised_text(html: str) -> None:
    sanitised = sanitise_comment(html).html
    tree = doctree(convert(sanitised, context()).markdown)
    assert foreign_nodes(tree) == []
    assert doctree_text(tree) == squeeze(html_text(sanitised))


@settings(derandomize=True, max_examples=100, deadline=None)
@given(hostile_html)
def test_a_title_gives_only_a_heading_of_its_text(title: str) -> None:
    tree = doctree("## " + convert_inline(title, context()) + "\n")
    assert foreign_nodes(tree) == []
    assert doctree_text(tree) == squeeze(html_text(sanitise_inline(title)))


def item(**fields: object) -> Item:
    """A published post (ID 5) as the export gives it, with *fields* changed."""
    defaults = dict(
        id=5, type="post", status="publish", title="", link="", slug="", content="", excerpt="", creator="",
        date_gmt=None, date_local=None, parent=0, menu_order=0, attachment_url="", password="", published_on=None,
    )  # fmt: skip
    return Item(**(defaults | fields))


def imported(content: str, **fields: object) -> str:
    """The MyST body the importer writes for a post with *content*."""
    rendered = Renderer(MediaLibrary([], None)).render_sanitised(item(content=content, **fields))
    return convert(rendered.html, context()).markdown


def comment(content: str, **fields: object) -> Comment:
    """An approved comment with *content*."""
    defaults = dict(
        id=7, author="Lecteur", author_url="", date_gmt=None, content=content, approved=True, type="", parent=0
    )
    return Comment(**(defaults | fields))


def imported_comments(*comments: Comment) -> str:
    """The MyST of the archived comments the importer writes."""
    from zoneinfo import ZoneInfo

    return convert(comments_html(list(comments), ZoneInfo("Europe/Paris"), "fr").html, context()).markdown


def node_types(markdown: str) -> set[str]:
    """The names of the node types MyST reads in *markdown*."""
    return {type(node).__name__ for node in doctree(markdown).findall()}


@pytest.mark.parametrize(
    "content, text",
    [
        ("{download}<code>../../../../etc/passwd</code>", "{download}../../../../etc/passwd"),
        ("{download}<code>/proc/self/environ</code>", "{download}/proc/self/environ"),
        ("(cible)=\n\nSuite", "(cible)=Suite"),
        ("\u00a0(cible)=\n\n\u202f% commentaire", "(cible)=%commentaire"),
        ("{math}<code>a^2</code> et $$x$$ et $y$", "{math}a^2et$$x$$et$y$"),
        ("{{ secret }} et {eval-rst}<code>x</code>", "{{secret}}et{eval-rst}x"),
        (":::{note}\nNote\n:::", ":::{note}Note:::"),
        ("% commentaire", "%commentaire"),
        ("---\ntitle: x\n---", "---title:x---"),
        ("+++ bloc", "+++bloc"),
        ("Ligne\u2028% commentaire\u2029```{eval-rst}\n.. include:: /etc/passwd\n```", None),
        ("Ligne\r% commentaire\r\n(cible)=\r\r```{literalinclude} /etc/passwd\r```", None),
        ("Ligne\x85% commentaire\x0c:::{note}", None),
    ],
)
def test_text_that_looks_like_myst_stays_text(content: str, text: str | None) -> None:
    markdown = imported(content)
    tree = doctree(markdown)
    assert foreign_nodes(tree) == []
    expected = text if text is not None else squeeze(BeautifulSoup(content, "html.parser").get_text())
    assert doctree_text(tree) == squeeze(expected)


def test_a_carriage_return_cannot_end_the_raw_html_of_a_table() -> None:
    content = (
        '<table><tr><td colspan="2" title="a&#13;&#13;b">cellule&#13;&#13;&#13;\n'
        "```{literalinclude} /etc/passwd\n```&#8232;&#8233;\r\n\r\n```{eval-rst}\n.. include:: /etc/passwd\n```"
        "</td></tr></table>"
    )
    markdown = imported(content)
    raw_lines = markdown.splitlines()
    assert raw_lines[0] == '<div class="wordpress-html">' and raw_lines[2] == "</div>"
    assert len(raw_lines) == 3
    assert node_types(markdown) == {"document", "section", "title", "Text", "raw"}


def test_a_link_address_cannot_end_its_destination() -> None:
    markdown = imported('<p><a href="https://x.example/a>b)[p](y) {download}`/etc/passwd`">lien</a></p>')
    tree = doctree(markdown)
    assert foreign_nodes(tree) == []
    (reference,) = tree.findall(nodes.reference)
    assert reference["refuri"].startswith("https://x.example/a%3Eb)%5Bp%5D(y)")
    assert doctree_text(tree) == "lien"


def test_a_figure_address_cannot_add_directive_lines() -> None:
    markdown = imported(
        '<figure><a href="https://x.example/b_"><img src="https://x.example/a.jpg&#10;:class: x&#10;&#10;```{literalinclude} /etc/passwd" alt="A"></a>'
        "<figcaption>Légende</figcaption></figure>"
    )
    tree = doctree(markdown)
    assert foreign_nodes(tree) == []
    (image,) = tree.findall(nodes.image)
    assert "\n" not in image["uri"] and "literalinclude" in image["uri"]
    assert doctree_text(tree) == "Légende"


@pytest.mark.parametrize(
    "content",
    [
        '<a href="javascript:window.pwned=1">lien</a>',
        '<a href=" JaVaScRiPt:window.pwned=1">lien</a>',
        '<a href="data:text/html,&lt;script&gt;window.pwned=1&lt;/script&gt;">lien</a>',
        '<img src="https://x.example/a.jpg" onerror="window.pwned=1" onload="window.pwned=1">',
        '<img src="data:image/svg+xml,&lt;svg onload=window.pwned=1&gt;">',
        '<video src="https://x.example/v.mp4" onloadstart="window.pwned=1" poster="javascript:x"></video>',
        '<audio src="https://x.example/a.mp3" onerror="window.pwned=1"></audio>',
        '<iframe src="https://www.youtube.com/embed/SQEQr7c0-dw" onload="window.pwned=1"></iframe>',
        '<iframe srcdoc="&lt;script&gt;window.pwned=1&lt;/script&gt;"></iframe>',
        '<iframe src="javascript:window.pwned=1"></iframe>',
        "<iframe><!--</iframe><iframe></iframe>",
        "<script>window.pwned=1</script><style>body{display:none}</style><noscript><p>x</p></noscript>",
        '<form action="https://evil.example/"><input name="q" onfocus="window.pwned=1" autofocus></form>',
        '<svg onload="window.pwned=1"><script>window.pwned=1</script></svg>',
        '<div style="position:fixed;inset:0" onmouseover="window.pwned=1">texte</div>',
    ],
)
def test_imported_html_can_run_no_script(content: str) -> None:
    markup = " ".join(node.astext() for node in doctree(imported(content)).findall(nodes.raw))
    soup = BeautifulSoup(markup, "html.parser")
    assert soup.find(["script", "style", "form", "input", "svg", "noscript"]) is None
    for element in soup.find_all(True):
        assert not [name for name in element.attrs if name.startswith("on") or name in ("srcdoc", "style")]
        for name in ("href", "src", "poster"):
            assert not element.get(name, "").strip().lower().startswith(("javascript:", "data:"))
    references = [node.get("refuri", "") for node in doctree(imported(content)).findall(nodes.reference)]
    assert not [uri for uri in references if not uri.startswith(("http://", "https://"))]


def test_iframes_are_only_privacy_enhanced_players_and_others_become_links() -> None:
    markdown = imported(
        '<iframe src="https://www.youtube.com/embed/SQEQr7c0-dw?autoplay=1" allow="camera"></iframe>'
        '<iframe src="https://player.vimeo.com/video/76979871"></iframe>'
        '<iframe src="https://framatube.org/videos/embed/9c9de5e8-0a1e-484a-b099-e80766180a6d"></iframe>'
        '<iframe src="https://evil.example/page"></iframe>'
    )
    frames = BeautifulSoup(markdown, "html.parser").find_all("iframe")
    assert [frame["src"] for frame in frames] == [
        "https://www.youtube-nocookie.com/embed/SQEQr7c0-dw",
        "https://player.vimeo.com/video/76979871?dnt=1",
        "https://framatube.org/videos/embed/9c9de5e8-0a1e-484a-b099-e80766180a6d",
    ]
    assert {frame["allow"] for frame in frames} == {"fullscreen; picture-in-picture"}
    assert "[https://evil.example/page](https://evil.example/page)" in markdown


def test_gutenberg_footnotes_are_sanitised_and_bad_footnotes_meta_is_noted() -> None:
    meta = '[{"id":"n1","content":"Note <img src=x onerror=\\"window.pwned=1\\"><script>window.pwned=1</script>"}]'
    content = '<p>Texte<sup><a href="#n1" id="n1-link">1</a></sup></p><!-- wp:footnotes /-->'
    markdown = imported(content, meta={"footnotes": [meta]})
    assert "Note" in markdown and "onerror" not in markdown and "script" not in markdown
    rendered = Renderer(MediaLibrary([], None)).render_sanitised(
        item(content=content, meta={"footnotes": ["{pas du json"]})
    )
    assert "notes de bas de page illisibles (méta « footnotes » invalide) : non importées" in rendered.notes


def test_comments_keep_only_text_emphasis_links_quotes_and_code() -> None:
    markdown = imported_comments(
        comment(
            'Voyez {download}<code>../../../../etc/passwd</code>, <em>ceci</em> <a href="https://x.example/">lien</a> '
            '<a href="javascript:window.pwned=1" onclick="window.pwned=1">piège</a> <img src="https://x.example/i.png">'
            "<h2>Titre</h2><table><tr><td>cellule</td></tr></table><blockquote>cité</blockquote><script>x</script>",
            author_url="javascript:window.pwned=1",
        )
    )
    tree = doctree(markdown)
    assert foreign_nodes(tree) == []
    assert not list(tree.findall(nodes.image)) and not list(tree.findall(nodes.table))
    assert '<a href="https://x.example/" rel="nofollow ugc">lien</a>' in markdown
    assert "javascript" not in markdown and "onclick" not in markdown and "script" not in markdown
    assert "{download}../../../../etc/passwd" in doctree_text(tree)


def test_deeply_nested_content_is_flattened_quickly_and_keeps_its_text() -> None:
    content = "<div>" * 20_000 + "<p>Le texte au fond</p>" + "</div>" * 20_000 + "<p>Après</p>"
    started = time.monotonic()
    rendered = Renderer(MediaLibrary([], None)).render_sanitised(item(content=content))
    markdown = convert(rendered.html, context()).markdown
    elapsed = time.monotonic() - started
    assert markdown == "Le texte au fond\n\nAprès\n"
    assert "contenu imbriqué sur plus de 64 niveaux : niveaux plus profonds aplatis" in rendered.notes
    assert elapsed < 15


@pytest.mark.parametrize(
    "content",
    ["<ul><li>x" * 40, "<blockquote>x" * 40, "<ol><li><blockquote>x" * 30, "<em><strong>x" * 30, "<td><ul><li>x" * 20],
)
def test_deep_lists_and_quotes_lose_no_text(content: str) -> None:
    sanitised = Renderer(MediaLibrary([], None)).render_sanitised(item(content=content)).html
    tree = doctree(convert(sanitised, context()).markdown)
    assert foreign_nodes(tree) == []
    assert doctree_text(tree) == squeeze(html_text(sanitised)) == "x" * content.count("x")


def test_deep_comment_threads_nest_five_levels_and_lose_no_reply() -> None:
    thread = [comment(f"réponse {number}", id=number, parent=number - 1) for number in range(1, 400)]
    tree = doctree(imported_comments(*thread))
    numbers = re.findall(r"réponse\s*(\d+)", doctree_text(tree))
    assert sorted(map(int, numbers)) == list(range(1, 400))
    assert max(list_depth(node) for node in tree.findall(nodes.bullet_list)) == 5


def list_depth(node: nodes.Node) -> int:
    """How many bullet lists hold *node*, itself included."""
    depth = 0
    while node is not None:
        depth += isinstance(node, nodes.bullet_list)
        node = node.parent
    return depth


def test_the_report_counts_what_was_removed_post_by_post() -> None:
    report = Report(Path("export.xml"), "1.2")
    removed = sanitise_post('<img src="x.jpg" onerror="x()"><script>x()</script><p>texte</p>').removed
    report.remove("posts/2019/billet.md", "post « Billet » (ID 5)", removed)
    report.remove("posts/2019/propre.md", "post « Propre » (ID 6)", Counter())
    assert removal_summary(removed) == "2 éléments retirés (onerror, script)"
    assert "  - post « Billet » (ID 5) (posts/2019/billet.md) : 2 éléments retirés (onerror, script)" in report.render()
    assert report.removed == {"posts/2019/billet.md": {"onerror": 1, "script": 1}}


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The hostile export, imported and built."""
    return imported_and_built(tmp_path_factory.mktemp("hostile"), HOSTILE_EXPORT)


def test_a_hostile_export_publishes_no_file_of_the_machine(hostile_site: Site) -> None:
    downloads = hostile_site.html / "_downloads"
    assert not downloads.exists() or not any(downloads.rglob("*"))
    for page in hostile_site.html.rglob("*"):
        if page.is_file() and page.suffix in (".html", ".txt", ".js", ".json", ".xml"):
            assert "root:x:0:0" not in page.read_text(encoding="utf-8", errors="replace")
    text = post_body(hostile_site.page("posts/2019/myst-hostile.md")).get_text()
    assert "{download}../../../../etc/passwd" in text and "(cible)=" in text and "{{ secret }}" in text


def test_a_hostile_export_gives_pages_without_scripts_handlers_or_foreign_frames(hostile_site: Site) -> None:
    for source in ("posts/2019/html-hostile.md", "posts/2019/myst-hostile.md"):
        page = hostile_site.page(source)
        body = post_body(page)
        assert body.find(["script", "style", "form", "input"]) is None
        for element in page.find_all(True):
            assert not [name for name in element.attrs if name.lower().startswith("on")], element
            for name in ("href", "src", "poster", "action"):
                assert not str(element.get(name, "")).strip().lower().startswith("javascript:"), element
        hosts = {re.sub(r"^https://([^/]+)/.*", r"\1", frame["src"]) for frame in page.find_all("iframe")}
        assert hosts <= {"www.youtube-nocookie.com", "player.vimeo.com"}
        assert "window.pwned" not in str(body)
    frames = [frame["src"] for frame in post_body(hostile_site.page("posts/2019/html-hostile.md")).find_all("iframe")]
    assert frames == [
        "https://www.youtube-nocookie.com/embed/SQEQr7c0-dw",
        "https://player.vimeo.com/video/76979871?dnt=1",
    ]


def test_a_hostile_export_reports_what_was_removed(hostile_site: Site) -> None:
    manifest = json.loads((hostile_site.root / "wordpress-import.json").read_text(encoding="utf-8"))
    removed = manifest["removed"]["posts/2019/html-hostile.md"]
    assert removed["script"] == 2 and removed["onerror"] == 3 and removed["iframe"] == 2 and removed["srcdoc"] == 1
    assert "posts/2019/html-hostile.md) : 20 éléments retirés (" in hostile_site.plan.report.render()
