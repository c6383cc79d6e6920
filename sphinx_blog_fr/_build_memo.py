"""What an upstream function works out again and again in one build, worked out once.

A :class:`BuildMemo` keeps, from ``builder-inited`` to ``build-finished``,
what a computation gave for each key, and hands it back for the same key.
Outside a build (before it, after it, between two builds of one process) it
keeps nothing: every call computes, as upstream would.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

from sphinx.application import Sphinx


class BuildMemo:
    """Values by key, kept for the time of a build."""

    def __init__(self) -> None:
        self._values: dict[Hashable, Any] | None = None

    def connect(self, app: Sphinx) -> None:
        """Keep values from the start of *app*'s build (``builder-inited``) to its end (``build-finished``)."""
        app.connect("builder-inited", self._start)
        app.connect("build-finished", self._end)

    def _start(self, app: Sphinx) -> None:
        self._values = {}

    def _end(self, app: Sphinx, exception: Exception | None) -> None:
        self._values = None

    def get(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """Return what *compute* gave for *key* in this build, calling it the first time only."""
        if self._values is None:
            return compute()
        if key not in self._values:
            self._values[key] = compute()
        return self._values[key]
