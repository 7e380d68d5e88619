"""Plain records passed between the pipeline stages.

Every stage takes and returns these dataclasses and nothing else, so a stage can be
replaced (a faster PDF reader, a learned classifier) without touching its neighbours.
All offsets are character offsets into ``Document.text`` (the normalised extracted
text); ``Document.source_offset`` and ``Document.page_at`` map them back.
"""
from __future__ import annotations

import bisect
import hashlib
from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any

SCHEMA = "lexbench.provision/1"

CONDUCT_IDS = (
    "csam_production",
    "csam_offering",
    "csam_making_available",
    "csam_distribution",
    "csam_transmission",
    "csam_procuring",
    "csam_possession",
    "csam_access",
    "grooming",
    "live_streaming",
    "sexual_extortion",
)
COVERAGE_VALUES = ("full", "partial")

# Coverage of a conduct by a provision, a section or a jurisdiction (a matrix cell).
RANK = {"none": 0, "partial": 1, "full": 2}  # a roll-up keeps the highest
NOT_REQUIRED = "n/a"  # a re-evaluation cell for a conduct that one of the two benchmarks does not require
STATUS_LABEL = {"full": "covered", "partial": "partial", "none": "not covered", NOT_REQUIRED: "not in benchmark"}


def text_hash(text: str) -> str:
    """Identity of a provision's wording: sha256 of its whitespace-normalised text."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


@dataclass
class Document:
    """Output of extraction: normalised text plus the maps back to the source."""

    path: str
    name: str
    sha256: str  # of the source bytes: the identity of a statute version
    text: str
    kind: str  # "text" | "pdf" | "html" | "docx"
    encoding: str | None = None
    # Piecewise-linear map normalised offset -> source offset: sorted breakpoints
    # (norm_offset, source_offset); between breakpoints the delta is constant.
    offset_map: list[tuple[int, int]] = field(default_factory=lambda: [(0, 0)])
    # page_starts[k] is the offset where page k+1 begins (PDF only).
    page_starts: list[int] = field(default_factory=list)
    n_pages: int = 0
    # Spans of source text removed as boilerplate (running headers, page numbers),
    # as (page, text) so tests can prove nothing else was dropped.
    removed: list[tuple[int, str]] = field(default_factory=list)
    lang: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    # The provision tree the source itself gives (an Akoma Ntoso file, kind "akn"): ``segment``
    # returns it instead of running the text heuristics. Offsets point into ``text``.
    provisions: list[Provision] | None = None

    def source_offset(self, offset: int) -> int:
        i = bisect.bisect_right(self.offset_map, (offset, float("inf"))) - 1
        norm, src = self.offset_map[max(i, 0)]
        return src + (offset - norm)

    def page_at(self, offset: int) -> int | None:
        if not self.page_starts:
            return None
        return max(bisect.bisect_right(self.page_starts, offset), 1)


@dataclass
class Provision:
    """One node of the provision tree (containers included).

    ``start``/``end`` span the whole node, descendants included; ``own_spans`` are
    the pieces of text that belong to this node and to none of its children (a
    chapeau and a trailing continuation can be two pieces). Over a document the
    own spans of all nodes never overlap and cover every non-blank character.
    """

    eid: str
    kind: str  # part, chapter, division, section, article, subsection, paragraph, ...
    num: str | None
    heading: str | None
    start: int
    end: int
    own_spans: list[tuple[int, int]]
    parent: str | None = None
    depth: int = 0

    def own_text(self, doc_text: str) -> str:
        return "\n".join(doc_text[s:e].strip() for s, e in self.own_spans if doc_text[s:e].strip())


@dataclass
class Evidence:
    start: int
    end: int
    text: str


@dataclass
class ConductLabel:
    id: str
    score: float
    coverage: str  # "full" | "partial"
    evidence: Evidence | None = None
    because: str | None = None  # the partial condition found, e.g. "intent to distribute"


@dataclass
class TermFlag:
    text: str
    start: int
    end: int
    replacement: list[str]
    severity: str  # must_replace | replace_unless_legal_term | use_with_care
    rule: str
    reason: str
    lang: str
    page: int | None = None
    legal_term_retained: bool = False
    exempt_reason: str | None = None  # set only on flags reported under terms_exempt


@dataclass
class ModelInfo:
    name: str
    version: str


@dataclass
class BenchmarkInfo:
    id: str
    version: str


@dataclass
class AnnotatedProvision:
    """One line of the output contract (``DIR/<file>.jsonl``)."""

    doc: str
    eid: str
    kind: str
    num: str | None
    heading: str | None
    text: str
    start: int
    end: int
    page: int | None
    lang: str | None
    parent: str | None
    depth: int
    text_hash: str
    conducts: list[ConductLabel]
    terms: list[TermFlag]
    terms_exempt: list[TermFlag]
    model: ModelInfo
    benchmark: BenchmarkInfo
    doc_sha256: str
    own_spans: list[tuple[int, int]]
    schema: str = SCHEMA

    def to_json(self) -> dict[str, Any]:
        out = _plain(self)
        out["own_spans"] = [list(s) for s in self.own_spans]
        return out


_FIELDS: dict[type, tuple[str, ...]] = {}


_LEAVES = frozenset({str, int, float, bool, type(None)})


def _plain(value):
    """``dataclasses.asdict`` for these records (same dict, ~5x faster on the write path):
    their leaves are immutable (str, int, float, bool, None), so nothing needs deep-copying;
    a leaf is returned as it is before any other test (most values are leaves)."""
    cls = type(value)
    if cls in _LEAVES:
        return value
    names = _FIELDS.get(cls)
    if names is None and is_dataclass(value):
        names = _FIELDS[cls] = tuple(f.name for f in fields(value))
    if names is not None:
        out = {}
        for n in names:
            v = getattr(value, n)
            out[n] = v if type(v) in _LEAVES else _plain(v)
        return out
    if cls is list:
        return [v if type(v) in _LEAVES else _plain(v) for v in value]
    if cls is tuple:
        return tuple(_plain(v) for v in value)
    if cls is dict:
        return {k: _plain(v) for k, v in value.items()}
    return value
