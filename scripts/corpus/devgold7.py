"""devgold7: render Djibouti statutes kept as per-provision JSON by Ansvar-Systems/Djibouti-law-mcp
(data/seed/<loi>.json, text from the Journal officiel de la République de Djibouti).

The repo splits the article numbers: an article printed "Article 4.1.1 : Quiconque ..." is stored with
provision_ref "art4" and content "1.1 : Quiconque ..."; the number is rebuilt as
"Article <ref digits>.<content prefix>" and the content is printed verbatim after it.  The repo's
entries that are fragments of the official table of contents (content starting "1.1 et Article",
or a bare number) are left out (a table of contents is not a unit).  Headings: the last element of
the repo's "chapter" path, printed when it changes (unless the previous content already printed it).
Visas and signature: HTML tags removed, entities decoded.

usage: python scripts/corpus/devgold7.py dj-cyber
"""
from __future__ import annotations

import html
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from collect_lib import git_show, write_statute  # noqa: E402

REPO = "Ansvar-Systems/Djibouti-law-mcp"
JOBS = {
    "dj-cyber": ("data/seed/loi-n66-an-14-7eme-l-relative-au-cyber-securite-et-a-la-lutte-contre-la-cybercriminalite.json",
                 "dj-loi-66-an-14-cybersecurite-cybercriminalite-fr"),
}


def strip_html(s: str) -> list[str]:
    s = re.sub(r"<br\s*/?>", "\n", s)
    s = re.sub(r"<[^>]+>", "", s)
    s = html.unescape(s).replace("\xa0", " ")
    return [ln.strip() for ln in s.split("\n") if ln.strip()]


def render(d: dict):
    lines = [d["title"], ""]
    units: list[dict] = []
    for ln in strip_html(d["provisions"][0]["content"]):
        lines.append(ln)
    lines.append("")
    last_head = None
    titre_idx = chap_idx = sec_idx = None
    for p in d["provisions"][1:]:
        ref, c = p["provision_ref"], p["content"].strip()
        if ref == "signature":
            lines.extend(strip_html(c))
            continue
        if re.match(r"^\d+(\.\d+)?\s+et Article", c) or re.fullmatch(r"[\d.]+(\s|\n)*(Section|Chapitre|$).*", c, re.S) \
                or re.match(r"^\d+(\.\d+)?\s*\n", c):
            continue  # fragments of the table of contents
        path = [x.strip() for x in (p.get("chapter") or "").split(">")]
        head = path[-1] if path and path[-1] else None
        if path and path[0] and (titre_idx is None or path[0] != units[titre_idx]["_h"]):
            lines.append(path[0]); lines.append("")
            units.append({"kind": "title", "num": re.search(r"TITRE\s+(\S+)", path[0]).group(1), "heading": path[0].split("—", 1)[-1].strip(),
                          "parent": None, "line": len(lines) - 1, "_h": path[0]})
            titre_idx = len(units) - 1; chap_idx = sec_idx = None
        for h in path[1:]:
            if any(u.get("_h") == h and (u["parent"] == titre_idx or u["parent"] == chap_idx) for u in units[titre_idx:]):
                continue
            kind = "chapter" if h.upper().startswith("CHAPITRE") else "section"
            m = re.match(r"(?:CHAPITRE|SECTION)\s+([^\s—]+)", h, re.I)
            if h not in "\n".join(lines[-40:]):
                lines.append(h); lines.append("")
                line = len(lines) - 1
            else:
                line = None
            parent = titre_idx if kind == "chapter" else (chap_idx if chap_idx is not None else titre_idx)
            units.append({"kind": kind, "num": m.group(1) if m else None, "heading": h.split("—", 1)[-1].strip(),
                          "parent": parent, "line": line, "_h": h})
            if kind == "chapter":
                chap_idx = len(units) - 1; sec_idx = None
            else:
                sec_idx = len(units) - 1
        n = re.sub(r"\D", "", ref)
        m = re.match(r"^([\d.]+)\s*:\s*", c)
        if m:
            num = f"{n}.{m.group(1)}"
            text = f"Article {num} : {c[m.end():]}"
        else:
            num = n
            text = f"Article {n} : {c}" if n != "1" else f"Article premier : {c}"
        parent = sec_idx if sec_idx is not None else (chap_idx if chap_idx is not None else titre_idx)
        lines.append(""); start = len(lines) + 1
        units.append({"kind": "article", "num": num if n != "1" or m else "premier", "heading": None, "parent": parent, "line": start})
        for para in re.split(r"\n\s*\n+", text):
            lines.append(para.strip())
            lines.append("")
    for u in units:
        u.pop("_h", None)
    return [ln for ln in lines], units


def main():
    job = sys.argv[1]
    path, slug = JOBS[job]
    raw, commit = git_show(REPO, path)
    d = json.loads(raw)
    lines, units = render(d)
    # collapse runs of blank lines
    out = []
    for ln in lines:
        if ln == "" and out and out[-1] == "":
            continue
        out.append(ln)
    # recompute unit lines after collapsing: find the printed starts
    text_lines = out
    # structure truth rebuilt from the printed text: TITRE > CHAPITRE > SECTION > Article
    units = []
    stack = {}
    rank = {"title": 0, "chapter": 1, "section": 2, "article": 3}
    for k, ln in enumerate(text_lines):
        m = re.match(r"^(TITRE|CHAPITRE|SECTION)\s+([^\s:—]+)\s*[:—]\s*(.*)$", ln)
        a = re.match(r"^Article ([\d.]+|premier|deuxième) :", ln)
        if m:
            kind = {"TITRE": "title", "CHAPITRE": "chapter", "SECTION": "section"}[m.group(1)]
            num, head = m.group(2), m.group(3).strip()
        elif a:
            kind, num, head = "article", a.group(1), None
        else:
            continue
        r = rank[kind]
        parent = None
        for rr in range(r - 1, -1, -1):
            if stack.get(rr) is not None:
                parent = stack[rr]
                break
        units.append({"kind": kind, "num": num, "heading": head, "parent": parent, "line": k + 1})
        stack[r] = len(units) - 1
        for rr in range(r + 1, 4):
            stack[rr] = None
    write_statute("dj", slug, text_lines, units, raw, "json", "other")
    print(slug, commit, len(text_lines))


if __name__ == "__main__":
    main()
