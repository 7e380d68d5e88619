"""Which files a batch reads: files given explicitly, and the statute-like files of folders.

Reads: the file names under the given folders, and the first bytes of their Markdown and HTML
files (to know lexbench's own outputs; the format is sniffed later, in ``pipeline.extract``).
Writes: nothing. A folder walk takes text, Markdown, PDF, HTML, DOCX and extension-less files but
not a folder's README/LICENSE/NOTICE/CHANGELOG/COPYING files nor lexbench's own outputs (the
dataset card of an annotate folder, re-evaluation diffs, coverage and atlas pages); every other
file it passes over is accounted for: statute-like
formats it cannot read (RTF, legacy Word, ODT, EPUB) and hidden or ``_``-prefixed statute files
as failures (``passed_over``, written to ``_errors.jsonl``), anything else with its reason
(``not_statutes``, a summary on stderr).
"""
from __future__ import annotations

import os
import re
from pathlib import Path

from pipeline import errors
from pipeline.annotate.annotator import FileResult
from pipeline.files import display_path
from pipeline.hf_features import CARD_MARK
from pipeline.provenance import GENERATOR_META

TEXT_SUFFIXES = {".txt", ".text", ".md", ".pdf", ".htm", ".html", ".xhtml", ".docx", ""}
SKIP_NAMES = {"MANIFEST.tsv", "SOURCES.tsv"}
# README.md, readme.txt, LICENSE, LICENCE-MIT, NOTICE, CHANGELOG.md, COPYING ... but not "License Act.txt"
PROJECT_FILE = re.compile(r"(README|LICEN[CS]E|NOTICE|CHANGELOG|COPYING)([._-]|$)", re.I)
# what ``lexbench reevaluate`` writes beside diff.json
DIFF_NAMES = {"diff.md", "diff.html"}
OWN_MARKS = (CARD_MARK.encode(), GENERATOR_META.encode())
# statute-like files a folder walk cannot read: reported in _errors.jsonl, never silently dropped
OTHER_FORMATS = {".rtf", ".doc", ".odt", ".epub"}
_HINTS = {".rtf": "save it as DOCX, PDF or text", ".doc": "save it as DOCX, PDF or text",
          ".odt": "export it to DOCX, PDF or text", ".epub": "export it to PDF or text"}


def _walk(folder: str | Path):
    """Every file under ``folder`` (hidden folders excluded), in a stable order."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for f in sorted(files):
            yield Path(root) / f


def _verdict(fp: Path) -> str | None:
    """None when a folder walk reads ``fp``; else why not."""
    name, suffix = fp.name, fp.suffix.lower()
    if name in SKIP_NAMES:
        return "a corpus description, not a statute"
    if PROJECT_FILE.match(name):
        return "a README, licence, notice or changelog, not a statute"
    if _lexbench_output(fp):
        return "an output of lexbench, not a statute"
    if name.startswith((".", "_")):
        return "hidden or _-prefixed name"
    if suffix in OTHER_FORMATS:
        return f"{suffix} files are not read"
    if suffix == ".xml":
        return "XML is read when given explicitly (Akoma Ntoso), not from a folder"
    if suffix not in TEXT_SUFFIXES:
        return f"{suffix} is not a statute format (text, PDF, HTML, DOCX)"
    return None


def _lexbench_output(fp: Path) -> bool:
    """A page or card lexbench wrote (its marks in the first 2 KB), or a re-evaluation diff."""
    if fp.name in DIFF_NAMES and (fp.parent / "diff.json").is_file():
        return True
    if fp.suffix.lower() not in {".md", ".htm", ".html", ".xhtml"}:
        return False
    try:
        with fp.open("rb") as fh:
            head = fh.read(2048)
    except OSError:
        return False
    return any(mark in head for mark in OWN_MARKS)


def collect_inputs(paths: list[str]) -> list[Path]:
    """Files given explicitly are always taken; folders are walked for statute-like files."""
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            out.extend(fp for fp in _walk(p) if _verdict(fp) is None)
        else:
            out.append(p)
    return out


def passed_over(paths: list[str]) -> list[FileResult]:
    """Files in the given folders that look like statutes but are not read: hidden or
    ``_``-prefixed text/PDF/HTML/DOCX files, and RTF/word-processor files; each as a failed result."""
    out: list[FileResult] = []
    for raw in paths:
        if not Path(raw).is_dir():
            continue
        for fp in _walk(raw):
            suffix = fp.suffix.lower()
            if PROJECT_FILE.match(fp.name):
                continue
            if fp.name.startswith((".", "_")) and suffix in TEXT_SUFFIXES and suffix:
                err = NotRead(display_path(fp), "a hidden or _-prefixed name is not read from a folder")
            elif suffix in OTHER_FORMATS and not fp.name.startswith("."):
                err = errors.UnsupportedFormat(display_path(fp), f"{suffix} files are not read", _HINTS[suffix])
            else:
                continue
            out.append(FileResult(path=str(fp), error=err.record()))
    return out


def not_statutes(paths: list[str]) -> dict[str, list[str]]:
    """reason -> files (display paths) a folder walk passed over that are not failures either:
    other formats, corpus descriptions, hidden files of other formats."""
    reported = {r.path for r in passed_over(paths)}
    out: dict[str, list[str]] = {}
    for raw in paths:
        if Path(raw).is_dir():
            for fp in _walk(raw):
                reason = _verdict(fp)
                if reason and str(fp) not in reported:
                    out.setdefault(reason, []).append(display_path(fp))
    return out


class NotRead(errors.LexbenchError):
    kind = "not_read"
    hint = "rename it or give the file explicitly to annotate it"
