"""The coverage roll-up: provision labels -> section -> jurisdiction, one rule for every report.

Reads: annotated rows (the annotate folder's ``*.jsonl`` or the store). Writes: nothing.
A section covers a conduct if any of its provisions does, fully if any does fully; a
jurisdiction likewise across its sections (``highest``). The coverage report
(``build_matrix``), the re-evaluation (``cells_from``) and the evaluation's section score
(``roll_up``) all use that rule. Every cell keeps its evidence (statute, eid, quoted span) so
an analyst can check it. When the requested benchmark differs from the one used at
annotation time, coverage is re-judged with ``judge`` (presence is kept, full/partial
recomputed) on the context the classifier saw (``classify_items``). Sections are found by
lexbench's one section rule (``pipeline.classify.inputs.section_of``).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Hashable, Iterable, Mapping

from pipeline.benchmarks import Benchmark, load_benchmark
from pipeline.classify.inputs import Node, classify_items, section_of as _section_rule
from pipeline.records import RANK

STATUS = ("full", "partial", "none")


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


# -- the roll-up rule ---------------------------------------------------------------------------
def highest(coverages: Iterable[str]) -> str:
    """A unit covers a conduct as well as its best part does: full > partial > none."""
    return max(coverages, key=RANK.__getitem__, default="none")


def roll_up(keys: Iterable[Hashable], labels: Iterable[Mapping[str, str]]) -> dict[Hashable, dict[str, str]]:
    """conduct -> ``highest`` coverage over the units sharing a key (a section, a jurisdiction).

    Every key appears, also one whose units have no label (a section that covers nothing).
    """
    seen: dict[Hashable, dict[str, list[str]]] = {}
    for key, lab in zip(keys, labels):
        acc = seen.setdefault(key, {})
        for conduct, cov in lab.items():
            acc.setdefault(conduct, []).append(cov)
    return {k: {c: highest(covs) for c, covs in acc.items()} for k, acc in seen.items()}


def cells_from(conduct_ids: Iterable[str], found: Iterable[tuple[str, object]]) -> dict[str, Cell]:
    """One cell per conduct from ``(conduct, evidence)`` pairs; evidence has ``coverage``, ``statute``
    and ``eid`` (attributes or keys). The status is the ``highest`` coverage; full evidence first."""
    cells = {cid: Cell(cid) for cid in conduct_ids}
    for cid, ev in found:
        cells[cid].evidence.append(ev)
    for cell in cells.values():
        cell.status = highest(_get(e, "coverage") for e in cell.evidence)
        cell.evidence.sort(key=lambda e: (_get(e, "coverage") != "full", _get(e, "statute"), _get(e, "eid")))
    return cells


def _get(e, key: str):
    return e[key] if isinstance(e, dict) else getattr(e, key)


# -- sections -----------------------------------------------------------------------------------
def section_of(row: Row, by_key: dict[tuple[str, str], Row]) -> str:
    """The section a row belongs to, by lexbench's one section rule (``classify.inputs.section_of``)."""
    return _section_rule(row, lambda r: by_key.get((r.doc, r.parent)))


# -- reading ------------------------------------------------------------------------------------
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
    from pipeline.store.queries import statute_jurisdictions

    db = folder / "lexbench.db"
    by_sha = statute_jurisdictions(f"sqlite:///{db.resolve()}") if db.is_file() else {}
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


def _rows_from_store(url: str) -> list[Row]:
    """Provisions and the predictions of the most recent model that wrote any."""
    from pipeline.store.queries import latest_model, provisions_with_predictions

    rows = []
    for prov, st, preds in provisions_with_predictions(url, latest_model(url)):
        labs = [{"id": p.conduct, "score": p.score, "coverage": p.coverage, "because": p.because,
                 "evidence": {"start": p.evidence_start, "end": p.evidence_end, "text": p.evidence_text or ""},
                 "_benchmark": p.benchmark_id} for p in preds]
        rows.append(Row(doc=st.name, eid=prov.eid, parent=prov.parent_eid, kind=prov.kind, text=prov.text,
                        jurisdiction=st.jurisdiction, conducts=labs,
                        benchmark_id=labs[0]["_benchmark"] if labs else None, lang=st.lang,
                        terms=prov.terms or []))
    return rows


# -- the matrix -----------------------------------------------------------------------------------
def jurisdiction_matches(wanted: str, have: str | None) -> bool:
    """``GB`` matches ``GB`` and ``GB-EAW``; case-insensitive."""
    if not have:
        return False
    w, h = wanted.lower(), have.lower()
    return h == w or h.startswith(w + "-")


def _contexts(rows: list[Row]) -> dict[tuple[str, str], str]:
    """Each row's context as the classifier builds it in annotate (``classify_items``), per statute."""
    by_doc: dict[str, list[Row]] = {}
    for r in rows:
        by_doc.setdefault(r.doc, []).append(r)
    out = {}
    for doc, mine in by_doc.items():
        items = classify_items([Node(r.eid, r.parent, r.kind, r.text) for r in mine], mine[0].lang)
        out.update({(doc, r.eid): item.context for r, item in zip(mine, items)})
    return out


def _evidence(r: Row, lab: dict, bench: Benchmark, by_key: dict, contexts: dict) -> EvidenceRef:
    """One label of a row as evidence, re-judged when it was annotated under another benchmark."""
    from pipeline.classify.judge import judge

    cov, because = lab.get("coverage", "full"), lab.get("because")
    if r.benchmark_id and r.benchmark_id != bench.id:  # coverage is benchmark-relative
        j = judge(r.text, lab["id"], bench, context=contexts[(r.doc, r.eid)], lang=r.lang)
        cov, because = j.coverage, j.because
    ev = lab.get("evidence") or {}
    return EvidenceRef(statute=r.doc, section=section_of(r, by_key), eid=r.eid, coverage=cov, because=because,
                       span=ev.get("text") or "")


def build_matrix(rows: list[Row], jurisdiction: str, bench: Benchmark) -> Matrix:
    """The jurisdiction's cell per conduct of ``bench``, with evidence and terminology flags."""
    by_key = {(r.doc, r.eid): r for r in rows}
    mine = [r for r in rows if jurisdiction_matches(jurisdiction, r.jurisdiction)]
    wanted = set(bench.conduct_ids)
    stale = {r.doc for r in mine if r.benchmark_id and r.benchmark_id != bench.id and r.conducts}
    contexts = _contexts([r for r in rows if r.doc in stale]) if stale else {}
    found = [(lab.get("id"), _evidence(r, lab, bench, by_key, contexts))
             for r in mine for lab in r.conducts if lab.get("id") in wanted]
    terms = [TermRef(statute=r.doc, eid=r.eid, text=t.get("text", ""), severity=t.get("severity", ""),
                     replacement=list(t.get("replacement") or []), reason=t.get("reason", ""),
                     legal_term_retained=bool(t.get("legal_term_retained")))
             for r in mine for t in r.terms]
    return Matrix(jurisdiction=jurisdiction, benchmark_id=bench.id, benchmark_version=bench.version,
                  cells=cells_from(bench.conduct_ids, found), statutes=sorted({r.doc for r in mine}), terms=terms)


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
