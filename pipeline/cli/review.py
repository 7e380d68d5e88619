"""``lexbench review export|import|terminal``: move reviews between tools; review without a browser."""
from __future__ import annotations

import getpass
import sys
from pathlib import Path

from pipeline.cli.usage import UsageError


def add_parser(sub) -> None:
    p = sub.add_parser("review", help="export/import reviews, or review in the terminal")
    rs = p.add_subparsers(dest="review_command", metavar="ACTION")
    e = rs.add_parser("export", help="write reviews (and suggestions) in another tool's format")
    e.add_argument("--db", required=True)
    e.add_argument("--format", choices=("jsonl", "labelstudio", "prodigy", "hf", "docbin"), default="jsonl",
                   help="docbin: spaCy DocBin (.spacy) of the reviewed provisions, cats per conduct, evidence spans")
    e.add_argument("--out", required=True, type=Path, help="file (jsonl/labelstudio/prodigy/docbin) or folder (hf)")
    e.add_argument("--reviewed-only", action="store_true", help="only provisions with a review")
    e.set_defaults(func=export)
    i = rs.add_parser("import", help="append reviews from an export (idempotent)")
    i.add_argument("path", type=Path)
    i.add_argument("--db", required=True)
    i.add_argument("--format", choices=("jsonl", "labelstudio", "prodigy", "hf"), default="jsonl")
    i.set_defaults(func=import_)
    t = rs.add_parser("terminal", help="review the queue one provision at a time in the terminal")
    t.add_argument("--db", required=True)
    t.add_argument("--user", required=True)
    t.add_argument("--threshold", type=float, default=0.5)
    t.add_argument("--limit", type=int, default=1000, help="stop after this many decisions")
    t.set_defaults(func=terminal)
    p.set_defaults(func=lambda args: (p.print_help(), 2)[1])


def export(args) -> int:
    from pipeline.review.interop import write_export

    try:
        n = write_export(args.db, args.format, args.out, reviewed_only=args.reviewed_only)
    except (ValueError, OSError) as exc:
        raise UsageError(f"cannot export to {args.out}: {exc}") from None
    print(f"exported {n} provision(s) as {args.format} -> {args.out}")
    return 0


def import_(args) -> int:
    from pipeline.review.interop import import_records, read_records

    if not args.path.exists():
        raise UsageError(f"no such file or folder: {args.path}")
    try:
        counts = import_records(args.db, read_records(args.format, args.path), args.format)
    except (ValueError, KeyError) as exc:
        raise UsageError(f"cannot import {args.path}: {exc}") from None
    print(f"imported {counts['reviews_added']} review(s) from {counts['records']} record(s); "
          f"{counts['reviews_present']} already present; {counts['unmatched']} record(s) matched no provision")
    return 0


HELP = "keys: a accept · x reject · 1-9/10/11 toggle conduct · pN partial/full for conduct N · u undo · s skip · q quit"


def terminal(args, inp=input, out=print) -> int:
    """One provision at a time: the same service calls (and checks) as the web app."""
    from pipeline.review import service

    pw = getpass.getpass("password: ") if sys.stdin.isatty() else sys.stdin.readline().rstrip("\r\n")
    user = service.authenticate(args.db, args.user, pw)
    if user is None:
        raise UsageError("wrong user name or password")
    skipped: set[int] = set()
    done = 0
    out(HELP)
    while done < args.limit:
        q = [x for x in service.queue(args.db, user["id"], limit=len(skipped) + 1, threshold=args.threshold)
             if x["id"] not in skipped]
        if not q:
            out("queue empty")
            break
        view = service.provision_view(args.db, q[0]["id"], args.threshold)
        sugg = {s["id"]: s for s in view["suggestions"]}
        order = list(service.CONDUCT_IDS)  # fixed numbers 1-11, the web's keys (0 = 10, - = 11 there)
        chosen = {s["id"]: s["coverage"] for s in view["suggestions"] if s["preselected"]}
        initial = dict(chosen)
        out("")
        out(f"== {view['statute']['name']} · {view['eid']}" + (f" — {view['heading']}" if view["heading"] else ""))
        for c in view["context"]:
            out(f"   [{c['kind']} {c['num'] or ''}] {c['heading'] or ''}")
        out(view["text"])
        for t in view["terms"]:
            out(f"   term: {t.get('text')!r} -> {', '.join(t.get('replacement') or [])} ({t.get('severity')})")
        while True:
            for n, cid in enumerate(order, 1):
                s = sugg.get(cid)
                mark = "x" if cid in chosen else " "
                extra = f" {s['score']:.2f} “{s['evidence'] or ''}”" if s else ""
                out(f"  [{mark}] {n:2d} {cid} ({chosen.get(cid, '')}){extra}")
            try:
                cmd = inp("> ").strip().lower()
            except EOFError:
                return 0
            if cmd == "q":
                return 0
            if cmd == "s":
                skipped.add(view["id"])
                break
            if cmd == "u":
                res = service.undo(args.db, user["id"])
                out("nothing to undo" if res is None else f"undone: provision {res['provision_id']}")
                break
            if cmd.isdigit() and 1 <= int(cmd) <= len(order):
                cid = order[int(cmd) - 1]
                if cid in chosen:
                    chosen.pop(cid)
                else:
                    chosen[cid] = sugg[cid]["coverage"] if cid in sugg else "full"
                continue
            if cmd.startswith("p") and cmd[1:].isdigit() and 1 <= int(cmd[1:]) <= len(order):
                cid = order[int(cmd[1:]) - 1]
                chosen[cid] = "full" if chosen.get(cid) == "partial" else "partial"
                continue
            if cmd in ("a", "x", ""):
                labels = [] if cmd == "x" else [{"id": c, "coverage": v} for c, v in chosen.items()]
                decision = "reject" if cmd == "x" else ("accept" if chosen == initial else "edit")
                try:
                    res = service.submit_review(args.db, view["id"], user["id"], labels, decision, view["version"],
                                                source="terminal", threshold=args.threshold)
                    out(f"saved ({res['decision']}); version {res['version']}")
                    done += 1
                except service.Stale as exc:
                    cur = exc.current["current"]
                    out(f"conflict: {cur['reviewer']} decided {cur['decision']} meanwhile; showing it again"
                        if cur else "conflict: changed meanwhile")
                break
            out(HELP)
    return 0
