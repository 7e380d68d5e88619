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
    m = coverage_report(annotated, "XA", "default", include_sub=True)  # XA takes XA-North only when asked
    st = _status(m)
    assert st["csam_possession"] == "full"
    assert st["csam_distribution"] == "partial"
    assert st["grooming"] == "partial"
    assert st["csam_access"] == "none" and st["live_streaming"] == "none"
    assert m.statutes == ["xa-act.txt"]
    ev = m.cells["csam_distribution"].evidence[0]
    assert ev.statute == "xa-act.txt" and "distributes" in ev.span and ev.because == "only via a computer system"
    assert ev.citation == "s. 2(2), xa-act.txt"  # no title in this manifest: the file name stands in
    assert m.included == ["XA-North"]
    # nothing in the interpretation section
    assert all("Interpretation" not in e.span for c in m.cells.values() for e in c.evidence)


def test_same_output_judged_against_another_benchmark(annotated):
    m = coverage_report(annotated, "xa-north", "coe-2012")  # case-insensitive, spelled as stored
    assert m.jurisdiction == "XA-North"
    st = _status(m)
    assert set(st) == {c for c in load_benchmark("coe-2012").conducts}
    assert st["grooming"] == "full"  # material acts toward a meeting are the CoE benchmark itself
    assert st["csam_distribution"] == "full"  # Budapest is a computer-system convention
    assert "live_streaming" not in st


def test_store_gives_the_same_matrix(annotated):
    from_dir = coverage_report(annotated, "XB", "default")
    from_db = coverage_report(annotated / "lexbench.db", "XB", "default")
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
    m = coverage_report(annotated, "XA-North", "default")
    md = render("md", m)
    assert "| Possessing CSAM | Lanzarote Art. 20(1)(e); Budapest Art. 9(1)(e)" in md
    assert "| Knowingly accessing CSAM through ICT | Lanzarote Art. 20(1)(f)" in md and "| not covered |" in md
    assert "csam_possession" not in md and "sec_2__subsec_1" not in md  # labels and citations, not ids
    assert "| partial | s. 2(2), xa-act.txt — partial: only via a computer system |" in md  # the condition up front
    rows = list(csv.DictReader(io.StringIO(render("csv", m))))
    assert {r["conduct_id"] for r in rows} == set(m.cells)
    assert any(r["conduct"] == "Distributing CSAM" and r["status"] == "partial" and r["citation"] == "s. 2(2), xa-act.txt"
               for r in rows)
    data = json.loads(render("json", m))
    assert data["conducts"]["csam_possession"]["status"] == "full"
    assert data["conducts"]["csam_possession"]["label"] == "Possessing CSAM"
    assert data["statutes_counted"][0]["doc"] == "xa-act.txt"
    page = render("html", m)
    assert page.count("<svg") == 1 and "Coverage of XA-North" in page
    assert 'class="full"' in page and 'class="partial"' in page and 'class="none"' in page
    assert page.index('id="matrix"') < page.index("<svg") < page.index("Evidence for XA-North")
    assert ">XB<" not in page  # other jurisdictions are the atlas's business
    assert "<script" not in page and "<link" not in page and "src=" not in page  # no external assets


def test_cli_coverage(annotated, cli, capsys, tmp_path):
    assert cli("coverage", annotated, "--jurisdiction", "XB", "--format", "json") == 0
    assert json.loads(capsys.readouterr().out)["conducts"]["csam_possession"]["status"] == "partial"
    target = tmp_path / "xa.html"
    assert cli("coverage", annotated, "--jurisdiction", "XA", "--include-sub", "--format", "html", "-o", target) == 0
    assert target.read_text(encoding="utf-8").startswith("<!doctype html>")
    assert cli("coverage", tmp_path / "missing", "--jurisdiction", "XA") == 2
    assert cli("coverage", annotated, "--jurisdiction", "XB", "--benchmark", "nope") == 2


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
        m = coverage_report(source, "XC", "default")
        others = None
        assert [t.text.lower() for t in m.terms] == ["child pornography"]
        term = m.terms[0]
        assert term.replacement and term.reason and term.eid.startswith("sec_4")
        assert term.citation == "s. 4(1), xc-act.txt"  # as printed (the manifest gives no title here)
        page = render("html", m, others)
        assert "Terminology flags for XC" in page and "child pornography" in page
        assert term.replacement[0] in page
        md = render("md", m, others)
        assert "## Terminology" in md and "| child pornography | 1 |" in md and "s. 4(1), xc-act.txt |" in md
        assert json.loads(render("json", m, others))["terms"][0]["replacement"] == term.replacement


def test_cli_unknown_code_is_a_one_line_error_and_old_spelling_warns(annotated, cli, capsys):
    assert cli("coverage", annotated, "--jurisdiction", "XQ") == 2
    err = capsys.readouterr().err.strip()
    assert err == "lexbench coverage: error: unknown jurisdiction XQ; known: XA-North, XB"
    assert cli("coverage", annotated, "--jurisdiction", "XA") == 2  # XA-North is a sub-jurisdiction
    assert "--include-sub" in capsys.readouterr().err
    assert cli("coverage", annotated, "-j", "XB", "--format", "json") == 0
    out = capsys.readouterr()
    assert "-j is deprecated" in out.err and json.loads(out.out)["jurisdiction"] == "XB"


def test_store_keeps_statute_metadata_and_reports_cite_the_act(tmp_path):
    src = tmp_path / "statutes"
    src.mkdir()
    (src / "xd-2010.txt").write_text("Section 3 Offences\n\n(1) Any person who possesses child sexual abuse "
                                     "material commits an offence.\n", encoding="utf-8")
    (src / "xd-2020.txt").write_text("Section 3 Offences\n\n(1) Any person who distributes child sexual abuse "
                                     "material commits an offence.\n", encoding="utf-8")
    (src / "MANIFEST.tsv").write_text(
        "path\tjurisdiction\ttitle\tcitation\tversion_date\tnotes\n"
        "xd-2010.txt\tXD\tChild Protection Act 2001, s.3 Offences\tAct 7 of 2001, s. 3\t2010-01-01\t\n"
        "xd-2020.txt\tXD\tChild Protection Act 2001, s.3 Offences\tAct 7 of 2001, s. 3\t2020-01-01\t\n",
        encoding="utf-8")
    out = tmp_path / "out"
    assert all(r.error is None for r in run_batch([str(src)], AnnotateConfig(out_dir=out, db_url=default_url(out))))
    from pipeline.store.queries import statute_records

    stored = {v["path"].rsplit("/", 1)[-1]: v for v in statute_records(default_url(out)).values()}
    assert stored["xd-2020.txt"]["title"] == "Child Protection Act 2001"
    assert stored["xd-2020.txt"]["version_date"] == "2020-01-01" and stored["xd-2020.txt"]["in_force"] is True
    import sqlite3

    with sqlite3.connect(out / "lexbench.db") as db:  # a store written before migration 0003 had no metadata
        db.execute("UPDATE statutes SET title = NULL, citation = NULL, version_date = NULL, in_force = NULL, act = NULL")
    for source in (out, out / "lexbench.db"):  # read from the manifest at report time
        m = coverage_report(source, "XD", "default")
        assert m.statutes == ["xd-2020.txt"]  # the 2010 version of s. 3 is older
        assert [s.doc for s, _ in m.selection.older] == ["xd-2010.txt"]
        assert m.cells["csam_distribution"].evidence[0].citation == "s. 3(1), Child Protection Act 2001"
        assert m.cells["csam_possession"].status == "none"
        page = render("html", m)
        assert "Older versions and statutes not in force (not counted)" in page
        assert "s. 3(1), Child Protection Act 2001" in page
