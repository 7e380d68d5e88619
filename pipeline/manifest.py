"""A statute file's metadata from the nearest ``MANIFEST.tsv`` above it: the one manifest reader.

Reads: ``MANIFEST.tsv`` (tab-separated, a ``path`` column relative to the manifest's folder;
optional ``jurisdiction``, ``title``, ``citation``, ``version_date``, ``notes``, ``in_force``,
``act``). Writes: nothing.

``statute_meta`` turns a row into what the store keeps per statute version and what the
coverage report needs to cite it: the Act's title (an excerpt's ", s.1 Heading" tail removed),
its formal citation, the version date, whether it is in force and an ``act`` key that groups
the versions of one Act. ``in_force`` and ``act`` come from columns of those names where the
manifest has them; otherwise ``in_force`` is False only when the notes say the file is an old,
repealed or superseded version, and ``act`` is the jurisdiction plus the citation's stem (the
part before the first comma that names a unit or a version), else the title.
"""
from __future__ import annotations

import csv
import re
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

_NOT_IN_FORCE = re.compile(r"^\s*old(\s+version|/repealed)\b|\b(since repealed|superseded by|no longer in force)\b",
                           re.I)
_FALSE = {"0", "false", "no", "n", "repealed", "superseded", "not in force"}
# ", s.1 Indecent photographs", " § 184c (…)", ", art. 240a", ", ss.474.19-474.20"
_EXCERPT = re.compile(r"(,\s*(ss?|arts?|articles?|sections?|regs?|rules?)\.?\s*\d.*|\s+(ss?|arts?)\.\s*\d.*|\s+§+\s*\d.*)$",
                      re.I | re.S)
_CITATION_TAIL = re.compile(r",\s*((ss?|arts?|regs?|§)\.?\s*\d|version|as amended|modifi|point in time)", re.I)
_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


@dataclass
class StatuteMeta:
    title: str | None = None
    citation: str | None = None
    version_date: str | None = None  # ISO date or year as printed; None when the source gives none
    in_force: bool | None = None
    act: str | None = None

    def as_dict(self) -> dict:
        return asdict(self)


@lru_cache(maxsize=64)
def _read(manifest: Path, mtime: float) -> dict[str, dict]:
    with manifest.open(encoding="utf-8") as fh:
        return {row.get("path", ""): row for row in csv.DictReader(fh, delimiter="\t")}


def manifest_entry(path: str | Path) -> dict | None:
    """The row for ``path`` in the nearest MANIFEST.tsv above it (None when there is none)."""
    try:
        resolved = Path(path).resolve()
    except (OSError, RuntimeError):
        return None
    for parent in resolved.parents:
        manifest = parent / "MANIFEST.tsv"
        if manifest.is_file():
            rows = _read(manifest, manifest.stat().st_mtime)
            return rows.get(resolved.relative_to(parent).as_posix())
    return None


def act_title(title: str | None) -> str | None:
    """The Act's own title: ``"Protection of Children Act 1978, s.1 Indecent photographs"`` ->
    ``"Protection of Children Act 1978"``."""
    if not title:
        return None
    return _EXCERPT.sub("", title).strip() or title.strip()


def _in_force(row: dict) -> bool:
    value = (row.get("in_force") or "").strip().lower()
    if value:
        return value not in _FALSE
    return not _NOT_IN_FORCE.search(row.get("notes") or "")


def _version_date(row: dict) -> str | None:
    found = _DATE.match((row.get("version_date") or "").strip())
    return found.group(0) if found else None


def _act_key(row: dict, title: str | None) -> str | None:
    if (row.get("act") or "").strip():
        return row["act"].strip()
    citation = (row.get("citation") or "").strip()
    stem = _CITATION_TAIL.split(citation)[0].strip(" ,;") if citation else ""
    base = stem or title
    if not base:
        return None
    return f"{(row.get('jurisdiction') or '').upper()}|{' '.join(base.lower().split())}"


def statute_meta(row: dict | None) -> StatuteMeta:
    """What the store keeps per statute version, from a manifest row (all None without one)."""
    if not row:
        return StatuteMeta()
    title = act_title(row.get("title"))
    return StatuteMeta(title=title, citation=(row.get("citation") or "").strip() or None,
                       version_date=_version_date(row), in_force=_in_force(row), act=_act_key(row, title))


def statute_meta_for(path: str | Path) -> StatuteMeta:
    return statute_meta(manifest_entry(path))
