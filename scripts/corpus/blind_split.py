"""Choose the blind split: whole countries new to the project, picked by a salted hash.

Why a hash and not a one-off draw: the corpus grows in batches; a rule fixed before any
work (salt committed in this file) assigns every country, including ones that land later,
without anyone choosing. A country is blind when sha256(SALT + code) falls under RATE.
Countries whose statutes the project's rules were written against (the first corpus) are
never blind: they are in-sample by construction.

Writes corpora/BLIND.tsv (one row per blind file). Usage: python scripts/corpus/blind_split.py
"""
from __future__ import annotations

import csv
import hashlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPORA = ROOT / "corpora"
SALT = "lexbench-blind-2026-12-03"
RATE = 0.35
# countries of the first corpus (corpora/MANIFEST.tsv before the many-country collection)
SEEN = {"AU", "BW", "CA", "CH", "CY", "DE", "EU", "CM", "MG", "MR", "SN", "GB", "IT", "KE", "NL",
        "PH", "US", "ZA", "COE", "UN"}


def country(jurisdiction: str) -> str:
    return jurisdiction.upper().split("-")[0]


def is_blind(jurisdiction: str) -> bool:
    c = country(jurisdiction)
    if c in SEEN:
        return False
    h = int(hashlib.sha256((SALT + c).encode()).hexdigest()[:8], 16)
    return h / 0xFFFFFFFF < RATE


def manifest_rows() -> list[dict]:
    rows = []
    for path in [CORPORA / "MANIFEST.tsv", *sorted((CORPORA / "manifests").glob("*.tsv"))]:
        if not path.is_file():
            continue
        with path.open(encoding="utf-8", newline="") as fh:
            rows.extend(csv.DictReader(fh, delimiter="\t"))
    return rows


def main() -> None:
    rows = [r for r in manifest_rows() if r.get("path") and is_blind(r.get("jurisdiction", ""))]
    out = CORPORA / "BLIND.tsv"
    with out.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(["path", "jurisdiction", "language", "structure", "tradition"])
        for r in sorted(rows, key=lambda r: r["path"]):
            w.writerow([r["path"], r["jurisdiction"], r.get("language", ""), r.get("structure", ""),
                        r.get("tradition", "")])
    countries = sorted({country(r["jurisdiction"]) for r in rows})
    structured = sum(1 for r in rows if r.get("structure"))
    print(f"{out.relative_to(ROOT)}: {len(rows)} files, {structured} structured, "
          f"{len(countries)} countries: {' '.join(countries)}")


if __name__ == "__main__":
    main()
