"""Math without a CDN: MathJax served from the site itself, on the pages that have math only.

Sphinx's ``sphinx.ext.mathjax`` loads MathJax from a CDN by default, which
breaks the blog's rule that no request leaves the site (and tells a third
party who reads what). This extension points ``mathjax_path`` at
``_static/mathjax/tex-chtml.js`` and copies there, from the pinned PyPI
package ``django-static-mathjax`` (import name ``mathjax``; Django is not
needed), only what a page with TeX needs: the ``tex-chtml`` component, the
CommonHTML fonts (``output/chtml/fonts/woff-v2/``, which the component
loads relative to itself) and MathJax's licence. Sphinx already adds the
script to the pages that contain math only (``has_maths_elements``); the
files are copied when some page has math and removed when none has any
more, so an incremental build's output stays a clean build's.

Authors write math with MyST's ``{math}`` role and directive. TeX
extensions that MathJax loads on demand (``\\require``, ``mhchem``) are not
copied: they would fail to load.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import mathjax
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.ext.mathjax import MATHJAX_URL

#: Where the package keeps MathJax's browser build.
MATHJAX_SOURCE = Path(mathjax.__file__).parent / "static" / "mathjax"
#: The files copied, relative to MATHJAX_SOURCE/es5 (LICENSE: relative to MATHJAX_SOURCE).
COMPONENT = "tex-chtml.js"
FONTS = "output/chtml/fonts/woff-v2"
#: The copy's folder in the output's _static/, and the script's path there.
OUTPUT_FOLDER = "mathjax"
MATHJAX_PATH = f"{OUTPUT_FOLDER}/{COMPONENT}"


def _serve_mathjax_locally(app: Sphinx, config: Config) -> None:
    if config.mathjax_path == MATHJAX_URL:
        config.mathjax_path = MATHJAX_PATH


def _note_math(app: Sphinx, doctree: nodes.document) -> None:
    if next(iter(doctree.findall(lambda node: isinstance(node, (nodes.math, nodes.math_block)))), None):
        app.env.blog_math_documents.add(app.env.docname)


def _start_build(app: Sphinx) -> None:
    if not hasattr(app.env, "blog_math_documents"):
        app.env.blog_math_documents = set()


def _purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    env.blog_math_documents.discard(docname)


def _merge(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
    env.blog_math_documents |= getattr(other, "blog_math_documents", set()) & docnames


def _copy_or_remove_mathjax(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html" or app.config.mathjax_path != MATHJAX_PATH:
        return
    destination = Path(app.outdir) / "_static" / OUTPUT_FOLDER
    shutil.rmtree(destination, ignore_errors=True)
    if not app.env.blog_math_documents & app.env.found_docs:
        return
    (destination / FONTS).parent.mkdir(parents=True)
    shutil.copyfile(MATHJAX_SOURCE / "es5" / COMPONENT, destination / COMPONENT)
    shutil.copytree(MATHJAX_SOURCE / "es5" / FONTS, destination / FONTS)
    shutil.copyfile(MATHJAX_SOURCE / "LICENSE", destination / "LICENSE")


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", _serve_mathjax_locally)
    app.connect("builder-inited", _start_build)
    app.connect("doctree-read", _note_math)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("build-finished", _copy_or_remove_mathjax)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
