"""One statute: a document or a file in, its annotated provisions out (JSONL and the store).

Reads: a statute file (through ``pipeline.extract``), the model, benchmark and term flagger.
Writes: ``<out>/<name>.jsonl`` (atomically, last) and the store (``pipeline.store.save_document``).
extract -> segment -> classify / terminology -> output + store. A file whose output already
records the same source hash, model and benchmark versions is skipped; its metadata (jurisdiction,
path, the MANIFEST.tsv title, citation, version date, in force) is still brought up to date in the store.
"""
from __future__ import annotations

import json
import time
import traceback
from bisect import bisect_left
from dataclasses import dataclass, field
from pathlib import Path

from pipeline import errors
from pipeline.annotate.isolation import DEFAULT_MEMORY_MIB, extract_isolated
from pipeline.annotate.timeout import time_limit
from pipeline.files import file_sha256, write_jsonl_atomic
from pipeline.classify import get_classifier
from pipeline.classify.inputs import Node, classify_items
from pipeline.extract import Limits, extract
from pipeline.files import display_path
from pipeline.records import AnnotatedProvision, BenchmarkInfo, Document, ModelInfo, Provision, text_hash
from pipeline.segment import segment

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
    # extraction runs in a forked child with this much extra address space (0 = in this process)
    extract_memory_mib: int = DEFAULT_MEMORY_MIB
    # a document is refused (too_many_items) beyond this many provisions, or 8x as many lines
    max_items: int = 50_000


@dataclass
class FileResult:
    path: str
    output: str | None = None
    n_provisions: int = 0
    n_pages: int = 0
    skipped: bool = False
    metadata_updated: bool = False  # skipped, but the store's jurisdiction, path or manifest metadata changed
    jurisdiction: str | None = None  # --jurisdiction, else the manifest's, else an Akoma Ntoso file's FRBR country
    error: dict | None = None
    seconds: float = 0.0


def jurisdiction_for(path: Path, doc: Document | None = None) -> str | None:
    """The file's jurisdiction in the nearest MANIFEST.tsv above it (``pipeline.manifest``), else,
    for an Akoma Ntoso document, its FRBR country (``doc.meta["akn"]["jurisdiction"]``)."""
    from pipeline.manifest import manifest_entry

    from_frbr = (doc.meta.get("akn") or {}).get("jurisdiction") if doc is not None else None
    return (manifest_entry(path) or {}).get("jurisdiction") or from_frbr or None


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
        provisions = segment(self._bounded(doc))
        if self.config.max_items and len(provisions) > self.config.max_items:
            raise TooManyItems(display_path(doc.path), f"{len(provisions)} provisions (limit {self.config.max_items})")
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
        own_terms, own_exempt = _by_provision(provisions, terms), _by_provision(provisions, exempt)
        out = []
        for i, (p, own, labs) in enumerate(zip(provisions, texts, labels)):
            for lab in labs:
                if lab.evidence is not None:
                    lab.evidence = _to_doc_evidence(doc, p, lab.evidence)
            out.append(AnnotatedProvision(
                doc=doc.name, eid=p.eid, kind=p.kind, num=p.num, heading=p.heading, text=own,
                start=p.start, end=p.end, page=doc.page_at(p.start), lang=doc.lang, parent=p.parent,
                depth=p.depth, text_hash=text_hash(own), conducts=labs,
                terms=own_terms[i], terms_exempt=own_exempt[i],
                model=self.model_info, benchmark=self.benchmark_info, doc_sha256=doc.sha256,
                own_spans=p.own_spans))
        return out

    def _bounded(self, doc: Document) -> Document:
        """Refuse, before segmenting, a text whose line count no statute reaches (segmenting a
        million one-line items alone takes minutes and gigabytes)."""
        limit = self.config.max_items * 8 if self.config.max_items else 0
        if limit and doc.text.count("\n", 0, len(doc.text)) > limit:
            raise TooManyItems(display_path(doc.path), f"{doc.text.count(chr(10))} lines (limit {limit})")
        return doc

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
                    sha256 = file_sha256(path)
                    if self._already_done(sha256, out_path) and self._refresh_stored(sha256, path, res):
                        res.skipped, res.output = True, str(out_path)
                        return res
                doc = self._extract(path)
                res.n_pages = doc.n_pages
                res.jurisdiction = self.config.jurisdiction or jurisdiction_for(path, doc)
                rows = self.annotate_document(doc)
                if self.config.store and self.config.db_url:
                    from pipeline.store import save_document

                    save_document(self.config.db_url, doc, rows, jurisdiction=res.jurisdiction,
                                  run_id=self.config.run_id)
                write_jsonl_atomic(out_path, (r.to_json() for r in rows))
            res.output, res.n_provisions = str(out_path), len(rows)
        except errors.DatabaseBusy:
            res.error = errors.DatabaseBusy(shown).record()
        except errors.LexbenchError as exc:
            res.error = exc.record()
        except RecursionError:
            res.error = errors.TooDeep(shown).record()
        except MemoryError:
            res.error = errors.OutOfMemory(shown).record()
        except Exception as exc:  # an internal bug must not stop the batch either
            res.error = errors.InternalError(shown, exc, traceback.format_exc(limit=8)).record()
        finally:
            res.seconds = time.perf_counter() - t0
        return res

    def _extract(self, path: Path) -> Document:
        """Extraction, isolated in a memory-capped child unless ``extract_memory_mib`` is 0."""
        if self.config.extract_memory_mib:
            return extract_isolated(path, self.config.limits, self.config.lang, self.config.extract_memory_mib)
        return extract(path, self.config.limits, lang=self.config.lang)

    def _refresh_stored(self, sha256: str, path: Path, res: FileResult) -> bool:
        """An unchanged statute's metadata (jurisdiction, path, manifest row) applied to the store without
        running the models again; False when the store lacks this version (annotate it)."""
        res.jurisdiction = self.config.jurisdiction or jurisdiction_for(path)  # an AKN file's FRBR country is kept
        if not (self.config.store and self.config.db_url):
            return True
        from pipeline.store import refresh_statute

        changed = refresh_statute(self.config.db_url, sha256, display_path(path), jurisdiction=res.jurisdiction)
        res.metadata_updated = bool(changed)
        return changed is not None

    def _already_done(self, sha256: str, out_path: Path) -> bool:
        """True if ``out_path`` already holds this statute version with this model/benchmark."""
        if not out_path.is_file():
            return False
        try:
            with out_path.open(encoding="utf-8") as fh:
                first = json.loads(fh.readline())
        except (OSError, ValueError):
            return False
        if self.config.lang and first.get("lang") != self.config.lang:
            return False  # a forced language changes what the models read
        return (first.get("doc_sha256") == sha256
                and first.get("model") == {"name": self.model_info.name, "version": self.model_info.version}
                and first.get("benchmark") == {"id": self.benchmark_info.id, "version": self.benchmark_info.version})


class TooManyItems(errors.LexbenchError):
    """More provisions (or lines) than any statute has: a generated or concatenated file."""

    kind = "too_many_items"
    hint = "split the file; no statute has this many items"


def _by_provision(provisions: list[Provision], flags: list) -> list[list]:
    """For each provision, the flags that start inside one of its own spans, in ``flags`` order
    (a bisect per own span instead of every flag tested against every provision)."""
    order = sorted(range(len(flags)), key=lambda k: flags[k].start)
    starts = [flags[k].start for k in order]
    out = []
    for p in provisions:
        mine: set[int] = set()
        for s, e in p.own_spans:
            mine.update(order[bisect_left(starts, s):bisect_left(starts, e)])
        out.append([flags[k] for k in sorted(mine)])
    return out


def _to_doc_evidence(doc: Document, p: Provision, ev):
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
