"""Coverage matrix: roll-up rule, benchmark-relative re-judging, all four formats, folder and store."""
from __future__ import annotations

import csv
import io
import json

import pytest

from pipeline.coverage import build_matrix
from pipeline.coverage.matrix import Row, coverage_report, load_rows, section_of
from pipeline.coverage.render import render
from pipeline.annotate import AnnotateConfig, run_batch
from pipeline.benchmarks import load_benchmark
from pipeline.store import default_url

# Statutory-style texts written for this test.
STATUTE_XA = """Section 1 Interpretation

In this Act, "child" means a person under the age of eighteen years.

Section 2 Offences

(1) Any person who possesses child sexual abuse material commits an offence.

(2) Any person who distributes child sexual abuse material through a computer system commits an offence.

(3) An adult who, through information and communication technologies, proposes to meet a child for the purpose of engaging in sexual activity with the child, where the proposal is followed by material acts leading to such a meeting, commits an offence.
"""

STATUTE_XB = """Article 1

Le fait de détenir du matériel pédopornographique en vue de sa diffusion est puni de deux ans d'emprisonnement.
"""


@pytest.fixture(scope="module")
def annotated(tmp_path_factory):
    root = tmp_path_factory.mktemp("cov")
    src = root / "statutes"
    src.mkdir()
    (src / "xa-act.txt").write_text(STATUTE_XA, encoding="utf-8")
    (src / "xb-code.txt").write_text(STATUTE_XB, encoding="utf-8")
    (src / "MANIFEST.tsv").write_text("path\tjurisdiction\nxa-act.txt\tXA-North\nxb-code.txt\tXB\n",
                                      encoding="utf-8")
    out = root / "out"
    results = run_batch([str(src)], AnnotateConfig(out_dir=out, db_url=default_url(out), benchmark="default"))
    assert all(r.error is None for r in results), [r.error for r in results]
    return out


def _status(m):
    return {cid: c.status for cid, c in m.cells.items()}


def test_folder_matrix_default_benchmark(annotated):
    m, others = coverage_report(annotated, "XA", "default")  # XA matches XA-North
    st = _status(m)
    assert st["csam_possession"] == "full"
    assert st["csam_distribution"] == "partial"
    assert st["grooming"] == "partial"
    assert st["csam_access"] == "none" and st["live_streaming"] == "none"
    assert m.statutes == ["xa-act.txt"]
    ev = m.cells["csam_distribution"].evidence[0]
    assert ev.statute == "xa-act.txt" and "distributes" in ev.span and ev.because == "only via a computer system"
    assert {o.jurisdiction for o in others} == {"XA-North", "XB"}
    # nothing in the interpretation section
    assert all("Interpretation" not in e.span for c in m.cells.values() for e in c.evidence)


def test_same_output_judged_against_another_benchmark(annotated):
    m, _ = coverage_report(annotated, "XA-North", "coe-2012")
    st = _status(m)
    assert set(st) == {c for c in load_benchmark("coe-2012").conducts}
    assert st["grooming"] == "full"  # material acts toward a meeting are the CoE benchmark itself
    assert st["csam_distribution"] == "full"  # Budapest is a computer-system convention
    assert "live_streaming" not in st


def test_store_gives_the_same_matrix(annotated):
    from_dir, _ = coverage_report(annotated, "XB", "default")
    from_db, _ = coverage_report(annotated / "lexbench.db", "XB", "default")
    assert _status(from_dir) == _status(from_db)
    assert _status(from_db)["csam_possession"] == "partial"
    assert from_db.cells["csam_possession"].evidence[0].because == "intent to distribute"


def test_rollup_any_provision_covers_fully_if_any_does_fully():
    bench = load_benchmark("default")
    rows = [
        Row("a.txt", "sec_5", None, "section", "5 Offences", "ZZ", []),
        Row("a.txt", "sec_5__subsec_1", "sec_5", "subsection", "(1) x", "ZZ",
            [{"id": "csam_possession", "coverage": "partial", "because": "intent to distribute",
              "evidence": {"text": "possesses with intent"}}]),
        Row("a.txt", "sec_5__subsec_2", "sec_5", "subsection", "(2) y", "ZZ",
            [{"id": "csam_possession", "coverage": "full", "evidence": {"text": "possesses"}},
             {"id": "csam_access", "coverage": "partial", "because": "access only if paid",
              "evidence": {"text": "pays to view"}}]),
        Row("b.txt", "art_1", None, "article", "Article 1", "YY",
            [{"id": "csam_distribution", "coverage": "full", "evidence": {"text": "diffuse"}}]),
    ]
    by_key = {(r.doc, r.eid): r for r in rows}
    assert section_of(rows[1], by_key) == "sec_5"
    m = build_matrix(rows, "ZZ", bench)
    assert m.cells["csam_possession"].status == "full"
    assert [e.coverage for e in m.cells["csam_possession"].evidence] == ["full", "partial"]
    assert m.cells["csam_possession"].sections == ["a.txt#sec_5"]
    assert m.cells["csam_access"].status == "partial"
    assert m.cells["csam_distribution"].status == "none"  # another jurisdiction's statute
    assert m.counts() == {"full": 1, "partial": 1, "none": len(bench.conducts) - 2}


def test_formats(annotated):
    m, others = coverage_report(annotated, "XA", "default")
    md = render("md", m, others)
    assert "| csam_possession | covered |" in md and "| csam_access | not covered |" in md
    rows = list(csv.DictReader(io.StringIO(render("csv", m, others))))
    assert {r["conduct"] for r in rows} == set(m.cells)
    assert any(r["conduct"] == "csam_distribution" and r["status"] == "partial" for r in rows)
    data = json.loads(render("json", m, others))
    assert data["conducts"]["csam_possession"]["status"] == "full"
    assert data["jurisdictions"]["XB"]["csam_possession"] == "partial"
    page = render("html", m, others)
    assert page.count("<svg") == 1 and "Coverage across jurisdictions" in page
    assert 'class="full"' in page and 'class="partial"' in page and 'class="none"' in page
    assert "XA-North" in page and "XB" in page
    assert "<script" not in page and "<link" not in page and "src=" not in page  # no external assets


def test_cli_coverage(annotated, cli, capsys, tmp_path):
    assert cli("coverage", annotated, "--jurisdiction", "XB", "--format", "json") == 0
    assert json.loads(capsys.readouterr().out)["conducts"]["csam_possession"]["status"] == "partial"
    target = tmp_path / "xa.html"
    assert cli("coverage", annotated, "-j", "XA", "--format", "html", "-o", target) == 0
    assert target.read_text(encoding="utf-8").startswith("<!doctype html>")
    assert cli("coverage", tmp_path / "missing", "-j", "XA") == 2
    assert cli("coverage", annotated, "-j", "XA", "--benchmark", "nope") == 2


def test_load_rows_rejects_unknown_source(tmp_path):
    with pytest.raises(FileNotFoundError):
        load_rows(tmp_path / "nothing-here")


def test_report_lists_the_jurisdictions_terminology_flags_with_rewordings(tmp_path):
    src = tmp_path / "statutes"
    src.mkdir()
    (src / "xc-act.txt").write_text(
        "Section 4 Offences\n\n(1) Any person who possesses child pornography commits an offence.\n",
        encoding="utf-8")
    (src / "MANIFEST.tsv").write_text("path\tjurisdiction\nxc-act.txt\tXC\n", encoding="utf-8")
    out = tmp_path / "out"
    assert all(r.error is None for r in run_batch([str(src)], AnnotateConfig(out_dir=out, db_url=default_url(out))))
    for source in (out, out / "lexbench.db"):
        m, others = coverage_report(source, "XC", "default")
        assert [t.text.lower() for t in m.terms] == ["child pornography"]
        term = m.terms[0]
        assert term.replacement and term.reason and term.eid.startswith("sec_4")
        page = render("html", m, others)
        assert "Terminology flags for XC" in page and "child pornography" in page
        assert term.replacement[0] in page
        md = render("md", m, others)
        assert "## Terminology" in md and "| child pornography | 1 |" in md
        assert json.loads(render("json", m, others))["terms"][0]["replacement"] == term.replacement
