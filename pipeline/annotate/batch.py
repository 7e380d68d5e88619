"""A batch: every statute file under the given paths, one process or a pool, failures recorded.

Reads: files and folders of statutes (which files a folder gives: ``inputs``). Writes: one ``<out>/<input name>.jsonl`` per file (by
``annotator``), ``<out>/_errors.jsonl`` (this run's failures, merged with earlier ones) and
removes stale temp files of killed writers. A bad file never stops a batch.
"""
from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

from pipeline import errors
from pipeline.annotate.annotator import AnnotateConfig, Annotator, FileResult
from pipeline.files import clean_stale_temps, write_jsonl_atomic
from pipeline.hf_features import write_dataset_card
from pipeline.files import display_path
from pipeline.annotate.inputs import collect_inputs, passed_over

def one_line(text: str) -> str:
    """``text`` with control characters (newlines, escape codes, C1, line separators) shown
    as ``\\xNN`` / ``\\uNNNN``, so a hostile file name can neither break the one-line error
    nor reach the terminal raw."""
    return "".join(c if c.isprintable() or c == " " else
                   (f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}") for c in text)


def output_names(paths: list[Path]) -> list[str]:
    """``<input file name>.jsonl``; two inputs with one name get a short path hash."""
    seen: dict[str, int] = {}
    for p in paths:
        seen[p.name] = seen.get(p.name, 0) + 1
    names = []
    for p in paths:
        if seen[p.name] > 1:
            h = hashlib.sha1(str(p.resolve()).encode()).hexdigest()[:8]
            names.append(f"{p.name}~{h}.jsonl")
        else:
            names.append(f"{p.name}.jsonl")
    return names


_WORKER: dict[int, Annotator] = {}


def _annotator(config: AnnotateConfig) -> Annotator:
    """The loaded model, cached once per process (and per worker process)."""
    key = hash((config.model, config.benchmark))
    if key not in _WORKER:
        _WORKER.clear()
        _WORKER[key] = Annotator(config)
    _WORKER[key].config = config
    return _WORKER[key]


def annotate_one(path: str | Path, out_name: str, config: AnnotateConfig) -> FileResult:
    """Picklable per-file entry point for process pools and cluster engines; the
    loaded model is cached once per worker process."""
    return _annotator(config).annotate_file(Path(path), out_name)


def run_batch(paths: list[str], config: AnnotateConfig, progress=None, jobs: int = 1,
              worker=None) -> list[FileResult]:
    """Annotate every input; returns one ``FileResult`` per file, in input order.

    ``worker`` (default ``annotate_one``) must be a picklable module-level function.
    """
    worker = worker or annotate_one
    files = collect_inputs(paths)
    config.out_dir.mkdir(parents=True, exist_ok=True)
    clean_stale_temps(config.out_dir)
    names = output_names(files)
    # fail fast on a bad --model/--benchmark before touching files
    if jobs <= 1:
        _annotator(config)
    else:
        Annotator(config, warm_up=False)
    if jobs <= 1:
        results = []
        for i, (f, name) in enumerate(zip(files, names), 1):
            results.append(worker(f, name, config))
            if progress:
                progress(i, len(files), results[-1])
    else:
        results = _run_pool(files, names, config, progress, jobs, worker)
    results += passed_over(paths)
    for r in results:
        if r.error:
            r.error["message"] = one_line(r.error["message"])
    record_errors(config.out_dir, results)
    write_dataset_card(config.out_dir)  # README.md: datasets.load_dataset(out_dir) loads every file
    return results


def _run_pool(files, names, config, progress, jobs, worker) -> list[FileResult]:
    """Process pool that survives a worker dying (segfault in a PDF library, OOM kill):
    the files in flight are retried one at a time in a fresh pool, and a file that
    kills its worker again is reported as ``worker_crashed``."""
    import concurrent.futures as cf
    import multiprocessing as mp
    from concurrent.futures.process import BrokenProcessPool

    ctx = mp.get_context("spawn")
    done: dict[str, FileResult] = {}
    retry: list[tuple[Path, str]] = []

    def finish(res: FileResult) -> None:
        done[res.path] = res
        if progress:
            progress(len(done), len(files), res)

    with cf.ProcessPoolExecutor(max_workers=jobs, mp_context=ctx) as pool:
        futures = {pool.submit(worker, str(f), name, config): (f, name) for f, name in zip(files, names)}
        for fut in cf.as_completed(futures):
            try:
                finish(fut.result())
            except BrokenProcessPool:
                retry.append(futures[fut])
    # one suspect at a time in a single worker, so a file that kills it again is known
    pool = None
    try:
        for f, name in retry:
            pool = pool or cf.ProcessPoolExecutor(max_workers=1, mp_context=ctx)
            try:
                finish(pool.submit(worker, str(f), name, config).result())
            except BrokenProcessPool:
                pool.shutdown(wait=False)
                pool = None
                finish(FileResult(path=str(f), error=errors.WorkerCrashed(display_path(f)).record()))
    finally:
        if pool is not None:
            pool.shutdown()
    return [done[str(f)] for f in files]


def record_errors(out_dir: Path, results: list[FileResult]) -> None:
    """Update ``_errors.jsonl``: this run's failures replace what an earlier or concurrent
    run said about the same files; entries about other files (still present) are kept,
    so two runs into one folder do not erase each other's failures."""
    import fcntl

    err_path = out_dir / "_errors.jsonl"
    seen = {r.error["file"] if r.error else display_path(r.path) for r in results}
    with open(out_dir / ".lexbench.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        kept = []
        if err_path.is_file():
            with err_path.open(encoding="utf-8", errors="replace") as fh:
                for line in fh:
                    try:
                        e = json.loads(line)
                    except ValueError:
                        continue
                    if isinstance(e, dict) and e.get("file") not in seen and Path(str(e.get("file"))).exists():
                        kept.append(e)
        write_jsonl_atomic(err_path, kept + [r.error for r in results if r.error])


def progress_bar(enabled: bool):
    """A one-line progress bar on stderr (only on a TTY)."""
    if not enabled or not sys.stderr.isatty():
        return None

    def show(i: int, n: int, res: FileResult) -> None:
        width = 30
        done = int(width * i / max(n, 1))
        sys.stderr.write(f"\r[{'#' * done}{'.' * (width - done)}] {i}/{n} {one_line(Path(res.path).name)[:40]:<40}")
        if i == n:
            sys.stderr.write("\n")
        sys.stderr.flush()

    return show
