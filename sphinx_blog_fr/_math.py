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

The documents that have math are kept in the environment's ``blog`` domain
(``math_documents``), which forgets a document when it is read again or removed.
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

from sphinx_blog_fr._domain import blog_data

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


def math_documents(env: BuildEnvironment) -> set[str]:
    """The documents that have math (the ``blog`` domain's ``math_documents``)."""
    return blog_data(env)["math_documents"]


def _note_math(app: Sphinx, doctree: nodes.document) -> None:
    if next(iter(doctree.findall(lambda node: isinstance(node, (nodes.math, nodes.math_block)))), None):
        math_documents(app.env).add(app.env.docname)


def _copy_or_remove_mathjax(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html" or app.config.mathjax_path != MATHJAX_PATH:
        return
    destination = Path(app.outdir) / "_static" / OUTPUT_FOLDER
    shutil.rmtree(destination, ignore_errors=True)
    if not math_documents(app.env) & app.env.found_docs:
        return
    (destination / FONTS).parent.mkdir(parents=True)
    shutil.copyfile(MATHJAX_SOURCE / "es5" / COMPONENT, destination / COMPONENT)
    shutil.copytree(MATHJAX_SOURCE / "es5" / FONTS, destination / FONTS)
    shutil.copyfile(MATHJAX_SOURCE / "LICENSE", destination / "LICENSE")


def setup(app: Sphinx) -> dict:
    app.setup_extension("sphinx_blog_fr._domain")
    app.connect("config-inited", _serve_mathjax_locally)
    app.connect("doctree-read", _note_math)
    app.connect("build-finished", _copy_or_remove_mathjax)
    # The set of docnames is pickled in the environment (the blog domain): a change of its shape
    # must change this number.
    return {"env_version": 1, "parallel_read_safe": True, "parallel_write_safe": True}
