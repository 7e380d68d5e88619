"""Collector blind7 (blind round s7): re-derives corpora/acts/{fo,mm,sz}/ files and
corpora/manifests/blind7.tsv from snapshots fetched under /work/.mirror.

Sources:
- Ansvar-Systems/Danish-law-mcp data/seed/<year>_<no>.json (retsinformation.dk documents split
  into provisions): Faroe Islands instruments. Each provision's text is printed as retsinformation
  prints it: "§ N." opens the section, "Stk. N." opens a subsection line, "1)" / "a)" items
  start lines. Structure truth: sections, subsections (Stk. 2 and later; Stk. 1 is unnumbered),
  numbered items (paragraph) and lettered items (subparagraph).
- worldwidelaw/legal-sources sources/<CC>/<source>/sample/*.json (plain text of a law as
  the source site serves it). The text is kept verbatim; these sources carry no structure, so no
  structure file is written for them.

Run: python3 scripts/corpus/blind7.py
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from collect_lib import ACTS, git_show  # noqa: E402

MANIFEST = ACTS.parent / "manifests" / "blind7.tsv"
HEADER = ("path\tjurisdiction\tlanguage\ttitle\tcitation\tsource_url\tcompleteness\tnotes\tversion_date\t"
          "licence\trepo\trepo_path\tcommit\tstructure\ttradition\tkind")

DK = "Ansvar-Systems/Danish-law-mcp"
WWL = "worldwidelaw/legal-sources"

SEC_RE = re.compile(r"^§ (\d+(?: [a-z])?)\.")
STK_SPLIT = re.compile(r"(?<=[.:;]) (?=Stk\. \d+\. )")
ITEM_SPLIT = re.compile(r" (?=(?:\d+|[a-z])\) )")
STK_RE = re.compile(r"^Stk\. (\d+)\.")
ITEM_RE = re.compile(r"^(\d+|[a-z])\) ")


def write_text(jur: str, slug: str, lines: list[str]) -> str:
    d = ACTS / jur
    d.mkdir(parents=True, exist_ok=True)
    name = f"{slug}.txt"
    (d / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return name


def write_structure(jur: str, slug: str, name: str, units: list[dict], fmt: str) -> str:
    st = {"schema": "lexbench.structure/1", "text": name, "source_format": fmt, "units": units}
    p = ACTS / jur / f"{slug}.structure.json"
    p.write_text(json.dumps(st, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return f"acts/{jur}/{slug}.structure.json"


def write_src(jur: str, slug: str, raw: bytes) -> None:
    import gzip
    with open(ACTS / jur / f"{slug}.src.json.gz", "wb") as fh, gzip.GzipFile(fileobj=fh, mode="wb", mtime=0) as f:
        f.write(raw)


def danish_provisions(doc: dict) -> tuple[list[str], list[dict]]:
    lines = [doc["title"], ""]
    units: list[dict] = []
    for p in doc["provisions"]:
        content = p["content"].strip()
        m = SEC_RE.match(content)
        sec_idx = None
        if m:
            units.append({"kind": "section", "num": m.group(1), "heading": None, "parent": None,
                          "line": len(lines) + 1})
            sec_idx = len(units) - 1
        cur_sub = sec_idx
        cur_par = None
        for stk in STK_SPLIT.split(content):
            for k, piece in enumerate(ITEM_SPLIT.split(stk)):
                ln = len(lines) + 1
                if k == 0:
                    ms = STK_RE.match(piece)
                    if ms:
                        units.append({"kind": "subsection", "num": ms.group(1), "heading": None,
                                      "parent": sec_idx, "line": ln})
                        cur_sub = len(units) - 1
                    cur_par = None
                else:
                    mi = ITEM_RE.match(piece)
                    num = mi.group(1)
                    if num.isdigit():
                        units.append({"kind": "paragraph", "num": num, "heading": None, "parent": cur_sub,
                                      "line": ln})
                        cur_par = len(units) - 1
                    else:
                        parent = cur_par if cur_par is not None else cur_sub
                        units.append({"kind": "subparagraph", "num": num, "heading": None, "parent": parent,
                                      "line": ln})
                lines.append(piece)
        lines.append("")
    while lines and lines[-1] == "":
        lines.pop()
    return lines, units


def wwl_record(path: str, want_id: str | None = None) -> tuple[dict, bytes, str]:
    raw, commit = git_show(WWL, path)
    d = json.loads(raw)
    if isinstance(d, list):
        d = next(x for x in d if x.get("_id") == want_id)
        raw = json.dumps(d, ensure_ascii=False, indent=2).encode("utf-8")
    return d, raw, commit


def plain_lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").rstrip("\n").split("\n")


ROWS: list[list[str]] = []


def row(path, jur, lang, title, citation, url, completeness, notes, vdate, licence, repo, repo_path, commit,
        structure, tradition, kind):
    ROWS.append([path, jur, lang, title, citation, url, completeness, notes, vdate, licence, repo, repo_path,
                 commit, structure, tradition, kind])


def faroe() -> None:
    rp = "data/seed/2009_1139.json"
    raw, commit = git_show(DK, rp)
    doc = json.loads(raw)
    slug = "fo-anordning-1139-2009-straffeloven-da"
    lines, units = danish_provisions(doc)
    name = write_text("fo", slug, lines)
    st = write_structure("fo", slug, name, units, "other")
    write_src("fo", slug, raw)
    row(f"acts/fo/{name}", "FO", "da", doc["title"], "Anordning nr. 1139 af 4. december 2009",
        "https://www.retsinformation.dk/eli/lta/2009/1139", "partial",
        "Royal ordinance putting amendments of the Danish Criminal Code into force for the Faroe Islands; "
        "the source dataset keeps the amended penal-code sections (as reprinted in the ordinance) and drops "
        "the ordinance's own amending clauses. Where the dataset holds two sections under one number only "
        "one survives. Layout: Stk./items start lines as retsinformation prints them.",
        doc.get("issued_date", ""), "Danish statutes are not protected by copyright (Ophavsretsloven s. 9); repo Apache-2.0",
        DK, rp, commit, st, "civil-law-other", "act")


def myanmar() -> None:
    rp = "sources/MM/OpenDevMyanmar/sample/record_0012.json"
    d, raw, commit = wwl_record(rp)
    slug = "mm-cyber-law-draft-2019-en"
    name = write_text("mm", slug, plain_lines(d["text"]))
    write_src("mm", slug, raw)
    row(f"acts/mm/{name}", "MM", "en", "Myanmar Cyber Law (Draft), January 2019 (abandoned)",
        "Pyidaungsu Hluttaw Law No. [ ], 2019 (draft)", d["url"], "whole-act",
        "Draft bill, never enacted; text extracted from the PDF published by Open Development Myanmar "
        "(page numbers and the publisher's cover note are part of the text). No structure truth: the source "
        "is plain text.", d.get("date", ""), "Open Development Mekong (CC BY-SA 4.0 per source README); repo AGPL-3.0",
        WWL, rp, commit, "", "common-law-commonwealth", "bill")


def eswatini() -> None:
    rp = "sources/SZ/EswatiniLII/sample/akn_sz_act_1952_64_eng_1998-12-01.json"
    d, raw, commit = wwl_record(rp)
    slug = "sz-adoption-of-children-act-1952-en"
    name = write_text("sz", slug, plain_lines(d["text"]))
    write_src("sz", slug, raw)
    row(f"acts/sz/{name}", "SZ", "en", "Adoption of Children Act, 1952", "Act No. 64 of 1952",
        d["url"], "whole-act",
        "Plain text as served by EswatiniLII (version 1998-12-01); section headings and bodies run together "
        "on few lines in this text, so no structure truth is given.", d.get("date", ""),
        "EswatiniLII open government data; repo AGPL-3.0", WWL, rp, commit, "", "common-law-commonwealth", "act")


def main() -> None:
    faroe()
    myanmar()
    eswatini()
    MANIFEST.parent.mkdir(parents=True, exist_ok=True)
    with open(MANIFEST, "w", encoding="utf-8") as fh:
        fh.write(HEADER + "\n")
        for r in ROWS:
            fh.write("\t".join(str(x).replace("\t", " ").replace("\n", " ") for x in r) + "\n")


if __name__ == "__main__":
    main()
