"""A post with math loads MathJax from the site itself; a page without math loads no MathJax."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest

from conftest import Build, build_site, post_source

MATH_BODY = """L’aire du disque est {math}`\\pi r^2`.

```{math}
\\sum_{k=1}^{n} k = \\frac{n(n+1)}{2}
```
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    build = build_site(
        tmp_path_factory.mktemp("math"),
        {
            "posts/2020/formules.md": post_source("Des formules", body=MATH_BODY),
            "posts/2020/texte.md": post_source("Du texte", date="2020-02-01"),
        },
    )
    assert build.returncode == 0, build.output
    return build


def mathjax_scripts(site: Build, page: str) -> list[str]:
    return [script["src"] for script in site.page(page).select("script[src]") if "mathjax" in script["src"].lower()]


def test_the_math_post_loads_mathjax_from_the_site(site: Build):
    (script,) = mathjax_scripts(site, "posts/2020/formules.html")
    assert "//" not in script
    served = (site.html / "posts/2020" / script.split("?")[0]).resolve()
    assert served == (site.html / "_static/mathjax/tex-chtml.js").resolve()
    assert served.stat().st_size > 100_000
    fonts = site.html / "_static/mathjax/output/chtml/fonts/woff-v2"
    assert (fonts / "MathJax_Main-Regular.woff").is_file()


def test_no_script_of_the_math_post_comes_from_another_host(site: Build):
    page = site.page("posts/2020/formules.html")
    base = "https://innovation-publique.example/posts/2020/formules.html"
    for element in page.select("script[src], link[href][rel=stylesheet]"):
        address = urljoin(base, element.get("src") or element["href"])
        assert address.startswith("https://innovation-publique.example/"), address


def test_the_math_is_in_the_page_for_mathjax(site: Build):
    page = site.page("posts/2020/formules.html")
    assert "\\(\\pi r^2\\)" in page.select_one("span.math").get_text()
    assert "\\frac{n(n+1)}{2}" in page.select_one("div.math").get_text()


def test_a_page_without_math_loads_no_mathjax(site: Build):
    assert mathjax_scripts(site, "posts/2020/texte.html") == []
    assert mathjax_scripts(site, "index.html") == []


def test_a_site_without_math_has_no_copy_of_mathjax(build_test_site):
    build = build_test_site({"posts/2020/texte.md": post_source("Du texte")})
    assert build.returncode == 0, build.output
    assert not (build.html / "_static/mathjax").exists()
