"""The coverage report and the atlas in real Debian Chromium (Playwright, headless), at 1400 px:
no horizontal scroll, the first screen holds the jurisdiction's own matrix, the chart's legend
covers no bar, and the atlas sorts on a header click."""
from __future__ import annotations

import pytest

from pipeline.coverage.atlas import render_atlas
from pipeline.coverage.matrix import atlas_report, coverage_report
from pipeline.coverage.report import render_report

pytestmark = pytest.mark.browser
SCREEN = {"width": 1400, "height": 900}


def _open(browser, path):
    page = browser.new_page(viewport=SCREEN)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.as_uri())
    return page, errors


def _legend_overlaps_bars(page) -> bool:
    return page.evaluate("""() => {
      const svg = document.querySelector('#chart svg');
      const legend = svg.querySelector('[id^=legend]').getBoundingClientRect();
      const bars = [...svg.querySelectorAll('[id^=axes] [id^=patch]')].slice(1)  // [0] is the axes background
                     .filter(p => !p.closest('[id^=legend]'))  // the legend's own swatches
                     .map(p => p.getBoundingClientRect()).filter(r => r.width > 2 && r.height > 2);
      if (!bars.length) throw new Error('no bars found');
      return bars.some(r => r.left < legend.right && legend.left < r.right && r.top < legend.bottom && legend.top < r.bottom);
    }""")


def test_report_first_screen_holds_the_matrix_without_horizontal_scroll(browser, corpus, tmp_path):
    path = tmp_path / "gb-eaw.html"
    path.write_text(render_report("html", coverage_report(corpus, "GB-EAW")), encoding="utf-8")
    page, errors = _open(browser, path)
    width = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert width[0] <= width[1], f"horizontal scroll: {width}"
    box = page.locator("#matrix").bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= SCREEN["height"], box
    first = page.locator("#matrix tbody tr").first
    assert first.locator("th").inner_text() == "Producing CSAM"
    assert "Lanzarote Art. 20(1)(a)" in first.locator("td").nth(0).inner_text()
    assert page.locator("#matrix tbody tr").count() == 11
    assert "s. 1(1)(a), Protection of Children Act 1978" in first.locator("td").nth(2).inner_text()
    assert page.locator("h1").inner_text().startswith("Coverage of GB-EAW")
    assert not _legend_overlaps_bars(page)
    assert errors == []
    page.close()


def test_atlas_sorts_on_a_header_click(browser, corpus, tmp_path):
    path = tmp_path / "atlas.html"
    path.write_text(render_atlas("html", atlas_report(corpus)), encoding="utf-8")
    page, errors = _open(browser, path)
    names = lambda: page.locator("#atlas tbody tr td.j").all_inner_texts()  # noqa: E731
    assert names() == ["GB-EAW", "GB-SCT", "XF", "XO"]
    page.locator("#atlas thead th", has_text="Covered").first.click()
    assert names() == ["GB-SCT", "XO", "XF", "GB-EAW"]  # 0, 0, 3, 4 covered (ties keep their order)
    page.locator("#atlas thead th", has_text="Covered").first.click()
    assert names() == ["GB-EAW", "XF", "GB-SCT", "XO"]
    page.locator("#atlas thead th", has_text="Possessing CSAM").click()
    assert names()[0] == "XO" and names()[-1] == "GB-EAW"  # no statute < not covered < covered
    page.locator("#atlas thead th", has_text="Jurisdiction").click()
    assert names() == ["GB-EAW", "GB-SCT", "XF", "XO"]
    assert page.locator("#atlas thead th", has_text="Jurisdiction").get_attribute("aria-sort") == "ascending"
    assert not _legend_overlaps_bars(page)
    assert errors == []
    page.close()


def test_the_legend_check_sees_a_legend_drawn_over_the_bars(browser, corpus, tmp_path, monkeypatch):
    """Control for ``_legend_overlaps_bars``: the old chart's legend inside the plot is caught."""
    from matplotlib.axes import Axes

    real = Axes.legend
    monkeypatch.setattr(Axes, "legend", lambda self, *a, **kw: real(self, loc="center", fontsize=8))
    path = tmp_path / "over.html"
    path.write_text(render_report("html", coverage_report(corpus, "GB-EAW")), encoding="utf-8")
    page, _ = _open(browser, path)
    assert _legend_overlaps_bars(page)
    page.close()


def test_atlas_of_a_hundred_jurisdictions_fits_1400px_and_keeps_its_header_in_view(browser, corpus, tmp_path):
    import dataclasses

    rows = atlas_report(corpus)
    many = [dataclasses.replace(m, jurisdiction=f"{m.jurisdiction}-{k:02d}") for k in range(25) for m in rows]
    path = tmp_path / "atlas-100.html"
    path.write_text(render_atlas("html", many), encoding="utf-8")
    page, errors = _open(browser, path)
    assert page.locator("#atlas tbody tr").count() == 100
    assert page.evaluate("document.documentElement.scrollWidth") <= SCREEN["width"]
    page.locator("#atlas tbody tr").nth(95).scroll_into_view_if_needed()
    assert page.evaluate("window.scrollY") > 1000
    top = page.locator("#atlas thead th", has_text="Possessing CSAM").bounding_box()["y"]
    assert 0 <= top < 60  # the column headers stay at the top of the screen while the rows scroll
    assert errors == []
    page.close()
