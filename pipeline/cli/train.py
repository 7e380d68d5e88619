"""``lexbench train [--model linear|hybrid|ensemble|transformer|all] [--seed N] [--db URL] [--include-blind]``: fit models on annotations/.

The blind statutes (``corpora/BLIND.tsv``) are never trained on unless ``--include-blind``.

With ``--db``, reviewed labels from that review store override the annotations for
provisions with the same text hash, and reviewed provisions not in the gold are added
(model suggestions never count as reviews).

Weights go to ``models/trained/`` (gitignored) with a metadata JSON; the newest becomes
the one ``--model NAME`` loads. Training is seeded, so the same data and seed give the
same version string.
"""
from __future__ import annotations

import logging
from pathlib import Path

from pipeline.cli.usage import UsageError

log = logging.getLogger(__name__)

LEARNED = ("linear", "hybrid", "ensemble", "transformer")


def add_parser(sub) -> None:
    p = sub.add_parser("train", help="train the learned conduct classifiers from annotations/")
    p.add_argument("--model", default="all", choices=(*LEARNED, "all"))
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--annotations", default=None, help="gold corpus folder (default: annotations/)")
    p.add_argument("--out", type=Path, default=None, help="weights folder (default: models/trained/)")
    p.add_argument("--if-changed", action="store_true",
                   help="keep the latest model when code, data, parameters and seed are unchanged")
    p.add_argument("--db", default=None, metavar="URL",
                   help="review store whose reviewed labels override annotations/ (same provision text hash)")
    p.add_argument("--epochs", type=int, default=None, help="transformer epochs (default: model's own)")
    p.add_argument("--include-blind", action="store_true",
                   help="also train on the blind statutes (corpora/BLIND.tsv); by default they are left out, "
                        "so that the blind split stays unseen")
    p.set_defaults(func=run)


def run(args) -> int:
    from pipeline.classify.learned.training import train
    from pipeline.resources import ANNOTATIONS_DIR

    names = LEARNED if args.model == "all" else (args.model,)
    failed = 0
    for name in names:
        params = {"epochs": args.epochs} if (name == "transformer" and args.epochs) else {}
        try:
            res = train(name, seed=args.seed, root=args.annotations or ANNOTATIONS_DIR,
                        folder=args.out, if_changed=args.if_changed,
                        db_url=args.db, include_blind=args.include_blind, **params)
        except RuntimeError as exc:
            if "no annotations" in str(exc):
                raise UsageError(str(exc)) from None
            log.error("lexbench train: %s failed: %s", name, exc)
            failed += 1
            continue
        if res.reviews is not None:
            r = res.reviews
            print(f"{name}: {r['reviews']} reviewed provisions from the store: {r['overridden']} gold items "
                  f"overridden ({r['changed']} with different labels), {r['added']} added")
        if res.blind_left_out:
            print(f"{name}: {res.blind_left_out} gold items of the blind statutes (corpora/BLIND.tsv) left out")
        if res.skipped:
            print(f"{res.name} {res.version} is up to date ({res.path})")
            continue
        print(f"trained {res.name} {res.version} on {res.n_items} items in {res.seconds:.1f}s -> {res.path}")
    return 1 if failed else 0
