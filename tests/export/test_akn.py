"""Akoma Ntoso export and import, checked with the OASIS schema (models/schemas/akn/akomantoso30.xsd)."""
from __future__ import annotations

import time
from pathlib import Path

import pytest
from lxml import etree

from pipeline.akn import LEXBENCH_NS, NS, schema_errors
from pipeline.annotate import AnnotateConfig, Annotator
from pipeline.cli import main
from pipeline.export import export_akn
from pipeline.extract import extract
from pipeline.gold import blind_statutes
from pipeline.segment import segment
from tests.conftest import CORPORA, ROOT, read_jsonl

A = {"a": NS, "lb": LEXBENCH_NS}
# statutory-style text written for these tests: chapeau, numbered paragraphs, a continuation, an outdated term
OWN = ("Section 12. Indecent images of children\n"
       "(1) A person who, without lawful excuse,\n"
       "(a) makes or distributes child pornography; or\n"
       "(b) possesses an indecent photograph of a child,\n"
       "commits an offence.\n"
       "(2) A person who is guilty of an offence under subsection (1) is liable to imprisonment for ten years.\n"
       "Section 13. Grooming\n"
       "A person who, by means of an electronic communication, proposes to meet a child for sexual purposes "
       "commits an offence.\n")
DEV = ["us/18-usc-2251.txt", "au/au-cth-criminal-code-s474.27A.txt",
       "acts/ad/ad-llei-14-2019-drets-dels-infants-ca.md"]
ZA_AKN2 = CORPORA / "structured" / "za-by-laws" / "za-cpt-graffiti-main.akn.xml"


@pytest.fixture(scope="module")
def annotator(tmp_path_factory):
    return Annotator(AnnotateConfig(out_dir=tmp_path_factory.mktemp("o"), model="rules", store=False), warm_up=False)


def _export(path: Path, annotator) -> tuple[bytes, list[dict]]:
    doc = extract(path)
    rows = [r.to_json() for r in annotator.annotate_document(doc)]
    return export_akn(doc.text, rows, name=path.stem, country="xx", date="2021-05-04", lang=doc.lang,
                      title="A test statute", generated="2026-01-02"), rows


def _tree(provisions) -> list[tuple]:
    return [(p.eid, p.kind, p.num, p.heading, p.parent, p.depth) for p in provisions]


def test_export_is_valid_and_carries_tree_labels_and_terms(tmp_path, annotator):
    src = tmp_path / "own-statute.txt"
    src.write_text(OWN, encoding="utf-8")
    xml, rows = _export(src, annotator)
    assert schema_errors(xml) == []
    root = etree.fromstring(xml)
    body_eids = [el.get("eId") for el in root.iterfind(".//a:body//*[@eId]", A) if etree.QName(el).localname != "term"]
    assert body_eids == [r["eid"] for r in rows]
    sec = root.find(".//a:section[@eId='sec_12']", A)
    assert sec.findtext("a:num", namespaces=A) == "12" and sec.findtext("a:heading", namespaces=A).startswith("Indecent")
    sub1 = root.find(".//a:subsection[@eId='sec_12__subsec_1']", A)
    assert "without lawful excuse" in "".join(sub1.find("a:intro", A).itertext())
    # the continuation after (a), (b) closes subsection (1), whose chapeau opened the list: after its children
    assert sub1.findtext("a:wrapUp/a:p", namespaces=A) == "commits an offence."
    assert sec.find("a:wrapUp", A) is None
    leaf = "".join(root.find(".//a:paragraph[@eId='sec_12__subsec_1__para_a']/a:content", A).itertext())
    assert not leaf.startswith("(a)")  # the number lives in <num> only
    term = root.find(".//a:term", A)
    assert term.text == "child pornography" and term.get("refersTo").startswith("#lexbench-term-")
    assert root.find(f".//a:TLCConcept[@eId='{term.get('refersTo')[1:]}']", A) is not None
    assert root.find(".//a:FRBRExpression/a:FRBRuri", A).get("value") == "/akn/xx/act/2021/own-statute/eng@2021-05-04"
    ann = root.find(".//a:proprietary/lb:annotations", A)
    assert ann.get("model") == rows[0]["model"]["name"] and ann.get("modelVersion") == rows[0]["model"]["version"]
    labelled = {r["eid"]: {c["id"] for c in r["conducts"]} for r in rows if r["conducts"]}
    got = {p.get("eId"): {c.get("id") for c in p.iterfind("lb:conduct", A)} for p in ann.iterfind("lb:provision", A)}
    assert labelled and {k: v for k, v in got.items() if v} == labelled


def test_the_schema_check_can_fail(tmp_path, annotator):
    src = tmp_path / "own.txt"
    src.write_text(OWN, encoding="utf-8")
    xml, _ = _export(src, annotator)
    root = etree.fromstring(xml)
    ident = root.find(".//a:identification", A)
    ident.getparent().remove(ident)
    assert any("identification" in e for e in schema_errors(etree.tostring(root)))
    dup = etree.fromstring(xml)
    dup.find(".//a:subsection", A).set("eId", "sec_12")  # eIds must be unique in an act
    assert schema_errors(etree.tostring(dup))


@pytest.mark.parametrize("rel", DEV)
def test_corpus_statutes_export_valid_and_round_trip(rel, tmp_path, annotator):
    path = CORPORA / rel
    xml, rows = _export(path, annotator)
    assert schema_errors(xml) == []
    back = tmp_path / f"{path.stem}.xml"
    back.write_bytes(xml)
    doc = extract(back)
    assert doc.kind == "akn" and doc.lang == rows[0]["lang"]
    assert _tree(segment(doc)) == _tree(segment(extract(path)))
    # the imported document exports to the same body (a fixed point)
    again = export_akn(doc.text, [r.to_json() for r in annotator.annotate_document(doc)], name=path.stem,
                       country="xx", date="2021-05-04", lang=doc.lang, generated="2026-01-02")
    assert again.split(b"<body>")[1] == xml.split(b"<body>")[1]


def test_akn_input_skips_the_text_heuristics_and_keeps_offsets(annotator):
    doc = extract(ZA_AKN2)  # Akoma Ntoso 2.0 from openbylaws.org.za (ids in @id)
    assert doc.kind == "akn" and doc.lang == "en" and doc.meta["akn"]["country"] == "za"
    rows = annotator.annotate_document(doc)
    root = etree.parse(str(ZA_AKN2)).getroot()
    ids = [el.get("id") for el in root.iter() if etree.QName(el).localname in ("section", "subsection", "paragraph")]
    assert [r.eid for r in rows if r.kind in ("section", "subsection", "paragraph")] == ids
    first = next(r for r in rows if r.eid == "section-1.subsection-1")
    assert first.text.startswith('"apply" means to paint') and first.parent == "section-1"
    for r in rows:
        assert doc.text[r.start:r.end].strip().startswith(r.text.split("\n")[0])
        for t in r.terms:
            assert doc.text[t.start:t.end] == t.text


def test_annotate_takes_an_akn_file(tmp_path):
    out = tmp_path / "out"
    assert main(["annotate", str(ZA_AKN2), "--out", str(out), "-q", "--no-db", "--model", "rules"]) == 0
    rows = read_jsonl(out / f"{ZA_AKN2.name}.jsonl")
    assert [r["eid"] for r in rows] == [p.eid for p in segment(extract(ZA_AKN2))]
    assert rows[0]["kind"] == "preamble" and rows[0]["text"].startswith("WHEREAS section 156 (2)")
    assert rows[1]["eid"] == "section-1" and rows[1]["heading"] == "Definitions"


def test_cli_export_writes_stem_xml_and_validates(tmp_path, capsys):
    src = tmp_path / "own-act.txt"
    src.write_text(OWN, encoding="utf-8")
    out = tmp_path / "akn"
    assert main(["export", "--format", "akn", str(src), "--out", str(out), "--model", "rules", "--validate",
                 "--jurisdiction", "GB", "--date", "2003"]) == 0
    assert "1 valid against akomantoso30.xsd, 0 not" in capsys.readouterr().out
    root = etree.parse(str(out / "own-act.xml")).getroot()
    assert root.find(".//a:FRBRcountry", A).get("value") == "gb"
    assert root.find(".//a:FRBRWork/a:FRBRdate", A).get("date") == "2003-01-01"


@pytest.mark.slow
def test_every_development_statute_in_corpora_exports_valid_akn(annotator):
    """Every statute of corpora/MANIFEST.tsv except the blind split (corpora/BLIND.tsv, which tests never
    read), model ``rules``: 560 statutes, 189,331 provisions, all valid; 225 CPU-seconds (16 minutes of
    wall time on the shared 2-core machine at load 8)."""
    import csv

    blind = blind_statutes(ROOT)
    with (CORPORA / "MANIFEST.tsv").open(encoding="utf-8") as fh:
        paths = [r["path"] for r in csv.DictReader(fh, delimiter="\t") if f"corpora/{r['path']}" not in blind]
    t0, bad, provisions = time.perf_counter(), {}, 0
    for rel in paths:
        xml, rows = _export(CORPORA / rel, annotator)
        provisions += len(rows)
        errs = schema_errors(xml)
        if errs:
            bad[rel] = errs[:2]
    print(f"{len(paths)} statutes, {provisions} provisions exported and validated in {time.perf_counter() - t0:.0f} s")
    assert len(paths) > 500 and not bad, bad


HANDWRITTEN = """<?xml version="1.0" encoding="UTF-8"?>
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">
  <act name="act">
    <meta><identification source="#x">
      <FRBRWork><FRBRthis value="/akn/zz/act/2020/1/!main"/><FRBRuri value="/akn/zz/act/2020/1"/>
        <FRBRdate date="2020-02-03" name="Generation"/><FRBRauthor href="#x"/><FRBRcountry value="zz"/></FRBRWork>
      <FRBRExpression><FRBRthis value="/akn/zz/act/2020/1/fra@2020-02-03/!main"/>
        <FRBRuri value="/akn/zz/act/2020/1/fra@2020-02-03"/><FRBRdate date="2020-02-03" name="Generation"/>
        <FRBRauthor href="#x"/><FRBRlanguage language="fra"/></FRBRExpression>
      <FRBRManifestation><FRBRthis value="/akn/zz/act/2020/1/fra@2020-02-03/!main.xml"/>
        <FRBRuri value="/akn/zz/act/2020/1/fra@2020-02-03.akn"/><FRBRdate date="2020-02-03" name="Generation"/>
        <FRBRauthor href="#x"/></FRBRManifestation>
    </identification></meta>
    <preface><p>Loi n° 1 relative à la protection des enfants en ligne</p></preface>
    <body>
      <chapter eId="chp_1"><num>Chapitre 1</num><heading>Infractions</heading>
        <crossHeading eId="chp_1__crossHeading_1">Dispositions générales</crossHeading>
        <article eId="art_1"><num>Article 1</num>
          <paragraph eId="art_1__para_1"><num>1.</num>
            <content><blockList eId="art_1__para_1__list_1">
              <listIntroduction>Est puni quiconque :</listIntroduction>
              <item eId="art_1__para_1__list_1__item_a"><num>a)</num><p>produit du matériel d'abus sexuel d'enfants ;</p></item>
              <item eId="art_1__para_1__list_1__item_b"><num>b)</num><p>le diffuse.</p></item>
            </blockList></content>
          </paragraph>
        </article>
      </chapter>
    </body>
    <attachments><attachment eId="att_1"><doc name="schedule"><meta><identification source="#x">
      <FRBRWork><FRBRthis value="/a"/><FRBRuri value="/a"/><FRBRdate date="2020-02-03" name="G"/><FRBRauthor href="#x"/><FRBRcountry value="zz"/></FRBRWork>
      <FRBRExpression><FRBRthis value="/a"/><FRBRuri value="/a"/><FRBRdate date="2020-02-03" name="G"/><FRBRauthor href="#x"/><FRBRlanguage language="fra"/></FRBRExpression>
      <FRBRManifestation><FRBRthis value="/a"/><FRBRuri value="/a"/><FRBRdate date="2020-02-03" name="G"/><FRBRauthor href="#x"/></FRBRManifestation>
      </identification></meta>
      <mainBody><hcontainer eId="att_1__hcontainer_1" name="schedule"><heading>Annexe</heading>
        <content><p>Liste des autorités compétentes.</p></content></hcontainer></mainBody>
    </doc></attachment></attachments>
  </act>
</akomaNtoso>
"""


def test_handwritten_akn3_with_lists_cross_headings_and_a_schedule(tmp_path, annotator):
    src = tmp_path / "loi.xml"
    src.write_text(HANDWRITTEN, encoding="utf-8")
    doc = extract(src)
    assert doc.kind == "akn" and doc.lang == "fr" and doc.meta["akn"]["country"] == "zz"
    got = {p.eid: (p.kind, p.num, p.heading, p.parent, p.own_text(doc.text)) for p in segment(doc)}
    assert list(got) == ["preface_nn", "chp_1", "chp_1__crossHeading_1", "art_1", "art_1__para_1",
                         "att_1__hcontainer_1"]
    assert got["chp_1"][:3] == ("chapter", "Chapitre 1", "Infractions")
    assert got["chp_1__crossHeading_1"][0] == "crossheading" and got["art_1"][3] == "chp_1"
    assert got["art_1__para_1"][4] == ("1.\nEst puni quiconque :\na) produit du matériel d'abus sexuel d'enfants ;"
                                       "\nb) le diffuse.")
    assert got["att_1__hcontainer_1"][:3] == ("schedule", None, "Annexe")
    xml = export_akn(doc.text, [r.to_json() for r in annotator.annotate_document(doc)], name="loi", country="zz",
                     date="2020-02-03", lang=doc.lang)
    assert schema_errors(xml) == []


def test_cli_export_takes_frbr_facts_from_the_manifest(tmp_path):
    import csv

    with (CORPORA / "MANIFEST.tsv").open(encoding="utf-8") as fh:
        row = next(r for r in csv.DictReader(fh, delimiter="\t") if r["path"] == "us/18-usc-2251.txt")
    out = tmp_path / "akn"
    assert main(["export", str(CORPORA / "us" / "18-usc-2251.txt"), "--out", str(out), "--model", "rules",
                 "--validate"]) == 0
    root = etree.parse(str(out / "18-usc-2251.xml")).getroot()
    assert root.find(".//a:FRBRcountry", A).get("value") == row["jurisdiction"].lower()
    assert root.find(".//a:FRBRWork/a:FRBRdate", A).get("date") == row["version_date"]
    from pipeline.manifest import act_title

    assert root.find(".//a:FRBRname", A).get("value") == act_title(row["title"])


def test_broken_or_hostile_akn_is_refused_or_read_without_expansion(tmp_path):
    from pipeline import errors

    bad = tmp_path / "cut.xml"
    bad.write_text(HANDWRITTEN[:1500], encoding="utf-8")
    with pytest.raises(errors.UnsupportedFormat, match="not well-formed"):
        extract(bad)
    bomb = tmp_path / "bomb.xml"
    bomb.write_text('<?xml version="1.0"?><!DOCTYPE akomaNtoso [<!ENTITY a "aaaaaaaaaa">'
                    '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
                    f'<akomaNtoso xmlns="{NS}"><act><body><section eId="sec_1"><num>1</num>'
                    '<content><p>Offence &c; here.</p></content></section></body></act></akomaNtoso>', encoding="utf-8")
    doc = extract(bomb)
    assert len(doc.text) < 100 and [p.eid for p in segment(doc)] == ["sec_1"]


def test_frbr_dates_from_what_manifests_print():
    from pipeline.export.akn_meta import iso_date

    assert [iso_date(v) for v in ("2005", "2005-03", "2005-03-22", "unknown", "2005-13", None)] == \
        ["2005-01-01", "2005-03-01", "2005-03-22", None, None, None]


def test_cli_export_reuses_an_earlier_annotate_output_of_the_same_file_version(tmp_path, caplog):
    import json

    src = tmp_path / "own-act.txt"
    src.write_text(OWN, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["annotate", str(src), "--out", str(out), "--model", "rules", "-q", "--no-db"]) == 0
    jsonl = out / "own-act.txt.jsonl"
    rows = read_jsonl(jsonl)
    # what the analyst's run said, marked so it cannot come from a fresh run of the models
    rows[0]["model"] = {"name": "rules", "version": "earlier-run-9.9"}
    jsonl.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    akn = tmp_path / "akn"
    assert main(["export", str(src), "--out", str(akn), "--model", "rules", "--validate",
                 "--annotations", str(out)]) == 0
    top = etree.parse(str(akn / "own-act.xml")).getroot().find(".//{%s}annotations" % LEXBENCH_NS)
    assert top.get("modelVersion") == "earlier-run-9.9"
    # the statute changed since: its labels are not reused, and the export says so
    src.write_text(OWN.replace("ten years", "twelve years"), encoding="utf-8")
    with caplog.at_level("WARNING"):
        assert main(["export", str(src), "--out", str(akn), "--model", "rules", "--annotations", str(out)]) == 0
    top = etree.parse(str(akn / "own-act.xml")).getroot().find(".//{%s}annotations" % LEXBENCH_NS)
    assert top.get("modelVersion") != "earlier-run-9.9"
    assert "no annotate output of this version" in caplog.text
    assert main(["export", str(src), "--out", str(akn), "--annotations", str(tmp_path / "nowhere")]) == 2
