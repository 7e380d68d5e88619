"""The locked blind split: which statutes nobody develops against (the one place the rule lives).

Why a salted hash and not a one-off draw: the corpus grows in batches; a rule fixed before any
work assigns every country, including ones that land later, without anyone choosing. A country
is blind when sha256(SALT + code) falls under RATE. Countries of the first corpus (the ones the
rules were written against) are never blind: they are in-sample by construction.

Reads: ``corpora/BLIND.tsv`` (the list written by ``scripts/corpus/blind_split.py``) and, for
files that landed after the list was written, the ``corpora/acts/<jur>/`` folder names.
Writes: nothing. Training leaves these statutes out; evaluation scores them once, at the end.
"""
from __future__ import annotations

import csv
import hashlib
from pathlib import Path

SALT = "lexbench-blind-2026-12-03"
RATE = 0.35
# countries of the first corpus (corpora/MANIFEST.tsv before the many-country collection)
SEEN = {"AU", "BW", "CA", "CH", "CY", "DE", "EU", "CM", "MG", "MR", "SN", "GB", "IT", "KE", "NL",
        "PH", "US", "ZA", "COE", "UN"}


def country(jurisdiction: str) -> str:
    """'AU-NSW' -> 'AU': the blind rule draws whole countries."""
    return jurisdiction.upper().split("-")[0]


def is_blind(jurisdiction: str) -> bool:
    c = country(jurisdiction)
    if c in SEEN:
        return False
    h = int(hashlib.sha256((SALT + c).encode()).hexdigest()[:8], 16)
    return h / 0xFFFFFFFF < RATE


def listed_rows(corpora: str | Path) -> list[dict]:
    """Rows of ``corpora/BLIND.tsv`` (empty when there is none)."""
    path = Path(corpora) / "BLIND.tsv"
    if not path.is_file():
        return []
    with path.open(encoding="utf-8", newline="") as fh:
        return [r for r in csv.DictReader(fh, delimiter="\t") if r.get("path")]


def blind_paths(corpora: str | Path) -> set[str]:
    """Paths relative to ``corpora/`` of the blind split: BLIND.tsv, plus every file of a country
    the rule marks blind that landed after the list was written (folder ``acts/<jur>/``)."""
    corpora = Path(corpora)
    out = {r["path"] for r in listed_rows(corpora)}
    acts = corpora / "acts"
    if acts.is_dir():
        for folder in acts.iterdir():
            if folder.is_dir() and is_blind(folder.name):
                out |= {str(p.relative_to(corpora)) for p in folder.iterdir() if p.is_file()}
    return out


def blind_rounds(corpora: str | Path, unlisted: str = "new", by: str = "added") -> dict[str, str]:
    """Path relative to ``corpora/`` -> its round, so each round's figures stay comparable.

    ``by="added"``: the round the file joined the split (segmentation saw it from then on).
    ``by="labelled"``: the round its conduct gold was first scored (a statute of an older blind
    country annotated later is new to the classifier). Files not listed yet, or listed without a
    labelled round: ``unlisted``."""
    if by == "added":
        listed = {r["path"]: (r.get("added") or "s5") for r in listed_rows(corpora)}
    else:
        listed = {r["path"]: r[by] for r in listed_rows(corpora) if r.get(by)}
    return {p: listed.get(p, unlisted) for p in blind_paths(corpora)}
