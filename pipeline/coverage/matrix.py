"""The coverage roll-up: provision labels -> section -> jurisdiction, one rule for every report.

Reads: annotated rows (the annotate folder's ``*.jsonl`` or the store). Writes: nothing.
A section covers a conduct if any of its provisions does, fully if any does fully; a
jurisdiction likewise across its sections (``highest``). The coverage report
(``build_matrix``), the re-evaluation (``cells_from``) and the evaluation's section score
(``roll_up``) all use that rule. Every cell keeps its evidence (statute, eid, quoted span) so
an analyst can check it. When the requested benchmark differs from the one used at
annotation time, coverage is re-judged with ``judge`` (presence is kept, full/partial
recomputed) on the context the classifier saw (``classify_items``). Sections are found by
lexbench's one section rule (``pipeline.classify.inputs.section_of``). A jurisdiction's
matrix counts only its statutes in force, the latest version of each Act
(``statutes.select_versions``), for the exact code asked (``jurisdictions``); each evidence
carries its human citation (``citations.cite``).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Hashable, Iterable, Mapping

from pipeline.benchmarks import Benchmark, load_benchmark
from pipeline.classify.inputs import Node, classify_items, section_of as _section_rule
from pipeline.coverage.citations import cite
from pipeline.coverage.jurisdictions import matches, parse_codes, resolve
from pipeline.coverage.source import Row, load_corpus, load_rows  # noqa: F401 (load_rows: public here)
from pipeline.coverage.statutes import Selection, StatuteInfo, select_versions
from pipeline.records import RANK

STATUS = ("full", "partial", "none")


@dataclass
class EvidenceRef:
    statute: str
    section: str
    eid: str
    coverage: str
    because: str | None
    span: str
    citation: str = ""  # "s. 1(1)(c), Protection of Children Act 1978" (``citations.cite``)


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
    citation: str = ""  # where, as printed: "s. 4(1), Obscene Publications Act 1959"


@dataclass
class Matrix:
    jurisdiction: str
    benchmark_id: str
    benchmark_version: str
    cells: dict[str, Cell]
    statutes: list[str]  # the statutes counted (names as annotated)
    terms: list[TermRef] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)  # conduct -> "Possessing CSAM"
    articles: dict[str, str] = field(default_factory=dict)  # conduct -> "Lanzarote Art. 20(1)(e); …"
    selection: Selection = field(default_factory=Selection)  # counted, older versions, not in force
    included: list[str] = field(default_factory=list)  # the codes the matrix covers (GB-EAW with --include-sub)
    benchmark_title: str = ""

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


# -- the matrix -----------------------------------------------------------------------------------
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


def _evidence(r: Row, lab: dict, bench: Benchmark, by_key: dict, contexts: dict, title: str | None) -> EvidenceRef:
    """One label of a row as evidence, re-judged when it was annotated under another benchmark."""
    from pipeline.classify.judge import judge

    cov, because = lab.get("coverage", "full"), lab.get("because")
    if r.benchmark_id and r.benchmark_id != bench.id:  # coverage is benchmark-relative
        j = judge(r.text, lab["id"], bench, context=contexts[(r.doc, r.eid)], lang=r.lang)
        cov, because = j.coverage, j.because
    ev = lab.get("evidence") or {}
    return EvidenceRef(statute=r.doc, section=section_of(r, by_key), eid=r.eid, coverage=cov, because=because,
                       span=ev.get("text") or "",
                       citation=_cite(r, by_key, title))


def _cite(r: Row, by_key: dict, title: str | None) -> str:
    return cite(r, lambda u: by_key.get((u.doc, u.parent)) if u.parent else None, title)


def _units(rows: list[Row]) -> dict[str, set[str]]:
    """Each statute's top numbered units (sections, articles), to tell versions from excerpts."""
    out: dict[str, set[str]] = {}
    for r in rows:
        if r.kind in ("section", "article") and r.num:
            out.setdefault(r.doc, set()).add(r.num.strip().rstrip("."))
    return out


def build_matrix(rows: list[Row], jurisdiction: str, bench: Benchmark, include_sub: bool = False,
                 statutes: dict[str, StatuteInfo] | None = None) -> Matrix:
    """The jurisdiction's cell per conduct of ``bench``, with evidence and terminology flags.

    Only statutes in force count, and of an Act's versions the latest (``select_versions``);
    ``statutes`` (name -> metadata) defaults to "every statute in force, each its own Act"."""
    by_key = {(r.doc, r.eid): r for r in rows}
    candidates = [r for r in rows if matches(jurisdiction, r.jurisdiction, include_sub)]
    infos = {d: (statutes or {}).get(d) or StatuteInfo(doc=d, jurisdiction=j)
             for d, j in dict.fromkeys((r.doc, r.jurisdiction) for r in candidates)}
    chosen = select_versions(list(infos.values()), _units(candidates))
    counted = chosen.counted_docs
    mine = [r for r in candidates if r.doc in counted]
    wanted = set(bench.conduct_ids)
    stale = {r.doc for r in mine if r.benchmark_id and r.benchmark_id != bench.id and r.conducts}
    contexts = _contexts([r for r in rows if r.doc in stale]) if stale else {}
    found = [(lab.get("id"), _evidence(r, lab, bench, by_key, contexts, infos[r.doc].name))
             for r in mine for lab in r.conducts if lab.get("id") in wanted]
    terms = [TermRef(statute=r.doc, eid=r.eid, text=t.get("text", ""), severity=t.get("severity", ""),
                     replacement=list(t.get("replacement") or []), reason=t.get("reason", ""),
                     legal_term_retained=bool(t.get("legal_term_retained")),
                     citation=_cite(r, by_key, infos[r.doc].name))
             for r in mine for t in r.terms]
    specs = bench.conducts
    return Matrix(jurisdiction=jurisdiction, benchmark_id=bench.id, benchmark_version=bench.version,
                  cells=cells_from(bench.conduct_ids, found), statutes=sorted(counted), terms=terms,
                  labels={c: specs[c].label or c for c in bench.conduct_ids},
                  articles={c: specs[c].article for c in bench.conduct_ids}, selection=chosen,
                  included=sorted({r.jurisdiction for r in candidates if r.jurisdiction}),
                  benchmark_title=bench.title)


def all_jurisdictions(rows: list[Row]) -> list[str]:
    return sorted({r.jurisdiction for r in rows if r.jurisdiction})


def _benchmark(benchmark: str | Benchmark) -> Benchmark:
    return load_benchmark(benchmark) if isinstance(benchmark, str) else benchmark


def coverage_report(source, jurisdiction: str, benchmark: str | Benchmark = "default",
                    jurisdictions: dict[str, str] | None = None, include_sub: bool = False) -> Matrix:
    """One jurisdiction's matrix; ``UnknownJurisdiction`` when no statute is filed under the code."""
    bench = _benchmark(benchmark)
    rows, statutes = load_corpus(source, jurisdictions)
    code = resolve(parse_codes(jurisdiction)[:1] or [jurisdiction], all_jurisdictions(rows), include_sub)[0]
    return build_matrix(rows, code, bench, include_sub, statutes)


def atlas_report(source, codes: list[str] | None = None, benchmark: str | Benchmark = "default",
                 include_sub: bool = False) -> list[Matrix]:
    """One matrix per jurisdiction, side by side (every code in the source when ``codes`` is empty)."""
    bench = _benchmark(benchmark)
    rows, statutes = load_corpus(source)
    known = all_jurisdictions(rows)
    wanted = resolve(parse_codes(codes) or known, known, include_sub)
    return [build_matrix(rows, c, bench, include_sub, statutes) for c in wanted]
