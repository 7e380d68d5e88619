"""Calibrated rule scores: the probability that a conduct the rules found is in the gold.

Reads: ``models/benchmarks/_rules_calibration.yaml`` (a logistic, Platt-style calibration fitted by
``evaluation.calibration`` on the rules' leave-one-jurisdiction-out predictions over the
development gold) and what the rules saw for one conduct of one provision. Gives:
``load_calibration()`` -> ``Calibration`` (``version``, ``probability(features)``) and
``hit_features(...)`` -> the feature row that calibration reads.

WHY: the rules' raw score was 0.9 or 0.8 for every label, so "most uncertain first" in review
ordered nothing. The features are what makes one rule hit more or less reliable than another on
development statutes: which conduct, whether the act and its object are in the provision's own
text or only in its chapeau, how far apart, how many hits, how long the provision, how many
other conducts fired, the language group.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from pipeline.records import CONDUCT_IDS
from pipeline.resources import BENCHMARK_DIR, load_yaml

CALIBRATION_FILE = BENCHMARK_DIR / "_rules_calibration.yaml"
LANG_GROUPS = ("en", "fr", "other")
NUMERIC = ("own_marker", "act_in_text", "object_in_text", "log_distance", "log_hits", "log_tokens",
           "log_other_conducts")
FEATURES = NUMERIC + tuple(f"conduct={c}" for c in CONDUCT_IDS) + tuple(f"lang={g}" for g in LANG_GROUPS)
UNCALIBRATED = (0.9, 0.8)  # the raw score (offence marker in the provision's own text or not)


def hit_features(an, hits, n_conducts: int, lang: str | None) -> dict[str, float]:
    """The calibration's feature row for one conduct's ``hits`` (``rules.hits.Hit``) in ``an``."""
    own_marker = any(an.in_text[m.start] for k in ("g:offence", "g:actor") for m in an.get(k))
    with_obj = [h for h in hits if h.obj is not None and h.obj is not h.act]
    dist = min((max(h.obj.start - h.act.end, h.act.start - h.obj.end, 0) for h in with_obj), default=0)
    lang = (lang or "").split("-")[0].lower()
    row = {
        "own_marker": float(own_marker),
        "act_in_text": float(any(an.in_text[h.act.start] for h in hits)),
        "object_in_text": float(any(an.in_text[h.obj.start] for h in with_obj)) if with_obj else 1.0,
        "log_distance": math.log1p(dist),
        "log_hits": math.log1p(len(hits)),
        "log_tokens": math.log1p(sum(an.in_text)),
        "log_other_conducts": math.log1p(max(n_conducts - 1, 0)),
        f"conduct={hits[0].conduct}": 1.0,
        f"lang={lang if lang in ('en', 'fr') else 'other'}": 1.0,
    }
    return row


@dataclass(frozen=True)
class Calibration:
    version: str
    weights: dict[str, float]
    intercept: float
    fitted_for: str = ""  # the rules version whose predictions it was fitted on

    def probability(self, row: dict[str, float]) -> float:
        z = self.intercept + sum(self.weights.get(k, 0.0) * v for k, v in row.items())
        return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))


@lru_cache(maxsize=1)
def load_calibration() -> Calibration | None:
    """The shipped calibration, or None where the file is absent (scores stay 0.9 / 0.8)."""
    if not CALIBRATION_FILE.is_file():
        return None
    raw = load_yaml(CALIBRATION_FILE)
    unknown = set(raw["weights"]) - set(FEATURES)
    if unknown:
        raise ValueError(f"{CALIBRATION_FILE}: unknown features {sorted(unknown)}")
    return Calibration(version=str(raw["version"]), weights={k: float(v) for k, v in raw["weights"].items()},
                       intercept=float(raw["intercept"]), fitted_for=str(raw.get("fitted_for", "")))
