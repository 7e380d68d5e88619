"""``lexbench runs list|show ID --db URL``: past evaluations and re-evaluations with their metrics."""
from __future__ import annotations

import logging
import json

from pipeline.cli.usage import UsageError, add_format_option

log = logging.getLogger(__name__)


def add_parser(sub) -> None:
    p = sub.add_parser("runs", help="list or show past evaluations and re-evaluations stored in the database")
    rs = p.add_subparsers(dest="runs_command", metavar="list|show")
    ls = rs.add_parser("list", help="one line per run, newest first")
    ls.add_argument("--db", required=True, help="SQLAlchemy URL or SQLite file")
    ls.add_argument("--command", help="only runs of this command (reevaluate, evaluate, ...)")
    ls.add_argument("--limit", type=int, default=50)
    add_format_option(ls)
    sh = rs.add_parser("show", help="everything stored about one run")
    sh.add_argument("id", type=int)
    sh.add_argument("--db", required=True, help="SQLAlchemy URL or SQLite file")
    p.set_defaults(func=run)


def run_dict(r, full: bool = False) -> dict:
    st = r.stats or {}
    out = {"id": r.id, "command": r.command, "started": r.started.isoformat(timespec="seconds") if r.started else None,
           "finished": r.finished.isoformat(timespec="seconds") if r.finished else None,
           "model": {"name": r.model_name, "version": r.model_version},
           "benchmark": {"id": r.benchmark_id, "version": r.benchmark_version}, "git_commit": r.git_commit,
           "metrics": metrics(r)}
    if full:
        out["stats"] = st
    return out


def metrics(r) -> dict:
    """The few numbers worth a column: coverage changes for re-evaluations, F1 for evaluations."""
    st = r.stats or {}
    if r.command == "reevaluate":
        s = st.get("summary") or {}
        m = {k: s.get(k) for k in ("gains", "losses", "added", "removed", "changed_cells")}
        m["from"] = f"{st.get('from', {}).get('id')}@{st.get('from', {}).get('version')}"
        m["results_changed"] = st.get("results_changed")
        delta = ((st.get("gold") or {}).get("delta") or {}).get("section") or {}
        if delta:
            m["gold_section_macro_f1_delta"] = delta.get("macro_f1")
        return m
    if r.command == "evaluate":
        return {f"{lv}_{k}": (st.get(lv) or {}).get(k) for lv in ("section", "provision")
                for k in ("macro_f1", "coverage_agreement")}
    return {k: v for k, v in st.items() if isinstance(v, (int, float, str)) and not isinstance(v, bool)}


def _fmt(v) -> str:
    return f"{v:.3f}" if isinstance(v, float) else str(v)


def run(args) -> int:
    from pipeline.cli.reevaluate import db_url
    from pipeline.store.queries import get_run, recent_runs

    if not getattr(args, "runs_command", None):
        raise UsageError("choose list or show")
    url = db_url(args.db)
    if args.runs_command == "show":
        r = get_run(url, args.id)
        if r is None:
            log.error("lexbench runs: no run %s", args.id)
            return 1
        print(json.dumps(run_dict(r, full=True), indent=2, ensure_ascii=False, default=str))
        return 0
    rows = [run_dict(r) for r in recent_runs(url, args.limit, args.command)]
    if args.format == "json":
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    if not rows:
        print("no runs recorded")
        return 0
    for d in rows:
        m = " ".join(f"{k}={_fmt(v)}" for k, v in d["metrics"].items() if v is not None)
        print(f"{d['id']:>5}  {d['started']}  {d['command']:<11} {d['model']['name']} {d['model']['version']}  "
              f"{d['benchmark']['id']}@{d['benchmark']['version']}  {m}")
    return 0
