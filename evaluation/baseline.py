"""The naive floor: one keyword regex per conduct, no context, no coverage judgement.

Why: a model that does not clearly beat a keyword list on statutes it has never read has
learned files, not law. Every evaluation table prints this row beside the models.
Reads a provision's own text (and its heading); labels every match ``full``.
The regexes are deliberately naive (one alternation per conduct, several languages) and
must not be tuned on any evaluation set.
"""
from __future__ import annotations

import re

from pipeline.records import ConductLabel, Evidence

NAME = "keywords"
VERSION = "naive-1"

_CHILD_MATERIAL = (r"(child|minor|juvenile|enfant|mineur|pédo|pedo|niñ|menor|infantil|criança|adolescente"
                   r"|kind|minderjährig|jugendpornograph|minori|minderjarig|kinderporno)")

PATTERNS: dict[str, str] = {
    "csam_production": r"\b(produc|manufactur|creat|make|makes|made|film|photograph|fabrique|réalis|elabor"
                       r"|herstell|produz|produzi|vervaardig)",
    "csam_offering": r"\b(offer|advertis|offr|ofrec|ofert|anbiet|angebot|offri|aanbied)",
    "csam_making_available": r"\b(make[s]? available|making available|made available|publish|display"
                             r"|mise à disposition|met à disposition|rend accessible|poner a disposición"
                             r"|disponibiliz|zugänglich|rende disponibil|beschikbaar)",
    "csam_distribution": r"\b(distribut|disseminat|circulat|sell|sale|diffus|distribu|vend|verbreit"
                         r"|divulg|verspreid)",
    "csam_transmission": r"\b(transmi|send|sends|sent|envo|übermittel|übertr|trasmett|verzend|overdra)",
    "csam_procuring": r"\b(procur|obtain|acqui|download|se procur|procurar|obtener|adquiri|verschaff"
                      r"|procura|verwerv|aanschaf)",
    "csam_possession": r"\b(possess|possession|détien|détention|poseí|posesi|posse|besitz|besitzt|possied"
                       r"|bezit|in bezit)",
    "csam_access": r"\b(access|view|consult|accède|accéd|acced|acess|abruf|zugriff|accesso|toegang)",
    "grooming": r"\b(groom|solicit|lur|entic|propos|sollicit|embauc|propon|contact|aliciar|aliciamento"
                r"|adescamento|adesca|kontakt)",
    "live_streaming": r"\b(live|real[- ]time|stream|en direct|en vivo|ao vivo|tiempo real|tempo real"
                      r"|direttamente|in diretta|live-übertrag|livestream)",
    "sexual_extortion": r"\b(extort|threat|coerc|blackmail|chantage|menace|extorsi|amenaz|ameaç|erpress"
                        r"|estorsi|minacc|afpers)",
}
_COMPILED = {cid: re.compile(p, re.I) for cid, p in PATTERNS.items()}
_CHILD = re.compile(_CHILD_MATERIAL, re.I)


class KeywordBaseline:
    """A conduct is present when its keyword and a child keyword both occur in the provision."""

    name = NAME
    version = VERSION

    def fit(self, items, labels, groups=None) -> "KeywordBaseline":
        return self

    def label(self, items, benchmark=None) -> list[list[ConductLabel]]:
        return [self._label_one(it) for it in items]

    def _label_one(self, item) -> list[ConductLabel]:
        text = item.text
        context = " ".join(filter(None, [getattr(item, "heading", None) or "", getattr(item, "context", "") or "", text]))
        if not _CHILD.search(context):
            return []
        out = []
        for cid, rx in _COMPILED.items():
            m = rx.search(text)
            if m:
                ev = Evidence(start=m.start(), end=m.end(), text=m.group(0))
                out.append(ConductLabel(id=cid, score=1.0, coverage="full", because=None, evidence=ev))
        return out
