"""The blind split: statutes of countries set aside before any rule or model change.

Why: leave-one-jurisdiction-out on the visible gold measures memory once the people who wrote
the rules have read every miss there. ``corpora/BLIND.tsv`` (chosen by a salted hash fixed
before the work, ``scripts/corpus/blind_split.py``) lists statutes nobody develops against;
models are trained on everything else and scored on them once.

Reads: gold items (``evaluation.gold``), ``corpora/BLIND.tsv``. Writes: nothing (returns scores).
Also here: the hard-wrap probe (the same provisions folded at 72 columns, as ``fold -s -w 72``
would print them) and the jurisdiction-level coverage matrix agreement.
"""
from __future__ import annotations

import dataclasses
from collections import defaultdict
from pathlib import Path
from typing import Callable, Iterable

from pipeline.coverage.matrix import roll_up
from pipeline.gold import blind_statutes

from .cv import jurisdiction_of, section_key
from .metrics import score

LANG_GROUPS = ("en", "fr", "other")


def blind_files(repo: str | Path) -> set[str]:
    """Statute paths (``corpora/...``) listed in ``corpora/BLIND.tsv`` (one reader: ``pipeline.gold``)."""
    return blind_statutes(repo)


def split_blind(items: Iterable, blind: set[str]) -> tuple[list, list]:
    """(development items, blind items) by statute path."""
    dev, held = [], []
    for it in items:
        (held if getattr(it, "statute", None) in blind else dev).append(it)
    return dev, held


def fold72(text: str, width: int = 72) -> str:
    """Break every line longer than ``width`` at its last space before the limit (``fold -s``)."""
    out = []
    for line in text.split("\n"):
        while len(line) > width:
            cut = line.rfind(" ", 0, width)
            cut = width if cut <= 0 else cut + 1
            out.append(line[:cut])
            line = line[cut:]
        out.append(line)
    return "\n".join(out)


def hard_wrapped(item):
    """The same gold item as a hard-wrapped statute would present it (text and context folded)."""
    return dataclasses.replace(item, text=fold72(item.text), context=fold72(item.context),
                               detail=fold72(item.detail), before=fold72(item.before),
                               after=fold72(item.after))


def lang_group(lang: str | None) -> str:
    return lang if lang in ("en", "fr") else "other"


def coverage_matrix(items: list, labels: list[dict[str, str]]) -> dict[tuple[str, str], str]:
    """(jurisdiction, conduct) -> "full" | "partial": the coverage roll-up over each jurisdiction."""
    by_jurisdiction = roll_up([jurisdiction_of(it) for it in items], labels)
    return {(j, c): cov for j, row in by_jurisdiction.items() for c, cov in row.items()}


def matrix_agreement(items: list, gold: list[dict], pred: list[dict], conducts: Iterable[str]) -> float | None:
    """Share of (jurisdiction, conduct) cells where covered / partial / not covered agree."""
    g, p = coverage_matrix(items, gold), coverage_matrix(items, pred)
    jurisdictions = sorted({jurisdiction_of(it) for it in items})
    cells = [(j, c) for j in jurisdictions for c in conducts]
    if not cells:
        return None
    return sum(g.get(k, "none") == p.get(k, "none") for k in cells) / len(cells)


def score_items(items: list, gold: list[dict], pred: list[dict], rounds: dict[str, str] | None = None) -> dict:
    """Section and provision scores, per language group, per round the statutes' gold was first scored
    (``rounds``: statute path -> round), and the jurisdiction matrix agreement."""
    from pipeline.records import CONDUCT_IDS

    keys = [section_key(it) for it in items]

    def section(idx: list[int]) -> dict:
        g = roll_up([keys[i] for i in idx], [gold[i] for i in idx])
        p = roll_up([keys[i] for i in idx], [pred[i] for i in idx])
        ks = sorted(g)
        return score([g[k] for k in ks], [p[k] for k in ks]).to_json()

    everything = list(range(len(items)))
    by_lang = defaultdict(list)
    for i, it in enumerate(items):
        by_lang[lang_group(getattr(it, "lang", None))].append(i)
    by_round = defaultdict(list)
    for i, it in enumerate(items):
        by_round[(rounds or {}).get(getattr(it, "statute", ""), "")].append(i)
    return {
        "n_provisions": len(items),
        "n_sections": len(set(keys)),
        "jurisdictions": sorted({jurisdiction_of(it) for it in items}),
        "section": section(everything),
        "provision": score(gold, pred).to_json(),
        "section_by_language": {lg: section(by_lang[lg]) for lg in LANG_GROUPS if by_lang.get(lg)},
        "matrix_agreement": matrix_agreement(items, gold, pred, CONDUCT_IDS),
        "section_by_round": {r: {**section(idx), "jurisdictions": sorted({jurisdiction_of(items[i]) for i in idx})}
                             for r, idx in sorted(by_round.items()) if r} if rounds else {},
    }


def evaluate_blind(make_model: Callable[[], object], dev: list, synthetic: list, blind: list, benchmark,
                   *, wrapped: bool = True, rounds: dict[str, str] | None = None) -> dict:
    """Fit once on every development item (and the written sentences), label the blind items."""
    from pipeline.gold import item_from_gold, labels_from_gold

    train = list(dev) + list(synthetic)
    model = make_model()
    fit = getattr(model, "fit", None)
    if fit is not None:
        groups = [jurisdiction_of(g) for g in train]
        try:
            fit([item_from_gold(g) for g in train], [labels_from_gold(g) for g in train], groups=groups)
        except TypeError:
            fit([item_from_gold(g) for g in train], [labels_from_gold(g) for g in train])
    gold = [labels_from_gold(g) for g in blind]
    pred = [{lab.id: lab.coverage for lab in labs}
            for labs in model.label([item_from_gold(g) for g in blind], benchmark)]
    out = score_items(blind, gold, pred, rounds)
    out["model_version"] = str(getattr(model, "version", "?"))
    if wrapped:
        folded = [hard_wrapped(g) for g in blind]
        wpred = [{lab.id: lab.coverage for lab in labs}
                 for labs in model.label([item_from_gold(g) for g in folded], benchmark)]
        out["hard_wrapped"] = score_items(blind, gold, wpred)
    return out


def blind_report(name: str, rep: dict, benchmark) -> dict:
    """One model's blind result with its provenance."""
    import datetime as dt

    from pipeline.provenance import git_commit

    return {"model": name, "benchmark": {"id": benchmark.id, "version": benchmark.version},
            "git_commit": git_commit(), "timestamp": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            "protocol": "fit once on every development item (+ written sentences), scored once on corpora/BLIND.tsv",
            **rep}


def _f(x) -> str:
    return "–" if x is None else f"{x:.3f}"


def _lang(by: dict, lang: str) -> str:
    """A language's macro-F1, or why there is none (no section of it, or no positive gold in it)."""
    s = by.get(lang)
    if not s:
        return "–"
    return _f(s["macro_f1"]) if s["macro_over"] else f"n/a ({s['n_units']} sections, no positive)"


def _round_table(rows: list[dict]) -> list[str]:
    """Blind section macro-F1 per round the statutes' gold was first scored (each round unseen by
    the classifier until then)."""
    rounds = sorted({k for r in rows for k in r.get("section_by_round", {})})
    if len(rounds) < 2:
        return []
    first = rows[0]["section_by_round"]
    out = ["", "## By round the statutes' gold was first scored (BLIND.tsv `labelled`)", "",
           "| model | " + " | ".join(f"{k} ({len(first[k]['jurisdictions'])} jurisdictions, {first[k]['n_units']} "
                                    f"sections)" for k in rounds) + " |",
           "|---|" + "---:|" * len(rounds)]
    for r in rows:
        by = r.get("section_by_round", {})
        out.append(f"| {r['model']} | " + " | ".join(_f((by.get(k) or {}).get("macro_f1")) for k in rounds) + " |")
    return out


def blind_markdown(rows: list[dict], lojo: dict[str, dict]) -> str:
    """LOJO (development gold) and blind side by side, the keyword floor among the rows."""
    r0 = rows[0]
    lines = ["# Blind split vs leave-one-jurisdiction-out", "",
             f"Blind: {r0['n_provisions']} provisions, {r0['n_sections']} sections, "
             f"{len(r0['jurisdictions'])} jurisdictions ({', '.join(r0['jurisdictions'])}); benchmark "
             f"{r0['benchmark']['id']} {r0['benchmark']['version']}; git {r0['git_commit']}; {r0['timestamp']}.",
             "A gap (LOJO - blind) over 0.05 says the model learned files, not law.", "",
             "| model | LOJO section macro-F1 | blind section macro-F1 | gap | blind en | blind fr | blind other | "
             "blind coverage agreement | blind matrix agreement | hard-wrapped blind macro-F1 |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        lo = (lojo.get(r["model"]) or {}).get("section", {}).get("macro_f1")
        bl = r["section"]["macro_f1"]
        by = r.get("section_by_language", {})
        wrapped = (r.get("hard_wrapped") or {}).get("section", {}).get("macro_f1")
        lines.append(f"| {r['model']} | {_f(lo)} | {_f(bl)} | {_f(None if lo is None else lo - bl)} | "
                     f"{_lang(by, 'en')} | {_lang(by, 'fr')} | {_lang(by, 'other')} | "
                     f"{_f(r['section']['coverage_agreement'])} | "
                     f"{_f(r['matrix_agreement'])} | {_f(wrapped)} |")
    lines += _round_table(rows)
    for r in rows:
        lines += ["", f"## {r['model']}: blind section level, per conduct", "",
                  "| conduct | support | P | R | F1 |", "|---|---:|---:|---:|---:|"]
        for c, cs in r["section"]["per_conduct"].items():
            lines.append(f"| {c} | {cs['support']} | {_f(cs['precision'])} | {_f(cs['recall'])} | {_f(cs['f1'])} |")
    return "\n".join(lines) + "\n"
