"""live5: statutes on live streaming / grooming / extortion for the development corpus.

Re-derives the text, structure truth and gzip'd source of:
  * PH Republic Act No. 10175 (Cybercrime Prevention Act of 2012) and Republic Act No. 9995
    (Anti-Photo and Video Voyeurism Act of 2009): LawPhil HTML pages kept in
    Ansvar-Systems/philippine-law-mcp (data/source/*.html);
  * US 18 U.S.C. chapter 110 (Sexual exploitation and other abuse of children), chapter 117
    (Transportation for illegal sexual activity and related crimes), chapter 41 (Extortion and
    threats) and chapter 71 (Obscenity): US Code text chunked per
    section/subsection in codexstanford/markdonw-chunck-of-the-usa-code (chuncks/title-18/*.md),
    reassembled in order.

Usage: python scripts/corpus/live5.py   (needs the two mirrors under /work/.mirror)
"""
from __future__ import annotations

import gzip
import json
import re
import subprocess
from pathlib import Path

import lxml.html

ROOT = Path(__file__).resolve().parents[2]
ACTS = ROOT / "corpora" / "acts"
PH_GIT = "/work/.mirror/Ansvar-Systems+philippine-law-mcp/repo"
US_GIT = "/work/.mirror/codexstanford+markdonw-chunck-of-the-usa-code/repo"


def git_show(gitdir: str, path: str) -> bytes:
    return subprocess.run(["git", "--git-dir", gitdir if gitdir.endswith(".git") else gitdir,
                           "show", f"HEAD:{path}"], check=True, capture_output=True).stdout


def git_head(gitdir: str) -> str:
    return subprocess.run(["git", "--git-dir", gitdir, "rev-parse", "HEAD"], check=True,
                          capture_output=True, text=True).stdout.strip()


def ws(s: str) -> str:
    return re.sub(r"[ \t\u00a0]+", " ", s).strip()


# ---------------------------------------------------------------- Philippines (LawPhil HTML)
ROMAN = re.compile(r"^[ivxlc]+$")
LEVELS = ["paragraph", "subparagraph", "clause", "subclause", "item"]


def ph_render(html: bytes):
    doc = lxml.html.fromstring(html.decode("utf-8"))
    for cite in doc.iter("cite"):          # LawPhil anti-copy watermark, not statute text
        cite.drop_tree()
    bq = doc.find(".//blockquote")
    lines: list[str] = []
    units: list[dict] = []
    stack: list[tuple[int, int]] = []      # (rank, unit index)
    rank = {"book": 0, "title": 1, "chapter": 2, "group": 3, "article": 4, "section": 4}

    def push(r, unit):
        while stack and stack[-1][0] >= r:
            stack.pop()
        unit["parent"] = stack[-1][1] if stack else None
        units.append(unit)
        stack.append((r, len(units) - 1))

    paras = []
    for p in bq.iter("p"):
        anc = []
        for a in p.iterancestors():
            if a is bq:
                break
            anc.append(a.tag)
        if "table" in anc:                 # signature blocks
            continue
        depth = sum(1 for a in anc if a == "dir")
        for br in p.iter("br"):
            br.tail = "\n" + (br.tail or "")
        parts = [ws(x) for x in p.text_content().split("\n")]
        parts = [x for x in parts if x]
        if parts:
            paras.append((p, depth, parts))
    for n, (p, depth, parts) in enumerate(paras):
        for k, line in enumerate(parts):
            lines.append(line)
            lines.append("")
            ln = len(lines) - 2
            m = re.match(r"^(BOOK|TITLE|CHAPTER) ([A-Z]+)$", line)
            if m:
                if k + 1 < len(parts):
                    heading = parts[k + 1]
                elif n + 1 < len(paras) and paras[n + 1][0].get("class") in ("c", None) \
                        and paras[n + 1][2][0].isupper() and not re.match(r"^(BOOK|TITLE|CHAPTER|SECTION) ", paras[n + 1][2][0]):
                    heading = paras[n + 1][2][0]
                else:
                    heading = None
                kind = m.group(1).lower()
                push(rank[kind], {"kind": kind, "num": m.group(2), "heading": heading, "line": ln})
                continue
            m = re.match(r"^(?:SECTION|Section) ([A-Z]+)\.-\s*(.*)$", line)
            if m:
                push(rank["group"], {"kind": "section", "num": m.group(1), "heading": m.group(2) or None,
                                     "line": ln})
                continue
            m = re.match(r"^(Sec(?:tion|\.)|Article) (\d+[A-Z]?(?:-[A-Z])?)\.\s*(.*)", line)
            if m and depth == 0 and k == 0:
                it = p.find(".//i")
                heading = ws(it.text_content()).rstrip(".") if it is not None else None
                kind = "article" if m.group(1) == "Article" else "section"
                push(rank[kind], {"kind": kind, "num": m.group(2), "heading": heading, "line": ln})
                continue
            m = re.match(r"^\(([a-z]{1,4}|\d+)\)", line) or re.match(r"^(\d+)\.\s", line)
            if m and depth >= 1 and k == 0:
                push(4 + depth, {"kind": LEVELS[min(depth, len(LEVELS)) - 1], "num": m.group(1),
                                 "heading": None, "line": ln})
    return "\n".join(lines).rstrip() + "\n", units


# ---------------------------------------------------------------- US Code chapters (chunks)
def us_render(chapter_marker: str):
    idx = []
    n = 1
    while True:
        try:
            md = git_show(US_GIT, f"chuncks/title-18/chunck-{n}.md").decode("utf-8")
        except subprocess.CalledProcessError:
            break
        if chapter_marker in md:
            idx.append((n, md))
        n += 1
    lines: list[str] = []
    units: list[dict] = []
    stack: list[tuple[int, int]] = []
    rank = {"chapter": 0, "section": 1, "subsection": 2, "paragraph": 3, "subparagraph": 4,
            "clause": 5, "subclause": 6}

    def push(kind, num, heading, ln):
        r = rank[kind]
        while stack and stack[-1][0] >= r:
            stack.pop()
        units.append({"kind": kind, "num": num, "heading": heading,
                      "parent": stack[-1][1] if stack else None, "line": ln})
        stack.append((r, len(units) - 1))

    def roman(n: int) -> str:
        out = ""
        for v, r in ((10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
            while n >= v:
                out += r
                n -= v
        return out

    def follows(kind: str, tok: str) -> bool:
        prev = [roman(k) for k in range(1, 40) if roman(k + 1) == tok.lower()]
        return bool(prev) and any(units[i]["kind"] == kind and units[i]["num"].lower() == prev[0]
                                  for _, i in stack)

    def level_of(tok: str) -> str:
        cur = units[stack[-1][1]]["kind"] if stack else "section"
        if tok.isdigit():
            return "paragraph"
        if tok.islower():
            if (tok == "i" and rank.get(cur, 0) >= rank["subparagraph"]) or follows("clause", tok):
                return "clause"
            return "subsection"
        if (tok == "I" and rank.get(cur, 0) >= rank["clause"]) or follows("subclause", tok):
            return "subclause"
        return "subparagraph"

    chap = sec = None
    for n, md in idx:
        body = md.strip("\n").split("\n")
        for raw in body:
            if raw.startswith("# Title"):
                continue
            if raw.startswith("### "):
                if raw[4:] != chap:
                    chap = raw[4:]
                    lines.append(chap); lines.append("")
                    m = re.match(r"CHAPTER\s+(\d+[A-Z]?)—\s*(.*)", chap)
                    push("chapter", m.group(1), m.group(2).strip() or None, len(lines) - 2)
                continue
            if raw.startswith("#### "):
                if raw[5:] != sec:
                    sec = raw[5:]
                    lines.append(sec); lines.append("")
                    m = re.match(r"§\s*(\d+[A-Z]?)\.\s*(.*)", sec)
                    push("section", m.group(1), m.group(2).strip() or None, len(lines) - 2)
                continue
            line = raw[7:] if raw.startswith("###### ") else raw
            line = line.rstrip()
            if not line:
                continue
            lines.append(line); lines.append("")
            m = re.match(r"^\(([a-zA-Z]{1,5}|\d+)\)", line)
            if m:
                tok = m.group(1)
                kind = level_of(tok)
                heading = None
                if raw.startswith("###### "):
                    rest = line[m.end():].strip()
                    if rest.endswith(" .") and len(rest) < 120:
                        heading = rest[:-2].strip()
                push(kind, tok, heading, len(lines) - 2)
    return "\n".join(lines).rstrip() + "\n", units, [n for n, _ in idx]


def write(jur: str, slug: str, text: str, units: list[dict], src: bytes, src_ext: str, fmt: str):
    d = ACTS / jur
    d.mkdir(parents=True, exist_ok=True)
    (d / f"{slug}.txt").write_text(text, encoding="utf-8")
    for u in units:                      # 0-based index -> 1-based text line
        if u["line"] is not None:
            u["line"] += 1
    st = {"schema": "lexbench.structure/1", "text": f"{slug}.txt", "source_format": fmt,
          "units": [{k: u[k] for k in ("kind", "num", "heading", "parent", "line")} for u in units]}
    (d / f"{slug}.structure.json").write_text(json.dumps(st, ensure_ascii=False, indent=1) + "\n",
                                              encoding="utf-8")
    (d / f"{slug}.src.{src_ext}.gz").write_bytes(gzip.compress(src, compresslevel=9, mtime=0))
    tl = text.split("\n")
    for u in units:                      # self-check: the unit's number is printed on its line
        assert u["num"] in tl[u["line"] - 1], (slug, u, tl[u["line"] - 1][:60])
    print(f"{jur}/{slug}: {len(text)} chars, {len(units)} units")


def main() -> None:
    for path, slug in [("data/source/ra-10175-cybercrime-prevention.html",
                        "ph-ra-10175-cybercrime-prevention-act-2012-en"),
                       ("data/source/ra-9995-anti-voyeurism.html",
                        "ph-ra-9995-anti-photo-and-video-voyeurism-act-2009-en"),
                       ("data/source/act-3815-revised-penal-code.html",
                        "ph-act-3815-revised-penal-code-1930-en")]:
        src = git_show(PH_GIT, path)
        text, units = ph_render(src)
        write("ph", slug, text, units, src, "html", "html")
    for marker, slug in [("### CHAPTER 110—", "us-18-usc-chapter-110-sexual-exploitation-of-children-en"),
                         ("### CHAPTER 117—", "us-18-usc-chapter-117-transportation-for-illegal-sexual-activity-en"),
                         ("### CHAPTER 41—", "us-18-usc-chapter-41-extortion-and-threats-en"),
                         ("### CHAPTER 71—", "us-18-usc-chapter-71-obscenity-en")]:
        text, units, chunks = us_render(marker)
        src = "".join(git_show(US_GIT, f"chuncks/title-18/chunck-{n}.md").decode("utf-8")
                      for n in chunks).encode("utf-8")
        write("us", slug, text, units, src, "md", "markdown")
        print("  chunks", chunks[0], "-", chunks[-1])


if __name__ == "__main__":
    main()
