"""Helpers for corpus-iberian: read files from fetched git snapshots, cut, and derive
structure truth (Libro/Título/Capítulo/Sección/Artículo/Art./Artigo and sub-article
markers) from Spanish- and Portuguese-language statute text.

Kinds used (Akoma Ntoso names):
  book, part, title, chapter, section, subsection(=Subsección), division (= Chilean
  "Párrafo"), article, and below article: paragraph (rank 1), subparagraph (rank 2),
  item (rank 3).
  Rank mapping by tradition:
    hisp : "1." / "1)" / "1.-" / "I." (fracción)  -> paragraph ; "a)" -> subparagraph
    br   : "§ 1º" / "Parágrafo único"              -> paragraph ; "I -" (inciso) -> subparagraph ;
           "a)" (alínea) -> item
    pt   : "1 -" (número) -> paragraph ; "a)" (alínea) -> subparagraph ; "i)" -> item
"""
import json
import re
import subprocess

MIRROR = "/work/.mirror"

ORD_WORDS = (
    "PRIMERO|PRIMERA|SEGUNDO|SEGUNDA|TERCERO|TERCERA|CUARTO|CUARTA|QUINTO|QUINTA|SEXTO|SEXTA|"
    "S[EÉ]PTIMO|S[EÉ]PTIMA|CUART0|FINAL|OCTAVO|OCTAVA|NOVENO|NOVENA|D[EÉ]CIMO|D[EÉ]CIMA|UND[EÉ]CIMO|"
    "DUOD[EÉ]CIMO|DECIMOPRIMERO|DECIMOSEGUNDO|DECIMOTERCERO|DECIMOCUARTO|DECIMOQUINTO|"
    "DECIMOSEXTO|DECIMOS[EÉ]PTIMO|DECIMOCTAVO|DECIMONOVENO|VIG[EÉ]SIMO|TRIG[EÉ]SIMO|"
    "DECIMO[A-ZÉ]{4,}|VIG[EÉ]SIMO[A-ZÉ]{4,}|TRIG[EÉ]SIMO[A-ZÉ]{4,}|CUADRAG[EÉ]SIMO|QUINCUAG[EÉ]SIMO|[ÚU]NICO|[ÚU]NICA|PRELIMINAR|PRIMEIRO|TERCEIRO|QUARTO|"
    "S[EÉ]TIMO|OITAVO|NONO"
)
ROMAN = r"[IVXLC]+"
# number of a grouping unit: ordinal words (1+), roman (opt -A / bis), arabic (opt º)
GNUM = (
    r"(?P<num>(?:(?:" + ORD_WORDS + r")(?:\s+(?:" + ORD_WORDS + r"|BIS|Bis|bis)\b)*)"
    r"|(?:" + ROMAN + r"(?:\s?-\s?[A-Z]\b|\s(?:BIS|TER|bis|ter)\b)?)"
    r"|(?:\d+(?:\.?[ºª°o](?=[\s.:\-–—]|$))?(?:-[A-Z]\b)?))"
)
GROUPS = [
    ("book", r"(?:LIBRO|Libro|LIVRO|Livro)"),
    ("part", r"(?:PARTE|Parte)"),
    ("title", r"(?:T[IÍ]TULO|T[ií]tulo)"),
    ("chapter", r"(?:CAP[IÍ]TULO|Cap[ií]tulo)"),
    ("subsection", r"(?:SUBSECCI[OÓ]N|Subsecci[oó]n|SUBSEÇÃO|Subseção)"),
    ("section", r"(?:SECCI[OÓ]N|Secci[oó]n|SEÇÃO|Seção|SECÇÃO|Secção)"),
    ("division", r"(?:P[AÁ]RRAFO|P[aá]rrafo)"),
]
GROUPS_HISP_EXTRA = [("division", r"§")]
GROUP_RANK = {"book": 1, "part": 2, "title": 3, "chapter": 4, "section": 5, "subsection": 6, "division": 7}
GROUP_RES = [(k, re.compile(r"^" + lab + r"\s+" + GNUM + r"(?P<rest>(?:[\s.:\-–—]|$).*)$")) for k, lab in GROUPS]
GROUP_RES_HISP = GROUP_RES + [(k, re.compile(r"^" + lab + r"\s*" + GNUM + r"(?P<rest>(?:[\s.:\-–—]|$).*)$"))
                              for k, lab in GROUPS_HISP_EXTRA]

# Latin adverbs of inserted articles, in any case ("199 Septies", "34 Decies", "24 QUÁTER", "211 bis 1")
SUFFIX = (r"(?:\s?(?i:bis|ter|qu[aá]ter|quinquies|sexies|septies|octies|no[vn]ies|decies|undecies|duodecies|terdecies|"
          r"quaterdecies|quindecies|quinquiesdecies|sexdecies|sexiesdecies|septiesdecies|octiesdecies|noviesdecies|vicies)"
          r"\b(?:\s?\d+\b)?)")
# "218-A", "218 -A", "33 - A." are lettered articles; in "Art. 33 - A pena ..." and "Art. 34 - O condenado"
# the letter is the first word of the text: after a spaced hyphen a letter counts only before punctuation or the end
LETTER = r"(?:-\s?[A-Z]{1,2}\b|\s-\s?[A-Z]{1,2}(?=\s*[.:\-–—,)]|\s*$))"
ANUM = (
    r"(?P<num>(?:\d+(?:\s?\.?\s?[ºª°](?!\w)|o(?=[\s.\-–]))?(?:" + LETTER + r"|[A-Z]\b)?" + SUFFIX + r"?(?:" + LETTER + r")?)"
    r"|(?:[ÚU]NICO|[Úú]nico)"
    r"|(?:(?i:primero|segundo|tercero|cuarto|quinto|sexto|s[eé]ptimo|octavo|noveno|d[eé]cimo|und[eé]cimo|duod[eé]cimo|"
    r"decimo\w+|d[eé]cimo\s\w+|vig[eé]simo(?:\s\w+)?|trig[eé]simo(?:\s\w+)?))(?=[\s.:\-–]|$)"
    r"|(?:" + ROMAN + r"(?=\s?[.\-–:]|\s|$)))"
)
ART_RE = re.compile(
    r"^(?:ART[IÍ]CULO|Art[ií]culo|ARTIGO|Artigo|ART\.|Art\.|Art)\s*" + ANUM + r"(?P<rest>(?:[\s.:\-–—,)]|$).*)$"
)

SUB_HISP = [
    (1, re.compile(r"^(?P<num>\d{1,3})(?P<ord>\.?\s?[ºª°])?(?:\.-|\.|\)|\s?-\s|(?<=[ºª°])\s)\s*\S")),
    (1, re.compile(r"^(?P<num>\d{1,3}(?:\.\d{1,2})+)(?:\.-|\.|\)|\s?-\s|\s)\s*\S")),
    (1, re.compile(r"^(?P<num>" + ROMAN + r")(?:\.-|\.|\)|\s?-\s|\s?–\s)\s*\S")),
    (1, re.compile(r"^(?P<num>[A-Z])\)\s*\S")),
    (2, re.compile(r"^(?P<num>[a-zñ])(?:\)|\.-|\.(?=\s))\s*\S")),
]
SUB_BR = [
    (1, re.compile(r"^§\s*(?P<num>\d+(?:\s?[º°]|o(?!\w))?(?:-[A-Z])?)")),
    (1, re.compile(r"^(?P<lab>Par[aá]grafo [úu]nico)")),
    (2, re.compile(r"^(?P<num>" + ROMAN + r"(?:-[A-Z])?)\s*(?:-|–|—)\s*\S")),
    (3, re.compile(r"^(?P<num>[a-z])\)\s*\S")),
]
SUB_PT = [
    (1, re.compile(r"^(?P<num>\d{1,3}(?:-[A-Z])?)\s?(?:-|–|—)\s*\S")),
    (2, re.compile(r"^(?P<num>[a-z](?:-[A-Z])?)\)\s*\S")),
    (3, re.compile(r"^(?P<num>[ivx]+)\)\s*\S")),
]
SUB_PAREN = [
    (1, re.compile(r"^\((?P<num>[a-z]{1,2})\)\s*\S")),
    (2, re.compile(r"^\((?P<num>\d{1,3})\)\s*\S")),
    (3, re.compile(r"^\((?P<num>[ivx]+|[A-Z])\)\s*\S")),
]
SUB_KIND = {1: "paragraph", 2: "subparagraph", 3: "item"}


def git_show(repo, commit, path):
    gd = f"{MIRROR}/{repo.replace('/', '+')}/repo"
    return subprocess.run(["git", "--git-dir", gd, "show", f"{commit}:{path}"],
                          capture_output=True, check=True).stdout


def head_commit(repo):
    gd = f"{MIRROR}/{repo.replace('/', '+')}/repo"
    return subprocess.run(["git", "--git-dir", gd, "rev-parse", "HEAD"], capture_output=True,
                          text=True, check=True).stdout.strip()


def strip_front_matter(text):
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end > 0:
            return text[end + 5:].lstrip("\n"), text[4:end]
    return text, ""


def clean(line):
    s = line.strip()
    s = re.sub(r"^#{1,6}\s*", "", s)
    s = re.sub(r"^[-*+]\s+(?=\S)", "", s)   # markdown bullet
    s = s.replace("\\", "")
    s = re.sub(r"[*_]{1,3}", "", s)
    s = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", s)
    s = s.strip()
    return s


def _heading_from_rest(rest):
    h = rest.strip()
    h = re.sub(r"^[\s.:\-–—]+", "", h).strip()
    h = re.sub(r"\(\s*Art[ií]culos?.*$", "", h).strip() if False else h
    return h or None


def structure(lines, tradition="hisp", skip=None, sub=True, groups=True, heading_next=True,
              inline_art_heading=False, force_in_article=False):
    """lines: list of text lines (1-based line = index+1). skip: set of line indexes to ignore."""
    skip = skip or set()
    units = []
    stack = []          # list of (rank, idx); group ranks 1..7, article 10, sub ranks 11..13
    subs = {"hisp": SUB_HISP, "br": SUB_BR, "pt": SUB_PT, "paren": SUB_PAREN}[tradition]
    group_res = GROUP_RES_HISP if tradition == "hisp" else GROUP_RES
    last_art = None      # (unit index, content seen since)
    in_article = force_in_article
    pending_heading = None
    for i, raw in enumerate(lines):
        if i in skip:
            continue
        if raw.lstrip().startswith(">") or raw.lstrip().startswith("|"):
            continue
        s = clean(raw)
        if not s:
            continue
        if pending_heading is not None:
            u = units[pending_heading]
            pending_heading = None
            if (len(s) < 250 and not ART_RE.match(s) and not any(r.match(s) for _, r in group_res)
                    and (not re.match(r"^\(", s) or u["kind"] == "article")):
                u["heading"] = s[1:-1].strip() if (u["kind"] == "article" and s.startswith("(") and s.endswith(")")) else s
                continue
        m = None
        if groups:
            for kind, rx in group_res:
                m = rx.match(s)
                if m:
                    break
        if m:
            # avoid "Parte General" style unnumbered matches being swallowed? (PARTE needs a num)
            rank = GROUP_RANK[kind]
            while stack and stack[-1][0] >= rank:
                stack.pop()
            parent = stack[-1][1] if stack else None
            units.append({"kind": kind, "num": m.group("num").strip(), "heading": _heading_from_rest(m.group("rest")),
                          "parent": parent, "line": i + 1})
            stack.append((rank, len(units) - 1))
            in_article = False
            if units[-1]["heading"] is None and heading_next:
                pending_heading = len(units) - 1
            continue
        m = ART_RE.match(s)
        if m and last_art and not last_art[1] and units[last_art[0]]["num"].rstrip(".") == m.group("num").strip().rstrip("."):
            last_art = (last_art[0], True)   # printed "ART. 2." repeating a converter heading "Artículo 2"
            continue
        if m:
            while stack and stack[-1][0] >= 10:
                stack.pop()
            parent = stack[-1][1] if stack else None
            rest = re.sub(r"^[\s.:\-–—]+", "", m.group("rest")).strip()
            rest = re.sub(r"[\s*.:\-–—]+$", "", rest).strip()
            head = None
            if rest and tradition != "br":
                if raw.lstrip().startswith("#") and len(rest) <= 250:
                    head = rest
                elif (inline_art_heading and len(rest) <= 100 and len(rest.split()) <= 14
                      and not rest.endswith((":", ";", ","))):
                    head = rest
            if head is None and tradition != "br":
                im = re.match(r"^\s*\*\*(?:ART[IÍ]CULO|Art[ií]culo)[^*]*\*\*\s*\*{1,3}([^*]{2,150})\*", raw)
                if im:
                    head = im.group(1).strip().rstrip(".").strip()
            units.append({"kind": "article", "num": m.group("num").strip(), "heading": head,
                          "parent": parent, "line": i + 1})
            stack.append((10, len(units) - 1))
            in_article = True
            last_art = (len(units) - 1, bool(rest))
            if tradition == "pt" and not rest:   # Portuguese epígrafe on the line after "Artigo N.º"
                pending_heading = len(units) - 1
            continue
        if last_art:
            last_art = (last_art[0], True)
        prev = lines[i - 1].strip() if i > 0 else ""
        para_start = (not prev or prev.startswith("#") or re.search(r"([.:;,)\]*—–-]|\s[yoe]|^\**\s*\w)$", prev)
                      or ART_RE.match(clean(prev)) is not None)
        if sub and in_article and para_start:
            for rank, rx in subs:
                mm = rx.match(s)
                if mm:
                    num = mm.groupdict().get("num") or "único"
                    if mm.groupdict().get("ord"):
                        num += mm.group("ord").replace(".", "").strip()
                        if "ª" in num:   # "1.ª" circunstancias/reglas sit below numbered apartados
                            rank = 2
                    r = 10 + rank
                    while stack and stack[-1][0] >= r:
                        stack.pop()
                    parent = stack[-1][1] if stack else None
                    units.append({"kind": SUB_KIND[rank], "num": num.strip(), "heading": None,
                                  "parent": parent, "line": i + 1})
                    stack.append((r, len(units) - 1))
                    break
    return units


def write_structure(path, text_name, source_format, units):
    with open(path, "w", encoding="utf-8") as f:
        json.dump({"schema": "lexbench.structure/1", "text": text_name, "source_format": source_format,
                   "units": units}, f, ensure_ascii=False, indent=1)
        f.write("\n")
