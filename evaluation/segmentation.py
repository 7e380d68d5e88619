"""Section-level agreement between our segmenter and an Akoma Ntoso rendering of the same law.

WHY: the gazette PDFs in corpora/structured/za-by-laws/ come with hand-made AKN XML; the
sections listed there are the reference. We compare section *numbers* as multisets:
each reference section can be matched once, so a section found twice (e.g. a table of
contents entry, or the same by-law repeated in Afrikaans in the gazette) is a false positive.

Usage: ``python -m evaluation.segmentation [PDF AKN]...`` (defaults: the three by-laws).
"""
from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAIRS_DIR = ROOT / "corpora" / "structured" / "za-by-laws"


@dataclass
class SectionScore:
    name: str
    expected: int
    found: int
    matched: int

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _norm(num: str) -> str:
    return num.strip().strip("§").strip().rstrip(".").strip("()").strip().lower()


def akn_sections(xml_path: str | Path) -> list[str]:
    """Printed numbers of every ``<section>`` in the body (AKN 2.0 ``id`` or 3.0 ``eId`` alike)."""
    tree = ET.parse(str(xml_path))
    out = []
    for el in tree.iter():
        if el.tag.rsplit("}", 1)[-1] != "section":
            continue
        num = next((c for c in el if c.tag.rsplit("}", 1)[-1] == "num"), None)
        if num is not None and (num.text or "").strip():
            out.append(_norm(num.text))
    return out


def akn_language(xml_path: str | Path) -> str | None:
    """ISO 639-1 code of the AKN expression (``<FRBRlanguage language="eng"/>`` -> ``en``)."""
    for el in ET.parse(str(xml_path)).iter():
        if el.tag.rsplit("}", 1)[-1] == "FRBRlanguage":
            return _ISO3.get(el.get("language", ""), el.get("language"))
    return None


_ISO3 = {"eng": "en", "fra": "fr", "fre": "fr", "deu": "de", "ger": "de", "nld": "nl", "dut": "nl",
         "ita": "it", "spa": "es", "por": "pt", "afr": "af", "ces": "cs"}


def found_sections(path: str | Path, lang: str | None = None) -> list[str]:
    """Section numbers the segmenter finds; with ``lang``, only sections written in that language
    (a gazette prints the same by-law in several languages; the AKN holds one expression)."""
    from pipeline.extract import extract
    from pipeline.extract.language import detect_language
    from pipeline.segment import segment

    doc = extract(path)
    out = []
    for p in segment(doc):
        if p.kind != "section" or not p.num:
            continue
        if lang is not None and detect_language(doc.text[p.start:p.end]) != lang:
            continue
        out.append(_norm(p.num))
    return out


def score(expected: list[str], found: list[str], name: str = "") -> SectionScore:
    matched = sum((Counter(expected) & Counter(found)).values())
    return SectionScore(name, len(expected), len(found), matched)


def akn_paths(xml_path: str | Path) -> list[str]:
    """Number paths of every numbered node inside a section: ``3/(1)/(a)``."""
    out: list[str] = []

    def walk(el: ET.Element, path: tuple[str, ...], inside: bool) -> None:
        stack = [(el, path, inside)]
        while stack:
            node, pth, ins = stack.pop()
            tag = node.tag.rsplit("}", 1)[-1]
            num = next((c for c in node if c.tag.rsplit("}", 1)[-1] == "num"), None)
            if num is not None and (num.text or "").strip() and (ins or tag == "section"):
                pth = pth + (_norm(num.text),)
                ins = True
                out.append("/".join(pth))
            for child in reversed(list(node)):
                stack.append((child, pth, ins))

    walk(ET.parse(str(xml_path)).getroot(), (), False)
    return out


def found_paths(path: str | Path, lang: str | None = None) -> list[str]:
    """Our number paths below sections, for sections in ``lang`` (all sections if None)."""
    from pipeline.extract import extract
    from pipeline.extract.language import detect_language
    from pipeline.segment import segment

    doc = extract(path)
    provs = segment(doc)
    by_eid = {p.eid: p for p in provs}
    out = []
    for p in provs:
        if not p.num:
            continue
        chain, cur = [], p
        while cur is not None and cur.kind != "section":
            if cur.num:
                chain.append(_norm(cur.num))
            cur = by_eid.get(cur.parent) if cur.parent else None
        if cur is None:
            continue
        if lang is not None and detect_language(doc.text[cur.start:cur.end]) != lang:
            continue
        chain.append(_norm(cur.num or ""))
        out.append("/".join(reversed(chain)))
    return out


def evaluate_paths(pairs: list[tuple[Path, Path]] | None = None) -> list[SectionScore]:
    """Every numbered node below a section (same-language sections), matched by its number path."""
    return [score(akn_paths(x), found_paths(p, akn_language(x)), p.name) for p, x in (pairs or default_pairs())]


def default_pairs() -> list[tuple[Path, Path]]:
    pairs = []
    for pdf in sorted(PAIRS_DIR.glob("*-source-enacted.pdf")):
        xml = pdf.with_name(pdf.name.replace("-source-enacted.pdf", "-main.akn.xml"))
        if xml.exists():
            pairs.append((pdf, xml))
    return pairs


def evaluate(pairs: list[tuple[Path, Path]] | None = None, same_language: bool = False) -> list[SectionScore]:
    """All sections found (default), or only those in the AKN expression's language."""
    return [score(akn_sections(x), found_sections(p, akn_language(x) if same_language else None), p.name)
            for p, x in (pairs or default_pairs())]


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    pairs = [(Path(a), Path(b)) for a, b in zip(argv[0::2], argv[1::2])] or None
    for label, same in (("all sections", False), ("same language as AKN", True)):
        print(f"# {label}")
        for s in evaluate(pairs, same_language=same):
            print(f"{s.name}\texpected={s.expected}\tfound={s.found}\tmatched={s.matched}\t"
                  f"P={s.precision:.3f}\tR={s.recall:.3f}\tF1={s.f1:.3f}")
    print("# every numbered node below a section (number paths), same language as AKN")
    for s in evaluate_paths(pairs):
        print(f"{s.name}\texpected={s.expected}\tfound={s.found}\tmatched={s.matched}\t"
              f"P={s.precision:.3f}\tR={s.recall:.3f}\tF1={s.f1:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())


def justice_labels(xml_path: str | Path) -> list[str]:
    """Pre-order ``<Label>`` numbers of a Justice Laws (Canada) XML act: sections and their parts.

    WHY: the Canadian XML marks every section, subsection and paragraph, so it checks the whole
    numbering tree of the plain-text rendering, not only section numbers.
    """
    out = []
    body = ET.parse(str(xml_path)).getroot().find("Body")
    for el in (body.iter() if body is not None else ()):
        label = "".join(el.itertext()).replace("*", "").strip() if el.tag == "Label" else ""
        if label:  # "<Label><FootnoteRef>*</FootnoteRef>13</Label>" -> "13"
            out.append(label)
    return out


def found_labels(path: str | Path) -> list[str]:
    """Pre-order printed numbers of numbered nodes (sections and enumerated levels) we find."""
    from pipeline.extract import extract
    from pipeline.segment import segment

    return [p.num.strip() for p in segment(extract(path)) if p.num and p.kind not in (
        "part", "chapter", "title", "book", "division", "subdivision", "subchapter", "section_group")]
