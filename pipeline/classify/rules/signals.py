"""Signals: the rules' intermediate findings per provision, for a learned model to weigh.

Reads: an ``Analysis``. Gives: ``signals(an)`` -> a row of ``len(CONDUCT_IDS) * len(CONDUCT_SIGNALS)
+ len(GLOBAL_SIGNALS)`` floats (the hybrid model's extra features).
"""
from __future__ import annotations

import numpy as np

from pipeline.classify.analysis import Analysis
from pipeline.classify.rules.hits import find_hits
from pipeline.records import CONDUCT_IDS

GLOBAL_SIGNALS = ("offence_marker", "excluded_all", "excluded_share", "material_text", "material_context",
                  "material_detail", "child_text", "sexual_text", "purpose", "negation")
CONDUCT_SIGNALS = ("rule_hit", "act_text", "act_text_with_object", "act_context_object_text")


def signals(an: Analysis, found: set[str] | None = None) -> np.ndarray:
    """What the rules saw, before their hard AND: per conduct, whether they fired, whether its
    act cue is in the provision's own text (alone, or with an object anywhere in the provision,
    its chapeau or its completing text) and whether a chapeau act governs an object here; then
    provision-wide findings. A model trained on these across countries can learn which
    missing condition (often an offence marker in a language the lexicon lacks) still means
    an offence."""
    excluded, all_out = an.excluded_tokens()
    materials = an.material_spans()
    children = an.get("g:child")
    sexual = an.get("g:sexual")
    in_text = an.in_text
    detail_material = "g:material_strong" in an.detail_groups or {"g:child", "g:sexual"} <= an.detail_groups
    objects = {
        "material": (any(in_text[m.start] for m in materials), any(not in_text[m.start] for m in materials),
                     detail_material),
        "child": (any(in_text[m.start] for m in children), any(not in_text[m.start] for m in children),
                  "g:child" in an.detail_groups),
    }
    objects["child_or_material"] = tuple(a or b for a, b in zip(objects["material"], objects["child"]))
    objects["child_or_sexual"] = tuple(a or b for a, b in zip(objects["child"], (
        any(in_text[m.start] for m in sexual), any(not in_text[m.start] for m in sexual), "g:sexual" in an.detail_groups)))
    objects["none"] = (True, True, True)
    hits = found if found is not None else {h.conduct for h in find_hits(an)}
    out = []
    for cid in CONDUCT_IDS:
        acts = an.get(f"c:{cid}")
        act_text = any(in_text[m.start] and m.start not in excluded for m in acts)
        act_ctx = any(not in_text[m.start] for m in acts)
        obj = objects.get(an.conduct_objects.get(cid, "none"), (False, False, False))
        out += [cid in hits, act_text, act_text and any(obj), act_ctx and obj[0]]
    n_text = sum(in_text) or 1
    out += [an.has_offence_marker(), all_out, sum(1 for i in excluded if in_text[i]) / n_text,
            objects["material"][0], objects["material"][1], objects["material"][2],
            objects["child"][0], any(in_text[m.start] for m in sexual),
            any(in_text[m.start] for m in an.get("g:purpose")), any(in_text[m.start] for m in an.get("g:negation"))]
    return np.asarray(out, dtype=float)
