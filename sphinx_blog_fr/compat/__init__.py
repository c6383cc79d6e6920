"""Every private name of an upstream project the blog uses, behind one shim per upstream.

Each shim (``ablog.py``, ``sphinx.py``, …) imports the internals it needs,
says which versions it was checked against (``CHECKED``), and asserts that
each replacement of upstream behaviour took effect, so that an upgrade fails
loudly instead of silently bringing back what the blog replaces.
``check_versions`` warns, at start-up, about an installed version outside the
checked range.
"""

from __future__ import annotations

from importlib.metadata import version

from packaging.version import Version


class UpstreamChanged(RuntimeError):
    """An upstream internal the blog relies on is gone or behaves differently."""


def installed_version(distribution: str) -> Version:
    return Version(version(distribution))


def outside_checked_range(distribution: str, low: str, below: str) -> str | None:
    """Return a French warning if *distribution*'s installed version is not in [low, below), else None."""
    found = installed_version(distribution)
    if Version(low) <= found < Version(below):
        return None
    return (
        f"{distribution} {found} n’a pas été vérifié avec sphinx_blog_fr "
        f"(versions vérifiées : {low} ≤ version < {below}) ; lancez make test-upstream"
    )


def require(condition: bool, upstream: str, what: str) -> None:
    """Stop with a clear message if an upstream behaviour the blog replaces was not replaced."""
    if not condition:
        raise UpstreamChanged(f"{upstream} a changé : {what}. sphinx_blog_fr doit être adapté à cette version.")
