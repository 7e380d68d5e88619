"""Read-only questions other stages ask the store, so that only ``pipeline.store`` speaks SQL.

Reads: the store at a SQLAlchemy URL. Writes: nothing (``add_runs`` is the one exception: it
records finished runs). Rows come back detached (usable after the session closed) or as plain
tuples and dicts.
"""
from __future__ import annotations

from typing import Callable

from sqlalchemy import func, select

from pipeline.store.engine import session_scope, transact
from pipeline.store.schema import Prediction, ProvisionRow, Review, Run, Statute


def statute_jurisdictions(url: str) -> dict[str, str]:
    """sha256 -> jurisdiction of every stored statute that has one."""
    with session_scope(url) as s:
        return {sha: jur for sha, jur in s.execute(select(Statute.sha256, Statute.jurisdiction)) if jur}


def statute_records(url: str) -> dict[str, dict]:
    """sha256 -> jurisdiction, path and the metadata (title, citation, version date, in force, act)."""
    cols = (Statute.sha256, Statute.jurisdiction, Statute.path, Statute.title, Statute.citation,
            Statute.version_date, Statute.in_force, Statute.act)
    with session_scope(url) as s:
        return {row[0]: dict(zip(("jurisdiction", "path", "title", "citation", "version_date", "in_force", "act"),
                                 row[1:])) for row in s.execute(select(*cols))}


def latest_model(url: str) -> tuple[str, str] | None:
    """(name, version) of the model that wrote the most recent prediction."""
    with session_scope(url) as s:
        row = s.execute(select(Prediction.model_name, Prediction.model_version)
                        .order_by(Prediction.created.desc(), Prediction.id.desc()).limit(1)).first()
        return tuple(row) if row else None


def provisions_with_predictions(url: str, model: tuple[str, str] | None) -> list[tuple]:
    """(provision, statute, predictions of ``model``) per provision, statute by statute in reading order."""
    with session_scope(url) as s:
        preds: dict[int, list[Prediction]] = {}
        if model:
            q = select(Prediction).where(Prediction.model_name == model[0], Prediction.model_version == model[1])
            for p in s.scalars(q):
                preds.setdefault(p.provision_id, []).append(p)
        rows = list(s.execute(select(ProvisionRow, Statute).join(Statute, ProvisionRow.statute_id == Statute.id)
                              .order_by(Statute.id, ProvisionRow.ordinal)))
        s.expunge_all()
        return [(prov, st, preds.get(prov.id, [])) for prov, st in rows]


def snapshot_rows(url: str) -> dict:
    """Everything a re-evaluation reads, in one transaction: statutes, active provisions in reading
    order, every prediction as a tuple, the highest review id and every review."""
    with session_scope(url) as s:
        out = {"statutes": list(s.scalars(select(Statute))),
               "provisions": list(s.scalars(select(ProvisionRow).where(ProvisionRow.active.is_(True))
                                            .order_by(ProvisionRow.statute_id, ProvisionRow.ordinal))),
               "predictions": [tuple(p) for p in s.execute(select(
                   Prediction.provision_id, Prediction.conduct, Prediction.model_name, Prediction.model_version,
                   Prediction.benchmark_id, Prediction.benchmark_version, Prediction.evidence_text,
                   Prediction.score))],
               "max_review": s.scalar(select(func.max(Review.id))) or 0,
               "reviews": list(s.scalars(select(Review)))}
        s.expunge_all()
        return out


def latest_prediction_model_name(url: str) -> str | None:
    with session_scope(url) as s:
        return s.scalar(select(Prediction.model_name).order_by(Prediction.created.desc(), Prediction.id.desc())
                        .limit(1))


def last_run_where(url: str, command: str, keep: Callable[[Run], bool]) -> Run | None:
    """The most recent ``command`` run for which ``keep(run)`` holds (detached)."""
    with session_scope(url) as s:
        for run in s.scalars(select(Run).where(Run.command == command).order_by(Run.id.desc())):
            if keep(run):
                s.expunge(run)
                return run
    return None


def recent_runs(url: str, limit: int, command: str | None = None) -> list[Run]:
    with session_scope(url) as s:
        q = select(Run).order_by(Run.id.desc()).limit(limit)
        if command:
            q = q.where(Run.command == command)
        runs = list(s.scalars(q))
        s.expunge_all()
        return runs


def get_run(url: str, run_id: int) -> Run | None:
    with session_scope(url) as s:
        run = s.get(Run, run_id)
        if run is not None:
            s.expunge(run)
        return run


def add_runs(url: str, runs: list[dict]) -> int:
    """Insert finished runs (keyword dicts for ``Run``) in one transaction; the first one's id."""
    def work(s) -> int:
        rows = [Run(**r) for r in runs]
        s.add_all(rows)
        s.flush()
        return rows[0].id

    return transact(url, work)


def active_reviews(reviews):
    """Decisions still in force: not undo rows and not withdrawn by one, oldest first."""
    from pipeline.store.schema import UNDO

    undone = {r.undoes_id for r in reviews if r.decision == UNDO}
    return sorted((r for r in reviews if r.decision != UNDO and r.id not in undone), key=lambda r: r.id)


def all_reviews(url: str) -> list[Review]:
    """Every review row (decisions and undos), detached."""
    with session_scope(url) as s:
        rows = list(s.scalars(select(Review)))
        s.expunge_all()
        return rows


def usernames(url: str) -> dict[int, str]:
    from pipeline.store.schema import User

    with session_scope(url) as s:
        return {u.id: u.username for u in s.scalars(select(User))}


def provision_eids(url: str, ids: list[int]) -> dict[int, str]:
    with session_scope(url) as s:
        return {p.id: p.eid for p in s.scalars(select(ProvisionRow).where(ProvisionRow.id.in_(ids or [-1])))}


def provisions_with_text(url: str, hashes: list[str]) -> tuple[list[tuple], dict[int, dict[str, ProvisionRow]]]:
    """(provision, statute) pairs whose text hash is in ``hashes`` (active first, then by id), and
    each of those statutes' provisions by eid (to walk ancestors)."""
    with session_scope(url) as s:
        rows = list(s.execute(select(ProvisionRow, Statute).join(Statute)
                              .where(ProvisionRow.text_hash.in_(list(hashes)))
                              .order_by(ProvisionRow.active.desc(), ProvisionRow.id)))
        trees = {sid: {q.eid: q for q in s.scalars(select(ProvisionRow).where(ProvisionRow.statute_id == sid))}
                 for sid in dict.fromkeys(st.id for _, st in rows)}
        s.expunge_all()
        return [tuple(r) for r in rows], trees
