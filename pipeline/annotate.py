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
import signal
import sys
import threading
import time
import traceback
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from . import errors
from .classify import ClassifyItem, get_classifier
from .extract import Limits, extract
from .records import AnnotatedProvision, BenchmarkInfo, Document, ModelInfo, Provision
from .segment import segment

TEXT_SUFFIXES = {".txt", ".text", ".md", ".pdf", ""}
SKIP_NAMES = {"MANIFEST.tsv", "README.md", "SOURCES.tsv"}


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

    def __init__(self, config: AnnotateConfig):
        from .benchmarks import load_benchmark
        from .terminology import TermFlagger

        self.config = config
        self.benchmark = load_benchmark(config.benchmark)
        self.classifier = get_classifier(config.model)
        self.flagger = TermFlagger.load()
        self.model_info = ModelInfo(self.classifier.name, self.classifier.version)
        self.benchmark_info = BenchmarkInfo(self.benchmark.id, self.benchmark.version)

    # -- one document -------------------------------------------------------------
    def annotate_document(self, doc: Document) -> list[AnnotatedProvision]:
        provisions = segment(doc)
        by_eid = {p.eid: p for p in provisions}
        texts = [p.own_text(doc.text) for p in provisions]
        items = []
        for p, own in zip(provisions, texts):
            ctx, anc = [], by_eid.get(p.parent) if p.parent else None
            while anc is not None:
                ctx.append(anc.own_text(doc.text))
                anc = by_eid.get(anc.parent) if anc.parent else None
            items.append(ClassifyItem(text=own, context="\n".join(reversed(ctx)), heading=p.heading,
                                      lang=doc.lang, kind=p.kind))
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
        try:
            with time_limit(self.config.limits.timeout_s, str(path)):
                doc = extract(path, self.config.limits, lang=self.config.lang)
                res.n_pages = doc.n_pages
                out_path = self.config.out_dir / out_name
                if not self.config.force and self._already_done(doc, out_path):
                    res.skipped, res.output = True, str(out_path)
                    return res
                rows = self.annotate_document(doc)
                if self.config.store and self.config.db_url:
                    from .store import save_document

                    save_document(self.config.db_url, doc, rows,
                                  jurisdiction=self.config.jurisdiction or jurisdiction_for(path))
                write_jsonl_atomic(out_path, (r.to_json() for r in rows))
            res.output, res.n_provisions = str(out_path), len(rows)
        except errors.LexbenchError as exc:
            res.error = {"file": str(path), "kind": exc.kind, "message": exc.line()}
        except RecursionError:
            res.error = {"file": str(path), "kind": "too_deep",
                         "message": f"{path}: too_deep: nesting too deep to process"}
        except MemoryError:
            res.error = {"file": str(path), "kind": "out_of_memory",
                         "message": f"{path}: out_of_memory: lower --max-bytes or split the file"}
        except Exception as exc:  # an internal bug must not stop the batch either
            res.error = {"file": str(path), "kind": "internal_error",
                         "message": f"{path}: internal_error: {type(exc).__name__}: {exc}".replace("\n", " "),
                         "traceback": traceback.format_exc(limit=8)}
        finally:
            res.seconds = time.perf_counter() - t0
        return res

    def _already_done(self, doc: Document, out_path: Path) -> bool:
        """True if ``out_path`` already holds this statute version with this model/benchmark."""
        if not out_path.is_file():
            return False
        try:
            with out_path.open(encoding="utf-8") as fh:
                first = json.loads(fh.readline())
        except (OSError, ValueError):
            return False
        return (first.get("doc_sha256") == doc.sha256
                and first.get("model") == {"name": self.model_info.name, "version": self.model_info.version}
                and first.get("benchmark") == {"id": self.benchmark_info.id, "version": self.benchmark_info.version})


def _owns(p: Provision, offset: int) -> bool:
    return any(s <= offset < e for s, e in p.own_spans)


def _to_doc_evidence(doc: Document, p: Provision, own: str, ev):
    """Map an evidence span relative to the provision's own text to document offsets."""
    from .records import Evidence

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


def write_jsonl_atomic(path: Path, rows) -> None:
    """Write to a temp file in the same folder, fsync, then rename: never a partial file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


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


def annotate_one(path: str | Path, out_name: str, config: AnnotateConfig) -> FileResult:
    """Picklable per-file entry point for process pools and cluster engines; the
    loaded model is cached once per worker process."""
    key = hash((config.model, config.benchmark, str(config.out_dir), config.db_url))
    if key not in _WORKER:
        _WORKER.clear()
        _WORKER[key] = Annotator(config)
    return _WORKER[key].annotate_file(Path(path), out_name)


def run_batch(paths: list[str], config: AnnotateConfig, progress=None, jobs: int = 1) -> list[FileResult]:
    files = collect_inputs(paths)
    config.out_dir.mkdir(parents=True, exist_ok=True)
    names = output_names(files)
    results = []
    if jobs <= 1:
        Annotator(config)  # fail fast on a bad --model/--benchmark before touching files
        for i, (f, name) in enumerate(zip(files, names), 1):
            results.append(annotate_one(f, name, config))
            if progress:
                progress(i, len(files), results[-1])
    else:
        import concurrent.futures as cf
        import multiprocessing as mp

        Annotator(config)
        with cf.ProcessPoolExecutor(max_workers=jobs, mp_context=mp.get_context("spawn")) as pool:
            futures = {pool.submit(annotate_one, str(f), name, config): f for f, name in zip(files, names)}
            for i, fut in enumerate(cf.as_completed(futures), 1):
                results.append(fut.result())
                if progress:
                    progress(i, len(files), results[-1])
        order = {str(f): k for k, f in enumerate(files)}
        results.sort(key=lambda r: order[r.path])
    errs = [r.error for r in results if r.error]
    err_path = config.out_dir / "_errors.jsonl"
    write_jsonl_atomic(err_path, errs)
    return results


@contextmanager
def time_limit(seconds: float, path: str):
    """Raise ``errors.Timeout`` if the block runs longer than ``seconds`` (main thread only)."""
    if not seconds or seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def on_alarm(_sig, _frame):
        raise errors.Timeout(path, f"took longer than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
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
