"""Upstream internals stay behind sphinx_blog_fr/compat/, and an upgrade that breaks them fails loudly.

The package replaces a few behaviours of Sphinx, ABlog, Furo, MyST-Parser,
docutils, sphinx-sitemap, sphinxext-opengraph and sphinx-autobuild through
their internals. Each upstream has one shim in ``sphinx_blog_fr/compat/``:

* the scan below fails if a module outside compat/ reaches an upstream
  private name, an undocumented upstream function, or patches an upstream
  attribute;
* for each shim, a build where the internal is gone stops with one French
  message naming the upstream and no traceback;
* an installed version outside a shim's ``CHECKED`` range is a warning, which
  the build's ``-W`` turns into a failure.
"""

from __future__ import annotations

import ast
import importlib
import os
import textwrap
import zlib
from pathlib import Path

import pytest
from packaging.version import Version

from conftest import REPOSITORY_ROOT, Build, make_html, post_source
from sphinx_blog_fr import compat
from sphinx_blog_fr.commands._site import copy_site_machinery

PACKAGE = REPOSITORY_ROOT / "sphinx_blog_fr"
COMPAT = PACKAGE / "compat"

#: The top-level modules of the upstream projects.
UPSTREAM_MODULES = frozenset(
    {
        "sphinx",
        "ablog",
        "furo",
        "myst_parser",
        "docutils",
        "sphinx_sitemap",
        "sphinxext",
        "sphinx_reredirects",
        "notfound",
        "sphinx_autobuild",
    }
)

#: Names upstream does not document (no underscore, but internals all the same).
UNDOCUMENTED_NAMES = frozenset(
    {
        "listeners",
        "ablog_posts",
        "get_tags",
        "html_builder_write_doc",
        "revise_pending_xrefs",
        "register_posts",
        "sitemap_links",
        "add_permalinks",
        "generate_atom_feeds",
        "generate_archive_pages",
        "add_html_link",
        "record_builder_type",
        "is_directory_builder",
        "MockIncludeDirective",
        "THEME_PATH",
    }
)

#: Objects of upstream a module receives rather than imports (Sphinx hands them to listeners).
UPSTREAM_OBJECTS = frozenset({"app", "builder", "env", "templates", "sphinx"})

#: Upstream files and templates whose shape the package relies on.
UPSTREAM_SHAPES = ("partials/icons.html", "partials/_head_css_variables.html", "minified-js", "searchtools")

#: The prefixes of the attributes the package adds to Sphinx's objects.
OWN_ATTRIBUTES = ("blog_", "wordpress_")

#: Underscore names that are public API: those of named tuples, and Python's ``os._exit``.
PUBLIC_UNDERSCORE_NAMES = frozenset({"_replace", "_asdict", "_fields", "_make", "_exit"})


def _is_private(name: str) -> bool:
    return (
        name.startswith("_")
        and not (name.startswith("__") and name.endswith("__"))
        and name not in PUBLIC_UNDERSCORE_NAMES
    )


def _is_own(target: ast.Attribute) -> bool:
    """Whether *target* is, or is reached through, an attribute the package added (``app.blog_…``)."""
    node: ast.expr = target
    while isinstance(node, ast.Attribute | ast.Subscript):
        if isinstance(node, ast.Attribute) and node.attr.startswith(OWN_ATTRIBUTES):
            return True
        node = node.value
    return False


def _root_name(node: ast.expr) -> str | None:
    while isinstance(node, ast.Attribute | ast.Subscript | ast.Call):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else None


def _upstream_bindings(tree: ast.Module) -> set[str]:
    """The names a module binds to an upstream module or to something imported from one."""
    bound = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] in UPSTREAM_MODULES:
                    bound.add(alias.asname or alias.name.split(".")[0])
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] in UPSTREAM_MODULES:
            bound.update(alias.asname or alias.name for alias in node.names)
    return bound


def _is_named_internal(name: str) -> bool:
    return _is_private(name) or name in UNDOCUMENTED_NAMES


def _import(node: ast.Import | ast.ImportFrom, upstream: set[str]) -> list[str]:
    names = [alias.name for alias in node.names]
    modules = [node.module] if isinstance(node, ast.ImportFrom) and node.module else names
    if not any(name.split(".")[0] in UPSTREAM_MODULES for name in modules):
        return []
    parts = [part for name in modules for part in name.split(".")] + (names if isinstance(node, ast.ImportFrom) else [])
    return [f"import {part}" for part in parts if _is_named_internal(part)]


def _attribute(node: ast.Attribute, upstream: set[str]) -> list[str]:
    if isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"):
        return []
    return [f".{node.attr}"] if _is_named_internal(node.attr) else []


def _reflection(node: ast.Call, upstream: set[str]) -> list[str]:
    """``getattr(x, "_name")`` and the like, and ``setattr`` on an upstream object."""
    if not (isinstance(node.func, ast.Name) and node.func.id in ("getattr", "hasattr", "setattr")) or not node.args:
        return []
    found = []
    name = node.args[1] if len(node.args) > 1 else None
    if isinstance(name, ast.Constant) and isinstance(name.value, str) and _is_named_internal(name.value):
        found.append(f"{node.func.id} {name.value}")
    if node.func.id == "setattr" and _root_name(node.args[0]) in upstream - {"config"}:
        found.append(f"setattr on {_root_name(node.args[0])}")
    return found


def _is_config_value(target: ast.Attribute) -> bool:
    """Whether *target* is a configuration value (``app.config.name``): setting one is Sphinx's public API."""
    return isinstance(target.value, ast.Attribute) and target.value.attr == "config"


def _assignment(node: ast.Assign | ast.AugAssign | ast.AnnAssign, upstream: set[str]) -> list[str]:
    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
    return [
        f"patches {ast.unparse(target)}"
        for target in targets
        if isinstance(target, ast.Attribute)
        and _root_name(target) in upstream
        and not _is_own(target)
        and not _is_config_value(target)
    ]


def _shape(node: ast.Constant, upstream: set[str]) -> list[str]:
    text = node.value
    if isinstance(text, str) and "\n" not in text and any(shape in text for shape in UPSTREAM_SHAPES):
        return [f"relies on {text!r}"]
    return []


#: What to look for in each kind of node.
CHECKS = {
    ast.Import: _import,
    ast.ImportFrom: _import,
    ast.Attribute: _attribute,
    ast.Call: _reflection,
    ast.Assign: _assignment,
    ast.AugAssign: _assignment,
    ast.AnnAssign: _assignment,
    ast.Constant: _shape,
}


def upstream_internals(source: str) -> list[str]:
    """Return each use, in *source*, of an upstream internal: ``line: what``."""
    tree = ast.parse(source)
    upstream = _upstream_bindings(tree) | UPSTREAM_OBJECTS
    found = {
        (node.lineno, finding)
        for node in ast.walk(tree)
        if type(node) in CHECKS
        for finding in CHECKS[type(node)](node, upstream)
    }
    return [f"{line}: {finding}" for line, finding in sorted(found)]


def test_scan_sees_each_kind_of_internal():
    """The scan is not blind: each way of reaching an internal is caught, public names are not."""
    source = textwrap.dedent(
        """
        import ablog.blog
        import sphinx_autobuild.__main__ as autobuild
        from sphinx.util import logging, _private
        from sphinxext.opengraph import get_tags
        from sphinx_blog_fr._dates import localize

        def setup(app):
            app.events.listeners["x"]
            indexer._mapping
            ablog.blog.slugify = str
            autobuild._create_app = None
            app.extensions["ablog"].parallel_read_safe = True
            getattr(app.env, "ablog_posts", {})
            self._own = 1
            app.blog_state = 1
            app.blog_pages.removed = 1
            parts._replace(path="/")
            logging.getLogger(__name__)
        """
    )
    found = "\n".join(upstream_internals(source))
    for expected in (
        "import _private",
        "import get_tags",
        ".listeners",
        "._mapping",
        "patches ablog.blog.slugify",
        "._create_app",
        "patches app.extensions['ablog'].parallel_read_safe",
        "getattr ablog_posts",
    ):
        assert expected in found, found
    assert "_dates" not in found and "_own" not in found and "blog_state" not in found and "getLogger" not in found


def test_no_upstream_internal_outside_compat():
    """Every module of the package but compat/ uses upstream's public API only."""
    offenders = {
        path.relative_to(REPOSITORY_ROOT).as_posix(): found
        for path in sorted(PACKAGE.rglob("*.py"))
        if COMPAT not in path.parents and (found := upstream_internals(path.read_text(encoding="utf-8")))
    }
    assert not offenders, "\n".join(f"{path}: {', '.join(found)}" for path, found in offenders.items())


# -- An upstream that changed stops the build with one French message ---------------

#: For each shim: the upstream as its message names it, and a change of that upstream (run before the build).
UPSTREAM_CHANGES = {
    "ablog": (
        "ABlog",
        # ABlog renames its archive pages' listener: its own pages must not come back silently.
        "import ablog.post\ndel ablog.post.generate_archive_pages\n",
    ),
    "ablog-records": (
        "ABlog",
        # ABlog's post records lose a field the listings and feeds read.
        """
        import ablog
        process = ablog.process_posts
        def process_posts(app, doctree):
            process(app, doctree)
            for record in getattr(app.env, "ablog_posts", {}).get(app.env.docname, []):
                record.pop("update", None)
        ablog.process_posts = process_posts
        """,
    ),
    "sphinx": (
        "Sphinx",
        # Sphinx's console catalog opener names its arguments otherwise.
        """
        import sphinx.locale
        init = sphinx.locale.init
        sphinx.locale.init = lambda locale_dirs, language, catalog="sphinx", domain="general": init(
            locale_dirs, language, catalog, domain
        )
        """,
    ),
    "sphinx-asset-checksums": (
        "Sphinx",
        # Sphinx's asset checksum names its arguments otherwise: the pages' links would not get theirs.
        """
        from sphinx.builders.html import _assets
        checksum = _assets._file_checksum
        _assets._file_checksum = lambda outdir, asset: checksum(outdir, asset)
        """,
    ),
    "sphinx-reader-settings": (
        "Sphinx",
        # Sphinx's reader asks for its docutils settings with other arguments.
        """
        import sphinx.util.docutils
        get_settings = sphinx.util.docutils._get_settings
        sphinx.util.docutils._get_settings = lambda *components, defaults, config_files=False: get_settings(
            *components, defaults=defaults, read_config_files=config_files
        )
        """,
    ),
    "sphinx-logging": (
        "Sphinx",
        # Sphinx sets its logger to another level: the level of what its handlers show could be wrong.
        """
        import logging, sphinx.util.logging
        setup = sphinx.util.logging.setup
        def logging_setup(app, status, warning, **options):
            setup(app, status, warning, **options)
            logging.getLogger("sphinx").setLevel(logging.NOTSET)
        sphinx.util.logging.setup = logging_setup
        """,
    ),
    "sphinx-standard-domain": (
        "Sphinx",
        # The standard domain forgets a document by other tables: the blog's would keep some entries.
        """
        import sphinx.domains.std as std
        clear = std.StandardDomain.clear_doc
        def clear_doc(self, docname):
            clear(self, docname)
            self.data.get("citations", {}).clear()
        std.StandardDomain.clear_doc = clear_doc
        """,
    ),
    "sphinx-translator-settings": (
        "Sphinx",
        # The HTML builder keeps its partial renders' settings elsewhere: their translators would look for stylesheets.
        """
        import sphinx.builders.html as html
        init = html.StandaloneHTMLBuilder.__init__
        def __init__(self, *args, **kwargs):
            init(self, *args, **kwargs)
            self._partial_settings = self.__dict__.pop("_settings")
        html.StandaloneHTMLBuilder.__init__ = __init__
        """,
    ),
    "furo": (
        "Furo",
        # Furo translates one of its labels itself: the blog's catalog would no longer reach the others unseen.
        """
        import pathlib, shutil, furo
        copy = pathlib.Path("WORKDIR") / "furo-theme"
        if not copy.exists():
            shutil.copytree(furo.THEME_PATH, copy)
            page = copy / "page.html"
            label = 'aria-label="Toggle site navigation sidebar"'
            page.write_text(page.read_text().replace(label, 'aria-label="{{ _("Menu") }}"'))
        furo.THEME_PATH = copy
        """,
    ),
    "furo-css-variables": (
        "Furo",
        # Furo writes its code colours' <style> outside block theme_styles: the blog's page.html would not take it out.
        """
        import pathlib, shutil, furo
        copy = pathlib.Path("WORKDIR") / "furo-theme"
        if not copy.exists():
            shutil.copytree(furo.THEME_PATH, copy)
            base = copy / "base.html"
            base.write_text(base.read_text().replace("block theme_styles", "block theme_colours"))
        furo.THEME_PATH = copy
        """,
    ),
    "furo-pygments": (
        "Furo",
        # Furo's page listener no longer gives the code colours: blog.css would have none.
        """
        import furo
        listener = furo._html_page_context
        def html_page_context(app, pagename, templatename, context, doctree):
            listener(app, pagename, templatename, context, doctree)
            context.pop("furo_pygments", None)
        furo._html_page_context = html_page_context
        """,
    ),
    "myst": (
        "MyST-Parser",
        # MyST reads includes through another class: the blog's path check would never run.
        "import myst_parser.mdit_to_docutils.base as base\nbase.MockIncludeDirective = type('Include', (), {})\n",
    ),
    "myst-renderer-settings": (
        "MyST-Parser",
        # MyST's make_document no longer asks docutils for its settings: the blog's would never be used.
        """
        import docutils.utils
        import myst_parser.mdit_to_docutils.base as base
        base.make_document = lambda source_path="notset", parser_cls=None: docutils.utils.new_document(source_path)
        """,
    ),
    "myst-front-matter": (
        "MyST-Parser",
        # MyST's renderer reads the front matter in another function: libyaml's reading would never be used.
        """
        import myst_parser.mdit_to_docutils.base as base
        render = base.DocutilsRenderer.render_front_matter
        base.DocutilsRenderer.render_front_matter = lambda self, token: render(self, token)
        """,
    ),
    "myst-topmatter": (
        "MyST-Parser",
        # MyST's parser reads the front matter past a « ... » line: the blog would hand it another YAML.
        """
        import myst_parser.config.main as main, myst_parser.parsers.sphinx_ as parser
        read = main.read_topmatter
        main.read_topmatter = parser.read_topmatter = lambda text: read(text.replace("\\n...\\n", "\\n"))
        """,
    ),
    "myst-md-parser": (
        "MyST-Parser",
        # MyST's parser gets its Markdown parser through another function: the blog's would never be used.
        """
        import myst_parser.parsers.sphinx_ as parser
        create = parser.create_md_parser
        parser.create_md_parser = lambda config, renderer: create(config, renderer)
        """,
    ),
    "myst-file-level": (
        "MyST-Parser",
        # MyST's parser merges a page's options through another function: the blog's would never be used.
        """
        import myst_parser.parsers.sphinx_ as parser
        merge = parser.merge_file_level
        parser.merge_file_level = lambda config, topmatter, warning: merge(config, topmatter, warning)
        """,
    ),
    "opengraph": (
        "sphinxext-opengraph",
        # get_tags takes its options otherwise.
        "import sphinxext.opengraph as opengraph\nopengraph.get_tags = lambda context, doctree, **options: ''\n",
    ),
    "sitemap-builder": (
        "sphinx-sitemap",
        # sphinx-sitemap notes the builder otherwise: the blog's plain queue would not stand for its own.
        "import sphinx_sitemap\nsphinx_sitemap.record_builder_type = lambda app: None\n",
    ),
    "sitemap": (
        "sphinx-sitemap",
        # sphinx-sitemap no longer writes from the queue the blog fills.
        "import sphinx_sitemap\ndef create_sitemap(app, exception):\n    pass\nsphinx_sitemap.create_sitemap = create_sitemap\n",
    ),
}


def build_with_upstream_change(workdir: Path, change: str, *, options: str = "") -> Build:
    """Build a small blog with ``make html``, *change* applied to the upstream packages as Python starts.

    *change* is a ``sitecustomize`` module (``WORKDIR`` in it stands for *workdir*).
    """
    patches = workdir / "patches"
    patches.mkdir()
    (patches / "sitecustomize.py").write_text(
        textwrap.dedent(change.replace("WORKDIR", str(workdir))), encoding="utf-8"
    )
    srcdir = workdir / "src"
    copy_site_machinery(srcdir)
    (srcdir / "index.md").write_text("# Accueil\n", encoding="utf-8")
    (srcdir / "posts" / "2020").mkdir(parents=True)
    (srcdir / "posts" / "2020" / "premier.md").write_text(
        post_source("Premier billet", tags="numérique"), encoding="utf-8"
    )
    # Before the PYTHONPATH the tests run with, if any (a work tree's package, not the installed one).
    python_path = os.pathsep.join(filter(None, [str(patches), os.environ.get("PYTHONPATH")]))
    return make_html(srcdir, workdir / "build", options=options, environment={**os.environ, "PYTHONPATH": python_path})


def assert_stops_clearly(build: Build, upstream: str) -> None:
    assert build.returncode != 0, build.output
    assert f"sphinx_blog_fr : {upstream} a changé : " in build.output, build.output
    assert "sphinx_blog_fr doit être adapté à cette version." in build.output, build.output
    assert "Traceback" not in build.output and "sphinx-err-" not in build.output, build.output


@pytest.mark.parametrize("shim", sorted(UPSTREAM_CHANGES))
def test_an_upstream_change_stops_the_build_with_a_french_message(tmp_path, shim):
    upstream, change = UPSTREAM_CHANGES[shim]
    assert_stops_clearly(build_with_upstream_change(tmp_path, change), upstream)


def test_a_change_seen_by_a_parallel_reader_stops_the_build_with_a_french_message(tmp_path):
    """Sphinx reports a failure in a parallel reading process with a traceback: the main process reports this one."""
    upstream, change = UPSTREAM_CHANGES["ablog-records"]
    assert_stops_clearly(build_with_upstream_change(tmp_path, change, options="-j 2"), upstream)


def test_the_unchanged_upstreams_build(tmp_path):
    """The same small blog, without a change, builds: the failures above are the changes'.

    Each page, the 404 page too, links each of its stylesheets and scripts
    with that file's checksum (``?v=``), which the build works out once. Furo
    rewrites ``pygments.css`` once the pages are written (``build-finished``):
    its links carry the checksum of the file Sphinx wrote.
    """
    build = build_with_upstream_change(tmp_path, "")
    assert build.returncode == 0, build.output
    for page in ("index.html", "posts/2020/premier.html", "404.html"):
        tags = build.page(page).find_all(["link", "script"])
        versioned = [address for tag in tags if "?v=" in (address := tag.get("href") or tag.get("src") or "")]
        assert len(versioned) > 3, page
        for address in versioned:
            path, checksum = address[address.index("_static/") :].split("?v=")
            if path == "_static/pygments.css":
                continue
            content = (build.html / path).read_bytes().translate(None, b"\r")
            assert checksum == f"{zlib.crc32(content):08x}", (page, address)


def test_a_changed_autobuild_stops_the_preview_with_a_french_message(tmp_path, monkeypatch):
    import sphinx_autobuild.__main__ as autobuild

    from sphinx_blog_fr.commands import live_preview

    monkeypatch.delattr(autobuild, "_create_app")
    warnings = tmp_path / "warnings.txt"
    with pytest.raises(compat.UpstreamChanged) as stopped:
        live_preview.main(["-w", str(warnings), str(tmp_path / "src"), str(tmp_path / "out")])
    assert str(stopped.value).startswith("sphinx_blog_fr : sphinx-autobuild a changé : ")


# -- A version the shims were not checked against is a warning, which -W makes fatal --


def test_an_unchecked_upstream_version_fails_the_build_with_a_french_warning(tmp_path):
    change = """
    import importlib.metadata
    checked = importlib.metadata.version
    importlib.metadata.version = lambda name: "0.12.0" if name == "ablog" else checked(name)
    """
    build = build_with_upstream_change(tmp_path, change)
    assert build.returncode != 0, build.output
    assert (
        "ablog 0.12.0 n’a pas été vérifié avec sphinx_blog_fr (versions vérifiées : 0.11.13 ≤ version < 0.12)"
        in build.output
    )
    assert "Traceback" not in build.output


def test_each_shim_says_which_versions_it_was_checked_against():
    """Every build shim names its distribution and a range that holds the pinned version (requirements/build.txt)."""
    pinned = dict(
        line.split("==")
        for line in (REPOSITORY_ROOT / "requirements" / "build.txt").read_text().splitlines()
        if "==" in line
    )
    for name in (*compat.BUILD_SHIMS, "autobuild"):
        shim = importlib.import_module(f"sphinx_blog_fr.compat.{name}")
        low, below = (Version(bound) for bound in shim.CHECKED)
        assert compat.outside_checked_range(shim.DISTRIBUTION, *shim.CHECKED) is None, name
        if name != "autobuild":
            assert low <= Version(pinned[shim.DISTRIBUTION]) < below, name
