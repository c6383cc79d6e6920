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

Once reading is over (``env-updated``, in the main process, so that the
failure reads as one French message even with ``-j``), it checks that ABlog's
records still have the fields the machinery reads. ABlog's internals are
reached through ``compat.ablog``.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from sphinx_blog_fr.compat.ablog import (
    check_post_records,
    declare_parallel_read_safe,
    merge_parallel_records,
    start_build,
)


def _merge_parallel_reads(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
    merge_parallel_records(env, docnames, other)


def _check_post_records(app: Sphinx, env: BuildEnvironment) -> list[str]:
    check_post_records(env)
    return []


def setup(app: Sphinx) -> dict:
    app.setup_extension("ablog")
    declare_parallel_read_safe(app)
    app.connect("builder-inited", start_build)
    app.connect("env-merge-info", _merge_parallel_reads)
    app.connect("env-updated", _check_post_records)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
