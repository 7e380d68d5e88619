"""Multi-label metrics for conduct labels, with coverage agreement.

Sections roll up with the coverage report's rule (``pipeline.coverage.matrix.roll_up``).

A label set is ``dict[conduct id -> "full"|"partial"]`` per unit (provision or section).
Why coverage agreement is measured only on true positives: whether a conduct is found
at all is already scored by P/R/F1; agreement then asks "when both say covered, do they
agree on full vs partial?", the question an analyst reads the matrix for.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

from pipeline.records import CONDUCT_IDS


@dataclass
class ConductScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    support: int = 0
    cov_agree: int = 0  # true positives where full/partial agree
    precision: float = 0.0
    recall: float = 0.0
    f1: float = 0.0


@dataclass
class Scores:
    n_units: int
    per_conduct: dict[str, ConductScore] = field(default_factory=dict)
    micro_precision: float = 0.0
    micro_recall: float = 0.0
    micro_f1: float = 0.0
    macro_f1: float = 0.0  # over conducts with support > 0
    macro_over: list[str] = field(default_factory=list)
    no_support: list[str] = field(default_factory=list)
    coverage_agreement: float | None = None  # over all true positives
    n_true_positives: int = 0

    def to_json(self) -> dict:
        return asdict(self)


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def score(gold: list[dict[str, str]], pred: list[dict[str, str]],
          conducts: tuple[str, ...] = CONDUCT_IDS) -> Scores:
    """Per-conduct and averaged scores of ``pred`` against ``gold`` (aligned lists)."""
    if len(gold) != len(pred):
        raise ValueError(f"{len(gold)} gold units but {len(pred)} predictions")
    s = Scores(n_units=len(gold), per_conduct={c: ConductScore() for c in conducts})
    for g, p in zip(gold, pred):
        for c in conducts:
            cs = s.per_conduct[c]
            if c in g:
                cs.support += 1
                if c in p:
                    cs.tp += 1
                    cs.cov_agree += int(g[c] == p[c])
                else:
                    cs.fn += 1
            elif c in p:
                cs.fp += 1
    for cs in s.per_conduct.values():
        cs.precision, cs.recall, cs.f1 = _prf(cs.tp, cs.fp, cs.fn)
    tp = sum(cs.tp for cs in s.per_conduct.values())
    fp = sum(cs.fp for cs in s.per_conduct.values())
    fn = sum(cs.fn for cs in s.per_conduct.values())
    s.micro_precision, s.micro_recall, s.micro_f1 = _prf(tp, fp, fn)
    s.macro_over = [c for c in conducts if s.per_conduct[c].support > 0]
    s.no_support = [c for c in conducts if s.per_conduct[c].support == 0]
    s.macro_f1 = (sum(s.per_conduct[c].f1 for c in s.macro_over) / len(s.macro_over)) if s.macro_over else 0.0
    s.n_true_positives = tp
    s.coverage_agreement = (sum(cs.cov_agree for cs in s.per_conduct.values()) / tp) if tp else None
    return s
