"""The atlas (many jurisdictions side by side) in HTML, CSV and XLSX, and the report on a corpus
with titles, versions and a sub-jurisdiction."""
from __future__ import annotations

import csv
import io

import pytest

from pipeline.coverage.atlas import render_atlas
from pipeline.coverage.jurisdictions import UnknownJurisdiction
from pipeline.coverage.matrix import atlas_report, coverage_report
from pipeline.coverage.report import render_report


def test_report_counts_the_latest_version_and_cites_the_act(corpus):
    m = coverage_report(corpus, "GB-EAW")
    assert m.statutes == ["eaw-children-1978.txt", "eaw-possession-1988.txt", "eaw-sexual-2003-s15a.txt"]
    assert [(s.doc, t.doc) for s, t in m.selection.older] == [("eaw-possession-1988-old.txt", "eaw-possession-1988.txt")]
    cites = {e.citation for e in m.cells["csam_possession"].evidence}
    assert "s. 160(1), Criminal Justice Act 1988" in cites
    assert "s. 1(1)(c), Protection of Children Act 1978" in cites
    md = render_report("md", m)
    assert "## Older versions and statutes not in force (not counted)" in md
    assert "eaw-" not in md.split("## Statutes counted")[0]  # no file names before the statute list


def test_repealed_statute_is_listed_apart(corpus):
    m = coverage_report(corpus, "XF")
    assert m.statutes == ["xf-code.txt"] and [s.doc for s in m.selection.not_in_force] == ["xf-old-code.txt"]
    assert m.cells["csam_possession"].status == "none"  # only the repealed code punished possession
    assert m.cells["csam_distribution"].evidence[0].citation == "art. 12, al. 1, Code pénal de Xanadu"


def test_a_jurisdiction_with_only_repealed_statutes_says_so(corpus):
    m = coverage_report(corpus, "XO")
    assert m.statutes == [] and render_report("md", m).splitlines()[2].startswith("No statute in force is filed under XO")
    row = list(csv.DictReader(io.StringIO(render_atlas("csv", atlas_report(corpus, ["XO"])))))[0]
    assert row["Possessing CSAM"] == "no statute in force" and row["statutes counted"] == "0"


def test_gb_is_exact_and_include_sub_is_explicit(corpus):
    with pytest.raises(UnknownJurisdiction, match="GB-EAW, GB-SCT"):
        coverage_report(corpus, "GB")
    gb = coverage_report(corpus, "GB", include_sub=True)
    assert gb.included == ["GB-EAW", "GB-SCT"] and "sct-grooming-2005.txt" in gb.statutes
    assert "sct-grooming-2005.txt" not in coverage_report(corpus, "GB-EAW").statutes


def test_atlas_csv_rows_per_jurisdiction(corpus):
    ms = atlas_report(corpus, ["GB-EAW", "GB-SCT", "XF"])
    rows = list(csv.DictReader(io.StringIO(render_atlas("csv", ms))))
    assert [r["jurisdiction"] for r in rows] == ["GB-EAW", "GB-SCT", "XF"]
    by = {r["jurisdiction"]: r for r in rows}
    assert by["GB-EAW"]["Possessing CSAM"] == "covered" and by["XF"]["Possessing CSAM"] == "not covered"
    assert int(by["GB-EAW"]["Covered"]) + int(by["GB-EAW"]["Partial"]) + int(by["GB-EAW"]["Not covered"]) == 11
    assert [m.jurisdiction for m in atlas_report(corpus)] == ["GB-EAW", "GB-SCT", "XF", "XO"]  # all by default
    with pytest.raises(UnknownJurisdiction, match="unknown jurisdiction XQ"):
        atlas_report(corpus, ["GB-EAW", "XQ"])


def test_atlas_html_is_self_contained_and_sortable(corpus):
    page = render_atlas("html", atlas_report(corpus))
    assert page.count('<table class="sortable"') == 1 and page.count("<svg") == 1
    assert "<link" not in page and "src=" not in page and "http" not in page.split("<svg")[0]
    assert 'title="Lanzarote Art. 20(1)(e); Budapest Art. 9(1)(e)' in page  # article in the header tooltip


@pytest.mark.extra("xlsx")
def test_atlas_xlsx_reads_back(corpus, tmp_path):
    from openpyxl import load_workbook

    path = tmp_path / "atlas.xlsx"
    path.write_bytes(render_atlas("xlsx", atlas_report(corpus)))
    wb = load_workbook(path)
    assert wb.sheetnames == ["Atlas", "Evidence", "Statutes"]
    ws = wb["Atlas"]
    assert ws.freeze_panes == "B2"
    head = [c.value for c in ws[1]]
    assert head[:5] == ["Jurisdiction", "Statutes", "Covered", "Partial", "Not covered"]
    assert "Possessing CSAM" in head and ws.column_dimensions["A"].width == 18
    col = head.index("Possessing CSAM") + 1
    cell = ws.cell(row=2, column=col)
    assert ws.cell(row=2, column=1).value == "GB-EAW" and cell.value == "covered"
    assert cell.fill.fgColor.rgb.endswith("2E7D32")
    ev = list(wb["Evidence"].iter_rows(min_row=2, values_only=True))
    assert ("GB-EAW", "Possessing CSAM") in {(r[0], r[1]) for r in ev}
    assert any(r[4] == "s. 160(1), Criminal Justice Act 1988" for r in ev)
    statuses = {(r[1], r[4]) for r in wb["Statutes"].iter_rows(min_row=2, values_only=True)}
    assert ("Ancien code pénal de Xanadu", "not in force") in statuses


def test_cli_atlas(corpus, cli, capsys, tmp_path):
    assert cli("atlas", corpus, "--jurisdiction", "GB-EAW,XF", "--format", "csv") == 0
    assert capsys.readouterr().out.splitlines()[1].startswith("GB-EAW,")
    assert cli("atlas", corpus, "--format", "xlsx") == 2  # a binary format needs --out
    target = tmp_path / "a.html"
    assert cli("atlas", corpus, "--format", "html", "-o", target) == 0 and "sortable" in target.read_text()
    assert cli("atlas", corpus, "--jurisdiction", "XQ") == 2
    assert "unknown jurisdiction XQ; known: GB-EAW, GB-SCT, XF, XO" in capsys.readouterr().err
