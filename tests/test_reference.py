"""docs/reference.md names the whole public surface: a setting, a default, a template or a command it leaves out fails here.

A developer who builds another blog on the package reads that page rather
than the code: every configuration value the package registers, every
value its ``_defaults`` sets (its defaults, those computed from the blog's
facts, those it always sets), every template under
``sphinx_blog_fr/templates/`` with each block it defines, and every command
of ``sphinx-blog-fr``.
"""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from conftest import REPOSITORY_ROOT
from sphinx_blog_fr import _defaults, cli

REFERENCE = (REPOSITORY_ROOT / "docs" / "reference.md").read_text(encoding="utf-8")
PACKAGE = REPOSITORY_ROOT / "sphinx_blog_fr"
TEMPLATES = PACKAGE / "templates"
_REGISTERED = re.compile(r"add_config_value\(\s*[\"'](\w+)[\"']")
_BLOCK = re.compile(r"{%-?\s*block\s+(\w+)")


def registered_config_values() -> list[str]:
    """The names the package's modules register with ``app.add_config_value``."""
    return sorted(
        {
            name
            for module in PACKAGE.rglob("*.py")
            if "__pycache__" not in module.parts
            for name in _REGISTERED.findall(module.read_text(encoding="utf-8"))
        }
    )


def derived_default_names() -> list[str]:
    """The names ``_defaults.derived_defaults`` computes, for a conf.py that sets nothing of them."""
    facts = SimpleNamespace(
        project="Carnet",
        author="Camille",
        copyright="",
        blog_baseurl="https://carnet.example/",
        _raw_config={},
        _overrides={},
    )
    return sorted(_defaults.derived_defaults(facts))


def template_names() -> list[str]:
    return sorted(path.relative_to(TEMPLATES).as_posix() for path in TEMPLATES.rglob("*.html"))


def named(name: str) -> bool:
    """Whether the page names *name* as code (```name```), not merely as part of a longer name."""
    return f"`{name}`" in REFERENCE


def test_the_package_registers_and_ships_something():
    assert {"blog_timezone", "blog_posts_per_page"} <= set(registered_config_values())
    assert "page.html" in template_names()


@pytest.mark.parametrize("name", registered_config_values())
def test_every_registered_config_value_is_documented(name: str):
    assert named(name), f"docs/reference.md ne décrit pas le réglage {name}"


@pytest.mark.parametrize("name", sorted({*_defaults.DEFAULTS, *_defaults.REQUIRED, *derived_default_names()}))
def test_every_default_is_documented(name: str):
    assert named(name), f"docs/reference.md ne décrit pas la valeur par défaut de {name}"


@pytest.mark.parametrize("template", template_names())
def test_every_template_and_its_blocks_are_named(template: str):
    assert named(template), f"docs/reference.md ne nomme pas le gabarit {template}"
    row = next(line for line in REFERENCE.splitlines() if line.startswith(f"| `{template}` |"))
    for block in _BLOCK.findall(Path(TEMPLATES, template).read_text(encoding="utf-8")):
        assert f"`{block}`" in row, f"docs/reference.md ne nomme pas le bloc {block} de {template}"


@pytest.mark.parametrize("command", sorted(cli.COMMANDS))
def test_every_command_is_documented(command: str):
    assert named(f"sphinx-blog-fr {command}"), f"docs/reference.md ne décrit pas sphinx-blog-fr {command}"
