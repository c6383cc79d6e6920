"""A post whose front matter is wrong is one French error naming its file, line and field; the others are built."""

from __future__ import annotations

from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from features.conftest import messages

EXPECTED_DATE = "écrivez AAAA-MM-JJ, par exemple 2024-01-15, ou avec l’heure 2024-01-15T09:30:00+01:00"


@pytest.mark.sphinx("html", testroot="front-matter", freshenv=True)
def test_a_date_that_is_no_date_is_one_error_naming_the_file_and_the_field_and_loses_nothing(app: SphinxTestApp):
    """One build only: a second in this process would not see the file (test_isolation says why)."""
    app.build()
    faulty = Path(app.srcdir, "posts/2017/fautif.md")
    problems = [line for line in messages(app.warning.getvalue()).splitlines() if line.strip()]
    assert problems == [
        f"{faulty}:3: ERROR: champ date : « pas une date » n’est pas une date ISO 8601 ; {EXPECTED_DATE}"
        " [blog.front-matter]"
    ]
    assert Path(app.outdir, "posts/2017/bon.html").is_file()
    assert not Path(app.outdir, "posts/2017/fautif.html").exists()
    listing = Path(app.outdir, "blog.html").read_text(encoding="utf-8")
    assert "Un bon article" in listing and "Un article fautif" not in listing
