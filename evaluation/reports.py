"""Library parts of ``lexbench evaluate``: LOJO runs of a model on the gold, their reports and Markdown.

Reads: gold rows (``evaluation.gold``), a classifier from the registry. Writes: ``<out>/<model>.json``
and ``.md`` (``save_report``), ``<out>/corrections.json`` and ``.md`` (``save_corrections``).
The CLI (``pipeline/cli/evaluate.py``), ``evaluation.offline_cv``, ``evaluation.corrections`` and
the re-evaluation's gold deltas (``evaluation.gold_deltas``) compose these.
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from pipeline.provenance import git_commit

METRIC_KEYS = ("macro_f1", "micro_f1", "micro_precision", "micro_recall", "coverage_agreement")


def fresh_model(name: str, seed: int = 0):
    """An untrained instance (learned models) or the model itself (rules, fit is a no-op)."""
    from pipeline.classify import is_learned, new_classifier

    return new_classifier(name, seed=seed) if is_learned(name) else new_classifier(name)


def gold_hash(rows) -> str:
    from pipeline.classify.learned.registry import data_hash
    from pipeline.gold import item_from_gold, labels_from_gold

    return data_hash([item_from_gold(g) for g in rows], [labels_from_gold(g) for g in rows])


def evaluate_model(name: str, gold, synthetic, benchmark, seed: int = 0, progress=None, make_model=None,
                   folds: list[str] | None = None, groups: int | None = None) -> dict:
    """LOJO report of model ``name`` (``groups=k``: k stratified folds of whole jurisdictions);
    ``folds``: only these held-out jurisdictions / fold numbers (a partial run)."""
    from evaluation.cv import cross_validate

    cv = cross_validate(make_model or (lambda: fresh_model(name, seed)), gold, synthetic, benchmark,
                        model_name=name, progress=progress, folds=folds, groups=groups)
    return report_from_cv(name, cv, gold, synthetic, benchmark, seed=seed, seconds=round(cv.seconds, 1),
                          groups=groups)


def protocol(groups: int | None) -> str:
    if groups:
        return (f"grouped {groups}-fold by jurisdiction (whole jurisdictions held out, stratified by conduct); "
                "synthetic items only in training folds")
    return "leave-one-jurisdiction-out; synthetic items only in training folds"


def held_out(fold: str) -> list[str]:
    """The jurisdictions a fold held out: ``AD`` (LOJO) or ``g1:AD+AT`` (grouped)."""
    return fold.split(":", 1)[1].split("+") if fold.startswith("g") and ":" in fold else [fold]


def section_by_language(cv) -> dict:
    """Section scores per language group (en / fr / other), as the blind report splits them."""
    from evaluation.blind import LANG_GROUPS, lang_group
    from evaluation.metrics import score
    from pipeline.coverage.matrix import roll_up

    out = {}
    for lg in LANG_GROUPS:
        idx = [i for i, lang in enumerate(cv.langs) if lang_group(lang) == lg]
        if idx:
            g = roll_up([cv.keys[i] for i in idx], [cv.gold[i] for i in idx])
            p = roll_up([cv.keys[i] for i in idx], [cv.pred[i] for i in idx])
            ks = sorted(g)
            out[lg] = score([g[k] for k in ks], [p[k] for k in ks]).to_json()
    return out


class FitOnce:
    """Fold models for several LOJO runs on the same data under different benchmarks: training
    never reads the benchmark, so each fold is fitted once and relabelled (re-evaluation judges
    the gold under the old and the new benchmark; a learned model's fits are the slow part)."""

    def __init__(self, name: str, seed: int = 0):
        self.name, self.seed, self.fitted = name, seed, {}

    def __call__(self) -> "_FoldModel":
        return _FoldModel(self)


class _FoldModel:
    def __init__(self, owner: FitOnce):
        self.owner, self.model = owner, None

    def fit(self, items, labels, *, groups=None):
        from pipeline.classify.learned.registry import data_hash

        key = (data_hash(items, labels), tuple(groups or ()))
        model = self.owner.fitted.get(key)
        if model is None:
            model = fresh_model(self.owner.name, self.owner.seed).fit(items, labels, groups=groups)
            self.owner.fitted[key] = model
        self.model = model
        return self

    def label(self, items, benchmark):
        return self.model.label(items, benchmark)

    @property
    def version(self):
        return getattr(self.model, "version", "?")


def report_from_cv(name: str, cv, gold, synthetic, benchmark, seed: int, seconds: float,
                   groups: int | None = None) -> dict:
    """The saved report of one LOJO run (``evaluation.cv.CVResult``), wherever the fits ran."""
    versions = sorted(set(cv.versions))
    return {
        "model": name,
        "model_versions": versions if len(versions) > 1 else (versions[0] if versions else None),
        "benchmark": {"id": benchmark.id, "version": benchmark.version},
        "git_commit": git_commit(),
        "data_hash": {"gold": gold_hash(gold), "synthetic": gold_hash(synthetic)},
        "timestamp": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "protocol": protocol(groups),
        "n_gold": len(gold), "n_synthetic": len(synthetic),
        "jurisdictions": sorted(j for f in cv.folds for j in held_out(f["jurisdiction"])),
        "seed": seed,
        "seconds": seconds,
        "folds": cv.folds,
        "section": cv.section_scores().to_json(),
        "provision": cv.provision_scores().to_json(),
        "section_by_language": section_by_language(cv) if cv.langs else {},
    }


def corrections_report(name: str, gold, synthetic, benchmark, reviews, seed: int = 0, folds=None,
                       train_exclude=None, progress=None, extra: dict | None = None, make_model=None) -> dict:
    """LOJO before vs after adding ``reviews`` to the training folds; same test labels both times."""
    from evaluation.cv import cross_validate

    make_model = make_model or (lambda: fresh_model(name, seed))
    runs = {}
    for phase, revs in (("before", None), ("after", reviews)):
        if progress:
            progress(f"-- {phase} corrections")
        cv = cross_validate(make_model, gold, synthetic, benchmark, model_name=name,
                            progress=progress, reviews=revs, train_exclude=train_exclude, folds=folds)
        runs[phase] = {"section": cv.section_scores().to_json(), "provision": cv.provision_scores().to_json(),
                       "seconds": round(cv.seconds, 1), "folds": cv.folds}
    delta = {lvl: {k: (None if runs["after"][lvl][k] is None or runs["before"][lvl][k] is None
                       else round(runs["after"][lvl][k] - runs["before"][lvl][k], 4))
                   for k in METRIC_KEYS} for lvl in ("section", "provision")}
    from pipeline.reviewed import reviews_hash

    return {"model": name, "benchmark": {"id": benchmark.id, "version": benchmark.version},
            "git_commit": git_commit(),
            "timestamp": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            "protocol": ("leave-one-jurisdiction-out; test labels are always the gold; reviews only in training "
                         "folds, never those of the held-out jurisdiction or of its test texts"
                         + ("; texts in train_exclude never trained on" if train_exclude else "")),
            "folds_evaluated": folds or "all", "n_gold": len(gold), "n_synthetic": len(synthetic),
            "n_reviews": len(reviews), "reviews_hash": reviews_hash(reviews),
            "data_hash": {"gold": gold_hash(gold), "synthetic": gold_hash(synthetic)}, "seed": seed,
            "before": runs["before"], "after": runs["after"], "delta": delta, **(extra or {})}


def save_corrections(rep: dict, out: Path, stem: str = "corrections") -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{stem}.json").write_text(json.dumps(rep, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (out / f"{stem}.md").write_text(corrections_markdown(rep), encoding="utf-8")


def corrections_markdown(rep: dict) -> str:
    lines = [f"# Gain from review corrections — `{rep['model']}`", "",
             f"- {rep['n_reviews']} reviewed provisions (reviews hash {rep['reviews_hash'][:12]}); "
             f"gold {rep['n_gold']}, synthetic {rep['n_synthetic']}; folds: "
             f"{rep['folds_evaluated'] if isinstance(rep['folds_evaluated'], str) else ', '.join(rep['folds_evaluated'])}",
             f"- protocol: {rep['protocol']}",
             f"- benchmark {rep['benchmark']['id']} {rep['benchmark']['version']}; git {rep['git_commit']}; "
             f"{rep['timestamp']}; CV seconds before {rep['before']['seconds']}, after {rep['after']['seconds']}", ""]
    for k in ("corrections", "notes"):
        if rep.get(k) is not None:
            lines += [f"- {k}: {rep[k]}"]
    lines += ["", "| level | metric | before | after | delta |", "|---|---|---:|---:|---:|"]
    for lvl in ("section", "provision"):
        for k in METRIC_KEYS:
            d = rep["delta"][lvl][k]
            lines.append(f"| {lvl} | {k} | {_f(rep['before'][lvl][k])} | {_f(rep['after'][lvl][k])} | "
                         f"{'–' if d is None else f'{d:+.3f}'} |")
    return "\n".join(lines) + "\n"


def save_report(rep: dict, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{rep['model']}.json").write_text(json.dumps(rep, indent=2, ensure_ascii=False) + "\n",
                                             encoding="utf-8")
    (out / f"{rep['model']}.md").write_text(markdown_report(rep), encoding="utf-8")


def _title(rep: dict) -> str:
    """The protocol's short name (reports from before grouped folds say nothing: LOJO)."""
    p = rep.get("protocol") or ""
    return p.split(" (")[0] if p.startswith("grouped") else "leave-one-jurisdiction-out"


def _f(x) -> str:
    return "–" if x is None else f"{x:.3f}"


def markdown_report(rep: dict) -> str:
    lines = [f"# `{rep['model']}` — {_title(rep)} evaluation", "",
             f"- model version: {rep['model_versions']}",
             f"- benchmark: {rep['benchmark']['id']} {rep['benchmark']['version']}",
             f"- gold: {rep['n_gold']} provisions over {len(rep['jurisdictions'])} jurisdictions "
             f"({', '.join(rep['jurisdictions'])}); synthetic (training only): {rep['n_synthetic']}",
             f"- data hash: gold {rep['data_hash']['gold'][:12]}, synthetic {rep['data_hash']['synthetic'][:12]}",
             f"- git commit: {rep['git_commit']}; run at {rep['timestamp']} ({rep['seconds']} s)",
             f"- protocol: {rep.get('protocol', protocol(None))}", ""]
    by = rep.get("section_by_language") or {}
    if by:
        lines += ["Section macro-F1 by language: " + "; ".join(
            f"{lg} **{_f(s['macro_f1'])}** ({s['n_units']} sections)" for lg, s in by.items()), ""]
    for level in ("section", "provision"):
        s = rep[level]
        lines += [f"## {level.capitalize()} level ({s['n_units']} units)", "",
                  f"micro-F1 **{_f(s['micro_f1'])}** (P {_f(s['micro_precision'])}, R {_f(s['micro_recall'])}); "
                  f"macro-F1 **{_f(s['macro_f1'])}** over {len(s['macro_over'])} conducts with support; "
                  f"coverage agreement on true positives **{_f(s['coverage_agreement'])}** "
                  f"({s['n_true_positives']} TP)",
                  "", f"No support (excluded from macro): {', '.join(s['no_support']) or 'none'}", "",
                  "| conduct | support | P | R | F1 | coverage agreement |", "|---|---:|---:|---:|---:|---:|"]
        for c, cs in s["per_conduct"].items():
            agree = cs["cov_agree"] / cs["tp"] if cs["tp"] else None
            lines.append(f"| {c} | {cs['support']} | {_f(cs['precision'])} | {_f(cs['recall'])} | "
                         f"{_f(cs['f1'])} | {_f(agree)} |")
        lines.append("")
    return "\n".join(lines)


def comparison_markdown(reports: list[dict]) -> str:
    lines = [f"# Conduct models compared ({_title(reports[0])})", "",
             f"Gold: {reports[0]['n_gold']} provisions, {len(reports[0]['jurisdictions'])} jurisdictions; "
             f"benchmark {reports[0]['benchmark']['id']} {reports[0]['benchmark']['version']}; "
             f"git {reports[0]['git_commit']}; {reports[0]['timestamp']}.", "",
             "| model | version | section macro-F1 | en | fr | other | section micro-F1 | section coverage agreement | "
             "provision macro-F1 | provision micro-F1 | provision coverage agreement | CV seconds |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in reports:
        v = r["model_versions"]
        v = f"{len(v)} fold versions" if isinstance(v, list) else v
        s, p = r["section"], r["provision"]
        by = r.get("section_by_language") or {}
        langs = " | ".join(_f(by[lg]["macro_f1"]) if lg in by else "–" for lg in ("en", "fr", "other"))
        lines.append(f"| {r['model']} | {v} | {_f(s['macro_f1'])} | {langs} | {_f(s['micro_f1'])} | "
                     f"{_f(s['coverage_agreement'])} | {_f(p['macro_f1'])} | {_f(p['micro_f1'])} | "
                     f"{_f(p['coverage_agreement'])} | {r['seconds']} |")
    notes = [f"- {r['model']}: {r['note']}" for r in reports if r.get("note")]
    return "\n".join(lines + ([""] + notes if notes else [])) + "\n"

