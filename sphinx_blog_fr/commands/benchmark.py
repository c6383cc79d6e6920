"""Measure how the blog's build scales: ``make bench [N="100 1000 3000"] [RUNS=3]``.

For each number of posts N, the command writes a synthetic blog of N French
posts (about 600 words, 2 to 4 of 40 tags, one of 8 categories, spread over
ten years) and builds it with three generators, on the same machine in the
same run:

* ``blog``: this repository's own configuration, built with ``make html``
  exactly as the author builds;
* ``stock``: Sphinx + ABlog + Furo as their documentation sets them up
  (posts in a glob table of contents, ABlog's sidebars);
* ``pelican``: Pelican on the same posts written as Markdown.

Each is built clean, again with nothing changed (no-op), after editing one
post's body, and after adding one post; the generators take turns at each
build (blog, then Pelican, then the blog again…), so that a slower or
faster spell of a shared machine weighs on all of them alike. The command
prints one table: the
median wall time of ``--runs`` runs, the peak resident memory of the build
process, the HTML pages written, the size of the output, and the time as a
multiple of Pelican's for the same build.

Then it checks the blog's incremental builds: the output after the edits and
additions must be byte for byte the output of a clean build of the same
sources, or the command fails listing the files that differ.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import ablog

from sphinx_blog_fr.commands._site import blog_root, copy_site_machinery

#: The builds of each generator, in the order they run.
SCENARIOS = ["clean", "no-op", "edit", "add"]
GENERATORS = ["blog", "stock", "pelican"]

_WORDS = (
    "action administration agent territoire commune région état service public usager innovation "
    "projet équipe méthode design numérique donnée ouverte expérimentation politique collectivité "
    "transformation laboratoire atelier formation réseau communauté partage coopération décision "
    "citoyen participation budget achat marché simplification démarche procédure évaluation impact "
    "culture changement management confiance risque question réponse idée solution problème besoin "
    "terrain pratique retour expérience apprentissage outil plateforme ressource document rapport "
    "semaine année journée réunion séminaire rencontre colloque université école mairie préfecture "
    "département agence direction mission ministère élu cadre directeur chef responsable acteur "
    "partenaire association entreprise startup incubateur fabrique accélérateur prototype test usage "
    "parcours accueil guichet dossier formulaire courrier téléphone site application logiciel code "
    "algorithme robot intelligence artificielle automatisation plus moins très bien mieux souvent "
    "toujours jamais ensemble aussi encore déjà peut doit faut fait dit voit pense trouve cherche "
    "propose construit ouvre partage montre explique raconte découvre essaie réussit"
).split()
TAGS = [
    "innovation publique",
    "design",
    "numérique",
    "territoires",
    "achat public",
    "open data",
    "participation",
    "laboratoire",
    "formation",
    "management",
    "agilité",
    "co-construction",
    "usagers",
    "simplification",
    "évaluation",
    "expérimentation",
    "intelligence artificielle",
    "culture",
    "réseau",
    "communauté",
    "collectivités",
    "état",
    "europe",
    "budget",
    "mooc",
    "université",
    "recherche",
    "startup d'état",
    "incubateur",
    "fabrique",
    "médiation",
    "inclusion",
    "éthique",
    "données",
    "transparence",
    "prospective",
    "ressources humaines",
    "transformation",
    "cnfpt",
    "événement",
]
CATEGORIES = ["Réflexions", "Événements", "Lectures", "Outils", "Portraits", "Méthodes", "Actualités", "Carnet"]
FIRST_DAY, LAST_DAY = date(2015, 1, 1), date(2024, 12, 31)


@dataclass
class Post:
    """One synthetic post, written for both Sphinx (MyST) and Pelican (Markdown)."""

    slug: str
    title: str
    day: date
    tags: list[str]
    category: str
    paragraphs: list[str]

    def myst(self) -> str:
        front_matter = [
            "---",
            "blogpost: true",
            f"date: {self.day.isoformat()}",
            f"category: {self.category}",
            f"tags: {', '.join(self.tags)}",
            "language: fr",
            "---",
        ]
        return "\n".join([*front_matter, "", f"# {self.title}", "", *[p + "\n" for p in self.paragraphs]])

    def pelican_markdown(self) -> str:
        metadata = [
            f"Title: {self.title}",
            f"Date: {self.day.isoformat()}",
            f"Category: {self.category}",
            f"Tags: {', '.join(self.tags)}",
            f"Slug: {self.slug}",
            "Lang: fr",
        ]
        return "\n".join([*metadata, "", *[p + "\n" for p in self.paragraphs]])

    def path(self, suffix: str) -> str:
        return f"{self.day.year}/{self.slug}{suffix}"


def synthetic_posts(count: int, seed: int = 2024) -> list[Post]:
    """Return *count* posts of about 600 words, spread evenly from 2015 to 2024, oldest first."""
    rng = random.Random(seed)
    span = (LAST_DAY - FIRST_DAY).days
    posts = []
    for number in range(count):
        day = FIRST_DAY + timedelta(days=span * number // max(count - 1, 1))
        title = " ".join(rng.choices(_WORDS, k=rng.randint(4, 8))).capitalize() + f" ({number + 1})"
        paragraphs = [" ".join(rng.choices(_WORDS, k=100)).capitalize() + "." for _paragraph in range(6)]
        tags = rng.sample(TAGS, rng.randint(2, 4))
        posts.append(Post(f"article-{number + 1:05d}", title, day, tags, rng.choice(CATEGORIES), paragraphs))
    return posts


# -- The three generators -------------------------------------------------------


STOCK_CONF = textwrap.dedent('''\
    """Sphinx + ABlog + Furo as their documentation sets them up."""
    project = "Banc d'essai"
    language = "fr"
    extensions = ["myst_parser", "ablog"]
    html_theme = "furo"
    # ABlog's own page.html would replace Furo's (Furo renders it as an error page):
    # its sidebar templates are reached through _templates/ablog instead.
    skip_injecting_base_ablog_templates = True
    templates_path = ["_templates"]
    html_sidebars = {"**": [
        "sidebar/brand.html", "sidebar/search.html", "sidebar/scroll-start.html",
        "sidebar/navigation.html", "ablog/recentposts.html", "ablog/tagcloud.html",
        "ablog/categories.html", "ablog/archives.html", "sidebar/scroll-end.html",
    ]}
    blog_path = "blog"
    blog_baseurl = "https://innovation-publique.example/"
    blog_feed_archives = True
    post_date_format = "%Y-%m-%d"
    ''')
STOCK_INDEX = "# Banc d'essai\n\n```{toctree}\n:glob:\n:maxdepth: 1\n\nposts/*/*\n```\n"
PELICAN_CONF = textwrap.dedent("""\
    AUTHOR = "Auteur du blog"
    SITENAME = "Banc d'essai"
    SITEURL = "https://innovation-publique.example"
    TIMEZONE = "Europe/Paris"
    DEFAULT_LANG = "fr"
    DEFAULT_PAGINATION = 10
    FEED_ALL_ATOM = "feeds/all.atom.xml"
    CATEGORY_FEED_ATOM = "feeds/{slug}.atom.xml"
    TAG_FEED_ATOM = "feeds/tag-{slug}.atom.xml"
    """)


@dataclass
class Generator:
    """How one generator lays out a site's sources and builds them."""

    name: str
    posts_dir: str
    suffix: str
    render: Callable[[Post], str]
    prepare: Callable[[Path], None]
    command: Callable[[Path, Path], list[str]]
    #: Files and folders of the output that are the build's cache, not the site.
    cache: tuple[str, ...] = ()


def _prepare_blog(srcdir: Path) -> None:
    copy_site_machinery(srcdir)
    shutil.copy2(blog_root() / "index.md", srcdir / "index.md")


def _prepare_stock(srcdir: Path) -> None:
    (srcdir / "conf.py").write_text(STOCK_CONF, encoding="utf-8")
    (srcdir / "index.md").write_text(STOCK_INDEX, encoding="utf-8")
    (srcdir / "_templates").mkdir()
    (srcdir / "_templates" / "ablog").symlink_to(Path(ablog.get_html_templates_path()) / "ablog")


def _prepare_pelican(srcdir: Path) -> None:
    (srcdir / "pelicanconf.py").write_text(PELICAN_CONF, encoding="utf-8")


def _sphinx(srcdir: Path, outdir: Path) -> list[str]:
    return [sys.executable, "-m", "sphinx", "--builder", "html", "--quiet", str(srcdir), str(outdir)]


def _make_html(srcdir: Path, outdir: Path) -> list[str]:
    # The author's own command, with the Makefile's options (warnings are errors).
    return [
        "make",
        "--no-print-directory",
        "--directory",
        str(blog_root()),
        "html",
        f"SOURCEDIR={srcdir}",
        f"BUILDDIR={outdir.parent}",
        "O=--quiet",
    ]


def _pelican(srcdir: Path, outdir: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "pelican",
        str(srcdir / "content"),
        "--output",
        str(outdir),
        "--settings",
        str(srcdir / "pelicanconf.py"),
        "--quiet",
    ]


GENERATOR_SETUPS = {
    "blog": Generator("blog", "posts", ".md", Post.myst, _prepare_blog, _make_html, (".doctrees",)),
    "stock": Generator("stock", "posts", ".md", Post.myst, _prepare_stock, _sphinx, (".doctrees",)),
    "pelican": Generator("pelican", "content", ".md", Post.pelican_markdown, _prepare_pelican, _pelican),
}


# -- Measuring ------------------------------------------------------------------


@dataclass
class Measure:
    """One build: its wall time, the peak memory of its processes, what it wrote."""

    seconds: float
    #: Processor time (user and system) of the build's processes: what a busy machine does not inflate.
    cpu_seconds: float
    peak_rss_bytes: int
    pages_written: int
    output_bytes: int


@dataclass
class Row:
    generator: str
    posts: int
    scenario: str
    measures: list[Measure] = field(default_factory=list)

    @property
    def median_seconds(self) -> float:
        return statistics.median(m.seconds for m in self.measures)


def _site_files(outdir: Path, cache: tuple[str, ...]) -> Iterator[Path]:
    for path in outdir.rglob("*"):
        if path.is_file() and not any(part in cache for part in path.relative_to(outdir).parts):
            yield path


def _html_mtimes(outdir: Path) -> dict[Path, int]:
    return {path: path.stat().st_mtime_ns for path in outdir.rglob("*.html")} if outdir.exists() else {}


class Site:
    """A synthetic blog's sources and output for one generator."""

    def __init__(self, generator: Generator, srcdir: Path, outdir: Path) -> None:
        self.generator, self.srcdir, self.outdir = generator, srcdir, outdir

    @classmethod
    def create(cls, generator: Generator, root: Path, posts: list[Post]) -> Site:
        """Write the sources of a site of *posts* under *root*; it builds into *root*/build/html."""
        site = cls(generator, root / "src", root / "build" / "html")
        site.srcdir.mkdir(parents=True)
        generator.prepare(site.srcdir)
        for post in posts:
            site.write_post(post)
        return site

    def write_post(self, post: Post) -> None:
        path = self.srcdir / self.generator.posts_dir / post.path(self.generator.suffix)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(self.generator.render(post), encoding="utf-8")

    def build(self) -> Measure:
        """Build the site, and return what the build cost and wrote; fail if the build fails."""
        before = _html_mtimes(self.outdir)
        start = time.perf_counter()
        process = subprocess.Popen(
            self.generator.command(self.srcdir, self.outdir), stdout=subprocess.PIPE, stderr=subprocess.STDOUT
        )
        output = process.stdout.read()
        _pid, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode:
            raise RuntimeError(f"the {self.generator.name} build of {self.srcdir} failed:\n{output.decode()}")
        after = _html_mtimes(self.outdir)
        written = sum(1 for path, mtime in after.items() if before.get(path) != mtime)
        size = sum(path.stat().st_size for path in _site_files(self.outdir, self.generator.cache))
        # Linux reports ru_maxrss in kibibytes.
        return Measure(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024, written, size)

    def clean(self) -> None:
        shutil.rmtree(self.outdir.parent, ignore_errors=True)


def edit_body(post: Post, run: int) -> Post:
    """Return *post* with one sentence added to its last paragraph."""
    paragraphs = [*post.paragraphs[:-1], post.paragraphs[-1] + f" Mise à jour numéro {run + 1}."]
    return Post(post.slug, post.title, post.day, post.tags, post.category, paragraphs)


def new_post(posts: list[Post], run: int) -> Post:
    """Return a post newer than every other, with tags the blog already has."""
    model = synthetic_posts(1, seed=run)[0]
    return Post(f"nouvel-article-{run + 1}", model.title, LAST_DAY, model.tags, model.category, model.paragraphs)


def measure_generators(
    generators: list[Generator], posts: list[Post], runs: int, workdir: Path
) -> tuple[list[Row], dict[str, Site]]:
    """Run every scenario *runs* times on a fresh site per generator, the generators taking turns at each build.

    Return the rows, generator by generator, and each generator's site as left.
    """
    sites = {generator.name: Site.create(generator, workdir / generator.name, posts) for generator in generators}
    rows = {(name, scenario): Row(name, len(posts), scenario) for name in sites for scenario in SCENARIOS}
    changes: dict[str, Callable[[Site, int], None]] = {
        "clean": lambda site, run: site.clean(),
        "no-op": lambda site, run: None,
        "edit": lambda site, run: site.write_post(edit_body(posts[len(posts) * (run + 1) // (runs + 1)], run)),
        "add": lambda site, run: site.write_post(new_post(posts, run)),
    }
    for scenario in SCENARIOS:
        for run in range(runs):
            for name, site in sites.items():
                changes[scenario](site, run)
                rows[name, scenario].measures.append(site.build())
    return [rows[name, scenario] for name in sites for scenario in SCENARIOS], sites


def differing_files(output: Path, reference: Path, cache: tuple[str, ...] = ()) -> list[str]:
    """Return the files (relative paths) that are in only one of two outputs, or differ between them."""
    ours = {path.relative_to(output) for path in _site_files(output, cache)}
    theirs = {path.relative_to(reference) for path in _site_files(reference, cache)}
    different = sorted(str(path) for path in ours ^ theirs)
    different += sorted(
        str(path) for path in ours & theirs if not filecmp.cmp(output / path, reference / path, shallow=False)
    )
    return different


def check_against_clean_build(incremental: Site) -> list[str]:
    """Build *incremental*'s sources clean elsewhere; return the output files that differ."""
    reference = Site(incremental.generator, incremental.srcdir, incremental.outdir.parent.parent / "reference" / "html")
    reference.clean()
    reference.build()
    return differing_files(incremental.outdir, reference.outdir, incremental.generator.cache)


# -- The report -----------------------------------------------------------------


#: Sizes are printed in decimal megabytes (10⁶ bytes), the unit of the targets they are held to.
MEGABYTE = 1_000_000


def format_table(rows: list[Row]) -> str:
    """Return the rows as one Markdown table, each time also as a multiple of Pelican's."""
    pelican = {(row.posts, row.scenario): row.median_seconds for row in rows if row.generator == "pelican"}
    lines = [
        "| posts | generator | build | median wall time | × Pelican | median CPU time | peak RSS | pages written | output size |",
        "|---:|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        ratio = pelican.get((row.posts, row.scenario))
        lines.append(
            f"| {row.posts:,} | {row.generator} | {row.scenario} | {row.median_seconds:.2f} s "
            f"({len(row.measures)} runs) | {f'{row.median_seconds / ratio:.1f}' if ratio else '–'} "
            f"| {statistics.median(m.cpu_seconds for m in row.measures):.2f} s "
            f"| {max(m.peak_rss_bytes for m in row.measures) / MEGABYTE:.0f} MB "
            f"| {row.measures[-1].pages_written:,} | {row.measures[-1].output_bytes / MEGABYTE:.1f} MB |"
        )
    return "\n".join(lines)


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="sphinx-blog-fr bench", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--posts",
        type=int,
        nargs="+",
        default=[100, 1000, 3000],
        metavar="N",
        help="numbers of posts of the synthetic blogs (default: 100 1000 3000)",
    )
    parser.add_argument("--runs", type=int, default=3, help="runs of each build; the median is reported (default: 3)")
    parser.add_argument(
        "--generators", nargs="+", choices=GENERATORS, default=GENERATORS, help="generators to run (default: all)"
    )
    parser.add_argument("--workdir", type=Path, help="where to write the sites (default: a temporary folder, removed)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    arguments = parse_arguments(argv)
    rows: list[Row] = []
    mismatches: dict[int, list[str]] = {}
    with tempfile.TemporaryDirectory(prefix="blog-bench-") as temporary:
        workdir = arguments.workdir or Path(temporary)
        for count in arguments.posts:
            print(f"… {count} posts: {', '.join(arguments.generators)}", file=sys.stderr, flush=True)
            generators = [GENERATOR_SETUPS[name] for name in arguments.generators]
            count_rows, sites = measure_generators(
                generators, synthetic_posts(count), arguments.runs, workdir / f"{count}"
            )
            rows.extend(count_rows)
            if "blog" in sites:
                mismatches[count] = check_against_clean_build(sites["blog"])
    print(format_table(rows))
    for count, files in mismatches.items():
        if files:
            print(
                f"\nIncremental output of {count} posts differs from a clean build in {len(files)} files, e.g.:",
                *files[:20],
                sep="\n  ",
            )
        else:
            print(f"\nIncremental output of {count} posts is identical to a clean build.")
    return 1 if any(mismatches.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
