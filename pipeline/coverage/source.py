"""Reading what the coverage report counts: annotated rows and each statute's metadata.

Reads: the annotate output folder (``DIR/*.jsonl``, and ``DIR/lexbench.db`` for jurisdictions
and statute metadata) or the store (SQLite path or SQLAlchemy URL). Writes: nothing.
A statute the store holds no title for (annotated before migration 0003) gets its metadata
from its MANIFEST.tsv row at report time, so no model needs re-running.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.coverage.statutes import StatuteInfo
from pipeline.manifest import statute_meta_for


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
    num: str | None = None
    sha256: str | None = None


def load_corpus(source: str | Path, jurisdictions: dict[str, str] | None = None
                ) -> tuple[list[Row], dict[str, StatuteInfo]]:
    """Rows and statute metadata (by statute name) from an annotate folder, a SQLite file or a URL."""
    src = str(source)
    if "://" in src:
        return _from_store(src)
    path = Path(src)
    if path.is_file() and path.suffix in (".db", ".sqlite", ".sqlite3"):
        return _from_store(f"sqlite:///{path.resolve()}")
    if path.is_dir():
        return _from_dir(path, jurisdictions or {})
    raise FileNotFoundError(f"{src}: not an annotate output folder, a .db file or a database URL")


def _info(name: str, jurisdiction: str | None, stored: dict | None) -> StatuteInfo:
    stored = dict(stored or {})
    if not stored.get("title") and stored.get("path"):
        stored.update({k: v for k, v in statute_meta_for(stored["path"]).as_dict().items() if v is not None})
    return StatuteInfo(doc=name, jurisdiction=jurisdiction, title=stored.get("title"),
                       citation=stored.get("citation"), version_date=stored.get("version_date"),
                       in_force=stored.get("in_force"), act=stored.get("act"))


def _from_dir(folder: Path, jurisdictions: dict[str, str]) -> tuple[list[Row], dict[str, StatuteInfo]]:
    from pipeline.store.queries import statute_records

    db = folder / "lexbench.db"
    by_sha = statute_records(f"sqlite:///{db.resolve()}") if db.is_file() else {}
    rows, infos = [], {}
    for f in sorted(folder.glob("*.jsonl")):
        if f.name.startswith("_"):
            continue
        with f.open(encoding="utf-8") as fh:
            for line in fh:
                if not line.strip():
                    continue
                r = json.loads(line)
                stored = by_sha.get(r.get("doc_sha256")) or {}
                jur = r.get("jurisdiction") or jurisdictions.get(r["doc"]) or stored.get("jurisdiction")
                rows.append(Row(doc=r["doc"], eid=r["eid"], parent=r.get("parent"), kind=r.get("kind", ""),
                                text=r.get("text", ""), jurisdiction=jur, conducts=r.get("conducts") or [],
                                benchmark_id=(r.get("benchmark") or {}).get("id"), lang=r.get("lang"),
                                terms=r.get("terms") or [], num=r.get("num"), sha256=r.get("doc_sha256")))
                if r["doc"] not in infos:
                    infos[r["doc"]] = _info(r["doc"], jur, stored)
    return rows, infos


def _from_store(url: str) -> tuple[list[Row], dict[str, StatuteInfo]]:
    """Provisions and the predictions of the most recent model that wrote any."""
    from pipeline.store.queries import latest_model, provisions_with_predictions

    rows, infos = [], {}
    for prov, st, preds in provisions_with_predictions(url, latest_model(url)):
        labs = [{"id": p.conduct, "score": p.score, "coverage": p.coverage, "because": p.because,
                 "evidence": {"start": p.evidence_start, "end": p.evidence_end, "text": p.evidence_text or ""},
                 "_benchmark": p.benchmark_id} for p in preds]
        rows.append(Row(doc=st.name, eid=prov.eid, parent=prov.parent_eid, kind=prov.kind, text=prov.text,
                        jurisdiction=st.jurisdiction, conducts=labs,
                        benchmark_id=labs[0]["_benchmark"] if labs else None, lang=st.lang,
                        terms=prov.terms or [], num=prov.num, sha256=st.sha256))
        if st.name not in infos:
            infos[st.name] = _info(st.name, st.jurisdiction, {
                "title": st.title, "citation": st.citation, "version_date": st.version_date,
                "in_force": st.in_force, "act": st.act, "path": st.path})
    return rows, infos


def load_rows(source: str | Path, jurisdictions: dict[str, str] | None = None) -> list[Row]:
    """Rows only (``load_corpus`` without the statute metadata)."""
    return load_corpus(source, jurisdictions)[0]
