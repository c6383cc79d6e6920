"""ABlog, safe to read in parallel and to run twice in one process.

ABlog declares itself not parallel-read safe (sunpy/ablog#297), so ``-j
auto`` builds serially and ``--fail-on-warning`` fails on Sphinx's warning
about it. The only thing it keeps from reading is ``env.ablog_posts``, which
Sphinx's parallel readers fill in their own copies of the environment and
never hand back. This extension merges it back (``env-merge-info``, the
approach of sunpy/ablog#330) and declares ABlog safe.

ABlog also keeps its registry of posts in a class attribute
(``ablog.blog.Blog._dict``) shared by every Sphinx application of a process:
a second build in the same process (a test suite, a preview server that
builds in-process) would list the first build's posts. This extension empties
it when each build starts.
"""

from __future__ import annotations

from ablog.blog import Blog
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment


def _start_build(app: Sphinx) -> None:
    Blog._dict.clear()
    if not hasattr(app.env, "ablog_posts"):
        app.env.ablog_posts = {}


def _merge_parallel_reads(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
    theirs = getattr(other, "ablog_posts", {})
    env.ablog_posts.update({docname: theirs[docname] for docname in docnames if docname in theirs})


def setup(app: Sphinx) -> dict:
    app.setup_extension("ablog")
    app.extensions["ablog"].parallel_read_safe = True
    app.connect("builder-inited", _start_build)
    app.connect("env-merge-info", _merge_parallel_reads)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
