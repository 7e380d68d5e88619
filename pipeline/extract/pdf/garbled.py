"""Tell a text layer that is not text from a statute.

Why: a PDF whose fonts lack a Unicode map yields glyph codes, not words ("\\x03\\x12\\x0f"
or private-use characters); classifying that finds nothing and the statute would silently
be "not covered". Statutes in any script are mostly letters.

Reads: extracted text. Writes: nothing; raises ``errors.GarbledText``.
"""
from __future__ import annotations

import unicodedata

from pipeline import errors

MIN_CHARS = 200  # below this a short notice may legitimately be mostly numbers
MIN_LETTER_SHARE = 0.45


def letter_share(text: str) -> float:
    """Letters among the visible characters (whitespace excluded)."""
    visible = [c for c in text if not c.isspace()]
    if not visible:
        return 1.0
    return sum(1 for c in visible if unicodedata.category(c).startswith("L")) / len(visible)


def check_text(shown: str, text: str) -> None:
    visible = sum(1 for c in text if not c.isspace())
    if visible >= MIN_CHARS and letter_share(text) < MIN_LETTER_SHARE:
        raise errors.GarbledText(shown, f"only {letter_share(text):.0%} of its {visible} visible characters "
                                        "are letters: the text layer does not decode to words")
