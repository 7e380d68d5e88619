"""What a statute's own definitions do to an offence: a "child" defined below 18 narrows it.

Why: "'child' means a person under the age of 16 years" in the definitions section makes every
offence that protects a "child" partial under a benchmark whose child is anyone under 18, though
the offence itself names no age (seen failing on unseen statutes: only an age written in the
offence counted).

Reads: the statute's glossary (``ClassifyItem.glossary``, one definition per line) and the
provision's words. Writes: nothing; ``defined_child_age`` returns the defined age or None.
"""
from __future__ import annotations

import re

_NUMBER_WORDS = {"twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
                 "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16, "doce": 12, "trece": 13,
                 "catorce": 14, "quince": 15, "dieciséis": 16, "dieciseis": 16, "diecisiete": 17, "doze": 12,
                 "treze": 13, "catorze": 14, "quatorze ": 14, "dezesseis": 16, "dezasseis": 16, "dezessete": 17,
                 "vierzehn": 14, "sechzehn": 16, "siebzehn": 17}
_TERM = (r"child|children|minor|juvenile|young person|enfant|mineur|menor|niño|niña|criança|adolescente|kind")
_DEFINES = r"means|includes|désigne|signifie|s'entend|se entiende|significa|designa|bedeutet|ist"
_AGE = (r"(?:under|below|less than|younger than|not (?:yet )?(?:attained|reached)|moins de|menor(?:es)? de|"
        r"de menos de|menos de|unter|noch nicht)\s+(?:the age of\s+|l'âge de\s+|la edad de\s+|a idade de\s+)?"
        r"(\d{1,2}|" + "|".join(_NUMBER_WORDS) + r")")
_DEFINITION = re.compile(r"^\W*(" + _TERM + r")\W*\s*(?:" + _DEFINES + r")\b(.{0,160}?)" + _AGE,
                         re.IGNORECASE | re.MULTILINE)


def defined_child_age(glossary: str) -> int | None:
    """The age a statute defines its child / minor by, when below 18; None otherwise."""
    for m in _DEFINITION.finditer(glossary or ""):
        raw = m.group(3).lower()
        age = int(raw) if raw.isdigit() else _NUMBER_WORDS.get(raw)
        if age is not None and age < 18:
            return age
    return None


# a quoted term, a comma and "to": the definition of a verb by the acts it includes
_QUOTED_TO = re.compile(r"^\W{0,3}(?:\(?\w{1,4}[.)]\s*)?[\"“”‘’«„]([^\"“”‘’«»„]{4,30})[\"“”‘’»]\s*,?\s*to\b")
_ACT_KEYS = ("c:csam_distribution", "c:csam_transmission", "c:csam_offering", "c:csam_making_available",
             "c:csam_production", "c:csam_procuring", "c:csam_possession", "c:csam_access")


def defined_verbs(lm, glossary: str) -> dict[str, frozenset[str]]:
    """Verbs the statute defines to include other acts: {stem: conduct cue keys the definition adds}.

    Why: "'publish' includes distribute, transmit and offer" makes every "publishes" of the
    statute a distribution, a transmission and an offer (defined terms widen). A head counts when
    it is one word; its stem (the head less a final e/es/s/ing/ed) matches each inflection."""
    verbs: dict[str, frozenset[str]] = {}
    for block in (glossary or "").split("\n"):
        found = lm.line_matches(block)
        starts = [cs for key, cs, _ in found if key == "g:defines"]
        infinitive = _QUOTED_TO.match(block)  # '"Promote", to manufacture, issue, sell ...' (no "means")
        if not starts and not infinitive:
            continue
        verb = infinitive.end(1) + 1 if infinitive else min(starts)
        head = (infinitive.group(1) if infinitive else block[:verb]).strip(" \t,:;.\"“”‘’«»„'()0-9").lower()
        head = re.sub(r"\s*(?:shall|is|are)$", "", head).strip(" \"“”‘’«»„'")
        if not re.fullmatch(r"[^\W\d_]{4,}", head):
            continue
        own = {key for key, cs, _ in found if cs < verb}
        acts = frozenset(key for key, cs, _ in found if cs > verb and key in _ACT_KEYS and key not in own)
        if acts:
            verbs[re.sub(r"(?:ing|ed|es|e|s)$", "", head) or head] = acts
    return verbs
