"""Choose the blind split: whole countries new to the project, picked by a salted hash.

Why a hash and not a one-off draw: the corpus grows in batches; a rule fixed before any
work (salt committed in pipeline/blind.py) assigns every country, including ones that land later,
without anyone choosing. A country is blind when sha256(SALT + code) falls under RATE.
Countries whose statutes the project's rules were written against (the first corpus) are
never blind: they are in-sample by construction.

Writes corpora/BLIND.tsv (one row per blind file; ``added`` names the round a file joined the
split, ``labelled`` the round its conduct gold was first listed in annotations/gold/FILES*.tsv, so
each round's figures stay comparable: segmentation by ``added``, conduct labels by ``labelled``).
Run it after a round's files or gold land and before anything is scored on them.
Usage: python scripts/corpus/blind_split.py --round s7
"""
from __future__ import annotations

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from pipeline.blind import country, is_blind, listed_rows  # noqa: E402  (the one place the rule lives)
from pipeline.gold import listings  # noqa: E402

CORPORA = ROOT / "corpora"


def manifest_rows() -> list[dict]:
    rows = []
    for path in [CORPORA / "MANIFEST.tsv", *sorted((CORPORA / "manifests").glob("*.tsv"))]:
        if not path.is_file():
            continue
        with path.open(encoding="utf-8", newline="") as fh:
            rows.extend(csv.DictReader(fh, delimiter="\t"))
    return rows


def _labelled_before(listed: list[dict]) -> dict[str, str]:
    """The ``labelled`` rounds already written. A list written before the column existed (session 6)
    had every gold file scored in the round it joined, so those files take their ``added`` round."""
    if listed and "labelled" not in listed[0]:
        gold = {f.removeprefix("corpora/") for f in listings(ROOT / "annotations" / "gold")}
        return {r["path"]: (r.get("added") or "s5") for r in listed if r["path"] in gold}
    return {r["path"]: r["labelled"] for r in listed if r.get("labelled")}


def main() -> None:
    import argparse
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--round", default="s6", help="round name recorded for files new to the list")
    args = ap.parse_args()
    out = CORPORA / "BLIND.tsv"
    listed = listed_rows(CORPORA)
    before = {r["path"]: (r.get("added") or "s5") for r in listed}
    labelled = _labelled_before(listed)
    with_gold = {f.removeprefix("corpora/") for f in listings(ROOT / "annotations" / "gold")}
    rows = [r for r in manifest_rows() if r.get("path") and is_blind(r.get("jurisdiction", ""))]
    with out.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(["path", "jurisdiction", "language", "structure", "tradition", "added", "labelled"])
        for r in sorted(rows, key=lambda r: r["path"]):
            p = r["path"]
            lab = labelled.get(p) or (args.round if p in with_gold else "")
            w.writerow([p, r["jurisdiction"], r.get("language", ""), r.get("structure", ""),
                        r.get("tradition", ""), before.get(p, args.round), lab])
    countries = sorted({country(r["jurisdiction"]) for r in rows})
    structured = sum(1 for r in rows if r.get("structure"))
    print(f"{out.relative_to(ROOT)}: {len(rows)} files, {structured} structured, "
          f"{len(countries)} countries: {' '.join(countries)}")


if __name__ == "__main__":
    main()
