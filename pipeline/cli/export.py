"""``lexbench export --format akn PATH... --out DIR``: statutes out as Akoma Ntoso 3.0.

Each statute (files, or folders walked as ``annotate`` walks them) is read, segmented and
annotated with ``--model``/``--benchmark`` and written to ``DIR/<input file stem>.xml``: FRBR
metadata (country, version date, language and title from the nearest MANIFEST.tsv, or the
options), the provision tree with its eIds, and the labels and terminology flags as metadata.
``--validate`` checks every document against the OASIS schema (models/schemas/akn/).
``--annotations OUT`` exports the labels an earlier ``lexbench annotate ... --out OUT`` wrote
(``OUT/<input file name>.jsonl``, when its ``doc_sha256`` is this file's) instead of running the
models again, so the XML says what the analyst's run said; a file with no matching output there
is annotated afresh, with a warning.
"""
from __future__ import annotations

import logging
from pathlib import Path

from pipeline.cli.usage import UsageError

log = logging.getLogger(__name__)


def add_parser(sub) -> None:
    p = sub.add_parser("export", help="export statutes with their annotations (Akoma Ntoso 3.0: DIR/<stem>.xml)")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--format", choices=["akn"], default="akn", help="output format (default %(default)s)")
    p.add_argument("--out", required=True, type=Path, help="output folder")
    p.add_argument("--model", default="default", help="conduct classifier (see `lexbench models`)")
    p.add_argument("--benchmark", default="default", help="benchmark id or YAML path")
    p.add_argument("--lang", help="force the language instead of detecting it")
    p.add_argument("--jurisdiction", help="country/jurisdiction code (else from MANIFEST.tsv)")
    p.add_argument("--date", help="version date YYYY-MM-DD (else from MANIFEST.tsv, else today)")
    p.add_argument("--validate", action="store_true", help="check each document against akomantoso30.xsd")
    p.add_argument("--annotations", type=Path, metavar="OUT",
                   help="reuse the labels of an earlier `lexbench annotate --out OUT` (matched by file hash) "
                        "instead of running the models again")
    p.set_defaults(func=run)


def _stem_names(paths: list[Path]) -> list[str]:
    """``<stem>.xml``; two inputs with one stem keep their whole name (``a.txt.xml``, ``a.md.xml``)."""
    stems = [p.stem for p in paths]
    return [f"{p.stem if stems.count(p.stem) == 1 else p.name}.xml" for p in paths]


def earlier_rows(jsonl: Path | None, sha256: str) -> list[dict] | None:
    """The rows of an earlier annotate output for this statute version, or None (absent, other
    version of the file, unreadable)."""
    import json

    if jsonl is None or not jsonl.is_file():
        return None
    try:
        with jsonl.open(encoding="utf-8") as fh:
            rows = [json.loads(line) for line in fh if line.strip()]
    except (OSError, ValueError):
        return None
    return rows if rows and all(r.get("doc_sha256") == sha256 for r in rows) else None


def export_one(path: Path, annotator, args, earlier: Path | None = None) -> tuple[bytes, int]:
    """The AKN document of one statute and its number of provisions (labels from ``earlier``, an
    annotate output of this very file, when it matches)."""
    from pipeline.export import export_akn
    from pipeline.extract import extract
    from pipeline.manifest import manifest_entry, statute_meta

    doc = extract(path, lang=args.lang)
    rows = earlier_rows(earlier, doc.sha256)
    if rows is None:
        if earlier is not None:
            log.warning("%s: no annotate output of this version in %s; annotated afresh", path, earlier.parent)
        rows = [r.to_json() for r in annotator.annotate_document(doc)]
    row = manifest_entry(path)
    facts = statute_meta(row)
    xml = export_akn(doc.text, rows, name=path.stem.removesuffix(".akn"), lang=doc.lang,
                     country=args.jurisdiction or (row or {}).get("jurisdiction"),
                     date=args.date or facts.version_date, title=facts.title)
    return xml, len(rows)


def run(args) -> int:
    from pipeline.akn import schema_errors
    from pipeline.annotate import AnnotateConfig, Annotator
    from pipeline.annotate.batch import output_names
    from pipeline.annotate.inputs import collect_inputs
    from pipeline.errors import LexbenchError
    from pipeline.files import atomic_writer

    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:
        raise UsageError(f"no such file or folder: {', '.join(missing)}")
    paths = collect_inputs(args.paths)
    if args.annotations is not None and not args.annotations.is_dir():
        raise UsageError(f"--annotations {args.annotations}: no such folder (an annotate --out folder)")
    earlier = ([args.annotations / n for n in output_names(paths)] if args.annotations is not None
               else [None] * len(paths))
    annotator = Annotator(AnnotateConfig(out_dir=args.out, model=args.model, benchmark=args.benchmark,
                                         lang=args.lang, store=False))
    failed = invalid = 0
    for path, name, prior in zip(paths, _stem_names(paths), earlier):
        try:
            xml, n = export_one(path, annotator, args, prior)
        except LexbenchError as exc:
            failed += 1
            log.error("%s", exc.line())
            continue
        errs = schema_errors(xml) if args.validate else []
        if errs:
            invalid += 1
            log.error("%s: not valid Akoma Ntoso 3.0: %s", name, "; ".join(errs[:3]))
        with atomic_writer(args.out / name) as fh:
            fh.write(xml)
        log.debug("%s: %d provisions -> %s", path, n, args.out / name)
    done = len(paths) - failed
    print(f"exported {done} statute(s) as Akoma Ntoso -> {args.out}/"
          + (f"; {done - invalid} valid against akomantoso30.xsd, {invalid} not" if args.validate else "")
          + (f"; {failed} failed" if failed else ""))
    return 1 if failed or invalid else 0
