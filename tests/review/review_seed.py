"""Synthetic statutes (statutory-style sentences written for these tests) stored through save_document."""
from __future__ import annotations

import hashlib

from pipeline.records import (AnnotatedProvision, BenchmarkInfo, ConductLabel, Document, Evidence, ModelInfo,
                              TermFlag, text_hash)

MODEL = ModelInfo("test-model", "1")
BENCH = BenchmarkInfo("test-bench", "2026.1")
SCRIPT_TEXT = 'Section with markup <script>document.title="pwned"</script> <b>bold</b> & more.'

# (eid, heading, text, [(conduct, score, coverage, evidence)], [term])
PROVISIONS = [
    ("part_1", "Offences", "Part 1 — Offences against children", [], []),
    ("sec_1", "Distribution", "A person who distributes or transmits child sexual abuse material commits an offence.",
     [("csam_distribution", 0.92, "full", "distributes"), ("csam_transmission", 0.55, "full", "transmits")], []),
    ("sec_2", "Possession", "A person who possesses child pornography for the purpose of sale commits an offence.",
     [("csam_possession", 0.48, "partial", "possesses")],
     [("child pornography", ["child sexual abuse material"], "replace_unless_legal_term")]),
    ("sec_3", "Production", "A person who produces child sexual abuse material commits an offence.",
     [("csam_production", 0.81, "full", "produces")], []),
    ("sec_4", "Solicitation", "An adult who proposes to meet a child for a sexual purpose commits an offence.",
     [("grooming", 0.62, "partial", "proposes to meet a child")], []),
    ("sec_5", "Access", "A person who knowingly obtains access to child sexual abuse material commits an offence.",
     [("csam_access", 0.7, "full", "obtains access")], []),
    ("sec_6", "Procuring", "A person who procures child sexual abuse material for himself commits an offence.",
     [("csam_procuring", 0.3, "full", "procures")], []),
    ("sec_7", "Markup", SCRIPT_TEXT, [("csam_offering", 0.51, "full", "<script>")], []),
    ("sec_8", "Interpretation", "In this Part, child means a person under the age of eighteen years.", [], []),
]


def make_rows(provisions=PROVISIONS, doc_name: str = "test-act.txt"):
    body = "\n".join(t for _, _, t, _, _ in provisions)
    doc = Document(path=f"/tmp/{doc_name}", name=doc_name, sha256=hashlib.sha256(body.encode()).hexdigest(),
                   text=body, kind="text", lang="en")
    rows, off = [], 0
    for eid, heading, text, labels, terms in provisions:
        start, end = off, off + len(text)
        off = end + 1
        conducts = []
        for cid, score, cov, ev in labels:
            i = text.find(ev)
            conducts.append(ConductLabel(cid, score, cov, Evidence(start + i, start + i + len(ev), ev), None))
        flags = []
        for term, repl, sev in terms:
            i = text.find(term)
            flags.append(TermFlag(term, start + i, start + i + len(term), repl, sev, "rule-1", "outdated term", "en"))
        rows.append(AnnotatedProvision(
            doc=doc_name, eid=eid, kind="part" if eid.startswith("part") else "section",
            num=eid.split("_")[-1], heading=heading, text=text, start=start, end=end, page=None, lang="en",
            parent=None if eid.startswith("part") else "part_1", depth=0 if eid.startswith("part") else 1,
            text_hash=text_hash(text), conducts=conducts, terms=flags, terms_exempt=[], model=MODEL,
            benchmark=BENCH, doc_sha256=doc.sha256, own_spans=[(start, end)]))
    return doc, rows


# A section whose offence is spread over paragraphs (a)-(d): (eid, kind, num, heading, text, parent, labels)
SECTION_TREE = [
    ("part_2", "part", "2", "Images of children", "Part 2 — Images of children", None, []),
    ("sec_10", "section", "10", "Indecent images of children", "", "part_2", []),
    ("sec_10__subsec_1", "subsection", "(1)", None, "A person commits an offence who, knowing that it is an indecent image of a child—", "sec_10", []),
    ("sec_10__subsec_1__para_a", "paragraph", "(a)", None, "takes or makes the image;", "sec_10__subsec_1",
     [("csam_production", 0.74, "full", "takes or makes")]),
    ("sec_10__subsec_1__para_b", "paragraph", "(b)", None, "distributes or shows the image;", "sec_10__subsec_1",
     [("csam_distribution", 0.81, "full", "distributes")]),
    ("sec_10__subsec_1__para_c", "paragraph", "(c)", None, "has the image in his possession with a view to its distribution; or", "sec_10__subsec_1",
     [("csam_possession", 0.58, "partial", "has the image in his possession")]),
    ("sec_10__subsec_1__para_d", "paragraph", "(d)", None, "publishes an advertisement offering the image.", "sec_10__subsec_1",
     [("csam_offering", 0.66, "full", "offering")]),
    ("sec_11", "section", "11", "Defences", "It is a defence to prove a legitimate reason for having the image.", "part_2", []),
]


def make_tree(spec=SECTION_TREE, doc_name: str = "images-act.txt", lang: str = "en"):
    """A statute with a real provision tree (sections, subsections, paragraphs)."""
    body = "\n".join(t for _, _, _, _, t, _, _ in spec)
    doc = Document(path=f"/tmp/{doc_name}", name=doc_name, sha256=hashlib.sha256(body.encode()).hexdigest(),
                   text=body, kind="text", lang=lang)
    depth = {}
    rows, off = [], 0
    for eid, kind, num, heading, text, parent, labels in spec:
        start, end = off, off + len(text)
        off = end + 1
        depth[eid] = depth[parent] + 1 if parent else 0
        conducts = [ConductLabel(cid, score, cov, Evidence(start + text.find(ev), start + text.find(ev) + len(ev), ev),
                                 None) for cid, score, cov, ev in labels]
        rows.append(AnnotatedProvision(
            doc=doc_name, eid=eid, kind=kind, num=num, heading=heading, text=text, start=start, end=end, page=None,
            lang=lang, parent=parent, depth=depth[eid], text_hash=text_hash(text), conducts=conducts, terms=[],
            terms_exempt=[], model=MODEL, benchmark=BENCH, doc_sha256=doc.sha256, own_spans=[(start, end)]))
    return doc, rows
