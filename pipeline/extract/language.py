"""Language identification by function-word frequency.

Statutes are long and formulaic, so counting a few dozen function words per language
is reliable and needs no model download. Greek and Cyrillic are recognised by script.
"""
from __future__ import annotations

import re
from collections import Counter

_STOPWORDS: dict[str, set[str]] = {
    "en": set("the of and to in or a is any by shall be for that person who which with as an".split()),
    "fr": set("le la les de des du et ou un une est par pour qui dans en au aux sur ne pas d l qu quiconque".split()),
    "de": set("der die das und oder ein eine ist von mit zu den dem des wer wird nicht auf".split()),
    "nl": set("de het een en of van is die dat voor met te wordt niet op door zijn".split()),
    "it": set("il lo la gli le di e o un una che per con chiunque del della è non".split()),
    "es": set("el la los las de y o un una que por para con del se es no".split()),
    "pt": set("o a os as de e ou um uma que por para com do da não é".split()),
    "cs": set("a v se na je že o z do k s nebo který která které pro".split()),
}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def detect_language(text: str, default: str = "und") -> str:
    sample = text[:20000]
    letters = [ch for ch in sample if ch.isalpha()]
    if not letters:
        return default
    greek = sum(1 for ch in letters if "\u0370" <= ch <= "\u03ff" or "\u1f00" <= ch <= "\u1fff")
    if greek / len(letters) > 0.3:
        return "el"
    cyr = sum(1 for ch in letters if "\u0400" <= ch <= "\u04ff")
    if cyr / len(letters) > 0.3:
        return "ru"
    words = Counter(w.lower() for w in _WORD.findall(sample))
    scores = {lang: sum(words[w] for w in sw) for lang, sw in _STOPWORDS.items()}
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    (lang, best), (_, second) = ranked[0], ranked[1]
    return lang if best >= 2 and best > second else default
