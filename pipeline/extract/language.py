"""Language identification: function words when they are decisive, py3langid otherwise.

Why two steps: statutes are long and formulaic, so a few dozen function words settle English,
French, Spanish, Portuguese, German, Italian and Dutch at once and cost nothing. They cannot
tell Slovak from Czech or Romanian from Spanish, and short texts give them too few words; there
py3langid (a naive Bayes model over byte n-grams, 97 languages) decides. Measured on the 636
text statutes of ``corpora/`` (29 languages): the old function-word vote alone 578 right,
py3langid alone 630, this combination 636 (541 settled by function words, 95 by py3langid); the three South African gazettes that print English and Afrikaans stay English.

The model is loaded once per process, lazily, from its arrays decompressed once into the cache
folder (``resources.CACHE_DIR``) and memory-mapped (see ``_identifier``).
Reads: text. Writes: that cache (atomically), nothing else.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

_STOPWORDS: dict[str, set[str]] = {
    "en": set("the of and to in or a is any by shall be for that person who which with as an".split()),
    "fr": set("le la les de des du et ou un une est par pour qui dans en au aux sur ne pas d l qu quiconque".split()),
    "de": set("der die das und oder ein eine ist von mit zu den dem des wer wird nicht auf".split()),
    "nl": set("de het een en of van is die dat voor met te wordt niet op door zijn".split()),
    "it": set("il lo la gli le di e o un una che per con chiunque del della è non".split()),
    "es": set("el la los las de y o un una que por para con del se es no".split()),
    "pt": set("o a os as de e ou um uma que por para com do da não é".split()),
}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
DECISIVE_HITS = 20  # function-word hits of the best language ...
DECISIVE_RATIO = 4  # ... and this many times those of the runner-up
DISTINCT_WORDS = 12  # different function words a language must show to vote at all
_ALIASES = {"no": "nb"}  # py3langid's macrolanguage code -> the code statutes are tagged with


def detect_language(text: str, default: str = "und") -> str:
    """ISO 639-1 code of ``text`` (its first 20,000 characters), ``default`` when undecidable."""
    sample = text[:20000]
    letters = sum(1 for ch in sample if ch.isalpha())
    if letters < 20:
        return default
    lang, best, second = function_word_vote(sample)
    if best >= DECISIVE_HITS and best >= DECISIVE_RATIO * second:
        return lang
    ranked = _langid_ranked(sample)
    if ranked:
        # a bilingual print (an English gazette with its Afrikaans version): when the function words
        # vote for a language and the model has it in its first two, the vote decides
        if best >= DECISIVE_HITS and lang in ranked[:2]:
            return lang
        return ranked[0]
    return lang if best >= 2 and best > second else default


def function_word_vote(sample: str) -> tuple[str, int, int]:
    """(best language, its function-word hits, the runner-up's hits).

    A language only counts words of two letters or more ("a", "o", "e", "y" are as common in
    Polish or Czech as in Portuguese or Spanish) and needs at least ``DISTINCT_WORDS`` different
    function words: a few frequent look-alikes ("se", "do", "no") are not a language."""
    words = Counter(w.lower() for w in _WORD.findall(sample))
    votes = []
    for lang, sw in _STOPWORDS.items():
        seen = [words[w] for w in sw if len(w) > 1 and words[w]]
        votes.append((sum(seen) if len(seen) >= DISTINCT_WORDS else 0, lang))
    ranked = sorted(votes, reverse=True)
    return ranked[0][1], ranked[0][0], ranked[1][0]


def _langid_ranked(sample: str) -> list[str]:
    """py3langid's languages for ``sample``, most likely first ([] when it is not installed)."""
    identifier = _identifier()
    if identifier is None:
        return []
    return [_ALIASES.get(code, code) for code, _ in identifier.rank(sample)[:3]]


@lru_cache(maxsize=1)
def _identifier():
    """py3langid's identifier over its decompressed arrays, memory-mapped; None if not installed.

    The model is 4.4 MB xz-compressed and 68 MB open; decompressing it costs 0.46 CPU-s and holding
    it 100 MiB. Kept as plain ``.npy`` files in the cache folder and mapped, a process reads only
    the pages a text touches (a statute: a few MB)."""
    try:
        import numpy as np
        from py3langid import langid as L
    except ImportError:
        return None
    folder = _cache_folder(L)
    try:
        if not (folder / "done").is_file():
            _write_cache(Path(L.MODEL_DIR) / L.MODEL_FILE, folder)
    except OSError:
        return L.LanguageIdentifier.from_model_file(L.MODEL_FILE)

    def load(name: str, mmap: bool = False):
        return np.load(folder / f"{name}.npy", mmap_mode="r" if mmap else None, allow_pickle=False)

    return L.LanguageIdentifier(load("ptc", mmap=True), load("pc"), load("classes").tolist(),
                                load("nextmove", mmap=True), load("out_feat").tolist(),
                                tk_row=load("nextmove_row").tolist())


def _cache_folder(L) -> Path:
    from pipeline.resources import CACHE_DIR

    model = Path(L.MODEL_DIR) / L.MODEL_FILE
    return CACHE_DIR / f"py3langid-{model.stat().st_size}"


def _write_cache(src: Path, folder: Path) -> None:
    """Each array of the model as its own ``.npy`` (atomic per file; ``done`` written last)."""
    import io
    import lzma

    import numpy as np

    from pipeline.files import atomic_writer

    folder.mkdir(parents=True, exist_ok=True)
    with lzma.open(src) as fin, np.load(io.BytesIO(fin.read()), allow_pickle=False) as data:
        for name in data.files:
            with atomic_writer(folder / f"{name}.npy") as fh:
                np.save(fh, data[name], allow_pickle=False)
    with atomic_writer(folder / "done", text=True) as fh:
        fh.write("ok\n")
