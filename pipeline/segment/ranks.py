"""Container ranks as the document itself orders them.

WHY: traditions order the same container words differently. patterns.yaml ranks Title above
Division (Spanish "Título" holds "Capítulo" and "Sección"), but the German Criminal Code puts
"Erster Titel" inside "Erster Abschnitt", and a Commonwealth consolidation may print the Act's
"CHAPTER 12:01" above its Parts. Where the document opens one container right inside another,
with no provision between them ("Erster Abschnitt" / "Erster Titel" / "§ 1"), the first holds the
second; when such cascades say so more often than the reverse, that order replaces the default
one for the pair. Kinds the document never cascades keep their default ranks. One pass, no
per-country rule: the numbering sequence of the document as a whole decides.
"""
from __future__ import annotations

from collections import Counter


def cascade_votes(events: list[str | None]) -> Counter:
    """``events``: per line, the container kind it opens, ``""`` for a line that opens a
    provision (section, article), ``None`` for anything else (headings, text). A vote
    ``(a, b)`` = a container of kind ``a`` directly followed by one of kind ``b``."""
    votes: Counter = Counter()
    prev: str | None = None
    for ev in events:
        if ev is None:
            continue
        if ev and prev and ev != prev:
            votes[(prev, ev)] += 1
        prev = ev or None
    return votes


def document_ranks(defaults: dict[str, float], votes: Counter) -> dict[str, float]:
    """Ranks (smaller = higher) of the container kinds: ``defaults``, except that a kind the
    cascades put above another more often than below it is moved just above that kind."""
    order = sorted(defaults, key=lambda k: (defaults[k], k))
    flips = sorted((a, b) for (a, b), n in votes.items()
                   if a in defaults and b in defaults and defaults[a] > defaults[b] and n > votes[(b, a)])
    for a, b in flips:
        if order.index(a) > order.index(b):
            order.remove(a)
            order.insert(order.index(b), a)
    if not flips:
        return dict(defaults)
    return {k: float(i) for i, k in enumerate(order)}
