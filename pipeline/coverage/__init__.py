"""Coverage matrix: a jurisdiction's annotated statutes -> covered / partial / not covered per conduct.

Reads the annotate output folder (``DIR/*.jsonl``) or the store (SQLite path or any
SQLAlchemy URL). Labels roll up provision -> section -> jurisdiction: a section covers a
conduct if any of its provisions does, fully if any does fully; a jurisdiction likewise
across its sections. Every cell keeps its evidence (statute, eid, quoted span) so an analyst
can check it. When the requested benchmark differs from the one used at annotation time,
coverage is re-judged with ``judge`` (presence is kept, full/partial recomputed).
"""
from __future__ import annotations

import csv
import html
import io
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from pipeline.benchmarks import Benchmark, load_benchmark
from pipeline.records import CONDUCT_IDS

STATUS = ("full", "partial", "none")
STATUS_LABEL = {"full": "covered", "partial": "partial", "none": "not covered"}
COLOURS = {"full": "#2e7d32", "partial": "#f9a825", "none": "#c62828"}
SECTION_KINDS = {"section", "article", "sec", "art", "rule", "regulation"}


@dataclass
class Row:
    """One annotated provision, whatever the source."""

    doc: str
    eid: str
    parent: str | None
    kind: str
    text: str
    jurisdiction: str | None
    conducts: list[dict]
    benchmark_id: str | None = None
    lang: str | None = None
    terms: list[dict] = field(default_factory=list)


@dataclass
class EvidenceRef:
    statute: str
    section: str
    eid: str
    coverage: str
    because: str | None
    span: str


@dataclass
class Cell:
    conduct: str
    status: str = "none"
    evidence: list[EvidenceRef] = field(default_factory=list)

    @property
    def sections(self) -> list[str]:
        return sorted({f"{e.statute}#{e.section}" for e in self.evidence})


@dataclass
class TermRef:
    """An outdated term in one of the jurisdiction's provisions, with its suggested rewording."""

    statute: str
    eid: str
    text: str
    severity: str
    replacement: list[str]
    reason: str
    legal_term_retained: bool = False


@dataclass
class Matrix:
    jurisdiction: str
    benchmark_id: str
    benchmark_version: str
    cells: dict[str, Cell]
    statutes: list[str]
    terms: list[TermRef] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {s: sum(1 for c in self.cells.values() if c.status == s) for s in STATUS}


# -- reading ------------------------------------------------------------------------------
def load_rows(source: str | Path, jurisdictions: dict[str, str] | None = None) -> list[Row]:
    """Rows from an annotate folder, a SQLite file or an SQLAlchemy URL."""
    src = str(source)
    if "://" in src:
        return _rows_from_store(src)
    path = Path(src)
    if path.is_file() and path.suffix in (".db", ".sqlite", ".sqlite3"):
        return _rows_from_store(f"sqlite:///{path.resolve()}")
    if path.is_dir():
        return _rows_from_dir(path, jurisdictions or {})
    raise FileNotFoundError(f"{src}: not an annotate output folder, a .db file or a database URL")


def _rows_from_dir(folder: Path, jurisdictions: dict[str, str]) -> list[Row]:
    by_sha = _store_jurisdictions(folder / "lexbench.db") if (folder / "lexbench.db").is_file() else {}
    rows = []
    for f in sorted(folder.glob("*.jsonl")):
        if f.name.startswith("_"):
            continue
        with f.open(encoding="utf-8") as fh:
            for line in fh:
                if not line.strip():
                    continue
                r = json.loads(line)
                jur = (r.get("jurisdiction") or jurisdictions.get(r["doc"])
                       or by_sha.get(r.get("doc_sha256")))
                rows.append(Row(doc=r["doc"], eid=r["eid"], parent=r.get("parent"), kind=r.get("kind", ""),
                                text=r.get("text", ""), jurisdiction=jur, conducts=r.get("conducts") or [],
                                benchmark_id=(r.get("benchmark") or {}).get("id"), lang=r.get("lang"),
                                terms=r.get("terms") or []))
    return rows


def _store_jurisdictions(db: Path) -> dict[str, str]:
    from sqlalchemy import select

    from pipeline.store import Statute, session_scope

    with session_scope(f"sqlite:///{db.resolve()}") as s:
        return {sha: jur for sha, jur in s.execute(select(Statute.sha256, Statute.jurisdiction)) if jur}


def _rows_from_store(url: str) -> list[Row]:
    """Provisions and the predictions of the most recent model that wrote any."""
    from sqlalchemy import select

    from pipeline.store import Prediction, ProvisionRow, Statute, session_scope

    with session_scope(url) as s:
        latest = s.execute(select(Prediction.model_name, Prediction.model_version)
                           .order_by(Prediction.created.desc(), Prediction.id.desc()).limit(1)).first()
        preds: dict[int, list[dict]] = {}
        if latest:
            q = select(Prediction).where(Prediction.model_name == latest[0], Prediction.model_version == latest[1])
            for p in s.scalars(q):
                preds.setdefault(p.provision_id, []).append({
                    "id": p.conduct, "score": p.score, "coverage": p.coverage, "because": p.because,
                    "evidence": {"start": p.evidence_start, "end": p.evidence_end, "text": p.evidence_text or ""},
                    "_benchmark": p.benchmark_id})
        rows = []
        for prov, st in s.execute(select(ProvisionRow, Statute).join(Statute, ProvisionRow.statute_id == Statute.id)
                                  .order_by(Statute.id, ProvisionRow.ordinal)):
            labs = preds.get(prov.id, [])
            rows.append(Row(doc=st.name, eid=prov.eid, parent=prov.parent_eid, kind=prov.kind, text=prov.text,
                            jurisdiction=st.jurisdiction, conducts=labs,
                            benchmark_id=labs[0]["_benchmark"] if labs else None, lang=st.lang,
                            terms=prov.terms or []))
        return rows


# -- aggregation ----------------------------------------------------------------------------
def jurisdiction_matches(wanted: str, have: str | None) -> bool:
    """``GB`` matches ``GB`` and ``GB-EAW``; case-insensitive."""
    if not have:
        return False
    w, h = wanted.lower(), have.lower()
    return h == w or h.startswith(w + "-")


def enclosing_section(node, parent_of) -> str:
    """The eid of the section/article a provision belongs to (itself, or its top ancestor).

    ``node`` needs ``eid``, ``kind`` and ``parent``; ``parent_of(node)`` returns its parent
    node or None, so the same rule serves output rows and stored provisions.
    """
    cur, top = node, node
    while cur is not None:
        if cur.kind.lower() in SECTION_KINDS or cur.eid.split("__")[-1].startswith(("sec_", "art_")):
            return cur.eid
        top = cur
        cur = parent_of(cur) if cur.parent else None
    return top.eid


def section_of(row: Row, by_key: dict[tuple[str, str], Row]) -> str:
    return enclosing_section(row, lambda r: by_key.get((r.doc, r.parent)))


def _context(row: Row, by_key: dict[tuple[str, str], Row]) -> str:
    ctx, cur = [], by_key.get((row.doc, row.parent)) if row.parent else None
    while cur is not None:
        ctx.append(cur.text)
        cur = by_key.get((cur.doc, cur.parent)) if cur.parent else None
    return "\n".join(reversed(ctx))


def build_matrix(rows: list[Row], jurisdiction: str, bench: Benchmark) -> Matrix:
    from pipeline.classify.judge import judge

    by_key = {(r.doc, r.eid): r for r in rows}
    mine = [r for r in rows if jurisdiction_matches(jurisdiction, r.jurisdiction)]
    cells = {cid: Cell(cid) for cid in bench.conduct_ids}
    rank = {"none": 0, "partial": 1, "full": 2}
    for r in mine:
        for lab in r.conducts:
            cid = lab.get("id")
            if cid not in cells:
                continue
            cov, because = lab.get("coverage", "full"), lab.get("because")
            if r.benchmark_id and r.benchmark_id != bench.id:  # coverage is benchmark-relative
                j = judge(r.text, cid, bench, context=_context(r, by_key), lang=r.lang)
                cov, because = j.coverage, j.because
            ev = lab.get("evidence") or {}
            cell = cells[cid]
            cell.evidence.append(EvidenceRef(statute=r.doc, section=section_of(r, by_key), eid=r.eid,
                                             coverage=cov, because=because, span=ev.get("text") or ""))
            if rank[cov] > rank[cell.status]:
                cell.status = cov
    for cell in cells.values():  # full evidence first
        cell.evidence.sort(key=lambda e: (e.coverage != "full", e.statute, e.eid))
    terms = [TermRef(statute=r.doc, eid=r.eid, text=t.get("text", ""), severity=t.get("severity", ""),
                     replacement=list(t.get("replacement") or []), reason=t.get("reason", ""),
                     legal_term_retained=bool(t.get("legal_term_retained")))
             for r in mine for t in r.terms]
    return Matrix(jurisdiction=jurisdiction, benchmark_id=bench.id, benchmark_version=bench.version,
                  cells=cells, statutes=sorted({r.doc for r in mine}), terms=terms)


def all_jurisdictions(rows: list[Row]) -> list[str]:
    return sorted({r.jurisdiction for r in rows if r.jurisdiction})


def coverage_report(source, jurisdiction: str, benchmark: str | Benchmark = "default",
                    jurisdictions: dict[str, str] | None = None) -> tuple[Matrix, list[Matrix]]:
    """The jurisdiction's matrix, plus one per jurisdiction in the source (for the chart)."""
    bench = load_benchmark(benchmark) if isinstance(benchmark, str) else benchmark
    rows = load_rows(source, jurisdictions)
    main = build_matrix(rows, jurisdiction, bench)
    others = [build_matrix(rows, j, bench) for j in all_jurisdictions(rows)]
    return main, others


# -- rendering ------------------------------------------------------------------------------
def _short(text: str, n: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def to_json(m: Matrix, others: list[Matrix] | None = None) -> str:
    out = {"jurisdiction": m.jurisdiction, "benchmark": {"id": m.benchmark_id, "version": m.benchmark_version},
           "statutes": m.statutes, "counts": m.counts(),
           "conducts": {cid: {"status": c.status, "label": STATUS_LABEL[c.status], "sections": c.sections,
                              "evidence": [asdict(e) for e in c.evidence]} for cid, c in m.cells.items()}}
    out["terms"] = [asdict(t) for t in m.terms]
    if others:
        out["jurisdictions"] = {o.jurisdiction: {cid: c.status for cid, c in o.cells.items()} for o in others}
    return json.dumps(out, ensure_ascii=False, indent=2)


def to_csv(m: Matrix) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["jurisdiction", "benchmark", "conduct", "status", "because", "statute", "section", "eid", "span"])
    for cid, c in m.cells.items():
        if not c.evidence:
            w.writerow([m.jurisdiction, m.benchmark_id, cid, STATUS_LABEL[c.status], "", "", "", "", ""])
        for e in c.evidence:
            w.writerow([m.jurisdiction, m.benchmark_id, cid, STATUS_LABEL[c.status], e.because or "",
                        e.statute, e.section, e.eid, _short(e.span, 300)])
    return buf.getvalue()


def to_markdown(m: Matrix) -> str:
    lines = [f"# Coverage: {m.jurisdiction} against {m.benchmark_id} {m.benchmark_version}", "",
             f"Statutes: {', '.join(m.statutes) or '(none found for this jurisdiction)'}", "",
             "| conduct | coverage | evidence |", "|---|---|---|"]
    for cid, c in m.cells.items():
        ev = "<br>".join(f"{e.statute} `{e.eid}` ({e.coverage}{': ' + e.because if e.because else ''}): "
                         f"“{_short(e.span, 100)}”".replace("|", "\\|") for e in c.evidence[:5])
        more = f"<br>… {len(c.evidence) - 5} more" if len(c.evidence) > 5 else ""
        lines.append(f"| {cid} | {STATUS_LABEL[c.status]} | {ev or '—'}{more} |")
    k = m.counts()
    lines += ["", f"Covered {k['full']}, partial {k['partial']}, not covered {k['none']} "
                  f"of {len(m.cells)} conducts."]
    if m.terms:
        lines += ["", "## Terminology (Luxembourg Guidelines)", "",
                  "| term | uses | severity | suggested rewording | where |", "|---|---|---|---|---|"]
        for (text, sev, repl, _), refs in _terms_grouped(m.terms):
            where = ", ".join(f"{r.statute} `{r.eid}`" for r in refs[:4]) + (" …" if len(refs) > 4 else "")
            lines.append(f"| {text} | {len(refs)} | {sev} | {repl} | {where} |".replace("\n", " "))
    return "\n".join(lines) + "\n"


def _terms_grouped(terms: list[TermRef]):
    """Flags grouped by (term, severity, rewording, reason), most frequent first."""
    groups: dict[tuple, list[TermRef]] = {}
    for t in terms:
        key = (t.text.lower(), t.severity + (" (defined legal term)" if t.legal_term_retained else ""),
               "; ".join(t.replacement), t.reason)
        groups.setdefault(key, []).append(t)
    return sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))


def bar_chart_svg(matrices: list[Matrix]) -> str:
    """Stacked bars of covered / partial / not covered counts per jurisdiction, as inline SVG."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = [m.jurisdiction for m in matrices] or ["(none)"]
    counts = [m.counts() for m in matrices] or [{"full": 0, "partial": 0, "none": 0}]
    fig, ax = plt.subplots(figsize=(max(4.0, 0.6 * len(names) + 2), 3.2))
    bottom = [0] * len(names)
    for status in STATUS:
        vals = [c[status] for c in counts]
        ax.bar(names, vals, bottom=bottom, color=COLOURS[status], label=STATUS_LABEL[status])
        bottom = [b + v for b, v in zip(bottom, vals)]
    ax.set_ylabel("conducts")
    ax.set_title("Coverage across jurisdictions")
    ax.legend(fontsize=8, loc="upper right")
    plt.setp(ax.get_xticklabels(), rotation=45, ha="right", fontsize=8)
    fig.tight_layout()
    buf = io.StringIO()
    fig.savefig(buf, format="svg")
    plt.close(fig)
    svg = buf.getvalue()
    return svg[svg.index("<svg"):]


def to_html(m: Matrix, others: list[Matrix]) -> str:
    esc = html.escape
    cols = others or [m]
    head = "".join(f"<th>{esc(o.jurisdiction)}</th>" for o in cols)
    body = []
    for cid in m.cells:
        tds = "".join(
            f'<td class="{o.cells[cid].status}" title="{esc(STATUS_LABEL[o.cells[cid].status])}">'
            f'{esc(STATUS_LABEL[o.cells[cid].status])}</td>' for o in cols if cid in o.cells)
        body.append(f"<tr><th>{esc(cid)}</th>{tds}</tr>")
    detail = []
    for cid, c in m.cells.items():
        evs = "".join(f"<li><b>{esc(e.statute)}</b> <code>{esc(e.eid)}</code> ({esc(e.coverage)}"
                      f"{': ' + esc(e.because) if e.because else ''}): “{esc(_short(e.span, 200))}”</li>"
                      for e in c.evidence)
        detail.append(f'<tr><th>{esc(cid)}</th><td class="{c.status}">{esc(STATUS_LABEL[c.status])}</td>'
                      f"<td><ul>{evs or '<li>no provision found</li>'}</ul></td></tr>")
    term_rows = "".join(
        f"<tr><td>{esc(text)}</td><td>{len(refs)}</td><td>{esc(sev)}</td><td>{esc(repl)}</td>"
        f"<td>{esc(reason)}</td><td>{esc(', '.join(f'{r.statute} {r.eid}' for r in refs[:6]))}"
        f"{' …' if len(refs) > 6 else ''}</td></tr>"
        for (text, sev, repl, reason), refs in _terms_grouped(m.terms))
    terms_html = (f"<table><tr><th>term</th><th>uses</th><th>severity</th><th>suggested rewording</th>"
                  f"<th>reason</th><th>where</th></tr>{term_rows}</table>" if m.terms
                  else "<p>No outdated terminology found.</p>")
    k = m.counts()
    legend = "".join(f'<span class="{s} key">{STATUS_LABEL[s]}</span>' for s in STATUS)
    colours = "".join(f".{s}{{background:{COLOURS[s]};color:#fff}}" for s in STATUS)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>lexbench coverage: {esc(m.jurisdiction)} / {esc(m.benchmark_id)}</title>
<style>body{{font-family:sans-serif;margin:1.5em;max-width:1200px}}table{{border-collapse:collapse;margin:1em 0}}
th,td{{border:1px solid #999;padding:4px 8px;text-align:left;vertical-align:top;font-size:14px}}
{colours}.key{{padding:2px 8px;margin-right:6px}}ul{{margin:0;padding-left:1.2em}}</style></head>
<body>
<h1>Coverage of {esc(m.jurisdiction)} against {esc(m.benchmark_id)} {esc(m.benchmark_version)}</h1>
<p>{legend}</p>
<p>Covered {k['full']}, partial {k['partial']}, not covered {k['none']} of {len(m.cells)} conducts.
Statutes: {esc(', '.join(m.statutes) or 'none found')}.</p>
<h2>Benchmark matrix</h2>
<table><tr><th>conduct</th>{head}</tr>{''.join(body)}</table>
<h2>Coverage counts across jurisdictions</h2>
<figure>{bar_chart_svg(cols)}</figure>
<h2>Evidence for {esc(m.jurisdiction)}</h2>
<table><tr><th>conduct</th><th>coverage</th><th>evidence (statute, eid, span)</th></tr>{''.join(detail)}</table>
<h2>Terminology flags for {esc(m.jurisdiction)} (Luxembourg Guidelines)</h2>
{terms_html}
<p><small>Machine suggestions from lexbench; a lawyer must review them before any use.</small></p>
</body></html>
"""


def render(fmt: str, m: Matrix, others: list[Matrix]) -> str:
    if fmt == "json":
        return to_json(m, others)
    if fmt == "csv":
        return to_csv(m)
    if fmt == "html":
        return to_html(m, others)
    if fmt == "md":
        return to_markdown(m)
    raise ValueError(f"unknown format {fmt!r}; choose md, csv, json or html")

