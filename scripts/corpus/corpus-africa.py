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


# ----------------------------------------------------------------------------- main
def main(argv: list[str]) -> None:
    rows: list[dict] = []
    steps = {"za": za_by_laws}
    try:
        from corpus_africa_lii import STEPS  # second half of the converter (LII JSON / Markdown sources)
        steps.update(STEPS)
    except ImportError:
        pass
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
