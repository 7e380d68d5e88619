"""Rule classifier: cues from the benchmark files, with legal-context handling.

Reads: ``ClassifyItem``s and a benchmark. Writes: ``ConductLabel``s (score: the calibrated
probability that the conduct is in the gold, ``calibration.py``; coverage and evidence from ``judge``).
``hits.py`` finds the (act, object) pairings, ``signals.py`` exposes what the rules saw.

"""
from __future__ import annotations

import numpy as np

from pipeline.benchmarks import Benchmark, load_benchmark
from pipeline.classify.analysis import Analysis
from pipeline.classify.inputs import ClassifyItem
from pipeline.classify.judge import judge_analysis
from pipeline.classify.rules.borrowed import acts_by_reference
from pipeline.classify.rules.calibration import UNCALIBRATED, hit_features, load_calibration
from pipeline.classify.rules.hits import Hit, find_hits
from pipeline.classify.rules.signals import CONDUCT_SIGNALS, GLOBAL_SIGNALS, signals
from pipeline.classify.unwrap import source_offsets, unwrap, unwrap_with_offsets
from pipeline.records import CONDUCT_IDS, ConductLabel, Evidence

__all__ = ["RulesClassifier"]


def analyse(item: ClassifyItem, bench: Benchmark) -> Analysis:
    """The rules' view of one provision, with everything ``inputs.classify_items`` gave it, its
    hard line-wraps undone (``unwrap`` keeps every offset, so evidence spans stay the source's)."""
    text, src = unwrap_with_offsets(item.text)
    an = Analysis(text, bench, context=unwrap(item.context), lang=item.lang,
                  detail=unwrap(item.detail), before=unwrap(item.before), glossary=item.glossary,
                  after=unwrap(item.after), references=unwrap(getattr(item, "references", "") or ""))
    an.source_text, an.source_map, an.lang = item.text, src, item.lang
    an.later_versions = getattr(item, "later_versions", "") or ""
    return an


class RulesClassifier:
    """The rules behind the ``ConductClassifier`` interface; ``benchmark`` is the one whose cues
    they read (``label`` may judge coverage against another)."""

    name = "rules"
    base_version = "1.9.0"  # 1.9.0: acts by reference ("does any act mentioned in section 123(1)": the acts listed there; classify/rules/borrowed.py); 1.8.0: a conduct's required element and blockers (lexicon conducts.*.requires / blocked_by: grooming needs a sexual purpose, extortion a demand) and extortion named as the purpose of another act; 1.7.0: verbs defined by their infinitives ('"Promote", to manufacture, sell ...') widen; 1.6.0: an article printed again later in the statute (successive versions) is superseded (inputs.later_versions); 1.5.0: offences by reference resolved in the statute (inputs.references, hits._by_reference); 1.4.0: a superseded version carries no conduct (Analysis.superseded); 1.1.0: hard line-wraps undone (classify/unwrap.py); 1.2.0: a child defined below 18 (definitions.py); 1.3.0: defined verbs widen (definitions.defined_verbs)
    learned = False

    def __init__(self, benchmark: str | Benchmark = "default"):
        self.benchmark = load_benchmark(benchmark) if isinstance(benchmark, str) else benchmark
        # the lexicon is part of the model: a cue change must invalidate cached outputs
        cal = load_calibration()  # the scores are part of the output: a refit must invalidate cached outputs too
        self.version = f"{self.base_version}+lex{self.benchmark.lexicon_version}" + (f"+cal{cal.version}" if cal else "")

    def get_params(self) -> dict:
        return {"benchmark": self.benchmark}

    def fit(self, items, labels, *, groups=None) -> "RulesClassifier":
        """Rules are not trained: nothing to learn, kept for the common interface."""
        return self

    def _hits(self, item: ClassifyItem, bench: Benchmark) -> tuple[Analysis, dict[str, list[Hit]]]:
        an = analyse(item, bench)
        by: dict[str, list[Hit]] = {}
        for h in find_hits(an):
            by.setdefault(h.conduct, []).append(h)
        if not by:  # "every person who does any act mentioned in section 123(1)": the acts listed there
            borrowed = acts_by_reference(item, an, bench, analyse)
            if borrowed is not None:
                borrowed.analysis.borrowed = (borrowed.span, item.text)
                return borrowed.analysis, borrowed.hits
        return an, by

    def predict_proba(self, items):
        out = np.zeros((len(items), len(CONDUCT_IDS)))
        for r, item in enumerate(items):
            an, by = self._hits(item, self.benchmark)
            for cid, hits in by.items():
                out[r, CONDUCT_IDS.index(cid)] = _score(an, hits, len(by))
        return out

    def signals(self, items: list[ClassifyItem]) -> np.ndarray:
        """``signals`` of each item (see the module function), one row per item."""
        width = len(CONDUCT_IDS) * len(CONDUCT_SIGNALS) + len(GLOBAL_SIGNALS)
        rows = [signals(analyse(it, self.benchmark)) for it in items]
        return np.vstack(rows) if rows else np.zeros((0, width))

    def read(self, items: list[ClassifyItem]) -> tuple[list[list[ConductLabel]], np.ndarray, np.ndarray]:
        """Labels, scores and ``signals`` of each item from one analysis per item: a model
        stacked on the rules needs all three, and the analysis is the rules' whole cost."""
        width = len(CONDUCT_IDS) * len(CONDUCT_SIGNALS) + len(GLOBAL_SIGNALS)
        labels, scores, rows = [], np.zeros((len(items), len(CONDUCT_IDS))), []
        for r, item in enumerate(items):
            an, by = self._hits(item, self.benchmark)
            labels.append(self._labels(an, by, self.benchmark))
            for cid, hits in by.items():
                scores[r, CONDUCT_IDS.index(cid)] = _score(an, hits, len(by))
            rows.append(signals(an, set(by)))
        return labels, scores, (np.vstack(rows) if rows else np.zeros((0, width)))

    def calibration_rows(self, items: list[ClassifyItem]) -> list[dict[str, dict[str, float]]]:
        """Per item, conduct -> the calibration's feature row of each conduct the rules find
        (``evaluation.calibration`` fits the calibration on these)."""
        out = []
        for item in items:
            an, by = self._hits(item, self.benchmark)
            out.append({cid: hit_features(an, hits, len(by), item.lang) for cid, hits in by.items()
                        if cid in self.benchmark.conduct_ids})
        return out

    def explain(self, item: ClassifyItem, conduct: str) -> Evidence | None:
        labels = self.label([item], self.benchmark)[0]
        return next((lab.evidence for lab in labels if lab.id == conduct), None)

    def label(self, items, benchmark=None) -> list[list[ConductLabel]]:
        bench = benchmark or self.benchmark
        if isinstance(bench, str):
            bench = load_benchmark(bench)
        return [self._labels(*self._hits(item, bench), bench) for item in items]

    @staticmethod
    def _labels(an: Analysis, by: dict[str, list[Hit]], bench: Benchmark) -> list[ConductLabel]:
        labels = []
        for cid in bench.conduct_ids:
            if cid not in by:
                continue
            j = _best_reading(an, cid, by[cid])
            ev = j.evidence
            if ev is not None and getattr(an, "source_map", None) is not None:  # back to the source's offsets
                s, e = source_offsets(ev.start, ev.end, an.source_map)
                ev = Evidence(s, e, an.source_text[s:e])
            because = j.because
            if getattr(an, "borrowed", None) is not None:  # acts by reference: the evidence is the reference
                (s, e), own = an.borrowed
                ev = Evidence(s, e, own[s:e])
                because = "; ".join(b for b in (j.because, "acts by reference") if b) if j.coverage == "partial" else None
            labels.append(ConductLabel(id=cid, score=round(_score(an, by[cid], len(by)), 3), coverage=j.coverage,
                                       evidence=ev, because=because))
        return labels


def _best_reading(an: Analysis, cid: str, hits: list[Hit]):
    """The best reading wins: any full limb makes the provision cover the conduct fully; among
    equals the earliest. Hits are judged in anchor order and the first full one ends the search
    (a long provision can have thousands of limbs)."""
    first = None
    for h in sorted(hits, key=lambda h: h.anchor[0]):
        j = judge_analysis(an, cid, h.anchor)
        if j.coverage == "full":
            return j
        first = first or j
    return first


def _score(an: Analysis, hits: list[Hit], n_conducts: int) -> float:
    """The calibrated probability that the conduct is in the gold (``calibration.py``); without a
    calibration file, the raw rule score (0.9 with an offence marker in the provision's own text)."""
    cal = load_calibration()
    if cal is not None:
        return cal.probability(hit_features(an, hits, n_conducts, getattr(an, "lang", None)))
    own_marker = any(an.in_text[m.start] for k in ("g:offence", "g:actor") for m in an.get(k))
    return UNCALIBRATED[0] if own_marker else UNCALIBRATED[1]
