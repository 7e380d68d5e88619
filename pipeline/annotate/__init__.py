"""The main job: statute files in, one JSONL of annotated provisions per file out.

extract -> segment -> classify / terminology -> output + store. A bad file never
stops a batch: it is reported in ``_errors.jsonl`` and the others go on. Outputs are
written atomically and skipped when the same statute was already annotated with the
same model and benchmark versions, so an interrupted run simply resumes.
"""
from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import signal
import sys
import threading
import time
import traceback
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.exc import OperationalError

from pipeline import errors
from pipeline.classify import get_classifier
from pipeline.classify.inputs import Node, classify_items
from pipeline.extract import Limits, display_path, extract
from pipeline.records import AnnotatedProvision, BenchmarkInfo, Document, ModelInfo, Provision
from pipeline.segment import segment

TEXT_SUFFIXES = {".txt", ".text", ".md", ".pdf", ""}
SKIP_NAMES = {"MANIFEST.tsv", "README.md", "SOURCES.tsv"}
WARM_UP_TEXT = ("1. Offence\n(1) A person who knowingly possesses child sexual abuse material commits an "
                "offence.\n(2) A person who distributes it is liable to imprisonment.\n")


@dataclass
class AnnotateConfig:
    out_dir: Path
    db_url: str | None = None
    model: str = "default"
    benchmark: str = "default"
    lang: str | None = None
    jurisdiction: str | None = None
    limits: Limits = field(default_factory=Limits)
    force: bool = False
    store: bool = True
    run_id: int | None = None  # the ``runs`` row this batch's predictions belong to


@dataclass
class FileResult:
    path: str
    output: str | None = None
    n_provisions: int = 0
    n_pages: int = 0
    skipped: bool = False
    error: dict | None = None
    seconds: float = 0.0


def collect_inputs(paths: list[str]) -> list[Path]:
    """Files given explicitly are always taken; folders are walked for statute-like files."""
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for f in sorted(files):
                    fp = Path(root) / f
                    if f.startswith((".", "_")) or f in SKIP_NAMES or fp.suffix.lower() not in TEXT_SUFFIXES:
                        continue
                    out.append(fp)
        else:
            out.append(p)
    return out


def text_hash(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def jurisdiction_for(path: Path) -> str | None:
    """Look the file up in the nearest MANIFEST.tsv above it (columns: path, jurisdiction)."""
    for parent in path.resolve().parents:
        manifest = parent / "MANIFEST.tsv"
        if manifest.is_file():
            rel = path.resolve().relative_to(parent).as_posix()
            with manifest.open(encoding="utf-8") as fh:
                for row in csv.DictReader(fh, delimiter="\t"):
                    if row.get("path") == rel:
                        return row.get("jurisdiction") or None
            return None
    return None


class Annotator:
    """Holds the loaded model, benchmark and term flagger for a batch."""

    def __init__(self, config: AnnotateConfig, warm_up: bool = True):
        from pipeline.benchmarks import load_benchmark
        from pipeline.terminology import TermFlagger

        self.config = config
        self.benchmark = load_benchmark(config.benchmark)
        self.classifier = get_classifier(config.model)
        self.flagger = TermFlagger.load()
        self.model_info = ModelInfo(self.classifier.name, self.classifier.version)
        self.benchmark_info = BenchmarkInfo(self.benchmark.id, self.benchmark.version)
        if warm_up:
            self.warm_up()

    def warm_up(self) -> None:
        """Run once on a tiny statute so lazily loaded models are not charged to the
        first real file's time limit (and a broken model fails before any file)."""
        self.annotate_document(Document(path="<warm-up>", name="<warm-up>", sha256="", kind="text", lang="en",
                                        text=WARM_UP_TEXT))

    # -- one document -------------------------------------------------------------
    def annotate_document(self, doc: Document) -> list[AnnotatedProvision]:
        provisions = segment(doc)
        texts = [p.own_text(doc.text) for p in provisions]
        limit = self.config.limits.max_provision_chars
        longest = max(range(len(texts)), key=lambda i: len(texts[i]), default=None)
        if limit and longest is not None and len(texts[longest]) > limit:
            raise errors.TooLarge(display_path(doc.path), f"provision {provisions[longest].eid} has "
                                  f"{len(texts[longest])} characters (limit {limit}): no structure was "
                                  "recognised; check the text or split the file")
        items = classify_items([Node(p.eid, p.parent, p.kind, own, p.heading) for p, own in zip(provisions, texts)],
                               doc.lang)
        labels = self.classifier.label(items, self.benchmark)
        terms, exempt = self.flagger.flag(doc)
        out = []
        for p, own, labs in zip(provisions, texts, labels):
            for lab in labs:
                if lab.evidence is not None:
                    lab.evidence = _to_doc_evidence(doc, p, own, lab.evidence)
            out.append(AnnotatedProvision(
                doc=doc.name, eid=p.eid, kind=p.kind, num=p.num, heading=p.heading, text=own,
                start=p.start, end=p.end, page=doc.page_at(p.start), lang=doc.lang, parent=p.parent,
                depth=p.depth, text_hash=text_hash(own), conducts=labs,
                terms=[t for t in terms if _owns(p, t.start)],
                terms_exempt=[t for t in exempt if _owns(p, t.start)],
                model=self.model_info, benchmark=self.benchmark_info, doc_sha256=doc.sha256,
                own_spans=p.own_spans))
        return out

    # -- one file -----------------------------------------------------------------
    def annotate_file(self, path: Path, out_name: str) -> FileResult:
        """Annotate one file; the database is written before the JSONL, which is
        renamed into place last, so a file whose JSONL exists is complete everywhere."""
        t0 = time.perf_counter()
        res = FileResult(path=str(path))
        shown = display_path(path)
        try:
            with time_limit(self.config.limits.timeout_s, str(path)):
                out_path = self.config.out_dir / out_name
                # The output records the source bytes' hash: an unchanged file is skipped
                # without being extracted again (a re-run costs a hash per file).
                if not self.config.force and out_path.is_file() and path.is_file():
                    if self._already_done(file_sha256(path), out_path):
                        res.skipped, res.output = True, str(out_path)
                        return res
                doc = extract(path, self.config.limits, lang=self.config.lang)
                res.n_pages = doc.n_pages
                rows = self.annotate_document(doc)
                if self.config.store and self.config.db_url:
                    from pipeline.store import save_document

                    save_document(self.config.db_url, doc, rows,
                                  jurisdiction=self.config.jurisdiction or jurisdiction_for(path),
                                  run_id=self.config.run_id)
                write_jsonl_atomic(out_path, (r.to_json() for r in rows))
            res.output, res.n_provisions = str(out_path), len(rows)
        except errors.LexbenchError as exc:
            res.error = {"file": shown, "kind": exc.kind, "message": exc.line()}
        except OperationalError as exc:
            if not _is_locked(exc):
                res.error = _internal_error(shown, exc)
            else:
                res.error = {"file": shown, "kind": "database_busy",
                             "message": f"{shown}: database_busy: the database stayed locked by another "
                                        "process; nothing was stored for this file: re-run to resume"}
        except RecursionError:
            res.error = {"file": shown, "kind": "too_deep",
                         "message": f"{shown}: too_deep: nesting too deep to process"}
        except MemoryError:
            res.error = {"file": shown, "kind": "out_of_memory",
                         "message": f"{shown}: out_of_memory: lower --max-bytes or split the file"}
        except Exception as exc:  # an internal bug must not stop the batch either
            res.error = _internal_error(shown, exc)
        finally:
            res.seconds = time.perf_counter() - t0
        return res

    def _already_done(self, sha256: str, out_path: Path) -> bool:
        """True if ``out_path`` already holds this statute version with this model/benchmark."""
        if not out_path.is_file():
            return False
        try:
            with out_path.open(encoding="utf-8") as fh:
                first = json.loads(fh.readline())
        except (OSError, ValueError):
            return False
        return (first.get("doc_sha256") == sha256
                and first.get("model") == {"name": self.model_info.name, "version": self.model_info.version}
                and first.get("benchmark") == {"id": self.benchmark_info.id, "version": self.benchmark_info.version})


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _internal_error(shown: str, exc: BaseException) -> dict:
    first = (str(exc).splitlines() or [""])[0][:300]
    return {"file": shown, "kind": "internal_error",
            "message": f"{shown}: internal_error: {type(exc).__name__}: {first} (please report it with this file)",
            "traceback": traceback.format_exc(limit=8)}


def _is_locked(exc: BaseException) -> bool:
    msg = str(getattr(exc, "orig", exc)).lower()
    return "locked" in msg or "deadlock" in msg


def _owns(p: Provision, offset: int) -> bool:
    return any(s <= offset < e for s, e in p.own_spans)


def _to_doc_evidence(doc: Document, p: Provision, own: str, ev):
    """Map an evidence span relative to the provision's own text to document offsets."""
    from pipeline.records import Evidence

    # own text is the stripped own spans joined by "\n"; walk them to find the offset
    pos = 0
    for s, e in p.own_spans:
        seg = doc.text[s:e]
        if not seg.strip():
            continue
        lead = len(seg) - len(seg.lstrip())
        piece = seg.strip()
        if pos <= ev.start <= pos + len(piece):
            start = s + lead + (ev.start - pos)
            end = start + (ev.end - ev.start)
            return Evidence(start=start, end=end, text=doc.text[start:end])
        pos += len(piece) + 1
    return Evidence(start=p.start, end=p.start, text="")


TMP_SUFFIX = ".tmp"


def _tmp_name(path: Path) -> Path:
    """``.<name>.<pid>.tmp``: hidden and not ``*.jsonl``, so never taken for an output or
    an input; the pid lets a later run tell a dead writer's leftovers from a live one's."""
    return path.with_name(f".{path.name}.{os.getpid()}{TMP_SUFFIX}")


def _json_line(row) -> bytes:
    line = json.dumps(row, ensure_ascii=False)
    try:
        return (line + "\n").encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates (e.g. from a non-UTF-8 file name)
        return (json.dumps(row) + "\n").encode("ascii")


def write_jsonl_atomic(path: Path, rows) -> None:
    """Write to a temp file in the same folder, fsync, then rename: never a partial file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = _tmp_name(path)
    try:
        with tmp.open("wb") as fh:
            for row in rows:
                fh.write(_json_line(row))
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with suppress(OSError):
            tmp.unlink()
        raise


def clean_stale_temps(out_dir: Path) -> list[Path]:
    """Remove temp files left by writers that were killed (their pid no longer runs)."""
    removed = []
    for tmp in out_dir.glob(f".*{TMP_SUFFIX}"):
        m = re.fullmatch(rf"\..+\.(\d+){re.escape(TMP_SUFFIX)}", tmp.name)
        if m and not _pid_alive(int(m.group(1))):
            with suppress(OSError):
                tmp.unlink()
                removed.append(tmp)
    return removed


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie (killed, not yet reaped) holds its pid but writes nothing
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as fh:
            return fh.read().rsplit(")", 1)[-1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


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
    record_errors(config.out_dir, results)
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
                shown = display_path(f)
                finish(FileResult(path=str(f), error={
                    "file": shown, "kind": "worker_crashed",
                    "message": f"{shown}: worker_crashed: the process reading this file died "
                               "(crash or out of memory); check the file or lower --max-bytes"}))
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


@contextmanager
def time_limit(seconds: float, path: str):
    """Raise ``errors.Timeout`` if the block runs longer than ``seconds``.

    SIGALRM interrupts Python code and blocking system calls (also in ``-j N`` worker
    processes, whose tasks run in their main thread); it only works in a main thread,
    elsewhere the block runs unlimited. The alarm is disarmed before the block is left,
    so it can never fire after the file is done.
    """
    if not seconds or seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return
    armed = [True]

    def on_alarm(_sig, _frame):
        if armed[0]:
            armed[0] = False
            raise errors.Timeout(display_path(path), f"took longer than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        armed[0] = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def progress_bar(enabled: bool):
    """A one-line progress bar on stderr (only on a TTY)."""
    if not enabled or not sys.stderr.isatty():
        return None

    def show(i: int, n: int, res: FileResult) -> None:
        width = 30
        done = int(width * i / max(n, 1))
        sys.stderr.write(f"\r[{'#' * done}{'.' * (width - done)}] {i}/{n} {Path(res.path).name[:40]:<40}")
        if i == n:
            sys.stderr.write("\n")
        sys.stderr.flush()

    return show
