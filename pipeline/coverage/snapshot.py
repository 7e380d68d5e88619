"""What a re-evaluation reads from the store, once: statutes, active provisions, predictions, reviews.

Reads: the store (through ``pipeline.store.queries``). Writes: nothing.
"""
from __future__ import annotations

from dataclasses import dataclass

COMMAND = "reevaluate"  # the ``Run.command`` of a re-evaluation


@dataclass
class Prov:
    id: int
    statute_id: int
    eid: str
    kind: str
    parent: str | None
    text: str
    text_hash: str


@dataclass
class Stat:
    id: int
    sha256: str
    name: str
    jurisdiction: str | None
    lang: str | None


@dataclass
class Found:
    """A conduct that a provision covers (stored or re-classified), before judging."""

    prov: Prov
    conduct: str
    evidence: str
    source: str  # stored | reclassified
    score: float | None = None


@dataclass
class Snapshot:
    statutes: dict[int, Stat]
    provisions: list[Prov]
    preds: list  # (provision_id, conduct, model_name, model_version, benchmark_id, benchmark_version, evidence, score)
    max_review: int
    reviews: list  # Review rows in force


def read_store(url: str) -> Snapshot:
    from pipeline.store.queries import active_reviews, snapshot_rows

    rows = snapshot_rows(url)
    statutes = {st.id: Stat(st.id, st.sha256, st.name, st.jurisdiction, st.lang) for st in rows["statutes"]}
    provs = [Prov(p.id, p.statute_id, p.eid, p.kind, p.parent_eid, p.text, p.text_hash) for p in rows["provisions"]]
    return Snapshot(statutes, provs, rows["predictions"], rows["max_review"], active_reviews(rows["reviews"]))


def latest_model_name(url: str) -> str | None:
    from pipeline.store.queries import latest_prediction_model_name

    return latest_prediction_model_name(url)


def last_run(url: str, from_ref: str, to_ref: str, model: str):
    """The last re-evaluation between the same two benchmark references with the same model."""
    from pipeline.store.queries import last_run_where

    def same(run) -> bool:
        st = run.stats or {}
        return (st.get("from", {}).get("ref") == from_ref and st.get("to", {}).get("ref") == to_ref
                and run.model_name == model)

    return last_run_where(url, COMMAND, same)
