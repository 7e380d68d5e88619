"""Smoke test of the benchmark script on a tiny generated corpus: the table's shape, never timings."""
from __future__ import annotations

import json

import pytest

from evaluation import bench, bench_process
from evaluation.bench_corpus import make_corpus, order_score, truth_for


def _header_cols(md: str, title: str) -> list[str]:
    lines = md.splitlines()
    i = next(k for k, line in enumerate(lines) if line.startswith(f"**{title}"))
    header = next(line for line in lines[i + 1:] if line.startswith("|"))
    return [c.strip() for c in header.strip("|").split("|")]


def _rows(md: str, title: str) -> list[list[str]]:
    lines = md.splitlines()
    i = next(k for k, line in enumerate(lines) if line.startswith(f"**{title}"))
    block = []
    for line in lines[i + 1:]:
        if line.startswith("**"):
            break
        if line.startswith("|"):
            block.append([c.strip() for c in line.strip("|").split("|")])
    return block[2:]  # past header and alignment rows


@pytest.mark.slow
def test_bench_tiny_corpus_prints_every_table(tmp_path, capsys):
    out_json = tmp_path / "bench.json"
    code = bench.main(["--pages", "2", "--gazette-pages", "1", "--texts", "2", "--jobs", "1",
                       "--models", "rules", "--classify-items", "50", "--workdir", str(tmp_path / "w"),
                       "--json-out", str(out_json)])
    md = capsys.readouterr().out
    assert code == 0, md

    assert _header_cols(md, "Throughput") == bench.THROUGHPUT_COLUMNS
    rows = _rows(md, "Throughput")
    assert [r[0] for r in rows] == ["gazette.pdf", "statute.pdf", "2 text statutes"]
    for r in rows[:2]:  # the PDFs have a pdfplumber reference, a ratio and reading-order scores
        assert float(r[6].replace(",", "")) > 0 and r[7].endswith("x")
        assert 0.0 <= float(r[8]) <= 1.0 and 0.0 <= float(r[9]) <= 1.0
    assert "All PDFs together:" in md
    # whole-process figures: the real command line, pdfplumber and pypdfium2 on the same PDFs
    assert _header_cols(md, "Whole process") == bench_process.COLUMNS
    jobs = [r[0] for r in _rows(md, "Whole process")]
    assert jobs[:2] == ["lexbench --version", "lexbench annotate: one-line statute"]
    for name in ("gazette.pdf", "statute.pdf", "all 2 PDFs"):
        for tool in ("lexbench annotate", "pdfplumber extract_text", "pypdfium2 raw text"):
            assert f"{tool}: {name}" in jobs
    assert "One-line statute:" in md and "x pdfplumber" in md and "pypdfium2 floor" in md
    assert _header_cols(md, "Time per stage") == bench.STAGE_COLUMNS
    assert len(_rows(md, "Time per stage")) == 3
    assert _header_cols(md, "Classification") == bench.CLASSIFY_COLUMNS
    assert [r[0] for r in _rows(md, "Classification")] == ["rules"]
    assert _header_cols(md, "Incremental") == bench.INCREMENTAL_COLUMNS
    inc = _rows(md, "Incremental")[0]
    assert inc[4] == "4/4"  # every file skipped on the unchanged re-run

    res = json.loads(out_json.read_text())
    assert {r["input"] for r in res["inputs"]} == {"gazette.pdf", "statute.pdf", "2 text statutes"}
    for r in res["inputs"]:
        assert set(r["stages"]) <= set(bench.STAGES) and r["provisions"] > 0 and r["peak_rss_mib"] > 0
        assert sum(r["stages"].values()) <= r["annotate_s"] + 1e-6
    assert res["classify"][0]["provisions"] > 0
    wp = res["whole_process"]
    assert wp["one_line"]["cpu_s"] > 0 and wp["one_line"]["peak_rss_mib"] > 0 and wp["one_line"]["exit"] == 0
    assert all(r[k]["cpu_s"] > 0 for r in wp["pdfs"] for k in ("annotate", "pdfplumber", "pdfium"))


def test_order_score_tells_interleaved_columns_from_right_order(tmp_path):
    make_corpus(tmp_path / "c", pages=0, gazette_pages=1, texts=0)
    truth = truth_for(tmp_path / "c" / "pdf" / "gazette.pdf")
    assert truth and len(truth) > 10
    right = "\n".join(truth)
    assert order_score(right, truth)["in_order"] == 1.0
    # the same lines read across both columns: what a layout-blind reader produces
    half = len(truth) // 2
    interleaved = "\n".join(w for pair in zip(truth[:half], truth[half:]) for w in pair[0].split(" ")[:3]
                            + pair[1].split(" ")[:3])
    assert order_score(interleaved, truth)["in_order"] < 0.2
    swapped = "\n".join(truth[half:] + truth[:half])
    assert order_score(swapped, truth)["in_order"] < 0.6


def test_render_survives_a_pdf_whose_annotate_job_failed():
    """A PDF that annotate could not read has pages 0 and no time: the report says so, no ZeroDivisionError."""
    failed = {"input": "broken.pdf", "files": 1, "pages": 0, "provisions": 0, "errors": 1, "annotate_s": 0.0,
              "load_s": 0.1, "process_s": 0.2, "pages_per_s": None, "provisions_per_s": None,
              "peak_rss_mib": 50.0, "stages": {}, "order": None, "plumber_pages_per_s": 10.0,
              "plumber_peak_rss_mib": 60.0, "plumber_order": None}
    res = {"date": "2026-12-03", "machine": "test", "load_average_start": 0.0, "model": "rules",
           "pdf_reader": "pdfplumber", "inputs": [failed], "classify": [], "incremental": None}
    md = bench.render(res)
    assert "broken.pdf" in md and "All PDFs together" not in md
