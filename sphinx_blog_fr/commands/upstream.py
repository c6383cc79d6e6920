"""`make test-upstream`: the test suite against the newest Sphinx, ABlog, Furo, MyST-Parser and docutils.

The blog's extensions lean on these projects' behaviour, some of it internal,
so a release of any of them can break the blog. This command warns early,
without touching the pins in ``requirements/``: it lays a separate virtual
environment (``_build/upstream/venv``) with the pinned requirements, replaces
the five projects by their newest releases on the package index (or, with
``--main``, by their main branches, which needs access to GitHub), prints the
versions under test and what pip says of their declared compatibility, then
runs ``make test`` in that environment. pytest's summary says what broke.
"""

import argparse
import subprocess
import sys
from pathlib import Path

from sphinx_blog_fr.commands._site import blog_root

#: The upstream projects whose releases can break the blog, with their main branches.
UPSTREAM = {
    "sphinx": "git+https://github.com/sphinx-doc/sphinx@master",
    "ablog": "git+https://github.com/sunpy/ablog@main",
    "furo": "git+https://github.com/pradyunsg/furo@main",
    "myst-parser": "git+https://github.com/executablebooks/MyST-Parser@master",
    "docutils": "git+https://github.com/docutils/docutils@master#subdirectory=docutils",
}
VENV = blog_root() / "_build" / "upstream" / "venv"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--main", action="store_true", help="test the main branches instead of the newest releases")
    arguments = parser.parse_args(argv)
    python = VENV / "bin" / "python"
    if not python.exists():
        _run([sys.executable, "-m", "venv", str(VENV)])
    _run([str(python), "-m", "pip", "install", "--quiet", "--requirement", "requirements/dev.txt"])
    # --no-deps: each project at its newest, even where another one's declared
    # range would hold it back; pip check below names those ranges.
    specs = list(UPSTREAM.values()) if arguments.main else list(UPSTREAM)
    _run([str(python), "-m", "pip", "install", "--quiet", "--upgrade", "--no-deps", *specs])
    print("Versions under test (pinned in requirements/build.txt → tested):")
    _print_versions(python)
    subprocess.run([str(python), "-m", "pip", "check"], cwd=blog_root(), check=False)
    # The Makefile's VENV points every build the tests run at this environment.
    stamps = [str(VENV / "build.stamp"), str(VENV / "dev.stamp")]
    _run(["touch", *stamps])
    result = subprocess.run(["make", "--no-print-directory", f"VENV={VENV}", "test"], cwd=blog_root(), check=False)
    return result.returncode


def _print_versions(python: Path) -> None:
    pinned = {
        name.lower(): version
        for name, _, version in (
            line.partition("==") for line in (blog_root() / "requirements" / "build.txt").read_text().splitlines()
        )
        if version
    }
    for name in UPSTREAM:
        tested = subprocess.run(
            [str(python), "-c", f"import importlib.metadata as m; print(m.version({name!r}))"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        print(f"  {name:12} {pinned.get(name, '?'):>12} → {tested}")


def _run(command: list[str]) -> None:
    subprocess.run(command, cwd=blog_root(), check=True)


if __name__ == "__main__":
    sys.exit(main())
