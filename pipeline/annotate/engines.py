"""Cluster back-ends for ``annotate``: the same batch on Dask distributed or Ray.

WHY: a country's statute book fits ``-j N`` on one machine; a continent's does not.
The unit of work stays one file (``annotate.batch.annotate_one``, which caches the loaded
model once per worker process), so a cluster run writes exactly what a local run
writes: ``<out>/<file>.jsonl`` plus the store, and the same incremental skip applies.
Workers must therefore see the inputs and ``out_dir`` at the same paths (a shared
filesystem) and reach the same database (PostgreSQL for many machines; SQLite only
when all workers share one machine). See docs/scaling.md.

Both engines are optional dependencies, imported only when asked for.
"""
from __future__ import annotations

import logging
import os
from typing import Callable

from pipeline import errors
from pipeline.annotate import batch
from pipeline.annotate.annotator import AnnotateConfig, Annotator, FileResult
from pipeline.files import clean_stale_temps
from pipeline.files import display_path

ENGINES = ("dask", "ray")


class EngineUnavailable(RuntimeError):
    """The engine's package is not installed (a one-line, actionable message)."""


def run_engine(engine: str, paths: list[str], config: AnnotateConfig, address: str | None,
               progress: Callable | None = None, workers: int | None = None) -> list[FileResult]:
    """Annotate ``paths`` (files or folders) on a cluster, one task per file.

    ``address``: the scheduler (``tcp://host:8786``) or Ray head (``host:6379``,
    ``ray://host:10001``, ``auto``); ``None`` starts a local cluster of ``workers``
    processes (default: all cores) for this batch only. Returns one ``FileResult`` per
    file in input order, like ``run_batch``; failures go to ``_errors.jsonl``.
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; choose from local, {', '.join(ENGINES)}")
    files = batch.collect_inputs(paths)
    names = batch.output_names(files)
    config.out_dir.mkdir(parents=True, exist_ok=True)
    clean_stale_temps(config.out_dir)
    Annotator(config, warm_up=False)  # a bad --model/--benchmark fails here, before the cluster starts
    if config.store and config.db_url:
        from pipeline.store import engine_for

        engine_for(config.db_url)  # create/migrate the schema once, not racing in every worker
    run = _run_dask if engine == "dask" else _run_ray
    done = run(files, names, config, address, progress, workers or os.cpu_count() or 1)
    results = [done[str(f)] for f in files] + batch.passed_over(paths)  # the folder's unreadable files too
    batch.record_errors(config.out_dir, results)
    batch.write_dataset_card(config.out_dir)
    return results


def _crashed(path: str, why: str) -> FileResult:
    return FileResult(path=path, error=errors.WorkerCrashed(
        display_path(path), f"the worker reading this file died or the task failed ({why})").record())


def _run_dask(files, names, config, address, progress, workers) -> dict[str, FileResult]:
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise EngineUnavailable("the dask engine needs `pip install \"dask[distributed]\"`") from None
    cluster = None
    if address is None:
        # one single-threaded process per worker: annotation is CPU-bound Python (one GIL each)
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                               silence_logs=logging.ERROR)
        address = cluster.scheduler_address
    done: dict[str, FileResult] = {}
    try:
        with Client(address) as client:
            # pure=False: a re-run must run again (the worker decides what to skip);
            # retries cover a worker lost mid-file (the task itself never raises)
            futures = client.map(batch.annotate_one, [str(f) for f in files], names, [config] * len(files),
                                 pure=False, retries=1)
            path_of = {fut.key: str(f) for fut, f in zip(futures, files)}
            for fut in as_completed(futures):
                path = path_of[fut.key]
                try:
                    res = fut.result()
                except Exception as exc:  # KilledWorker and the like
                    res = _crashed(path, f"{type(exc).__name__}: {str(exc)[:200]}")
                done[path] = res
                if progress:
                    progress(len(done), len(files), res)
    finally:
        if cluster is not None:
            cluster.close()
    return done


def _run_ray(files, names, config, address, progress, workers) -> dict[str, FileResult]:
    try:
        import ray
    except ImportError:
        raise EngineUnavailable("the ray engine needs `pip install ray`") from None
    started = False
    if not ray.is_initialized():
        if address is None:
            ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False)
        else:
            ray.init(address=address, log_to_driver=False)
        started = True
    done: dict[str, FileResult] = {}
    try:
        task = ray.remote(num_cpus=1, max_retries=1)(batch.annotate_one)
        refs = [task.remote(str(f), name, config) for f, name in zip(files, names)]
        path_of = {ref: str(f) for ref, f in zip(refs, files)}
        pending = list(refs)
        while pending:
            ready, pending = ray.wait(pending, num_returns=1)
            ref = ready[0]
            try:
                res = ray.get(ref)
            except Exception as exc:  # WorkerCrashedError, RayTaskError, ...
                res = _crashed(path_of[ref], f"{type(exc).__name__}: {str(exc)[:200]}")
            done[path_of[ref]] = res
            if progress:
                progress(len(done), len(files), res)
    finally:
        if started:
            ray.shutdown()
    return done

