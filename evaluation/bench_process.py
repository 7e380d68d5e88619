"""Whole-process figures for ``lexbench bench``: what a user waits for, start-up included.

WHY: a per-stage timer inside a warm process leaves out the interpreter, the imports and
the model loading, which dominate on small inputs (a one-line statute) and are a large
share on a few PDFs. Each job here is a fresh process, timed from outside with
``os.wait4``: CPU seconds (user + system), wall seconds and peak RSS of the whole process.

Jobs, in the same run and on the same files:

* ``lexbench annotate`` (the real command line, default database, ``--model``);
* pdfplumber's ``page.extract_text()`` (the reference the README's ratio is against);
* pypdfium2's raw text (``get_text_range``): the physical floor of reading the PDFs;
* ``lexbench annotate`` on a one-line statute and ``lexbench --version`` (start-up).
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ONE_LINE = "Section 1. Any person who produces child sexual abuse material commits an offence.\n"

PLUMBER = """import sys, pdfplumber
for f in sys.argv[1:]:
    with pdfplumber.open(f) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.close()
"""
PDFIUM = """import sys, pypdfium2 as pdfium
for f in sys.argv[1:]:
    pdf = pdfium.PdfDocument(f)
    for page in pdf:
        tp = page.get_textpage()
        tp.get_text_range()
        tp.close()
        page.close()
    pdf.close()
"""


def markdown_table(cols: list[str], rows: list[list[str]]) -> str:
    """A Markdown table, first column left-aligned, the others right-aligned (figures)."""
    lines = ["| " + " | ".join(cols) + " |", "|" + "|".join("---" if i == 0 else "---:" for i in range(len(cols))) + "|"]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def measure(cmd: list[str], cwd: Path | None = None) -> dict:
    """Run ``cmd`` to completion; its CPU seconds, wall seconds and peak RSS (MiB)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    with tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, cwd=cwd, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode not in (0, 1):
            err.seek(0)
            raise RuntimeError(f"{' '.join(cmd[:4])}... exited {proc.returncode}: "
                               f"{err.read().decode('utf-8', 'replace')[-2000:]}")
    return {"cpu_s": usage.ru_utime + usage.ru_stime, "wall_s": wall,
            "peak_rss_mib": round(usage.ru_maxrss / 1024, 1), "exit": proc.returncode}


def lexbench(*args: str) -> list[str]:
    return [sys.executable, "-m", "pipeline", *args]


def whole_process(pdfs: list[Path], work: Path, model: str = "default") -> dict:
    """Every job once, in this order, each in a fresh process (see the module docstring)."""
    shutil.rmtree(work, ignore_errors=True)  # every annotate job starts fresh: new output and database
    work.mkdir(parents=True)
    one = work / "one-line.txt"
    one.write_text(ONE_LINE, encoding="utf-8")
    res: dict = {"pdfs": [], "one_line": None, "version": None}
    res["version"] = measure(lexbench("--version"))
    res["one_line"] = measure(lexbench("annotate", str(one), "--out", str(work / "wp-one"), "--model", model,
                                       "--quiet"))
    if len(pdfs) > 1:  # one command on all the PDFs, as a user runs it: start-up paid once
        paths = [str(p) for p in pdfs]
        res["all"] = {"input": f"all {len(pdfs)} PDFs", "pages": sum(_pages(p) for p in pdfs),
                      "annotate": measure(lexbench("annotate", *paths, "--out", str(work / "wp-all"),
                                                   "--model", model, "--quiet")),
                      "pdfplumber": measure([sys.executable, "-c", PLUMBER, *paths]),
                      "pdfium": measure([sys.executable, "-c", PDFIUM, *paths])}
    for pdf in pdfs:
        row = {"input": pdf.name, "pages": _pages(pdf)}
        row["annotate"] = measure(lexbench("annotate", str(pdf), "--out", str(work / f"wp-{pdf.stem}"),
                                           "--model", model, "--quiet"))
        row["pdfplumber"] = measure([sys.executable, "-c", PLUMBER, str(pdf)])
        row["pdfium"] = measure([sys.executable, "-c", PDFIUM, str(pdf)])
        res["pdfs"].append(row)
    return res


def _pages(pdf: Path) -> int:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    try:
        return len(doc)
    finally:
        doc.close()


# -- report -------------------------------------------------------------------------------
COLUMNS = ["job", "pages", "CPU s", "wall s", "peak RSS MiB", "pages per CPU-s", "annotate vs this (CPU)"]
TARGET_ONE_LINE_CPU_S, TARGET_ONE_LINE_MIB, TARGET_RATIO, TARGET_PEAK_MIB = 1.0, 150, 3.0, 1024


def _f(x, nd: int = 2) -> str:
    return "-" if x is None else f"{x:,.{nd}f}"


def _row(job: str, pages, m: dict, annotate_cpu: float | None) -> list[str]:
    per = pages / m["cpu_s"] if pages and m["cpu_s"] else None
    vs = (m["cpu_s"] / annotate_cpu) if annotate_cpu and job.split(":")[0] != "lexbench annotate" else None
    return [job, str(pages or "-"), _f(m["cpu_s"]), _f(m["wall_s"]), _f(m["peak_rss_mib"], 0), _f(per, 1),
            "-" if vs is None else f"{vs:.2f}x"]


def render(res: dict) -> list[str]:

    rows = [_row("lexbench --version", None, res["version"], None),
            _row("lexbench annotate: one-line statute", None, res["one_line"], None)]
    tot = {"annotate": [0.0, 0.0, 0], "pdfplumber": [0.0, 0.0, 0], "pdfium": [0.0, 0.0, 0]}
    peak_big = None
    for r in res["pdfs"] + ([res["all"]] if res.get("all") else []):
        a = r["annotate"]["cpu_s"]
        rows.append(_row(f"lexbench annotate: {r['input']}", r["pages"], r["annotate"], None))
        rows.append(_row(f"pdfplumber extract_text: {r['input']}", r["pages"], r["pdfplumber"], a))
        rows.append(_row(f"pypdfium2 raw text: {r['input']}", r["pages"], r["pdfium"], a))
        if r is not res.get("all"):
            for k in tot:
                tot[k][0] += r[k]["cpu_s"]
                tot[k][1] = max(tot[k][1], r[k]["peak_rss_mib"])
                tot[k][2] += r["pages"]
        if r["pages"] >= 300 and r is not res.get("all"):
            peak_big = max(peak_big or 0, r["annotate"]["peak_rss_mib"])
    one = res["one_line"]
    ok1 = one["cpu_s"] <= TARGET_ONE_LINE_CPU_S and one["peak_rss_mib"] <= TARGET_ONE_LINE_MIB
    out = ["**Whole process** (each job a fresh process timed from outside: interpreter, imports, model "
           "loading and the database included; CPU s = user + system)", "", markdown_table(COLUMNS, rows), "",
           f"One-line statute: {one['cpu_s']:.2f} CPU-s, {one['peak_rss_mib']:.0f} MiB peak (target <= "
           f"{TARGET_ONE_LINE_CPU_S} CPU-s and <= {TARGET_ONE_LINE_MIB} MiB: {'met' if ok1 else 'NOT met'})."]
    if res.get("all"):  # the ratio of one command on all PDFs (start-up once, as a user runs it)
        tot = {k: [res["all"][k]["cpu_s"], res["all"][k]["peak_rss_mib"], res["all"]["pages"]] for k in tot}
    if res["pdfs"]:
        ratio = tot["pdfplumber"][0] / tot["annotate"][0] if tot["annotate"][0] else 0.0
        floor = tot["annotate"][0] / tot["pdfium"][0] if tot["pdfium"][0] else 0.0
        out.append(f"All PDFs ({tot['annotate'][2]} pages), one process each: annotate {tot['annotate'][0]:.2f} CPU-s, "
                   f"pdfplumber extract_text {tot['pdfplumber'][0]:.2f}, pypdfium2 raw text {tot['pdfium'][0]:.2f}: "
                   f"annotate is **{ratio:.2f}x pdfplumber** (target >= {TARGET_RATIO:.0f}x: "
                   f"{'met' if ratio >= TARGET_RATIO else 'NOT met'}; moonshot 10x) and {floor:.1f}x the "
                   "pypdfium2 floor (moonshot: within 3x).")
        if peak_big is not None:
            out.append(f"Peak RSS annotating the {max(r['pages'] for r in res['pdfs'])}-page PDF: {peak_big:.0f} MiB "
                       f"(target <= {TARGET_PEAK_MIB} MiB: {'met' if peak_big <= TARGET_PEAK_MIB else 'NOT met'}).")
    return out + [""]
