"""``make bench`` (``sphinx-blog-fr bench``): it builds, measures, and catches a stale incremental build.

The benchmark is run for real on tiny blogs (no timing is asserted: this
machine's speed is not the code's), and its comparison of an incremental
build with a clean one is shown to report a file that differs.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from sphinx_blog_fr.commands.benchmark import GENERATORS, SCENARIOS, differing_files, synthetic_posts

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def bench_run(tmp_path_factory: pytest.TempPathFactory) -> subprocess.CompletedProcess:
    workdir = tmp_path_factory.mktemp("bench")
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx_blog_fr.commands.benchmark",
            "--posts",
            "6",
            "--runs",
            "1",
            "--workdir",
            str(workdir),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )


def test_the_benchmark_prints_one_row_per_generator_and_build(bench_run: subprocess.CompletedProcess):
    assert bench_run.returncode == 0, bench_run.stdout + bench_run.stderr
    rows = re.findall(r"^\| 6 \| (\w+) \| ([\w-]+) \| ([\d.]+) s \(1 runs\) \|", bench_run.stdout, re.MULTILINE)
    assert [(generator, build) for generator, build, _seconds in rows] == [
        (generator, build) for generator in GENERATORS for build in SCENARIOS
    ]
    assert all(float(seconds) > 0 for _generator, _build, seconds in rows)


def test_the_benchmark_finds_the_incremental_build_identical_to_a_clean_one(bench_run: subprocess.CompletedProcess):
    assert "Incremental output of 6 posts is identical to a clean build." in bench_run.stdout


def test_make_bench_runs_only_the_generators_it_is_given(tmp_path: Path):
    # make bench GENERATORS="blog pelican" leaves out the stock site, whose clean build takes minutes.
    run = subprocess.run(
        ["make", "--no-print-directory", "bench", "N=3", "RUNS=1", "GENERATORS=blog pelican"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "TMPDIR": str(tmp_path)},
    )
    assert run.returncode == 0, run.stdout + run.stderr
    rows = re.findall(r"^\| 3 \| (\w+) \| ([\w-]+) \|", run.stdout, re.MULTILINE)
    assert rows == [(generator, build) for generator in ("blog", "pelican") for build in SCENARIOS]


def test_the_comparison_reports_a_changed_a_missing_and_an_extra_file(tmp_path: Path):
    output, reference = tmp_path / "output", tmp_path / "reference"
    for root in (output, reference):
        (root / "blog").mkdir(parents=True)
        (root / "index.html").write_text("<p>Accueil</p>", encoding="utf-8")
        (root / "blog" / "tag.html").write_text("<p>design (2)</p>", encoding="utf-8")
        (root / ".doctrees").mkdir()
        (root / ".doctrees" / "environment.pickle").write_bytes(root.name.encode())
    (output / "blog" / "tag.html").write_text("<p>design (1)</p>", encoding="utf-8")
    (output / "stale.html").write_text("", encoding="utf-8")
    (reference / "new.html").write_text("", encoding="utf-8")
    assert differing_files(output, reference, cache=(".doctrees",)) == ["new.html", "stale.html", "blog/tag.html"]
    assert differing_files(reference, reference) == []


def test_synthetic_posts_are_french_tagged_and_dated_like_a_decade_of_blogging():
    posts = synthetic_posts(300)
    assert len({post.slug for post in posts}) == 300
    assert all(2 <= len(post.tags) <= 4 for post in posts)
    assert len({tag for post in posts for tag in post.tags}) == 40
    assert len({post.category for post in posts}) == 8
    assert 500 <= sum(len(paragraph.split()) for paragraph in posts[0].paragraphs) <= 700
    assert posts[0].day.year == 2015 and posts[-1].day.year == 2024
