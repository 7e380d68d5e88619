"""corpus-africa: re-derive the African statute corpus from public repositories.

Sources (fetched as git snapshots; paths/commits recorded in corpora/manifests/corpus-africa.tsv):
  * longhotsummer/za-by-laws  - Akoma Ntoso 2.0 XML (main.xml) of South African municipal by-laws,
    with the gazette PDF as enacted (attachments/source-enacted.pdf).
  * Ansvar-Systems/*-law-mcp   - provision-level JSON scraped from the African LIIs (Laws.Africa
    platform) and official portals (data/seed/*.json).
  * other repositories holding Markdown/text statutes (see manifest rows).

Usage: python scripts/corpus/corpus-africa.py  (needs the mirrors under /work/.mirror)
Stdlib only.
"""
from __future__ import annotations

import csv
import gzip
import json
import re
import subprocess
import sys
from pathlib import Path

import xml.etree.ElementTree as ET

ROOT = Path(__file__).resolve().parents[2]
ACTS = ROOT / "corpora" / "acts"
MANIFEST = ROOT / "corpora" / "manifests" / "corpus-africa.tsv"
MIRROR = Path("/work/.mirror")
HEADER = ["path", "jurisdiction", "language", "title", "citation", "source_url", "completeness", "notes",
          "version_date", "licence", "repo", "repo_path", "commit", "structure", "tradition", "kind"]


# ----------------------------------------------------------------------------- git helpers
def gitdir(repo: str) -> str:
    base = MIRROR / repo.replace("/", "+") / "repo"
    return str(base / ".git") if (base / ".git").exists() else str(base)


def git_show(repo: str, path: str) -> bytes:
    return subprocess.run(["git", "--git-dir", gitdir(repo), "show", f"HEAD:{path}"],
                          capture_output=True, check=True).stdout


def git_head(repo: str) -> str:
    return subprocess.run(["git", "--git-dir", gitdir(repo), "rev-parse", "HEAD"],
                          capture_output=True, text=True, check=True).stdout.strip()


def git_ls(repo: str) -> list[str]:
    return subprocess.run(["git", "--git-dir", gitdir(repo), "ls-tree", "-r", "--name-only", "HEAD"],
                          capture_output=True, text=True, check=True).stdout.splitlines()


# ----------------------------------------------------------------------------- output helpers
def clean_num(num: str) -> str:
    s = num.strip()
    s = re.sub(r"^(chapter|part|section|article|art\.?|schedule|division|title|book)\s+", "", s, flags=re.I)
    s = s.strip(" .:-–—()[]")
    return s


def dump_structure(st: dict) -> str:
    head = {k: v for k, v in st.items() if k != "units"}
    body = ",\n  ".join(json.dumps(u, ensure_ascii=False) for u in st["units"])
    return json.dumps(head, ensure_ascii=False)[:-1] + ', "units": [\n  ' + body + "\n]}\n"


def write_outputs(jur: str, slug: str, text: str, units: list[dict] | None, source_format: str,
                  src_bytes: bytes | None = None, src_ext: str = "xml", text_ext: str = "txt") -> tuple[str, str]:
    d = ACTS / jur
    d.mkdir(parents=True, exist_ok=True)
    tname = f"{slug}.{text_ext}"
    (d / tname).write_text(text, encoding="utf-8")
    spath = ""
    if units:
        st = {"schema": "lexbench.structure/1", "text": tname, "source_format": source_format, "units": units}
        (d / f"{slug}.structure.json").write_text(dump_structure(st), encoding="utf-8")
        spath = f"acts/{jur}/{slug}.structure.json"
    if src_bytes is not None:
        with gzip.GzipFile(d / f"{slug}.src.{src_ext}.gz", "wb", mtime=0) as fh:
            fh.write(src_bytes)
    return f"acts/{jur}/{tname}", spath


def write_pdf_twin(jur: str, slug: str, pdf: bytes, units: list[dict], source_format: str) -> tuple[str, str]:
    d = ACTS / jur
    d.mkdir(parents=True, exist_ok=True)
    (d / f"{slug}.pdf").write_bytes(pdf)
    twin = [dict(u, line=None) for u in units]
    st = {"schema": "lexbench.structure/1", "text": f"{slug}.pdf", "source_format": source_format, "units": twin}
    (d / f"{slug}.structure.json").write_text(dump_structure(st), encoding="utf-8")
    return f"acts/{jur}/{slug}.pdf", f"acts/{jur}/{slug}.structure.json"


# ----------------------------------------------------------------------------- Akoma Ntoso renderer
def local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def inline_text(el) -> str:
    parts = []
    for t in el.itertext():
        parts.append(t)
    return re.sub(r"\s+", " ", "".join(parts)).strip()


class AknRenderer:
    """Lay out an AKN act the way South African / Commonwealth gazettes print it."""

    BLOCK_CONTAINERS = {"content", "intro", "wrapUp", "listWrapUp", "mainBody", "body", "preamble", "preface",
                        "longTitle", "container", "div", "crossHeading", "blockContainer", "conclusions"}
    HEAD_KINDS = {"chapter": "CHAPTER", "part": "PART", "division": "DIVISION", "title": "TITLE", "book": "BOOK"}

    def __init__(self):
        self.lines: list[str] = []
        self.units: list[dict] = []
        self.pending: list[tuple[str, int]] = []  # (prefix text, unit index)

    # --- line emission
    def flush_pending(self):
        if self.pending:
            txt = " ".join(p for p, _ in self.pending)
            self.lines.append(txt)
            for _, ui in self.pending:
                self.units[ui]["line"] = len(self.lines)
            self.pending = []

    def emit(self, text: str):
        text = text.strip()
        if not text:
            return
        if self.pending:
            prefix = " ".join(p for p, _ in self.pending)
            self.lines.append(f"{prefix} {text}")
            for _, ui in self.pending:
                self.units[ui]["line"] = len(self.lines)
            self.pending = []
        else:
            self.lines.append(text)

    def blank(self):
        self.flush_pending()
        if self.lines and self.lines[-1] != "":
            self.lines.append("")

    # --- units
    def add_unit(self, kind, num, heading, parent):
        self.units.append({"kind": kind, "num": clean_num(num), "heading": heading, "parent": parent, "line": None})
        return len(self.units) - 1

    def item_kind(self, depth: int) -> str:
        return ["paragraph", "subparagraph", "subsubparagraph"][min(depth, 2)]

    # --- walk
    def walk(self, el, parent, item_depth=0):
        name = local(el.tag)
        if not name or name in {"meta", "num", "heading", "subheading", "remark", "authorialNote"}:
            if name == "remark":
                self.emit(inline_text(el))
            return
        numel = next((c for c in el if local(c.tag) == "num"), None)
        headel = next((c for c in el if local(c.tag) == "heading"), None)
        heading = inline_text(headel) if headel is not None else None
        num = inline_text(numel) if numel is not None else None
        if name in self.HEAD_KINDS or (name == "hcontainer" and num):
            self.blank()
            kind = name if name != "hcontainer" else (el.get("name") or "hcontainer")
            ui = None
            if num:
                label = num if re.match(r"^[A-Za-z]", num) and not re.match(r"^[IVXLC]+$|^[A-Z]$", num) else \
                    f"{self.HEAD_KINDS.get(kind, kind.upper())} {num}"
                self.lines.append(label)
                ui = self.add_unit(kind, num, heading, parent)
                self.units[ui]["line"] = len(self.lines)
            if heading:
                self.lines.append(heading)
            for c in el:
                self.walk(c, ui if ui is not None else parent, 0)
            return
        if name in {"section", "article", "rule", "regulation"}:
            self.blank()
            ui = None
            if num:
                ui = self.add_unit(name, num, heading, parent)
                if heading:
                    self.lines.append(f"{num} {heading}")
                    self.units[ui]["line"] = len(self.lines)
                else:
                    self.pending.append((num, ui))
            elif heading:
                self.lines.append(heading)
            for c in el:
                self.walk(c, ui if ui is not None else parent, 0)
            self.flush_pending()
            return
        if name in {"subsection", "item", "paragraph", "subparagraph", "point", "clause", "subclause", "list"} and num:
            if name == "item" or name == "point":
                kind = self.item_kind(item_depth)
                nd = item_depth + 1
            else:
                kind = name
                nd = item_depth + 1 if name in {"paragraph", "subparagraph"} else 0
            self.flush_pending()
            ui = self.add_unit(kind, num, heading, parent)
            if heading:
                self.lines.append(f"{num} {heading}")
                self.units[ui]["line"] = len(self.lines)
            else:
                self.pending.append((num, ui))
            for c in el:
                self.walk(c, ui, nd)
            self.flush_pending()
            return
        if name in {"p", "listIntroduction", "listWrapUp", "longTitle"} and not any(
                local(c.tag) in {"blockList", "table"} for c in el):
            self.emit(inline_text(el))
            return
        if name == "table":
            self.flush_pending()
            for tr in el.iter():
                if local(tr.tag) == "tr":
                    cells = [inline_text(td) for td in tr if local(td.tag) in {"td", "th"}]
                    self.emit(" | ".join(cells))
            return
        if name == "component":
            self.blank()
        if name == "doc" and el.get("name"):
            alias = el.find(".//{*}FRBRalias")
            if alias is not None and alias.get("value"):
                self.emit(alias.get("value"))
        for c in el:
            self.walk(c, parent, item_depth)

    def render(self, root, title: str | None = None) -> tuple[str, list[dict]]:
        act = next(c for c in root if local(c.tag) in {"act", "bill", "doc"})
        if title:
            self.emit(title)
            self.blank()
        for c in act:
            n = local(c.tag)
            if n in {"meta"}:
                continue
            if n in {"preface", "preamble"}:
                self.walk(c, None)
                self.blank()
            elif n == "body":
                self.walk(c, None)
            elif n in {"attachments", "components"}:
                self.blank()
                self.walk(c, None)
        self.flush_pending()
        while self.lines and self.lines[-1] == "":
            self.lines.pop()
        return "\n".join(self.lines) + "\n", self.units


def render_akn(xml: bytes, title: str | None) -> tuple[str, list[dict], str]:
    root = ET.fromstring(xml)
    ns = root.tag[1:].split("}", 1)[0] if root.tag.startswith("{") else ""
    fmt = "akn3" if "legaldocml/ns/akn/3.0" in ns else "akn2"
    text, units = AknRenderer().render(root, title)
    return text, units, fmt


# ----------------------------------------------------------------------------- za-by-laws
ZA_REPO = "longhotsummer/za-by-laws"
ZA_SKIP = {"filming", "graffiti", "dogs-and-cats"}  # already in corpora/structured/za-by-laws
ZA_PDF_PICK = [
    "za-eth/act/by-law/2015/child-care-facilities",
    "za-eth/act/by-law/2015/nuisances-behaviour-public-places",
    "za-eth/act/by-law/2015/libraries",
    "za-eth/act/by-law/2015/beaches",
    "za-eth/act/by-law/2015/problem-buildings",
    "za-eth/act/by-law/2014/retail-market",
    "za-eth/act/by-law/2014/rules-of-order",
    "za-eth/act/by-law/1993/accommodation-establishment",
    "za-eth/act/by-law/2002/refuse-removal",
    "za-eth/act/by-law/2016/museums",
    "za-cpt/act/by-law/2007/streets-public-places-noise-nuisances",
    "za-cpt/act/by-law/2010/problem-building",
    "za-cpt/act/by-law/2010/public-parks",
    "za-cpt/act/by-law/2011/traffic",
    "za-cpt/act/by-law/2015/ombudsman",
    "za-cpt/act/by-law/2006/wastewater-industrial-effluent",
    "za-cpt/act/by-law/2012/special-rating-area",
    "za-cpt/act/by-law/2007/rates",
    "za-jhb/act/by-law/2004/metered-taxi-minibus-midibus-and-bus",
    "za-jhb/act/by-law/2004/street-trading",
    "za-jhb/act/by-law/2004/parking-grounds",
    "za-jhb/act/by-law/2006/protection-of-wild-animals-and-birds",
    "za-jhb/act/by-law/1999/standardisation-of-electricity-bylaws",
    "za-wc033/act/by-law/2005/prevent-conrol-public-nuisances",
    "za-wc033/act/by-law/2005/beaches",
    "za-wc033/act/by-law/2005/fencing-of-premises",
    "za-wc033/act/by-law/2005/streets",
    "za-wc033/act/by-law/2015/problem-building",
    "za-wc011/act/by-law/2010/credit-control-debt-collection",
    "za-wc011/act/by-law/2012/liquor-trading-days-hours",
    "za-wc011/act/by-law/2014/management-administration-municipal-immovable-property-social-care",
]
ZA_PLACES = {"za-cpt": "City of Cape Town", "za-eth": "eThekwini Municipality", "za-jhb": "City of Johannesburg",
             "za-wc011": "Matzikama Municipality", "za-wc033": "Cape Agulhas Municipality"}


def za_by_laws(rows: list[dict]):
    repo = ZA_REPO
    commit = git_head(repo)
    files = set(git_ls(repo))
    pdfs = sorted(f for f in files if f.endswith("/attachments/source-enacted.pdf"))
    n_txt = n_pdf = 0
    for pdfp in pdfs:
        d = pdfp.rsplit("/attachments/", 1)[0]
        parts = d.split("/")  # by-laws/<place>/act/by-law/<year>/<name>/eng/<date>
        place, year, name, date = parts[1], parts[4], parts[5], parts[7]
        if name in ZA_SKIP or f"{d}/attachments/amendment.pdf" in files or f"{d}/main.xml" not in files:
            continue
        xml = git_show(repo, f"{d}/main.xml")
        if b"originalVersion" not in xml[:400]:
            continue
        m = re.search(rb'<publication[^>]*date="([^"]+)"', xml)
        if not m or m.group(1).decode() != date:
            continue
        meta = json.loads(git_show(repo, f"{d}/metadata.json"))
        title = meta.get("title") or name
        text, units, fmt = render_akn(xml, title)  # title line as the gazette prints it
        if len(units) < 3:
            continue
        slug = f"{place}-by-law-{year}-{name}-en"
        jur = place
        tpath, spath = write_outputs(jur, slug, text, units, fmt, xml, "xml")
        n_txt += 1
        pubm = re.search(rb'<publication[^>]*name="([^"]+)"[^>]*number="([^"]*)"', xml)
        gazette = f"{pubm.group(1).decode()} {pubm.group(2).decode()}" if pubm else ""
        frbr = f"/akn/{place}/act/by-law/{year}/{name}"
        common = dict(jurisdiction=place.upper(), language="en", title=f"{ZA_PLACES.get(place, place)}: {title}",
                      citation=f"{title} ({ZA_PLACES.get(place, place)}), {gazette}, {date}".strip(),
                      source_url=f"https://openbylaws.org.za{frbr}/eng@{date}", completeness="whole-act",
                      version_date=date,
                      licence="CC BY 2.5 ZA (openbylaws.org.za data); municipal by-law text: public legislation",
                      repo=repo, commit=commit, tradition="common-law-commonwealth", kind="act")
        rows.append(dict(common, path=tpath, repo_path=f"{d}/main.xml", structure=spath,
                         notes=f"rendered from Akoma Ntoso 2.0 main.xml (as enacted, {date}); structure from AKN "
                               f"num elements ({len(units)} units); blockList items mapped to paragraph/subparagraph "
                               f"by depth; tables flattened to ' | ' rows; schedules rendered after the body"))
        if d.split("by-laws/", 1)[1].rsplit("/eng/", 1)[0] in ZA_PDF_PICK:
            pdf = git_show(repo, pdfp)
            if not pdf.startswith(b"%PDF") or len(pdf) > 4_000_000:
                continue
            pslug = f"{place}-by-law-{year}-{name}-gazette-en"
            ppath, pspath = write_pdf_twin(jur, pslug, pdf, units, fmt)
            n_pdf += 1
            rows.append(dict(common, path=ppath, repo_path=pdfp, structure=pspath,
                             notes=f"gazette PDF as enacted (source-enacted.pdf); structure twin from the AKN main.xml "
                                   f"of the same expression ({date}), see {slug}.txt for the line-mapped rendering; "
                                   f"PDF may carry gazette headers, other notices and page furniture"))
    print(f"za-by-laws: {n_txt} texts, {n_pdf} PDFs", file=sys.stderr)


# ----------------------------------------------------------------------------- Ansvar *-law-mcp seeds
HEAD_RE = re.compile(r"\s+((Part|PART|Chapter|CHAPTER|Division|DIVISION)\s+([IVXLC]+|\d+)[A-Z]?\s*[–—-]\s*[^.;:]{2,120})$")


def render_seed(seed: dict, title: str, use_chapters: bool = True,
                label_fmt: str | None = None) -> tuple[str, list[dict]]:
    """Provision-level JSON (LII scrape) -> text laid out as the Act prints (Part line, 'N. Heading', text).

    The scrape flattens each section's body into one paragraph (subsections inline), so the
    structure truth stops at part/chapter and section level.
    """
    provs = [p for p in seed.get("provisions", []) if (p.get("content") or "").strip()]
    if not use_chapters:  # article-only sources: drop visas/preamble records (HTML fragments upstream)
        provs = [p for p in provs if re.match(r"^\d", (p.get("section") or "").strip())]
    lines = [title, ""]
    units: list[dict] = []
    cur_chap = None
    chap_idx = None
    path_idx: list = []
    pending_head: dict[str, str] = {}
    for i, p in enumerate(provs):
        chap = (p.get("chapter") or "").strip() if use_chapters else ""
        keep_breaks = "\n" in p["content"] and not use_chapters
        content = (p["content"].strip() if keep_breaks else re.sub(r"\s+", " ", p["content"]).strip())
        sec0 = (p.get("section") or "").strip()
        head0 = (p.get("title") or "").strip()
        # some scrapes repeat the marginal heading ('1. Heading ...') at the start of the body
        for dup in (f"{sec0}. {head0}", head0):
            if head0 and not re.match(r"^(Article|Artigo)\b", head0) and content.startswith(dup + " "):
                content = content[len(dup):].strip()
                break
        nxt = (provs[i + 1].get("chapter") or "").strip() if i + 1 < len(provs) else None
        if nxt and nxt != chap:
            m = HEAD_RE.search(content)
            if m and m.group(1).lower().startswith(nxt.lower()):
                pending_head[nxt] = m.group(1)
                content = content[:m.start()].rstrip()
        if chap and chap != cur_chap:
            new_path = [x.strip() for x in chap.split(" > ")]
            old_path = [x.strip() for x in cur_chap.split(" > ")] if cur_chap else []
            cur_chap = chap
            k = 0
            while k < min(len(new_path), len(old_path)) and new_path[k] == old_path[k]:
                k += 1
            path_idx = path_idx[:k]
            for lvl in range(k, len(new_path)):
                label = pending_head.get(new_path[lvl], new_path[lvl])
                m = re.match(r"^(\w+)\s+([IVXLC]+|\d+[A-Z]?|premier|première|unique)\b\s*[–—:.-]?\s*(.*)$", label,
                             flags=re.I)
                lines.append("")
                lines.append(label)
                parent = next((x for x in reversed(path_idx) if x is not None), None)
                if m:
                    kind = {"titre": "title", "chapitre": "chapter", "livre": "book", "partie": "part",
                            "sous-section": "subsection"}.get(m.group(1).lower(), m.group(1).lower())
                    units.append({"kind": kind, "num": m.group(2), "heading": m.group(3) or None,
                                  "parent": parent, "line": len(lines)})
                    path_idx.append(len(units) - 1)
                else:
                    path_idx.append(None)
            chap_idx = next((x for x in reversed(path_idx) if x is not None), None)
        sec = (p.get("section") or "").strip()
        head = (p.get("title") or "").strip()
        lines.append("")
        # "Article 1-1-1", "Article 431-7": a hyphen inside the number is part of it; only a spaced
        # hyphen (or ".-") separates the number from a heading
        ma = re.match(r"^(Article|Artigo|Art\.)\s+(\S+?)\.?(?:(?:\s*[–—:]|\s+-|\s*\.-?|-(?=\s))\s*(.*))?$", head)
        if ma:
            lines.append(head)
            units.append({"kind": "article", "num": clean_num(ma.group(2)), "heading": (ma.group(3) or None),
                          "parent": chap_idx, "line": len(lines)})
        elif sec and label_fmt and not head:
            lines.append(label_fmt.format(n=sec))
            units.append({"kind": "article", "num": clean_num(sec), "heading": None,
                          "parent": chap_idx, "line": len(lines)})
        elif sec:
            lines.append(f"{sec}. {head}".rstrip() if head else f"{sec}.")
            units.append({"kind": "section", "num": clean_num(sec), "heading": head or None,
                          "parent": chap_idx, "line": len(lines)})
        elif head:
            lines.append(head)
        lines.extend(x.rstrip() for x in content.split("\n") if x.strip())
    return "\n".join(lines).strip() + "\n", units


def ansvar_step(repo: str, jur: str, picks: list[tuple[str, str, str]], lang: str, tradition: str,
                licence: str, rows: list[dict], use_chapters: bool = True, note: str = "",
                label_fmt: str | None = None, titles: dict | None = None):
    commit = git_head(repo)
    for fname, slug, kind in picks:
        path = f"data/seed/{fname}.json"
        raw = git_show(repo, path)
        seed = json.loads(raw)
        title = (titles or {}).get(fname) or seed.get("title") or fname
        text, units = render_seed(seed, title, use_chapters, label_fmt)
        if len(units) < 3:
            print(f"skip {repo} {fname}: {len(units)} units", file=sys.stderr)
            continue
        tpath, spath = write_outputs(jur, slug, text, units, "html", raw, "json")
        url = seed.get("url") or ""
        m = re.search(r"@(\d{4}-\d{2}-\d{2})", url)
        rows.append(dict(path=tpath, jurisdiction=jur.upper(), language=lang, title=title, citation=title,
                         source_url=url, completeness="whole-act",
                         notes=(note or ("provision-level scrape of the LII (Laws.Africa platform) HTML, via the repo's "
                                "data/seed JSON; each section body is one flattened paragraph upstream "
                                "(subsections/paragraphs inline), so structure truth = part/chapter + section; "
                                "part headings recovered from the text where the scrape "
                                "appended them to the previous section")) + f" ({len(units)} units)",
                         version_date=m.group(1) if m else (seed.get("issued_date") or ""), licence=licence,
                         repo=repo, repo_path=path, commit=commit, structure=spath, tradition=tradition, kind=kind))


LS_PICKS = [
    ("penal-code-act-2012-6", "ls-penal-code-act-2010-en", "code"),
    ("childrens-protection-and-welfare-act-2011-7", "ls-childrens-protection-and-welfare-act-2011-en", "act"),
    ("anti-trafficking-in-persons-act-2011-1", "ls-anti-trafficking-in-persons-act-2011-en", "act"),
    ("criminal-procedure-and-evidence-act-1981-7", "ls-criminal-procedure-and-evidence-act-1981-en", "act"),
    ("communications-act-2012-4", "ls-communications-act-2012-en", "act"),
    ("data-protection-act-2012-5", "ls-data-protection-act-2012-en", "act"),
    ("drugs-of-abuse-act-2008-5", "ls-drugs-of-abuse-act-2008-en", "act"),
    ("prevention-and-suppression-of-terrorism-act-2018-3", "ls-prevention-and-suppression-of-terrorism-act-2018-en", "act"),
    ("police-service-act-1998-7", "ls-police-service-act-1998-en", "act"),
    ("education-act-2010-3", "ls-education-act-2010-en", "act"),
]
LII_LICENCE = "LII free access terms (Laws.Africa platform); statute text: public legislation; via Ansvar-Systems repo (Apache-2.0 code)"


def step_ls(rows):
    ansvar_step("Ansvar-Systems/Lesotho-law-mcp", "ls", LS_PICKS, "en", "common-law-commonwealth", LII_LICENCE, rows)


NG_PICKS = [
    ("advance-fee-fraud-and-other-fraud-related-offences-act", "ng-advance-fee-fraud-and-other-fraud-related-offences-act-en", "act"),
    ("corrupt-practices-and-other-related-offences-act", "ng-corrupt-practices-and-other-related-offences-act-2000-en", "act"),
    ("money-laundering-prohibition-act", "ng-money-laundering-prohibition-act-en", "act"),
    ("penal-code-northern-states-federal-provisions-act", "ng-penal-code-northern-states-federal-provisions-act-en", "act"),
    ("borstal-institutions-and-remand-centres-act", "ng-borstal-institutions-and-remand-centres-act-en", "act"),
    ("nigerian-communications-act", "ng-nigerian-communications-act-en", "act"),
    ("national-broadcasting-commission-act", "ng-national-broadcasting-commission-act-en", "act"),
    ("nigerian-press-council-act", "ng-nigerian-press-council-act-en", "act"),
    ("legal-aid-act", "ng-legal-aid-act-en", "act"),
    ("geneva-conventions-act", "ng-geneva-conventions-act-en", "act"),
]
NG_NOTE = ("Laws of the Federation of Nigeria text as published by PLAC (placng.org lawsofnigeria), provision-level "
           "scrape via the repo's data/seed JSON; section bodies flattened into one paragraph upstream "
           "(subsections inline); a repeated marginal heading at the start of a body removed; structure truth = "
           "section level")


def step_ng(rows):
    ansvar_step("Ansvar-Systems/nigeria-law-mcp", "ng", NG_PICKS, "en", "common-law-commonwealth",
                "Nigerian federal legislation (public text); via PLAC / Ansvar-Systems repo", rows, note=NG_NOTE)


MA_PICKS = [
    ("02-cybersecurity-law-05-20", "ma-loi-05-20-cybersecurite-2020-fr", "act"),
    ("06-trust-services-law-43-20", "ma-loi-43-20-services-de-confiance-2020-fr", "act"),
]
MA_NOTE = ("official French text published by the DGSSI (dgssi.gov.ma), article-level extraction via the repo's "
           "data/seed JSON with the PDF line breaks kept; the upstream chapter/section labels are incomplete and "
           "were not rendered, so structure truth = articles only")


def step_ma(rows):
    ansvar_step("Ansvar-Systems/Moroccan-law-mcp", "ma", MA_PICKS, "fr", "civil-law-francophone",
                "Official legislation of the Kingdom of Morocco (public text); via DGSSI / Ansvar-Systems repo", rows,
                use_chapters=False, note=MA_NOTE)


DJ_PICKS = [
    ("loi-n152-an-02-4eme-l-portant-code-de-la-famille", "dj-loi-152-an-02-code-de-la-famille-fr", "code"),
    ("loi-n80-an-04-5eme-l-portant-reforme-du-secteur-des-technologies-de-linformation-et-de-la-communication",
     "dj-loi-80-an-04-reforme-secteur-tic-fr", "act"),
    ("loi-n106-an-24-9eme-l-relative-a-la-lutte-contre-le-blanchiment-des-capitaux-le-financement-du-terrorisme-et-la-proliferation-des-armes-de-destruction",
     "dj-loi-106-an-24-lutte-contre-le-blanchiment-fr", "act"),
    ("loi-n133-an-05-5eme-l-portant-code-du-travail", "dj-loi-133-an-05-code-du-travail-fr", "code"),
]
DJ_NOTE = ("text of the Journal officiel de la République de Djibouti (journalofficiel.dj), article-level extraction "
           "via the repo's data/seed JSON, paragraph breaks kept; visas and the garbled upstream TITRE/CHAPITRE labels "
           "not rendered, so structure truth = articles only")


def step_dj(rows):
    ansvar_step("Ansvar-Systems/Djibouti-law-mcp", "dj", DJ_PICKS, "fr", "civil-law-francophone",
                "Official legislation of the Republic of Djibouti (public text); via journalofficiel.dj / Ansvar-Systems repo",
                rows, use_chapters=False, note=DJ_NOTE)


MZ_PICKS = [
    ("constituicao-da-republica-de-mocambique-2004-revista-em-2018", "mz-constitution-2004-en", "act"),
]
MZ_NOTE = ("English translation of the Constitution of Mozambique (2004) as published by the Constitute Project, "
           "article-level extraction via the repo's data/seed JSON (article heading and text run together upstream); "
           "no part/chapter labels upstream, so structure truth = articles only")


def step_mz(rows):
    ansvar_step("Ansvar-Systems/Mozambican-law-mcp", "mz", MZ_PICKS, "en", "civil-law-lusophone",
                "Constitute Project translation (CC BY-NC 3.0) of the Constitution of Mozambique; via Ansvar-Systems repo",
                rows, use_chapters=False, note=MZ_NOTE, label_fmt="Article {n}",
                titles={MZ_PICKS[0][0]: "Constitution of the Republic of Mozambique (2004)"})


SN_PICKS = [
    ("loi-n-2008-11-du-25-janvier-2008-sur-la-cybercriminalite", "sn-loi-2008-11-cybercriminalite-fr", "act"),
]
SN_NOTE = ("Loi n° 2008-11 sur la cybercriminalité (official PDF via senegalnumeriquesa.sn), article-level extraction "
           "via the repo's data/seed JSON with its Titre/Chapitre/Section path; the articles it inserts into the Code "
           "pénal (431-7 ff.) and Code de procédure pénale (677-34 ff.) are kept as article units in document order")


def step_sn(rows):
    ansvar_step("Ansvar-Systems/Senegalese-law-mcp", "sn", SN_PICKS, "fr", "civil-law-francophone",
                "Official legislation of Senegal (public text); via Ansvar-Systems repo", rows, note=SN_NOTE)


CM_PICKS = [
    ("code-penal-camerounais-1967", "cm-code-penal-1967-fr", "code"),
]
CM_NOTE = ("Code pénal du Cameroun (1967 text with '(nouveau)' amendments, as printed in the VERTIC copy), "
           "article-level extraction via the repo's data/seed JSON; the upstream Livre/Titre/Chapitre labels are "
           "garbled and not rendered, so structure truth = articles only; marginal headings kept at the start of "
           "each article as printed")


def step_cm(rows):
    ansvar_step("Ansvar-Systems/Cameroonian-law-mcp", "cm", CM_PICKS, "fr", "civil-law-francophone",
                "Official legislation of Cameroon (public text); via VERTIC / Ansvar-Systems repo", rows,
                use_chapters=False, note=CM_NOTE)


KE_PICKS = [
    ("computer-misuse-cybercrimes-act-2018", "ke-computer-misuse-and-cybercrimes-act-2018-en", "act"),
]


def step_ke(rows):
    ansvar_step("Ansvar-Systems/kenya-law-mcp", "ke", KE_PICKS, "en", "common-law-commonwealth", LII_LICENCE, rows)


# ----------------------------------------------------------------------------- Benin (lahalex)
BJ_REPO = "Curtis1706/lahalex-v0"
BJ_KINDS = {"livre": "book", "titre": "title", "chapitre": "chapter", "section": "section",
            "sous-section": "subsection", "paragraphe": "paragraph"}
BJ_PICKS = [
    ("codepenalbenin", "bj-code-penal-2018-fr", "code", "Loi n° 2018-16 du 28 décembre 2018 portant code pénal"),
    ("code-enfant-benin", "bj-code-de-l-enfant-2015-fr", "code", "Loi n° 2015-08 du 08 décembre 2015 portant code de l'enfant"),
    ("code-numerique-benin", "bj-code-du-numerique-2018-fr", "code", "Loi n° 2017-20 du 20 avril 2018 portant code du numérique"),
    ("codeprocedurepenalbenin", "bj-code-de-procedure-penale-fr", "code", "Code de procédure pénale (Bénin)"),
    ("codedelinformation", "bj-code-de-l-information-et-de-la-communication-2015-fr", "code", "Loi n° 2015-07 portant code de l'information et de la communication"),
    ("coode-personnes-familles", "bj-code-des-personnes-et-de-la-famille-fr", "code", "Loi n° 2002-07 portant code des personnes et de la famille"),
    ("code-electoral", "bj-code-electoral-fr", "code", "Code électoral (Bénin)"),
    ("coode-hygiene", "bj-code-de-l-hygiene-publique-fr", "code", "Loi n° 87-015 portant code de l'hygiène publique"),
]


def bj_num(title: str, kind: str) -> str | None:
    # "Article 8-1": a hyphen between number parts belongs to the number
    m = re.match(r"^\s*(?:livre|titre|chapitre|sous-section|section|paragraphe|article|art\.)\s+"
                 r"([^\s:.,–—-]+(?:-[^\s:.,–—-]+)*)", title, flags=re.I)
    return m.group(1) if m else None


def step_bj(rows):
    repo = BJ_REPO
    commit = git_head(repo)
    files = set(git_ls(repo))
    for doc, slug, kind, citation in BJ_PICKS:
        base = f"content/documents/{doc}"
        meta_raw = git_show(repo, f"{base}/metadata.json")
        meta = json.loads(meta_raw)
        secs = sorted(meta["structure"]["sections"], key=lambda s: s.get("order", 0))
        lines = [meta.get("title", doc), ""]
        units: list[dict] = []
        cont_idx: dict[tuple, int] = {}
        src_parts = {"metadata.json": meta}
        n_art = 0
        for s in secs:
            t = s.get("type")
            path = tuple(s.get("path") or [])
            title = re.sub(r"\s+", " ", s.get("title") or "").strip()
            if t == "article":
                parent = None
                for k in range(len(path), 0, -1):
                    if path[:k] in cont_idx:
                        parent = cont_idx[path[:k]]
                        break
                cand = [f"{base}/{'/'.join(path)}/{s['id']}.md" if path else f"{base}/{s['id']}.md",
                        f"{base}/articles/{s['id']}.md"]
                mdp = next((c for c in cand if c in files), None)
                body = git_show(repo, mdp).decode("utf-8") if mdp else ""
                src_parts[mdp or s["id"]] = body
                blines = [b.rstrip() for b in body.strip().splitlines()]
                head = title.split(":", 1)[1].strip() if ":" in title else ""
                if blines and head and blines[0].strip().strip("#").strip() == head:
                    blines = blines[1:]
                num = bj_num(title, t)
                lines.append("")
                lines.append(title)
                # 'Article 3 : Activités concernées' carries a heading; 'Article 1 : Les infractions ... .'
                # carries the first sentence of the article (the JO prints it inline)
                is_head = bool(head) and len(head) <= 120 and not re.search(r"[.;:,]$", head)
                if num:
                    units.append({"kind": "article", "num": num, "heading": head if is_head else None,
                                  "parent": parent,
                                  "line": len(lines)})
                lines.extend(b for b in blines if b.strip())
                n_art += 1
            elif t in BJ_KINDS:
                parent = cont_idx.get(path[:-1]) if len(path) > 1 else None
                num = bj_num(title, t)
                lines.append("")
                lines.append(title)
                if num:
                    head = re.split(r"\s*[:–—-]\s*", title, maxsplit=1)
                    units.append({"kind": BJ_KINDS[t], "num": num,
                                  "heading": head[1].strip() if len(head) > 1 and head[1].strip() else None,
                                  "parent": parent, "line": len(lines)})
                    cont_idx[path] = len(units) - 1
        text = "\n".join(lines).strip() + "\n"
        if len(text.encode()) > 2_000_000:
            print(f"skip {doc}: too big", file=sys.stderr)
            continue
        src = json.dumps(src_parts, ensure_ascii=False).encode("utf-8")
        tpath, spath = write_outputs("bj", slug, text, units, "html", src, "json")
        rows.append(dict(path=tpath, jurisdiction="BJ", language="fr", title=meta.get("title", doc),
                         citation=citation, source_url="https://lahalex.com (Bénin legal texts portal)",
                         completeness="whole-act",
                         notes=(f"assembled from the repo's per-article Markdown in the order of its metadata.json "
                                f"structure ({n_art} articles, {len(units)} units); hierarchy "
                                "(livre/titre/chapitre/section) as given by that metadata; article bodies verbatim; "
                                "source kept as one JSON bundle"),
                         version_date="", licence="Official legislation of the Republic of Benin (public text); via lahalex-v0 repo",
                         repo=repo, repo_path=f"{base}/", commit=commit, structure=spath,
                         tradition="civil-law-francophone", kind=kind))


# ----------------------------------------------------------------------------- Eritrea (UGEL)
ER_REPO = "merhawie/UGEL-Static-Site-Generator"
ER_PICKS = [
    ("158-2007", "er-female-circumcision-abolition-proclamation-158-2007-en", "act"),
    ("175-2014", "er-anti-money-laundering-and-cft-proclamation-175-2014-en", "act"),
    ("90-1996", "er-press-proclamation-90-1996-en", "act"),
    ("102-1998", "er-communications-proclamation-102-1998-en", "act"),
    ("21-1992", "er-nationality-proclamation-21-1992-en", "act"),
    ("82-1995", "er-national-service-proclamation-82-1995-en", "act"),
    ("88-1996", "er-advocates-proclamation-88-1996-en", "act"),
    ("73-1995", "er-religious-institutions-proclamation-73-1995-en", "act"),
    ("24-1992", "er-travel-documents-and-visas-proclamation-24-1992-en", "act"),
    ("118-2001", "er-labour-proclamation-118-2001-en", "act"),
]
ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def roman_val(s: str) -> int:
    s = s.upper()
    if not s or any(c not in ROMAN for c in s):
        m = re.match(r"\d+", s)
        return int(m.group()) if m else 0
    tot = 0
    for i, c in enumerate(s):
        v = ROMAN[c]
        tot += -v if i + 1 < len(s) and ROMAN[s[i + 1]] > v else v
    return tot


def er_parse_list(html_text: str) -> list[tuple[int, str, str]]:
    """Nested <ul><li>NUM - HEAD: text<ul>..</ul></li> -> [(depth, num, text)]."""
    import html as htmlmod
    from html.parser import HTMLParser

    out: list[list] = []

    class P(HTMLParser):
        def __init__(self):
            super().__init__()
            self.depth = 0
            self.cur = None

        def handle_starttag(self, tag, attrs):
            if tag == "ul":
                self.depth += 1
            elif tag == "li":
                self.cur = [self.depth, ""]
                out.append(self.cur)

        def handle_endtag(self, tag):
            if tag == "ul":
                self.depth -= 1
            self.cur = None if tag == "li" else self.cur

        def handle_data(self, data):
            if self.cur is not None:
                self.cur[1] += data

    P().feed(html_text)
    res = []
    for depth, txt in out:
        txt = re.sub(r"\s+", " ", htmlmod.unescape(txt)).strip()
        if not txt:
            continue
        m = re.match(r"^(\S*)\s*-\s*(.*)$", txt)
        num, rest = (m.group(1), m.group(2)) if m else ("", txt)
        res.append((depth, num, rest))
    return res


def er_body(repo: str, path: str) -> tuple[str, list[str], list[tuple[int, str, str]]]:
    import html as htmlmod
    raw = git_show(repo, path).decode("utf-8")
    first, _, rest = raw.partition("\n")
    pre, _, lst = rest.partition("<ul>")
    intro = [htmlmod.unescape(x).strip() for x in pre.splitlines() if x.strip()]
    items = er_parse_list("<ul>" + lst) if lst else []
    return htmlmod.unescape(first).strip(), intro, items


def step_er(rows):
    repo = ER_REPO
    commit = git_head(repo)
    files = git_ls(repo)
    for pid, slug, kind in ER_PICKS:
        base = f"test/proclamation/{pid}/"
        bodies = [f for f in files if f.startswith(base) and f.endswith("body.md")]
        title, intro, items = er_body(repo, base + "body.md")
        title = re.sub(r"^proclamation\s+[\d/]+:\s*", "", title).strip()
        lines = [title, ""]
        src = {}
        # preamble: unnumbered items of the top-level body
        for d, n, t in items:
            if not n:
                lines.append(re.sub(r"^:\s*", "", t))
        units: list[dict] = []
        arts = []
        for f in bodies:
            rel = f[len(base):].split("/")
            if len(rel) >= 3 and rel[-3] == "article":
                arts.append((rel[:-3], rel[-2], f))
        arts.sort(key=lambda a: (int(re.match(r"\d+", a[1]).group()) if re.match(r"\d+", a[1]) else 10**6, a[1]))
        seen: dict[tuple, int] = {}
        kinds = {"part": "part", "chapter": "chapter", "section": "section", "title": "title"}
        for cpath, anum, f in arts:
            parent = None
            for k in range(2, len(cpath) + 1, 2):
                key = tuple(cpath[:k])
                if key not in seen:
                    cbody = base + "/".join(key) + "/body.md"
                    ctitle, _, _ = er_body(repo, cbody) if cbody in bodies else (f"{key[-2]} {key[-1]}", [], [])
                    m = re.match(r"^(\w+)\s+([^:]+?)\s*:\s*(.*)$", ctitle)
                    label = (ctitle[:1].upper() + ctitle[1:]) if ctitle else f"{key[-2].title()} {key[-1]}"
                    lines.append("")
                    lines.append(label)
                    units.append({"kind": kinds.get(key[-2], key[-2]), "num": key[-1],
                                  "heading": (m.group(3).strip() or None) if m else None,
                                  "parent": parent, "line": len(lines)})
                    seen[key] = len(units) - 1
                parent = seen[key]
            atitle, aintro, aitems = er_body(repo, f)
            src[f] = git_show(repo, f).decode("utf-8")
            m = re.match(r"^article\s+(\S+?)\s*:\s*(.*)$", atitle, flags=re.I)
            lines.append("")
            lines.append(atitle[:1].upper() + atitle[1:])
            units.append({"kind": "article", "num": m.group(1) if m else anum,
                          "heading": (m.group(2).strip() or None) if m else None, "parent": parent,
                          "line": len(lines)})
            aidx = len(units) - 1
            lines.extend(aintro)
            stack = [(0, aidx)]
            for depth, n, t in aitems:
                head, sep, body = t.partition(":")
                text = f"{head.strip()}: {body.strip()}" if head.strip() and sep else (body.strip() if sep else t)
                while stack and stack[-1][0] >= depth:
                    stack.pop()
                par = stack[-1][1] if stack else aidx
                lines.append(f"{n}) {text}".rstrip() if n else text)
                if n:
                    units.append({"kind": ["paragraph", "subparagraph", "item"][min(depth - 1, 2)], "num": n,
                                  "heading": head.strip() or None if sep else None, "parent": par,
                                  "line": len(lines)})
                    stack.append((depth, len(units) - 1))
        text = "\n".join(lines).strip() + "\n"
        src[base + "body.md"] = git_show(repo, base + "body.md").decode("utf-8")
        for f in bodies:
            if f not in src:
                src[f] = git_show(repo, f).decode("utf-8")
        tpath, spath = write_outputs("er", slug, text, units, "markdown",
                                     json.dumps(src, ensure_ascii=False).encode(), "json")
        num, year = pid.split("-")
        rows.append(dict(path=tpath, jurisdiction="ER", language="en", title=title,
                         citation=f"Proclamation No. {num}/{year} (Eritrea)",
                         source_url="Gazette of Eritrean Laws (via the UGEL unofficial guide to Eritrean law)",
                         completeness="whole-act",
                         notes=("assembled from the repo's per-article files (test/proclamation/...), one folder per "
                                "part/section/article; articles ordered by number; sub-article lists (generator format "
                                "'1 - : text') rendered as '1) text' / 'a) text'; HTML entities unescaped; "
                                f"{len(units)} units; English text as published upstream (OCR slips kept)"),
                         version_date=year, licence="Official legislation of Eritrea (public text); via UGEL repo",
                         repo=repo, repo_path=base, commit=commit, structure=spath,
                         tradition="mixed", kind=kind))


# ----------------------------------------------------------------------------- plain-text prints (regex structure)
def structure_commonwealth_text(lines: list[str], body_start: int) -> list[dict]:
    """Units of a Commonwealth-style printed Act from its text lines (from body_start on):
    'PART I ...', 'N. Heading', '(1) ...', '(a) ...', '(i) ...' at line starts only."""
    units: list[dict] = []
    part = sec = subsec = para = None
    last_letter = ""
    for i in range(body_start, len(lines)):
        ln = lines[i].strip()
        m = re.match(r"^PART ([IVXLC]+)\b\W*(.*)$", ln)
        if m:
            units.append({"kind": "part", "num": m.group(1), "heading": m.group(2).strip() or None,
                          "parent": None, "line": i + 1})
            part, sec, subsec, para = len(units) - 1, None, None, None
            continue
        m = re.match(r"^(\d+[A-Z]?)\. (\S.*)$", ln)
        if m:
            units.append({"kind": "section", "num": m.group(1), "heading": m.group(2).strip(),
                          "parent": part, "line": i + 1})
            sec, subsec, para, last_letter = len(units) - 1, None, None, ""
            continue
        if sec is None:
            continue
        m = re.match(r"^\((\d+[A-Z]?)\)", ln)
        if m:
            units.append({"kind": "subsection", "num": m.group(1), "heading": None, "parent": sec, "line": i + 1})
            subsec, para, last_letter = len(units) - 1, None, ""
            continue
        m = re.match(r"^\(([a-z]{1,2})\)", ln)
        if m:
            n = m.group(1)
            roman = re.fullmatch(r"[ivx]+", n) and not (n == "i" and last_letter == "h") \
                and not (n == "v" and last_letter == "u") and not (n == "x" and last_letter == "w")
            if roman and para is not None:
                units.append({"kind": "subparagraph", "num": n, "heading": None, "parent": para, "line": i + 1})
            else:
                units.append({"kind": "paragraph", "num": n, "heading": None,
                              "parent": subsec if subsec is not None else sec, "line": i + 1})
                para, last_letter = len(units) - 1, n
    return units


def step_mu(rows):
    repo = "fadilxcoder/hfx-app"
    commit = "304441b45e2e7a054d59b00ab5100d54650b82cc"  # the file was removed from HEAD later
    path = "public/text-file.txt"
    raw = subprocess.run(["git", "--git-dir", gitdir(repo), "show", f"{commit}:{path}"],
                         capture_output=True, check=True).stdout
    text = raw.decode("latin-1").replace("\r\n", "\n")
    lines = text.split("\n")
    starts = [i for i, ln in enumerate(lines) if re.match(r"^PART I\b", ln.strip())]
    body_start = starts[1] if len(starts) > 1 else 0
    units = structure_commonwealth_text(lines, body_start)
    slug = "mu-computer-misuse-and-cybercrime-act-2003-en"
    tpath, spath = write_outputs("mu", slug, text, units, "other", raw, "txt")
    rows.append(dict(path=tpath, jurisdiction="MU", language="en",
                     title="Computer Misuse and Cybercrime Act (Act 22 of 2003)",
                     citation="Computer Misuse and Cybercrime Act, Act 22 of 2003, Revised Laws of Mauritius C37",
                     source_url="Revised Laws of Mauritius, C37 (text layer of the official PDF print)",
                     completeness="whole-act",
                     notes=("text layer of the Revised Laws of Mauritius print (latin-1; soft hyphen U+00AD used as "
                            "dash upstream), page furniture ('[Issue 1]', 'C37 - n', running heads, form feeds) kept "
                            "as in the print; structure derived by regex from line-initial PART / 'N.' / '(1)' / '(a)' "
                            f"markers after the arrangement of sections ({len(units)} units); numbered items run "
                            "inline in one line are not separate units"),
                     version_date="2003-08-09", licence="Official legislation of Mauritius (public text)",
                     repo=repo, repo_path=path, commit=commit, structure=spath,
                     tradition="mixed", kind="act"))


def step_ss(rows):
    repo = "JohnMarit/mobilaws"
    commit = git_head(repo)
    path = "law.md"
    raw = git_show(repo, path)
    text = raw.decode("utf-8")
    lines = text.split("\n")
    starts = [i for i, ln in enumerate(lines) if re.match(r"^\*\*PART ONE\*\*", ln.strip())]
    body = starts[1] if len(starts) > 1 else 0
    units: list[dict] = []
    part = chap = art = sub = None
    last_letter = ""
    prev_bold = None
    for i in range(body, len(lines)):
        ln = lines[i].strip()
        if not ln:
            continue
        m = re.match(r"^\*\*PART ([A-Z\-]+)\*\*", ln)
        if m:
            units.append({"kind": "part", "num": m.group(1), "heading": None, "parent": None, "line": i + 1})
            part, chap, art, sub = len(units) - 1, None, None, None
            continue
        m = re.search(r"(?:^|\s)\*+CHAPTER ([IVXLC]+)\*+\s*$", ln)
        if m:
            units.append({"kind": "chapter", "num": m.group(1), "heading": None, "parent": part, "line": i + 1})
            chap, art, sub = len(units) - 1, None, None
            continue
        m = re.match(r"^\**(\d+[A-Z]?)\\\.\s+(.*)$", ln)
        if m:
            units.append({"kind": "article", "num": m.group(1), "heading": prev_bold,
                          "parent": chap if chap is not None else part, "line": i + 1})
            art, sub, last_letter = len(units) - 1, None, ""
            m2 = re.match(r"^\((\d+)\)", m.group(2))
            if m2:
                units.append({"kind": "subsection", "num": m2.group(1), "heading": None, "parent": art,
                              "line": i + 1})
                sub = len(units) - 1
            prev_bold = None
            continue
        mb = re.match(r"^\*\*([^*]+)\*\*\s*$", ln)
        if mb:
            prev_bold = mb.group(1).strip()
            continue
        if art is None:
            continue
        m = re.match(r"^\((\d+)\)", ln)
        if m:
            units.append({"kind": "subsection", "num": m.group(1), "heading": None, "parent": art, "line": i + 1})
            sub, last_letter = len(units) - 1, ""
            continue
        m = re.match(r"^\(([a-z]{1,2})\)", ln)
        if m:
            n = m.group(1)
            roman = re.fullmatch(r"[ivx]+", n) and not (n == "i" and last_letter == "h") \
                and not (n == "v" and last_letter == "u") and not (n == "x" and last_letter == "w")
            if roman and last_letter:
                units.append({"kind": "subparagraph", "num": n, "heading": None, "parent": len(units) - 1
                              if units[-1]["kind"] == "paragraph" else units[-1]["parent"], "line": i + 1})
            else:
                units.append({"kind": "paragraph", "num": n, "heading": None,
                              "parent": sub if sub is not None else art, "line": i + 1})
                last_letter = n
    # fix subparagraph parents: nearest preceding paragraph
    lastp = None
    for k, u in enumerate(units):
        if u["kind"] == "paragraph":
            lastp = k
        elif u["kind"] == "subparagraph" and lastp is not None:
            u["parent"] = lastp
        elif u["kind"] in {"article", "part", "chapter", "subsection"}:
            lastp = None if u["kind"] != "subsection" else lastp
    slug = "ss-transitional-constitution-2011-en"
    tpath, spath = write_outputs("ss", slug, text, units, "markdown", raw, "md", text_ext="md")
    rows.append(dict(path=tpath, jurisdiction="SS", language="en",
                     title="The Transitional Constitution of the Republic of South Sudan, 2011",
                     citation="Transitional Constitution of the Republic of South Sudan, 2011 (Laws of South Sudan)",
                     source_url="Laws of South Sudan print (PDF) converted to Markdown upstream",
                     completeness="partial",
                     notes=("upstream file stops after Article 171 (Parts One-Twelve in part; Articles 172-202 and schedules missing); "
                            "Markdown converted upstream from the printed PDF (bold headings, escaped '1\\.' numbers, "
                            "page furniture kept); arrangement of parts/articles at the top is not structure; structure "
                            "derived by regex from line-initial PART / CHAPTER / 'N\\.' / '(1)' / '(a)' markers in the "
                            f"body ({len(units)} units); items run inline in one line are not separate units; "
                            "article headings = the bold line above the article number"),
                     version_date="2011-07-09", licence="Official legislation of South Sudan (public text); via mobilaws repo",
                     repo=repo, repo_path=path, commit=commit, structure=spath, tradition="common-law-commonwealth",
                     kind="act"))


def step_ao(rows):
    """Diário da República (Angola) I série n.º 154 of 16 Aug 2021: Lei n.º 18/21 (constitutional revision) and the
    republished Constitution; Markdown conversion of the gazette PDF, both kept in the repo."""
    repo = "KelvimImperial/bot-constitucaoAngolana"
    commit = git_head(repo)
    raw = git_show(repo, "data/constituicao_republica.md")
    text = raw.decode("utf-8")
    lines = text.split("\n")
    units: list[dict] = []

    def strip(ln):
        return re.sub(r"^#+\s*", "", ln.strip())

    law_start = max(i for i, ln in enumerate(lines[:200]) if re.search(r"Lei n\.º 18/21 de 16 de Agosto", ln))
    const_start = next(i for i, ln in enumerate(lines) if strip(ln) == "CONSTITUIÇÃO DA REPÚBLICA DE ANGOLA")
    expected = 1
    law_idx = None
    for i in range(law_start, const_start):
        m = re.match(r"^ARTIGO (\d+)\.º\b\s*(\(([^)]*)\))?", strip(lines[i]))
        if m and int(m.group(1)) == expected:
            head = m.group(3)
            if not head:
                nxt = next((strip(x) for x in lines[i + 1:i + 4] if x.strip()), "")
                head = nxt[1:-1] if nxt.startswith("(") and nxt.endswith(")") else None
            units.append({"kind": "article", "num": f"{m.group(1)}.º", "heading": head, "parent": None,
                          "line": i + 1})
            expected += 1
    cont = {"TÍTULO": None, "CAPÍTULO": None, "SECÇÃO": None}
    kinds = {"TÍTULO": "title", "CAPÍTULO": "chapter", "SECÇÃO": "section"}
    order = ["TÍTULO", "CAPÍTULO", "SECÇÃO"]
    art = num = None
    for i in range(const_start, len(lines)):
        t = strip(lines[i])
        if not t:
            continue
        m = re.match(r"^(TÍTULO|CAPÍTULO|SECÇÃO) ([IVXLC]+)\b\s*(.*)$", t)
        if m:
            lvl = order.index(m.group(1))
            parent = next((cont[order[k]] for k in range(lvl - 1, -1, -1) if cont[order[k]] is not None), None)
            head = m.group(3).strip() or next((strip(x) for x in lines[i + 1:i + 4] if x.strip()), None)
            units.append({"kind": kinds[m.group(1)], "num": m.group(2), "heading": head, "parent": parent,
                          "line": i + 1})
            cont[m.group(1)] = len(units) - 1
            for k in order[lvl + 1:]:
                cont[k] = None
            art = num = None
            continue
        m = re.match(r"^«?ARTIGO (\d+\.º(?:-[A-Z])?)\s*(\(([^)]*)\))?", t)
        if m:
            parent = next((cont[k] for k in reversed(order) if cont[k] is not None), None)
            head = m.group(3)
            if not head:
                nxt = next((strip(x) for x in lines[i + 1:i + 4] if x.strip()), "")
                head = nxt[1:-1] if nxt.startswith("(") and nxt.endswith(")") else None
            units.append({"kind": "article", "num": m.group(1), "heading": head, "parent": parent, "line": i + 1})
            art, num = len(units) - 1, None
            continue
        if art is None:
            continue
        m = re.match(r"^(\d+)\.\s", t)
        if m:
            units.append({"kind": "paragraph", "num": m.group(1), "heading": None, "parent": art, "line": i + 1})
            num = len(units) - 1
            continue
        m = re.match(r"^([a-z])\)\s", t)
        if m:
            units.append({"kind": "subparagraph", "num": m.group(1), "heading": None,
                          "parent": num if num is not None else art, "line": i + 1})
    slug = "ao-constituicao-2010-revista-2021-diario-da-republica-pt"
    tpath, spath = write_outputs("ao", slug, text, units, "markdown", raw, "md", text_ext="md")
    common = dict(jurisdiction="AO", language="pt",
                  title="Lei n.º 18/21 de 16 de Agosto (Lei de Revisão Constitucional) e Constituição da República de Angola republicada",
                  citation="Diário da República, I Série, Lei n.º 18/21 de 16 de Agosto; Constituição da República de Angola (2010, revista em 2021)",
                  source_url="Diário da República (Imprensa Nacional de Angola), I Série, 16 de Agosto de 2021",
                  completeness="whole-act", version_date="2021-08-16",
                  licence="Official legislation of Angola (public text); via bot-constitucaoAngolana repo",
                  repo=repo, commit=commit, tradition="civil-law-lusophone", kind="act")
    rows.append(dict(common, path=tpath, repo_path="data/constituicao_republica.md", structure=spath,
                     notes=("Markdown conversion (upstream) of the Diário da República issue: the revision law "
                            "(articles 1.º-6.º; the amended/added articles it quotes are NOT units) followed by the "
                            "republished Constitution; structure by regex from TÍTULO/CAPÍTULO/SECÇÃO/ARTIGO headings, "
                            f"numbered paragraphs '1.' and alíneas 'a)' at line start ({len(units)} units); OCR "
                            "hyphenation/spacing kept")))
    pdf = git_show(repo, "data/constituicao_republica.pdf")
    if pdf.startswith(b"%PDF") and len(pdf) < 4_000_000:
        ppath, pspath = write_pdf_twin("ao", slug.replace("-pt", "-gazette-pt"), pdf, units, "markdown")
        rows.append(dict(common, path=ppath, repo_path="data/constituicao_republica.pdf", structure=pspath,
                         notes=("the Diário da República PDF itself; structure twin = the units of the Markdown "
                                f"conversion ({slug}.md) of the same PDF, derived as described there")))


def step_cg(rows):
    """Journal officiel de la République du Congo 2025 n° 26: Loi n° 10-2025 (profession d'architecte)."""
    repo = "benaja-bendo/Mibeko-elt"
    commit = git_head(repo)
    raw = git_show(repo, "data/processed/congo-jo-2025-26.md")
    full = raw.decode("utf-8").split("\n")
    start = next(i for i, ln in enumerate(full) if re.match(r"^#\s*-\s*LOIS\s*-", ln))
    end = next(i for i in range(start + 1, len(full)) if re.match(r"^#\s*-\s*DECRETS", full[i]) or
               re.match(r"^Loin? (n° )?14-2025", full[i]))  # 'Loin 14-2025' is an OCR slip upstream
    lines = full[start:end]
    while lines and not lines[-1].strip():
        lines.pop()
    units: list[dict] = []
    cont = {"titre": None, "chapitre": None, "section": None}
    order = ["titre", "chapitre", "section"]
    for i, ln in enumerate(lines):
        t = re.sub(r"^#+\s*", "", ln.strip())
        m = re.match(r"^(TITRE|Titre|CHAPITRE|Chapitre|SECTION|Section)\s+([IVXLC]+|\d+|premier|PREMIER)\s*[:.\-–]?\s*(.*)$", t)
        if m:
            k = m.group(1).lower()
            lvl = order.index(k)
            parent = next((cont[order[j]] for j in range(lvl - 1, -1, -1) if cont[order[j]] is not None), None)
            units.append({"kind": {"titre": "title", "chapitre": "chapter", "section": "section"}[k],
                          "num": m.group(2), "heading": m.group(3).strip() or None, "parent": parent, "line": i + 1})
            cont[k] = len(units) - 1
            for j in order[lvl + 1:]:
                cont[j] = None
            continue
        m = re.match(r"^Article\s+(premier|\d+(?:\s?bis)?)\s*:", t)
        if m:
            parent = next((cont[k] for k in reversed(order) if cont[k] is not None), None)
            units.append({"kind": "article", "num": m.group(1), "heading": None, "parent": parent, "line": i + 1})
    text = "\n".join(lines) + "\n"
    slug = "cg-loi-10-2025-profession-d-architecte-fr"
    tpath, spath = write_outputs("cg", slug, text, units, "markdown", raw, "md", text_ext="md")
    rows.append(dict(path=tpath, jurisdiction="CG", language="fr",
                     title="Loi n° 10-2025 du 28 mai 2025 relative au titre, à l'exercice de la profession d'architecte et à l'architecture en République du Congo",
                     citation="Loi n° 10-2025 du 28 mai 2025, Journal officiel de la République du Congo 2025 n° 26",
                     source_url="Journal officiel de la République du Congo (sgg.cg), 2025, n° 26",
                     completeness="whole-act",
                     notes=("the law's portion (from '- LOIS -' to the next text) of the upstream Markdown conversion "
                            "of the Journal officiel issue (OCR slips kept); structure by regex from TITRE/Chapitre/"
                            f"Section headings and 'Article N :' ({len(units)} units); only the numbered hierarchy, "
                            "pseudo-headings produced by the conversion ('# A ce titre :') are not units"),
                     version_date="2025-05-28",
                     licence="Official legislation of the Republic of the Congo (public text); via Mibeko-elt repo",
                     repo=repo, repo_path="data/processed/congo-jo-2025-26.md", commit=commit, structure=spath,
                     tradition="civil-law-francophone", kind="act"))


# ----------------------------------------------------------------------------- main
def main(argv: list[str]) -> None:
    rows: list[dict] = []
    steps = {"za": za_by_laws, "ls": step_ls, "bj": step_bj, "er": step_er, "ng": step_ng, "ma": step_ma, "dj": step_dj, "mz": step_mz, "mu": step_mu, "ss": step_ss, "ao": step_ao, "cg": step_cg, "sn": step_sn, "cm": step_cm, "ke": step_ke}
    for name, fn in steps.items():
        if len(argv) > 1 and name not in argv[1:]:
            continue
        fn(rows)
    old = []
    if MANIFEST.exists() and len(argv) > 1:
        with MANIFEST.open(encoding="utf-8", newline="") as fh:
            new_paths = {r["path"] for r in rows}
            old = [r for r in csv.DictReader(fh, delimiter="\t") if r["path"] not in new_paths]
    MANIFEST.parent.mkdir(parents=True, exist_ok=True)
    with MANIFEST.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, HEADER, delimiter="\t", lineterminator="\n")
        w.writeheader()
        for r in sorted(old + rows, key=lambda r: r["path"]):
            w.writerow({k: str(r.get(k, "")).replace("\t", " ").replace("\n", " ") for k in HEADER})


if __name__ == "__main__":
    main(sys.argv)
