"""``lexbench annotate PATH... --out DIR``: the main batch job."""
from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from pipeline.extract import Limits
from pipeline.cli.usage import UsageError, error_text

log = logging.getLogger(__name__)


def add_parser(sub) -> None:
    p = sub.add_parser("annotate", help="annotate statutes (files or folders) into DIR/<file>.jsonl",
                       description="Annotate statutes: provisions, the benchmark conducts each criminalises, "
                                   "outdated terms. One DIR/<file>.jsonl per statute, failures in "
                                   "DIR/_errors.jsonl, everything in the store (DIR/lexbench.db by default). "
                                   "Unchanged files are skipped; their new metadata still reaches the store.",
                       epilog="example: lexbench annotate statutes/ --out out/ --jurisdiction GB -j 4; "
                              "then: lexbench coverage out/ --jurisdiction GB")
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help="statute files (text, Markdown, PDF, HTML, DOCX, Akoma Ntoso XML) or folders of them")
    p.add_argument("--out", required=True, type=Path, help="output folder")
    p.add_argument("--db", help="SQLAlchemy URL (default: sqlite:///DIR/lexbench.db)")
    p.add_argument("--no-db", action="store_true", help="do not record the run in a database")
    p.add_argument("--model", default="default", help="conduct classifier (see `lexbench models`)")
    p.add_argument("--benchmark", default="default", help="benchmark id or YAML path")
    p.add_argument("--lang", help="force the language instead of detecting it")
    p.add_argument("--jurisdiction", help="jurisdiction code for all inputs (else from MANIFEST.tsv)")
    p.add_argument("--max-bytes", type=int, default=Limits.max_bytes, help="refuse larger files (default %(default)s)")
    p.add_argument("--max-pages", type=int, default=Limits.max_pages, help="refuse PDFs with more pages (default %(default)s)")
    p.add_argument("--timeout", type=float, default=Limits.timeout_s,
                   help="seconds per file, 0 = no limit (default %(default)s)")
    p.add_argument("--force", action="store_true", help="re-annotate files already done")
    p.add_argument("--jobs", "-j", type=int, default=1, help="parallel worker processes")
    p.add_argument("--engine", choices=["local", "dask", "ray"], default="local",
                   help="local worker processes (-j), or a Dask/Ray cluster (docs/scaling.md)")
    p.add_argument("--address", help="cluster to use: dask tcp://HOST:8786, ray HOST:6379 or ray://HOST:10001 "
                                     "(default with --engine dask|ray: start a local cluster of -j workers)")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    p.set_defaults(func=run)


def run(args) -> int:
    from pipeline.annotate import AnnotateConfig, run_batch
    from pipeline.annotate.batch import progress_bar
    from pipeline.store import default_url

    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:
        raise UsageError(f"no such file or folder: {', '.join(missing)}")
    if args.address and args.engine == "local":
        raise UsageError("--address needs --engine dask or --engine ray")
    config = AnnotateConfig(
        out_dir=args.out, db_url=None if args.no_db else (args.db or default_url(args.out)),
        model=args.model, benchmark=args.benchmark, lang=args.lang, jurisdiction=args.jurisdiction,
        limits=Limits(max_bytes=args.max_bytes, max_pages=args.max_pages, timeout_s=args.timeout),
        force=args.force)
    from pipeline.annotate.engines import EngineUnavailable, run_engine

    try:
        if config.db_url:
            config.run_id = _start_run(config)
        if args.engine == "local":
            results = run_batch(args.paths, config, progress=progress_bar(not args.quiet), jobs=args.jobs)
        else:
            results = run_engine(args.engine, args.paths, config, args.address,
                                 progress=progress_bar(not args.quiet), workers=args.jobs if args.jobs > 1 else None)
    except EngineUnavailable as exc:
        raise UsageError(str(exc)) from None
    except (KeyError, FileNotFoundError) as exc:
        raise UsageError(error_text(exc)) from None
    except Exception as exc:  # e.g. a broken model file: one line, never a traceback
        if os.environ.get("LEXBENCH_DEBUG"):
            raise
        first = (str(exc).splitlines() or [""])[0][:300]
        print(f"lexbench annotate: error: cannot run ({type(exc).__name__}: {first}); "
              "set LEXBENCH_DEBUG=1 to see the traceback", file=sys.stderr)
        return 1
    failed = [r for r in results if r.error]
    if config.run_id is not None:
        from pipeline.store import finish_run

        finish_run(config.db_url, config.run_id, {
            "files": len(results), "annotated": sum(1 for r in results if r.output and not r.skipped),
            "skipped": sum(1 for r in results if r.skipped), "failed": len(failed),
            "provisions": sum(r.n_provisions for r in results), "engine": args.engine, "jobs": args.jobs})
    for r in failed:
        log.error("%s", r.error["message"])
    report_not_statutes(args.paths)
    log.info("%s", summary(results, args.out, config.db_url))
    log.info("next: %s", next_step(results, args, config))
    return 1 if failed else 0


def report_not_statutes(paths: list[str]) -> None:
    """What the folder walk passed over without an error, by reason (every file with -v)."""
    from pipeline.annotate.inputs import not_statutes

    for reason, files in not_statutes(paths).items():
        shown = ", ".join(files[:3]) + (f" and {len(files) - 3} more (-v lists them)" if len(files) > 3 else "")
        log.info("passed over %d file(s) in folders: %s: %s", len(files), reason, shown)
        for f in files[3:]:
            log.debug("passed over %s: %s", f, reason)


def summary(results, out: Path, db_url: str | None) -> str:
    """The run in one line: counts, where the outputs, errors and store are."""
    done = sum(1 for r in results if r.output and not r.skipped)
    skipped = [r for r in results if r.skipped]
    updated = sum(1 for r in skipped if r.metadata_updated)
    provisions = sum(r.n_provisions for r in results)
    failed = sum(1 for r in results if r.error)
    return (f"annotated {done} file(s), {provisions} provisions; skipped {len(skipped)} unchanged"
            + (f" ({updated} with metadata updated in the store)" if updated else "")
            + f"; {failed} failed -> {out}/ (errors: {out}/_errors.jsonl"
            + (f", db: {db_url})" if db_url else ")"))


def next_step(results, args, config) -> str:
    """What to run next: the coverage report of the jurisdiction just annotated (never a placeholder
    code: an unknown jurisdiction gets how to set it)."""
    source = str(args.out) if not args.db else args.db
    jurs = sorted({config.jurisdiction} if config.jurisdiction else {r.jurisdiction for r in results if r.output} - {None})
    if not jurs:
        step = (f"set the jurisdiction (annotate --jurisdiction CODE, a code such as GB-EAW, or a jurisdiction column "
                f"in a MANIFEST.tsv beside the statutes), then lexbench coverage {source} --jurisdiction CODE")
    elif len(jurs) == 1:
        step = f"lexbench coverage {source} --jurisdiction {jurs[0]}"
    else:
        step = (f"lexbench coverage {source} --jurisdiction {jurs[0]} (or {', '.join(jurs[1:])}), "
                f"or all side by side: lexbench atlas {source} --format html --out atlas.html")
    return step + (" (it reads the store: annotate without --no-db)" if args.no_db else "")


def _start_run(config) -> int:
    """A ``runs`` row for this batch (shown by ``lexbench runs list``)."""
    from pipeline.annotate.batch import _annotator
    from pipeline.store import start_run
    from pipeline.provenance import git_commit

    a = _annotator(config)  # cached: the batch reuses the loaded model
    return start_run(config.db_url, "annotate", a.model_info, a.benchmark_info, git_commit())
