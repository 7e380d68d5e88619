"""Which statutes a report counts: in force, and the latest version of each Act.

Reads: per statute the metadata the store keeps (``pipeline.manifest``: title, citation,
version date, in force, act key) and the numbers of its top units (sections, articles).
Writes: nothing. A statute marked not in force is listed apart. Of two in-force versions of
one Act (same ``act`` key) the older is listed apart when a later-dated version prints any of
the same sections or articles; excerpts of one Act that share no section (s. 15A and s. 51 of
one Act, each dated by its own amendment) are both counted. A statute without a date is never
taken to supersede another.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class StatuteInfo:
    doc: str  # the annotate output's statute name (file name)
    jurisdiction: str | None = None
    title: str | None = None
    citation: str | None = None
    version_date: str | None = None
    in_force: bool | None = None
    act: str | None = None

    @property
    def name(self) -> str:
        """What a reader sees: the Act's title, else the file name."""
        return self.title or self.doc


@dataclass
class Selection:
    counted: list[StatuteInfo] = field(default_factory=list)
    older: list[tuple[StatuteInfo, StatuteInfo]] = field(default_factory=list)  # (older, superseded by)
    not_in_force: list[StatuteInfo] = field(default_factory=list)

    @property
    def counted_docs(self) -> set[str]:
        return {s.doc for s in self.counted}


def _newer(a: StatuteInfo, b: StatuteInfo) -> bool:
    """``a`` is a later version than ``b`` (both dated; ISO dates and years compare as text)."""
    return bool(a.version_date and b.version_date and a.version_date > b.version_date)


def select_versions(statutes: list[StatuteInfo], units: dict[str, set[str]]) -> Selection:
    """Split ``statutes`` into counted, older versions and not in force (each list by name)."""
    out = Selection()
    live = []
    for s in statutes:
        (out.not_in_force if s.in_force is False else live).append(s)
    by_act: dict[str, list[StatuteInfo]] = {}
    for s in live:
        by_act.setdefault(s.act or f"doc:{s.doc}", []).append(s)
    for group in by_act.values():
        for s in group:
            later = [t for t in group if t is not s and _newer(t, s)
                     and (not units.get(s.doc) or not units.get(t.doc) or units[s.doc] & units[t.doc])]
            if later:
                out.older.append((s, max(later, key=lambda t: t.version_date or "")))
            else:
                out.counted.append(s)
    out.counted.sort(key=lambda s: (s.name, s.doc))
    out.older.sort(key=lambda p: (p[0].name, p[0].doc))
    out.not_in_force.sort(key=lambda s: (s.name, s.doc))
    return out
