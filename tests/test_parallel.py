"""``--jobs auto`` builds the blog, warnings as errors, exactly as a serial build does.

The Makefile builds serially: on two cores it is faster (README, « Build
speed »). A parallel build must still work, for a machine with more cores:
ABlog's posts, read in several processes, must be merged back
(``ablog_parallel``) without carrying the environments that read them
(``ablog_detached_posts``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, Build, make_html
from sphinx_blog_fr.commands.benchmark import differing_files


@pytest.fixture(scope="module")
def parallel_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    build = make_html(ROOT, tmp_path_factory.mktemp("parallel"), options="--jobs=auto")
    assert build.returncode == 0, build.output
    return build


def environment_pickle(build: Build) -> Path:
    return build.html.parent / "doctrees" / "environment.pickle"


def test_a_parallel_build_writes_what_a_serial_build_writes(parallel_site: Build, site: Build):
    assert differing_files(parallel_site.html, site.html) == []


def test_the_posts_kept_for_listings_do_not_carry_the_environment(parallel_site: Build, site: Build):
    # Each reading process's environment, kept through the posts it read, would weigh as much again.
    sizes = [environment_pickle(build).stat().st_size for build in (site, parallel_site)]
    assert sizes[1] < 1.2 * sizes[0], sizes
