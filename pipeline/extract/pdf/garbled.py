"""Tell a text layer that is not text from a statute.

Why: a PDF whose fonts lack a Unicode map yields glyph codes, not words ("\\x03\\x12\\x0f"
or private-use characters); classifying that finds nothing and the statute would silently
be "not covered". Statutes in any script are mostly letters.

Reads: extracted text. Writes: nothing; raises ``errors.GarbledText``.
"""
from __future__ import annotations

import re

from pipeline import errors

MIN_CHARS = 200  # below this a short notice may legitimately be mostly numbers
MIN_LETTER_SHARE = 0.45


_SPACE = re.compile(r"\s")  # the characters str.isspace() accepts


def _counts(text: str) -> tuple[int, int]:
    """(visible characters, letters): ``str.isalpha`` is exactly the Unicode categories L*,
    and whitespace is never a letter; both counted in C, not per character in Python."""
    return len(text) - len(_SPACE.findall(text)), sum(map(str.isalpha, text))


def letter_share(text: str) -> float:
    """Letters among the visible characters (whitespace excluded)."""
    visible, letters = _counts(text)
    return letters / visible if visible else 1.0


def check_text(shown: str, text: str) -> None:
    visible, letters = _counts(text)
    share = letters / visible if visible else 1.0
    if visible >= MIN_CHARS and share < MIN_LETTER_SHARE:
        raise errors.GarbledText(shown, f"only {share:.0%} of its {visible} visible characters "
                                        "are letters: the text layer does not decode to words")
