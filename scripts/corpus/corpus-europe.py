#!/usr/bin/env python3
"""corpus-europe: European statute texts (Markdown sources) -> corpora/acts/<jur>/ + structure truth.

Sources are public Markdown law repositories (legalize-dev/legalize-*, bundestag/gesetze,
Jakobkoding2/legalize-no, nab-collab/legalize-se). Each act is read from a git snapshot
(``git --git-dir=<mirror> show <commit>:<path>``) or, when no snapshot can be had, from the
gzip copy of the stored source kept beside the text (``<slug>.src.md.gz``).

Text: the Markdown body verbatim (YAML front matter removed; it is metadata and goes into the
manifest). Structure: numbered units found from the headings (part/chapter/... and the
section/article lines) plus numbered sub-units that open a body line ("(1)", "a)", "1.", "1)").
Sub-units nest by numbering style (a style already open closes the levels below it; a new style
nests under the deepest open level); they are named by depth below their section/article.

Usage: corpus-europe.py [--only SLUG_PREFIX]   (run from the repository root)
"""
from __future__ import annotations

import csv
import gzip
import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ACTS = os.path.join(ROOT, "corpora", "acts")
MANIFEST = os.path.join(ROOT, "corpora", "manifests", "corpus-europe.tsv")
MIRRORS = "/work/.mirror"
HEADER = ("path\tjurisdiction\tlanguage\ttitle\tcitation\tsource_url\tcompleteness\tnotes\tversion_date"
          "\tlicence\trepo\trepo_path\tcommit\tstructure\ttradition\tkind").split("\t")

SUP = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")

# ---------------------------------------------------------------- profiles
# Structural patterns: (kind, regex on the heading text); group 'n' = number, group 'h' = heading
# (optional; when absent or empty the next unnumbered heading line is the unit's heading).
# The order of the list is the rank (earlier = higher); the section/article kind is the leaf.
W = r"(?P<n>[^\s.]+)"
NV = r"(?!)"  # never matches
ORD = r"(?P<n>\w+(?:ter|ster))"  # German ordinals: Erster, Zweiter, ... Zwanzigster
ROM = r"(?P<n>[IVXLC]+(?:er)?|[Pp]réliminaire|PRÉLIMINAIRE|\d+(?:er)?)"
PROFILES = {
    "cz": {"headings_only": True, "units": [
        ("part", rf"^ČÁST {W}$"),
        ("title", rf"^HLAVA (?P<n>[IVXLC]+)$"),
        ("chapter", rf"^Díl (?P<n>\d+)$"),
        ("division", rf"^Oddíl (?P<n>\d+)$"),
        ("subdivision", rf"^Pododdíl (?P<n>\d+)$"),
        ("section", r"^§ (?P<n>\d+[a-z]*)$")]},
    "sk": {"headings_only": True, "units": [
        ("part", rf"^{W} ČASŤ$"),
        ("title", rf"^{W} HLAVA$"),
        ("chapter", rf"^{W} [Dd]iel$"),
        ("division", rf"^{W} [Oo]ddiel$"),
        ("section", r"^§ (?P<n>\d+[a-z]*)$")]},
    "ee": {"headings_only": True, "units": [
        ("part", r"^(?P<n>\d+)\. osa\s*(?P<h>.*)$"),
        ("chapter", r"^(?P<n>\d+(?:<sup>\(?\d+\)?</sup>)?)\. peatükk\s*(?P<h>.*)$"),
        ("division", r"^(?P<n>\d+(?:<sup>\(?\d+\)?</sup>)?)\. jagu\s*(?P<h>.*)$"),
        ("subdivision", r"^(?P<n>\d+(?:<sup>\(?\d+\)?</sup>)?)\. jaotis\s*(?P<h>.*)$"),
        ("section", r"^§ (?P<n>\d+(?:<sup>\(?\d+\)?</sup>)?)\.\s*(?P<h>.*)$")]},
    "fi": {"headings_only": True, "units": [
        ("part", r"^(?P<n>[IVX]+|\d+) OSA\s*(?P<h>.*)$"),
        ("chapter", r"^(?P<n>\d+[a-z]?) luku\s*(?P<h>.*)$"),
        ("section", r"^(?P<n>\d+(?: ?[a-z])?) §\s*(?P<h>.*)$")]},
    "gr": {"headings_only": True, "heading_next_line": True, "units": [
        ("book", r"^ΒΙΒΛΙΟ (?P<n>\S+)\s*(?P<h>.*)$"),
        ("part", r"^ΜΕΡΟΣ (?P<n>\S+)\s*(?P<h>.*)$"),
        ("chapter", r"^ΚΕΦΑΛΑΙΟ (?P<n>\S+)\s*(?P<h>.*)$"),
        ("article", r"^Άρθρο (?P<n>\d+[Α-Ωα-ω]?)\s*(?P<h>.*)$")]},
    "no": {"headings_only": True, "units": [
        ("part", r"^(?P<n>\w+) del\.\s*(?P<h>.*)$"),
        ("chapter", r"^Kapittel (?P<n>\d+[A-Za-z]?)\.\s*(?P<h>.*)$"),
        ("section", r"^§ (?P<n>\d+(?:-\d+)?[a-z]?)\.\s*(?P<h>.*)$")]},
    # Riksdagen text is hard-wrapped: a unit starts a paragraph (blank line before it); a wrapped
    # line that merely begins with "4 § andra stycket" or "3 kap. 5 §" is a cross-reference.
    "se": {"headings_only": False, "blank_before": True, "units": [
        ("part", r"^(?P<n>[A-ZÅÄÖ]+) AVDELNINGEN\s*$"),
        ("chapter", r"^(?P<n>\d+ ?[a-z]?) kap\.\s*(?P<h>.*)$"),
        ("section", r"^(?P<n>\d+ ?[a-z]?) §(?:\s|$)")]},
    # bundestag/gesetze Markdown is hard-wrapped: enumerators only count at a paragraph start.
    "de": {"headings_only": True, "sub_blank_before": True, "leaf": ["section", "article"], "units": [
        ("book", rf"^{ORD} Buch(?: - (?P<h>.*))?$"),
        ("part", rf"^{ORD} Teil(?: - (?P<h>.*))?$"),
        ("chapter", rf"^{ORD} Abschnitt(?: - (?P<h>.*))?$"),
        ("division", rf"^{ORD} Unterabschnitt(?: - (?P<h>.*))?$"),
        ("title", rf"^{ORD} Titel(?: - (?P<h>.*))?$"),
        ("section", r"^§ (?P<n>\d+[a-z]*)(?: (?P<h>.*))?$"),
        ("article", r"^Art (?P<n>\d+[a-z]*)(?: (?P<h>.*))?$")]},
    "at": {"headings_only": True, "leaf": ["section", "article"], "units": [
        ("part", r"^(?:(?P<n>\d+)\.|(?P<n2>\w+(?:ter|ster))) Teil$"),
        ("chapter", r"^(?:(?P<n>\d+)\.|(?P<n2>\w+(?:ter|ster))) Hauptstück$"),
        ("division", r"^(?:(?P<n>\d+)\.|(?P<n2>\w+(?:ter|ster))) Abschnitt$"),
        ("section", r"^§ (?P<n>\d+[a-z]*) [^\s—]+(?: — (?P<h>.*))?$"),
        ("article", r"^Art\. (?P<n>\d+[a-z]*) [^\s§—]+(?: — (?P<h>.*))?$")]},
    "fr": {"headings_only": False, "units": [
        ("book", rf"^(?:Livre|LIVRE) {ROM}\s*:\s*(?P<h>.*)$"),
        ("title", rf"^(?:Titre|TITRE) {ROM}\s*:\s*(?P<h>.*)$"),
        ("chapter", rf"^(?:Chapitre|CHAPITRE) {ROM}\s*:\s*(?P<h>.*)$"),
        ("section", r"^Section (?P<n>\d+(?: bis| ter)?|[IVXLC]+)\s*:\s*(?P<h>.*)$"),
        ("subsection", r"^Sous-section (?P<n>\d+(?: bis| ter)?)\s*:\s*(?P<h>.*)$"),
        ("subdivision", r"^Paragraphe (?P<n>\d+(?: bis| ter)?)\s*:\s*(?P<h>.*)$"),
        ("article", r"^Article (?P<n>(?:[LRDA]\*?\.? ?)?\d[\w-]*(?: (?:bis|ter|quater|quinquies|[A-Z]))?|[Pp]réliminaire|PREAMBULE)$")]},
    "kr": {"headings_only": True, "units": [
        ("part", r"^제(?P<n>\d+)편\s*(?P<h>.*?)(?:\s*<[^>]*>)*$"),
        ("chapter", r"^제(?P<n>\d+)장\s*(?P<h>.*?)(?:\s*<[^>]*>)*$"),
        ("division", r"^제(?P<n>\d+)절\s*(?P<h>.*?)(?:\s*<[^>]*>)*$"),
        ("article", r"^제(?P<n>\d+(?:조의\d+)?)조?\s*(?:\((?P<h>[^)]*)\))?.*$")]},
    "lt": {"headings_only": False, "heading_next_line": True, "units": [
        ("chapter", r"^(?P<n>[IVXLC]+) SKYRIUS$"),
        ("division", r"^(?P<n>[IVXLC]+) SKIRSNIS$"),
        ("article", r"^(?P<n>\d+(?:<sup>\(?\d+\)?</sup>)?) straipsnis\.\s*(?P<h>.*)$")]},
    "ad": {"headings_only": True, "units": [
        ("title", r"^Títol (?P<n>preliminar|[IVXLC]+)\.?\s*(?P<h>.*)$"),
        ("chapter", r"^Capítol (?P<n>\w+)\.?\s*(?P<h>.*)$"),
        ("section", r"^Secció (?P<n>\w+)\.?\s*(?P<h>.*)$"),
        ("article", r"^Article (?P<n>\d+(?: ?bis| ?ter| ?quater)?)\.?\s*(?P<h>.*)$")]},
    # Andorran Codi penal as rendered by legalize-ad: the Títol/Capítol headings are printed
    # together at the top (an arrangement, not units), the articles follow without them.
    "ad-flat": {"headings_only": True, "units": [
        ("article", r"^Article (?P<n>\d+(?: ?bis| ?ter| ?quater)?)\.?\s*(?P<h>.*)$")]},
    # ---- rendered from Ansvar-Systems *-law-mcp JSON seeds (render_json): the structural units
    # come from the JSON records ("forced" lines), never from patterns; only sub-units are parsed.
    "si": {"headings_only": False, "units": [("chapter", NV), ("division", NV), ("article", NV)]},
    "hr": {"headings_only": False, "units": [("article", NV)]},
    "jp": {"headings_only": False, "units": [("chapter", NV), ("article", NV)]},
    "is": {"headings_only": False, "units": [("article", NV)]},
    "dk": {"headings_only": False, "units": [("chapter", NV), ("section", NV)]},
    "ro": {"headings_only": False, "units": [("title", NV), ("chapter", NV), ("article", NV)]},
    "pl": {"headings_only": False, "extra_subs": [("para-sign", r"^§ (?P<n>\d+[a-z]?)\.(?:\s|$)")],
           "units": [("article", NV)]},
    "lv": {"headings_only": False, "units": [("chapter", NV), ("article", NV)]},
    "ua": {"headings_only": False, "units": [("article", NV)]},
    "rs": {"headings_only": False, "units": [("article", NV)]},
    "ge": {"headings_only": False, "units": [("article", NV)]},
    "tr": {"headings_only": False, "inline_sub_after": r"^(?:Geçici |Ek )?Madde \S+\s*[-–]\s*", "units": [("article", NV)]},
}
# Sub-unit enumerators at the start of a body line: (style, regex with group 'n')
SUBS = [
    ("circled", r"^(?P<n>[①-⑳])"),
    ("num-dot-esc", r"^(?P<n>\d+)\\\.(?:\s|$)"),
    ("hangul-dot", r"^(?P<n>[가-하])\.(?:\s|$)"),
    ("paren-num", r"^\((?P<n>\d+[a-z]?(?:<sup>\(?\d+\)?</sup>|\^\d+)?)\)(?:\s|$)"),
    ("letter-paren", r"^(?P<n>[a-zα-ω]{1,2})\)(?:\s|$)"),
    ("num-dot", r"^(?P<n>\d+[a-z]?)\.(?:\s|$)"),
    ("num-paren", r"^(?P<n>\d+[a-z]?)\)(?:\s|$)"),
    ("num-degree", r"^(?P<n>\d+)°(?:\s|$)"),
    ("stk", r"^Stk\. (?P<n>\d+)\.(?:\s|$)"),
]
BELOW = {"section": ["subsection", "paragraph", "subparagraph", "clause", "subclause"],
         "article": ["paragraph", "point", "item", "subitem", "subsubitem"]}


def clean_heading_text(s: str) -> str:
    s = s.strip()
    s = re.sub(r"^#+\s*", "", s)
    s = re.sub(r"^\*\*(.*)\*\*$", r"\1", s).strip()
    return s


def fmt_num(n: str) -> str:
    return re.sub(r"<sup>\(?(\d+)\)?</sup>", lambda m: m.group(1).translate(SUP), n).strip()


def strip_front_matter(raw: str) -> str:
    if raw.startswith("---\n"):
        end = raw.find("\n---\n", 4)
        if end >= 0:
            raw = raw[end + 5:]
    return raw.lstrip("\n")


def front_matter(raw: str) -> dict:
    out = {}
    if raw.startswith("---\n"):
        end = raw.find("\n---\n", 4)
        for line in raw[4:end].splitlines():
            m = re.match(r'^(\w+):\s*"?(.*?)"?\s*$', line)
            if m and m.group(1) not in out:
                out[m.group(1)] = m.group(2)
    return out


def structure(text: str, profile: str, forced: dict | None = None) -> list[dict]:
    """forced: {line: (kind, num, heading)} structural units known from a structured source."""
    forced = forced or {}
    prof = PROFILES[profile]
    pats = [(k, re.compile(p)) for k, p in prof["units"]]
    rank = {k: i for i, (k, _) in enumerate(pats)}
    leaves = set(prof.get("leaf", [pats[-1][0]]))
    subs = [(s, re.compile(p)) for s, p in prof.get("extra_subs", []) + SUBS]
    units: list[dict] = []
    struct_stack: list[int] = []      # indexes of open structural units (incl. leaf)
    sub_stack: list[tuple[str, int]] = []  # (style, index) below the current leaf
    pending: int | None = None         # unit waiting for its heading
    in_code = False
    prev_blank = True
    prev_text, ln_prev = "", 0
    used: set[int] = set()             # lines already taken as a unit or a heading

    def try_sub(body: str, ln: int, leaf: int, sub_stack: list) -> None:
        for style, rx in subs:
            m = rx.match(body)
            if not m:
                continue
            pos = next((i for i, (st, _) in enumerate(sub_stack) if st == style), None)
            if pos is not None:
                del sub_stack[pos:]
            depth = len(sub_stack)
            names = BELOW[units[leaf]["kind"]]
            if depth >= len(names):
                return
            parent = sub_stack[-1][1] if sub_stack else leaf
            units.append({"kind": names[depth], "num": fmt_num(m.group("n")), "heading": None,
                          "parent": parent, "line": ln})
            sub_stack.append((style, len(units) - 1))
            return
    for ln, line in enumerate(text.split("\n"), 1):
        s = line.strip()
        after_blank, prev_blank = prev_blank, not s
        before_text, before_ln = prev_text, ln_prev
        if s:
            prev_text, ln_prev = s, ln
        if s.startswith("```"):
            in_code = not in_code
            continue
        if in_code or not s:
            continue
        is_heading = s.startswith("#")
        cand = clean_heading_text(s) if is_heading else s
        cand = re.sub(r"\s+", " ", cand)  # thin/no-break spaces ("1\u2009§") match as spaces
        if prof.get("strip_emphasis", True):
            cand = re.sub(r"\*\*|(?<!\w)_|_(?!\w)", "", cand).strip()
        hit = None
        if ln in forced:
            kind, num, h = forced[ln]
            r = rank[kind]
            while struct_stack and rank[units[struct_stack[-1]]["kind"]] >= r:
                struct_stack.pop()
            units.append({"kind": kind, "num": num, "heading": h,
                          "parent": struct_stack[-1] if struct_stack else None, "line": ln})
            struct_stack.append(len(units) - 1)
            used.add(ln)
            sub_stack = []
            pending = None
            lab = re.match(prof["inline_sub_after"], s) if prof.get("inline_sub_after") else None
            if lab and kind in leaves:  # "Madde 2 - (1) ..." : paragraph 1 printed on the article line
                try_sub(s[lab.end():], ln, len(units) - 1, sub_stack)
            continue
        if is_heading or (not prof["headings_only"] and (after_blank or not prof.get("blank_before"))):
            for kind, rx in pats:
                m = rx.match(cand)
                if m:
                    hit = (kind, m)
                    break
        if hit:
            kind, m = hit
            r = rank[kind]
            while struct_stack and rank[units[struct_stack[-1]]["kind"]] >= r:
                struct_stack.pop()
            h = (m.groupdict().get("h") or "").strip() or None
            if h is None and prof.get("heading_prev_line") and kind in leaves and before_text \
                    and before_ln not in used and len(before_text) < 200 \
                    and not re.search(r"[.:;,。]$", before_text) and not any(rx.match(before_text) for _, rx in subs):
                h = before_text.strip("（）()")
                used.add(before_ln)
            if kind == "section" and profile == "se":
                h = None
            num = m.groupdict().get("n") or m.groupdict().get("n2")
            units.append({"kind": kind, "num": fmt_num(num), "heading": h,
                          "parent": struct_stack[-1] if struct_stack else None, "line": ln})
            struct_stack.append(len(units) - 1)
            used.add(ln)
            sub_stack = []
            pending = len(units) - 1 if h is None and not (profile == "se" and kind == "section") else None
            continue
        if is_heading:
            if pending is not None and units[pending]["heading"] is None:
                units[pending]["heading"] = cand
            pending = None
            continue
        if (pending is not None and prof.get("heading_next_line") and units[pending]["heading"] is None
                and len(cand) < 200 and not re.search(r"[.:;,]$", cand)
                and not any(rx.match(cand) for _, rx in subs)):
            units[pending]["heading"] = cand
            used.add(ln)
            pending = None
            continue
        pending = None
        if not struct_stack or units[struct_stack[-1]]["kind"] not in leaves:
            continue
        if prof.get("sub_blank_before") and not after_blank:
            continue
        leaf = struct_stack[-1]
        body = s.lstrip("- ").strip() if s.startswith("- ") else s
        body = re.sub(r"^>+\s*", "", body)               # LawAT: "> `(1)` text", ">> `4a.` text"
        body = re.sub(r"^`([^`\s]{1,12})`", r"\1", body)
        body = re.sub(r"^\*\*([①-⑳])\*\*", r"\1", body)   # Korean "**①**"
        try_sub(body, ln, struct_stack[-1], sub_stack)
    return units


KANJI = "〇一二三四五六七八九"


def kanji_num(n: int) -> str:
    """Japanese statute numerals: 156 -> 百五十六, 1000 -> 千."""
    out = ""
    for value, sym in ((1000, "千"), (100, "百"), (10, "十")):
        q, n = divmod(n, value)
        if q:
            out += ("" if q == 1 else KANJI[q]) + sym
    return out + (KANJI[n] if n else "")


def render_json(profile: str, d: dict) -> tuple[str, dict]:
    """Lay out an Ansvar-Systems seed (document + provisions) the way the tradition prints it.

    Returns the text and the structural units known from the records ({line: (kind, num, heading)}).
    Nothing is added but the unit labels and headings the records carry in separate fields.
    """
    doc = d["documents"][0] if "documents" in d else d
    lines: list[str] = [doc["title"], ""]
    forced: dict[int, tuple] = {}

    def add(text: str, unit: tuple | None = None) -> None:
        if unit:
            forced[len(lines) + 1] = unit
        lines.extend(text.split("\n"))  # a record field may itself hold several lines

    cur_ch = cur_sec = None
    printed_levels: set[str] = set()
    for p in d["provisions"]:
        content = (p.get("content") or "").strip("\n")
        if profile == "si":
            ch = p.get("chapter")
            if ch and ch != cur_ch:
                word, _, head = ch.partition("  ")
                add("")
                add(word.strip(), ("chapter", word.split()[0], head.strip() or None))
                if head.strip():
                    add(head.strip())
                add("")
                cur_ch, cur_sec = ch, None
            sec = p.get("section")
            if sec and sec != cur_sec:
                m = re.match(r"(\d+)\.\s*(.*)", sec)
                add(sec, ("division", m.group(1), m.group(2) or None) if m else None)
                add("")
                cur_sec = sec
            if p.get("title"):
                add(p["title"])
            art = p["article"]
            add(f"{art} člen" if "." in art else f"{art}. člen", ("article", art, p.get("title")))
            for para in content.split("\n"):
                add(para)
            add("")
        elif profile == "hr":
            add(p["title"], ("article", p["section"], None))
            add("")
            for para in content.split("\n"):
                add(para)
            add("")
        elif profile == "jp":
            ch = re.sub(r"^Chapter [^:]*:\s*", "", p.get("chapter") or "")
            if ch and ch != cur_ch:
                m = re.match(r"第(.+?)章[\u3000 ]*(.*)", ch)
                add(ch, ("chapter", m.group(1), m.group(2) or None) if m else None)
                add("")
                cur_ch = ch
            title = (p.get("title") or "").strip()
            if ":" in p["section"]:  # repealed range: "第七十三条から第七十六条まで　削除"
                a, b = (kanji_num(int(x)) for x in p["section"].split(":"))
                add(title + "\u3000" + content, ("article", f"{a}から{b}", None))
                add("")
                continue
            if title:
                add(title)
            parts = [int(x) for x in re.split(r"[_-]", p["section"])]
            num = "の".join(kanji_num(x) for x in parts)
            label = "第" + kanji_num(parts[0]) + "条" + "".join("の" + kanji_num(x) for x in parts[1:])
            paras = content.split("\n")
            add(label + "\u3000" + paras[0], ("article", num, title.strip("（）") or None))
            for para in paras[1:]:
                add(para)
            add("")
        elif profile == "is":
            m = re.match(r"(\d+)\s*([a-z]?)$", p["section"])
            label = f"{m.group(1)}. gr." + (f" {m.group(2)}" if m.group(2) else "") if m else p["section"]
            add(label, ("article", p["section"], None))
            for para in content.split("\n"):
                add(para)
            add("")
        elif profile == "dk":
            ch = p.get("chapter")
            if ch and ch != cur_ch:
                add(f"Kapitel {ch}", ("chapter", ch, None))
                add("")
                cur_ch = ch
            paras = re.split(r" (?=Stk\. \d+\. )", content)  # Danish prints each 'Stk.' as a new paragraph
            printed = re.match(r"§ (\d+(?: ?[a-z])?)\.", paras[0])
            add(paras[0], ("section", printed.group(1) if printed else p["section"], None))
            for para in paras[1:]:
                add(para)
            add("")
        elif profile == "ro":
            # the records' path "Partea | Titlul | Capitolul | Secţiunea"; the Secţiunea level is
            # stale in the records (carried over into later chapters), so it is not printed
            levels = [x.strip() for x in (p.get("chapter") or "").split("|")]
            for lvl in levels:
                if lvl.startswith("Secţiunea") or lvl.startswith("Secțiunea") or lvl in printed_levels:
                    continue
                m = re.match(r"(Titlul|Capitolul) ([IVXLC]+(?:\^\d+)?) - (.*)", lvl)
                add("")
                if m:
                    add(f"{m.group(1)} {m.group(2)}", ("title" if m.group(1) == "Titlul" else "chapter",
                                                      m.group(2), m.group(3)))
                    add(m.group(3))
                else:
                    add(lvl)
                add("")
                printed_levels.add(lvl)
                if lvl.startswith("Titlul") or lvl.startswith("Partea"):
                    printed_levels.difference_update({x for x in printed_levels if x.startswith("Capitolul")})
            add(p["title"], ("article", p["section"], None))
            # Romanian prints the marginal heading and each alineat '(n)' on its own line
            body = re.sub(r"^([^()]{1,200}?) (?=\(1\) )", r"\1\n", content)
            abbrev = "".join(rf"(?<!{a}\.)" for a in ("alin", "Alin", "art", "Art", "lit", "pct", "nr", "al", "teza"))
            body = re.sub(rf"(?<=[.;:)]){abbrev} (?=\(\d+(?:\^\d+)?\) )", "\n", body)
            add(body)
            add("")
        elif profile == "pl":
            add(p["title"] + ".", ("article", p["section"], None))
            add(re.sub(r"(?<=[.;:]) (?=§ \d+[a-z]?\. )", "\n", content))  # each '§ n.' on its own line
            add("")
        elif profile == "lv":
            ch = p.get("chapter")
            if ch and ch != cur_ch:
                m = re.match(r"([IVXLC]+) nodaļa\.?\s*(.*)", ch)
                add("")
                if m:
                    add(f"{m.group(1)} nodaļa", ("chapter", m.group(1), m.group(2) or None))
                    if m.group(2):
                        add(m.group(2))
                else:
                    add(ch)
                add("")
                cur_ch = ch
            if str(p["section"]).startswith("pn"):
                # transitional provisions (likumi.lv id "pnN") are numbered points under one heading,
                # printed "N. ...", not articles "pnN. pants."
                if cur_sec != "pn":
                    add("Pārejas noteikumi")
                    add("")
                    cur_sec = "pn"
                add(content)
                add("")
                continue
            add(f"{p['section']}. pants. {p.get('title') or ''}".rstrip(), ("article", p["section"], p.get("title")))
            add(content)
            add("")
        elif profile in ("ua", "rs", "ge"):
            # records carry the printed article line ("Стаття 2. Heading", "Члан 2. ...", "მუხლი 2. ...")
            ch = p.get("chapter")
            if ch and ch != cur_ch:  # Georgian records: chapter name only (no number)
                add("")
                add(ch)
                add("")
                cur_ch = ch
            title = p["title"].strip()
            lab = re.match(r"^\S+ (\d+(?:[ ^]?\d+)?(?:-\S+)?)\s?\.\s*", title)  # "მუხლი 67 1 . ..." (superscript flattened)
            head = title[lab.end():].strip() if lab else None
            add(title, ("article", lab.group(1) if lab else p["section"], head or None))
            add(content)
            add("")
        elif profile == "tr":
            # text extracted from the mevzuat.gov.tr PDF: starts 'Madde N -'; each fıkra '(n)' is put
            # on its own line as Turkish prints it
            body = re.sub(r"(?<=[.;:])\s*(?=\(\d+\)\s?\S)", "\n", content)
            lab = re.match(r"^(?:Geçici |Ek )?Madde (\d+(?:/[A-Z])?)", body)  # printed number ("Ek Madde 1" -> "1")
            add(body, ("article", lab.group(1) if lab else p["section"], None))
            add("")
    return "\n".join(lines).rstrip("\n") + "\n", forced


def git_show(mirror: str, commit: str, path: str) -> str:
    return subprocess.run(["git", f"--git-dir={MIRRORS}/{mirror}/repo", "show", f"{commit}:{path}"],
                          check=True, capture_output=True).stdout.decode("utf-8")


def load_config():
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus-europe-acts.tsv"),
              encoding="utf-8") as f:
        return [r for r in csv.DictReader((l for l in f if not l.startswith("#")), delimiter="\t")]


def build(row: dict) -> dict:
    jur = row["jur"].lower()
    d = os.path.join(ACTS, jur)
    os.makedirs(d, exist_ok=True)
    slug = row["slug"]
    mirror = row["repo"].replace("/", "+")
    if row["repo"].startswith("Ansvar-Systems/"):
        return build_json(row, d, slug, mirror)
    src_gz = os.path.join(d, f"{slug}.src.md.gz")
    if os.path.isdir(f"{MIRRORS}/{mirror}/repo"):
        raw = git_show(mirror, row["commit"], row["repo_path"])
    else:
        with gzip.open(src_gz, "rt", encoding="utf-8") as f:
            raw = f.read()
    fm = front_matter(raw)
    text = strip_front_matter(raw) if row["profile"] != "se" else raw
    if len(text.encode("utf-8")) > 2_000_000:
        raise SystemExit(f"{slug}: over 2 MB of text")
    with open(os.path.join(d, f"{slug}.md"), "w", encoding="utf-8") as f:
        f.write(text)
    with gzip.GzipFile(src_gz, "wb", mtime=0) as f:
        f.write(raw.encode("utf-8"))
    units = structure(text, row["profile"])
    st = {"schema": "lexbench.structure/1", "text": f"{slug}.md", "source_format": "markdown",
          "units": units}
    with open(os.path.join(d, f"{slug}.structure.json"), "w", encoding="utf-8") as f:
        head = json.dumps({k: v for k, v in st.items() if k != "units"}, ensure_ascii=False)[:-1]
        rows = ",\n".join(json.dumps(u, ensure_ascii=False, separators=(",", ":")) for u in units)
        f.write(f'{head}, "units": [\n{rows}\n]}}\n')
    eli = re.search(r"/(\d{4}-\d{2}-\d{2})$", fm.get("source", ""))
    vd = row.get("version_date") or (eli.group(1) if eli else "") or fm.get("last_updated") or fm.get("publication_date") or ""
    src = row.get("source_url") or fm.get("source") or ""
    return {"path": f"acts/{jur}/{slug}.md", "jurisdiction": row["jur"].upper(), "language": row["lang"],
            "title": row["title"], "citation": row["citation"], "source_url": src,
            "completeness": row["completeness"], "notes": row["notes"], "version_date": vd,
            "licence": row["licence"], "repo": row["repo"], "repo_path": row["repo_path"],
            "commit": row["commit"], "structure": f"acts/{jur}/{slug}.structure.json",
            "tradition": row["tradition"], "kind": row["kind"], "_units": len(units)}


def build_json(row: dict, d: str, slug: str, mirror: str) -> dict:
    src_gz = os.path.join(d, f"{slug}.src.json.gz")
    if os.path.isdir(f"{MIRRORS}/{mirror}/repo"):
        raw = git_show(mirror, row["commit"], row["repo_path"])
    else:
        with gzip.open(src_gz, "rt", encoding="utf-8") as f:
            raw = f.read()
    data = json.loads(raw)
    text, forced = render_json(row["profile"], data)
    with open(os.path.join(d, f"{slug}.txt"), "w", encoding="utf-8") as f:
        f.write(text)
    with gzip.GzipFile(src_gz, "wb", mtime=0) as f:
        f.write(raw.encode("utf-8"))
    units = structure(text, row["profile"], forced)
    head = json.dumps({"schema": "lexbench.structure/1", "text": f"{slug}.txt", "source_format": "other"},
                      ensure_ascii=False)[:-1]
    rows = ",\n".join(json.dumps(u, ensure_ascii=False, separators=(",", ":")) for u in units)
    with open(os.path.join(d, f"{slug}.structure.json"), "w", encoding="utf-8") as f:
        f.write(f'{head}, "units": [\n{rows}\n]}}\n')
    doc = data["documents"][0] if "documents" in data else data
    jur = row["jur"].lower()
    return {"path": f"acts/{jur}/{slug}.txt", "jurisdiction": row["jur"].upper(), "language": row["lang"],
            "title": row["title"] or doc.get("title", ""), "citation": row["citation"],
            "source_url": row.get("source_url") or doc.get("url", ""), "completeness": row["completeness"],
            "notes": row["notes"], "version_date": row.get("version_date") or doc.get("issued_date", ""),
            "licence": row["licence"], "repo": row["repo"], "repo_path": row["repo_path"],
            "commit": row["commit"], "structure": f"acts/{jur}/{slug}.structure.json",
            "tradition": row["tradition"], "kind": row["kind"], "_units": len(units)}


def main():
    only = sys.argv[sys.argv.index("--only") + 1] if "--only" in sys.argv else None
    rows = load_config()
    out = []
    for row in rows:
        if only and not row["slug"].startswith(only):
            continue
        rec = build(row)
        print(f"{rec['path']}: {rec.pop('_units')} units", file=sys.stderr)
        out.append(rec)
    if only:
        return
    os.makedirs(os.path.dirname(MANIFEST), exist_ok=True)
    with open(MANIFEST, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\")
        w.writerow(HEADER)
        for r in out:
            w.writerow([str(r[h]).replace("\t", " ") for h in HEADER])


if __name__ == "__main__":
    main()
