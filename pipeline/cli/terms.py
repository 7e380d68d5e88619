"""``lexbench terms FILE... [--lang L]``: outdated terminology in a statute, with context.

A quick look for a drafter or analyst: each flag with its line, page, severity, the
suggested replacement and the reason; ``--exempt`` also lists the uses left alone
(official titles, quotations, definitions of other instruments) and why.
"""
from __future__ import annotations

import logging
import json
from dataclasses import asdict
from pathlib import Path

from pipeline.cli.usage import UsageError, add_format_option

log = logging.getLogger(__name__)


def add_parser(sub) -> None:
    p = sub.add_parser("terms", help="flag outdated CSEA terminology (Luxembourg Guidelines) in statutes")
    p.add_argument("paths", nargs="+", metavar="FILE")
    p.add_argument("--lang", help="force the language (en, fr) instead of detecting it")
    p.add_argument("--rules", help="terminology rule id or YAML path (default: luxembourg-2016)")
    p.add_argument("--exempt", action="store_true", help="also list exempt uses and why")
    add_format_option(p, help="text, or json: one JSON object per flag")
    p.add_argument("--context", type=int, default=50, help="characters of context on each side")
    p.set_defaults(func=run)


def _line(text: str, start: int, end: int, width: int) -> str:
    lo, hi = max(0, start - width), min(len(text), end + width)
    pre, term, post = text[lo:start], text[start:end], text[end:hi]
    squash = lambda s: " ".join(s.split())  # noqa: E731
    return f"{'…' if lo else ''}{squash(pre)} [[{squash(term)}]] {squash(post)}{'…' if hi < len(text) else ''}"


def run(args) -> int:
    from pipeline.errors import LexbenchError
    from pipeline.extract import extract
    from pipeline.terminology import TermFlagger

    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:
        raise UsageError(f"no such file: {', '.join(missing)}")
    try:
        flagger = TermFlagger.load(args.rules)
    except (FileNotFoundError, ValueError) as exc:
        raise UsageError(str(exc)) from None
    failed = 0
    for path in args.paths:
        try:
            doc = extract(path, lang=args.lang)
        except LexbenchError as exc:
            log.error("%s", exc.line())
            failed += 1
            continue
        lang = (args.lang or doc.lang or "").lower()
        flags, exempt = flagger.flag(doc, lang=lang)
        if args.format == "json":
            for kind, items in (("flag", flags), ("exempt", exempt if args.exempt else [])):
                for f in items:
                    print(json.dumps({"file": str(path), "kind": kind, **asdict(f)}, ensure_ascii=False))
            continue
        note = "" if lang in flagger.languages else f" (no rules for this language; covered: {', '.join(flagger.languages)})"
        print(f"{path}  lang={lang or '?'}  {len(flags)} flag(s), {len(exempt)} exempt{note}")
        for f in flags:
            where = f"p.{f.page} " if f.page else ""
            retained = " legal_term_retained" if f.legal_term_retained else ""
            print(f"  {where}{f.start}-{f.end}  {f.severity}{retained}  [{f.rule}]")
            print(f"      {_line(doc.text, f.start, f.end, args.context)}")
            print(f"      -> {' / '.join(f.replacement)}")
            print(f"      why: {f.reason}")
        if args.exempt:
            for f in exempt:
                where = f"p.{f.page} " if f.page else ""
                print(f"  {where}{f.start}-{f.end}  exempt  [{f.rule}]  {f.exempt_reason}")
                print(f"      {_line(doc.text, f.start, f.end, args.context)}")
    return 1 if failed else 0
