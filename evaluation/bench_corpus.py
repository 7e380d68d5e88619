"""Benchmark corpus: statute PDFs and text statutes whose right reading is known.

WHY a generator: the bench must run anywhere (CI, a fresh clone) with sizes chosen on
the command line, and checking reading order needs the true text of every paragraph.
All text is neutral statutory-style prose assembled from templates about property,
fraud and computer offences; nothing here describes abuse.

Layouts: a single-column statute (running header with the Act's title, a rule, a footer
with a registration id and "Page N of M") and a two-column gazette (masthead, columns
that flow left then right and across pages, centred page number). Each PDF gets a
``.truth/<name>.json`` with its body paragraphs in reading order; ``.truth`` is a dot
folder, so ``collect_inputs`` never takes it for input.
"""
from __future__ import annotations

import json
import random
import textwrap
from dataclasses import dataclass
from pathlib import Path

OFFENCES = [
    ("Theft", "dishonestly appropriates property belonging to another with the intention of permanently depriving "
              "the other of it"),
    ("Fraud by false representation", "dishonestly makes a false representation intending to make a gain for "
                                      "himself or herself or another, or to cause loss to another"),
    ("Unauthorised access to computer material", "causes a computer to perform any function with intent to secure "
                                                 "access to any program or data held in any computer, knowing that "
                                                 "the access is unauthorised"),
    ("Data interference", "intentionally and without right damages, deletes, deteriorates, alters or suppresses "
                          "computer data"),
    ("System interference", "intentionally and without right seriously hinders the functioning of a computer system "
                            "by inputting, transmitting, damaging or deleting computer data"),
    ("Forgery", "makes a false instrument with the intention that it shall be used to induce another to accept it "
                "as genuine"),
    ("Criminal damage", "without lawful excuse destroys or damages any property belonging to another, intending to "
                        "destroy or damage it or being reckless as to whether it would be destroyed or damaged"),
    ("Handling stolen goods", "knowing or believing them to be stolen, dishonestly receives the goods or assists in "
                              "their retention, removal or disposal by or for the benefit of another"),
    ("Misuse of devices", "produces, sells, procures for use, imports or distributes a device designed primarily "
                          "for the purpose of committing an offence under this Part"),
    ("Obtaining services dishonestly", "obtains services for himself or herself or another by a dishonest act, "
                                       "knowing that payment is required and intending to avoid payment"),
    ("Computer related forgery", "inputs, alters, deletes or suppresses computer data resulting in inauthentic "
                                 "data with the intent that it be considered or acted upon as if it were authentic"),
    ("Illegal interception", "intercepts without right, by technical means, non-public transmissions of computer "
                             "data to, from or within a computer system"),
]
PENALTIES = ["a fine not exceeding {n} penalty units", "imprisonment for a term not exceeding {n} years",
             "both such fine and such imprisonment", "a fine, or imprisonment for a term not exceeding {n} years"]
AGGRAVATIONS = ["the offence was committed in respect of a critical information infrastructure",
                "the offender held a position of trust in relation to the property or data concerned",
                "the offence was committed as part of the activities of an organised criminal group",
                "the loss caused exceeded the amount prescribed by regulations made under this Act",
                "the offender had previously been convicted of an offence under this Part"]
DEFENCES = ["acted in the belief that he or she had the right in law to deprive the other of it",
            "acted with the consent of the person entitled to control the data or system",
            "acted in the course of duties as an authorised officer under this Act",
            "acted for the purpose of testing the security of a system with the written authority of its owner"]
PROCEDURES = ["An authorised officer may apply to a magistrate for a warrant to search any premises where there "
              "are reasonable grounds to suspect that evidence of an offence under this Part is kept.",
              "A court that convicts a person of an offence under this Part may order the forfeiture of any "
              "device used in the commission of the offence.",
              "Proceedings for an offence under this Part may be commenced within six years after the date on "
              "which the offence was committed.",
              "A service provider must preserve specified computer data for a period not exceeding ninety days "
              "when so required by a preservation order made under this Part."]
PARTS = ["GENERAL PROVISIONS", "OFFENCES AGAINST PROPERTY", "COMPUTER OFFENCES", "PROCEDURE AND EVIDENCE",
         "JURISDICTION", "MISCELLANEOUS PROVISIONS"]


@dataclass
class Para:
    """One block of body text; ``bold`` for headings. ``text`` is what a reader must find."""

    text: str
    bold: bool = False
    indent: int = 0


def statute_paragraphs(n_sections: int, seed: int, title: str, first_section: int = 1) -> list[Para]:
    """Parts, numbered sections, subsections (1)..(n) and paragraphs (a)..(d). Every
    body paragraph names its section, so each is unique and its place can be checked."""
    rng = random.Random(seed)
    out = [Para(title, bold=True), Para(f"An Act to consolidate the law relating to offences against property and "
                                        f"computer systems, and for connected purposes. (Act No. {seed})")]
    part = 0
    for s in range(first_section, first_section + n_sections):
        if s == first_section or rng.random() < 0.08:
            part += 1
            out.append(Para(f"PART {part} - {PARTS[(part - 1) % len(PARTS)]}", bold=True))
        name, conduct = OFFENCES[rng.randrange(len(OFFENCES))]
        out.append(Para(f"{s}. {name}", bold=True))
        n = rng.randint(2, 5)
        out.append(Para(f"(1) A person who {conduct} commits an offence against section {s} and is liable on "
                        f"conviction to {rng.choice(PENALTIES).format(n=rng.randint(2, 15))}.", indent=1))
        for k in range(2, n + 1):
            kind = rng.random()
            if kind < 0.35:
                out.append(Para(f"({k}) The maximum penalty for an offence against section {s} is doubled where "
                                f"any of the following applies:", indent=1))
                for j, agg in enumerate(rng.sample(AGGRAVATIONS, rng.randint(2, 4))):
                    out.append(Para(f"({'abcd'[j]}) in a case under section {s}({k}), {agg};", indent=2))
            elif kind < 0.65:
                out.append(Para(f"({k}) It is a defence to a charge under section {s} for the accused to prove "
                                f"that he or she {rng.choice(DEFENCES)}.", indent=1))
            else:
                proc = rng.choice(PROCEDURES)
                out.append(Para(f"({k}) For the purposes of section {s}, {proc[0].lower()}{proc[1:]}", indent=1))
    return out


def statute_text(n_sections: int, seed: int) -> str:
    paras = statute_paragraphs(n_sections, seed, f"CRIMINAL LAW (PROPERTY AND COMPUTERS) ACT NO. {seed}")
    return "\n".join(("\t" * p.indent) + p.text for p in paras) + "\n"


# -- PDFs -------------------------------------------------------------------------
STATUTE_HEADER = "Criminal Law (Property and Computers) Act 2024 - Compilation No. 7"
STATUTE_FOOTER = "Registered 14/03/2025 - Federal Register of Legislation C2025C00117"
GAZETTE_MASTHEAD = "GOVERNMENT GAZETTE OF BENCHLAND - VOL. 88 - NO. {no} - EXTRAORDINARY"


def _wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width=width, break_long_words=False, break_on_hyphens=False) or [""]


def statute_pdf(path: Path, n_pages: int, seed: int = 7) -> list[str]:
    """Single column; paragraphs flow across pages (so header/footer removal must join
    them). Returns the body paragraphs in reading order."""
    from fpdf import FPDF

    paras = statute_paragraphs(n_pages * 9, seed, "CRIMINAL LAW (PROPERTY AND COMPUTERS) ACT 2024")
    pdf = FPDF(format="A4", unit="pt")
    pdf.set_auto_page_break(False)
    lh, top, bottom = 13.0, 92.0, 770.0
    lines = []  # (x, text, bold, paragraph index)
    for i, p in enumerate(paras):
        for ln in _wrap(p.text, 92 - 6 * p.indent):
            lines.append((72 + 18 * p.indent, ln, p.bold, i))
        lines.append(None)  # paragraph gap
    truth_used: set[int] = set()
    page, k = 0, 0
    while page < n_pages:
        page += 1
        pdf.add_page()
        pdf.set_font("Helvetica", size=8)
        pdf.text(72, 40, STATUTE_HEADER)
        pdf.line(72, 46, 523, 46)
        k = _flow(pdf, lines, k, 0.0, top, bottom, lh, ("Helvetica", 10), truth_used)
        pdf.set_font("Helvetica", size=8)
        pdf.text(72, 812, STATUTE_FOOTER)
        pdf.text(470, 812, f"Page {page} of {n_pages}")
    pdf.output(str(path))
    # a paragraph cut by the end of the document is not checked
    last = max(truth_used) if truth_used else -1
    return [paras[i].text for i in range(last)]


def _flow(pdf, lines, k: int, x0: float, top: float, bottom: float, lh: float, font: tuple[str, int],
          used: set[int]) -> int:
    """Set ``lines[k:]`` (``None`` = paragraph gap) down one column until it is full; returns
    the next line's index and records which paragraphs were (partly) set."""
    y = top
    while k < len(lines) and y < bottom:
        item = lines[k]
        k += 1
        if item is None:
            y += lh / 2
            continue
        dx, text, bold, idx = item
        pdf.set_font(font[0], "B" if bold else "", font[1])
        pdf.text(x0 + dx, y, text)
        used.add(idx)
        y += lh
    return k


def gazette_pdf(path: Path, n_pages: int, seed: int = 11) -> list[str]:
    """Two columns that flow left column, right column, next page. Returns paragraphs in order."""
    from fpdf import FPDF

    rng = random.Random(seed)
    paras: list[Para] = []
    notice, section = 0, 1
    while len(paras) < n_pages * 40:
        notice += 1
        paras.append(Para(f"GOVERNMENT NOTICE {notice} OF 2024", bold=True))
        n = rng.randint(2, 4)
        paras.extend(p for p in statute_paragraphs(n, seed * 1000 + notice,
                                                   f"REGULATIONS ON COMPUTER SECURITY NO. {notice}",
                                                   first_section=section)
                     if not p.text.startswith("PART "))
        section += n
    lines = []
    for i, p in enumerate(paras):
        for ln in _wrap(p.text, 50 - 2 * p.indent):
            lines.append((8 * p.indent, ln, p.bold, i))
        lines.append(None)
    pdf = FPDF(format="A4", unit="pt")
    pdf.set_auto_page_break(False)
    lh, top, bottom = 11.0, 86.0, 790.0
    used: set[int] = set()
    k = 0
    for page in range(1, n_pages + 1):
        pdf.add_page()
        pdf.set_font("Helvetica", size=7)
        pdf.text(50, 34, GAZETTE_MASTHEAD.format(no=4400 + page))
        pdf.line(50, 40, 545, 40)
        pdf.line(297, 80, 297, bottom)  # column rule
        for x0 in (50.0, 308.0):
            k = _flow(pdf, lines, k, x0, top, bottom, lh, ("Times", 9), used)
        pdf.set_font("Helvetica", size=8)
        pdf.text(292, 820, str(page))
    pdf.output(str(path))
    last = max(used) if used else -1
    return [paras[i].text for i in range(last)]


def make_corpus(root: Path, pages: int = 300, gazette_pages: int = 40, texts: int = 500,
                seed: int = 1) -> Path:
    """Write ``root/pdf/statute.pdf``, ``root/pdf/gazette.pdf``, ``root/texts/*.txt`` and
    the truth files; returns ``root``."""
    (root / "pdf").mkdir(parents=True, exist_ok=True)
    (root / "texts").mkdir(parents=True, exist_ok=True)
    truth = root / ".truth"
    truth.mkdir(exist_ok=True)
    if pages:
        paras = statute_pdf(root / "pdf" / "statute.pdf", pages, seed=seed + 6)
        (truth / "statute.pdf.json").write_text(json.dumps(paras), encoding="utf-8")
    if gazette_pages:
        paras = gazette_pdf(root / "pdf" / "gazette.pdf", gazette_pages, seed=seed + 10)
        (truth / "gazette.pdf.json").write_text(json.dumps(paras), encoding="utf-8")
    rng = random.Random(seed)
    for i in range(texts):
        (root / "texts" / f"act_{i:04d}.txt").write_text(statute_text(rng.randint(6, 30), seed * 100_000 + i),
                                                          encoding="utf-8")
    return root


def truth_for(pdf: Path) -> list[str] | None:
    """Truth paragraphs of a generated PDF (looked up in the corpus' ``.truth`` folders)."""
    for parent in pdf.resolve().parents:
        f = parent / ".truth" / f"{pdf.name}.json"
        if f.is_file():
            return json.loads(f.read_text(encoding="utf-8"))
    return None


def order_score(text: str, paragraphs: list[str], min_chars: int = 40) -> dict:
    """Reading-order check: every body paragraph (whitespace normalised, at least
    ``min_chars`` long, unique in the truth) is looked up whole in the extracted text.

    ``found`` = fraction present intact (a running header left inside a paragraph, or
    the other column's words, break it); ``in_order`` = the longest run of them in
    increasing position (longest increasing subsequence) as a fraction of all:
    1.0 = right order, interleaved columns score near 0."""
    import bisect
    from collections import Counter

    hay = " ".join(text.split())
    probes = [" ".join(p.split()) for p in paragraphs if len(p) >= min_chars]
    counts = Counter(probes)
    checked = [x for x in probes if counts[x] == 1]
    positions = [pos for pos in (hay.find(x) for x in checked) if pos >= 0]
    tails: list[int] = []  # patience sorting: length of the longest increasing subsequence
    for pos in positions:
        i = bisect.bisect_left(tails, pos)
        tails[i:i + 1] = [pos]
    n = max(len(checked), 1)
    return {"paragraphs": len(checked), "found": round(len(positions) / n, 4),
            "in_order": round(len(tails) / n, 4)}
