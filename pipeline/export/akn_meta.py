"""``<meta>``: FRBR identification, references and lexbench's labels per eId.

The work is ``/akn/<country>/act/<year>/<name>``, its expression ``<work>/<lang3>@<date>``; the
conduct labels (with evidence) and terminology flags of every provision that has some go under
``<proprietary source="#lexbench">`` in lexbench's own namespace, with the schema, lexbench,
model and benchmark versions, so a reader can tell which run produced them.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from lxml import etree

from pipeline import __version__
from pipeline.akn import LANG3, LEXBENCH_NS, NS
from pipeline.export.akn_body import term_ref, xml_safe
from pipeline.records import SCHEMA


def _q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


def _lb(tag: str) -> str:
    return f"{{{LEXBENCH_NS}}}{tag}"


def iso_date(value: str | None) -> str | None:
    """An xsd:date from ``2005-03-22``, a month (``2005-03`` -> ``2005-03-01``) or a bare year
    (``2005`` -> ``2005-01-01``); None otherwise."""
    value = (value or "").strip()
    if re.fullmatch(r"\d{4}", value):
        return f"{value}-01-01"
    if re.fullmatch(r"\d{4}-\d{2}", value):
        value += "-01"
    try:
        return dt.date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return None


@dataclass
class Work:
    country: str
    date: str
    lang3: str
    slug: str
    title: str | None
    generated: str

    @classmethod
    def of(cls, *, name, country, date, lang, title, generated) -> "Work":
        country = re.sub(r"[^a-z0-9-]+", "-", (country or "").lower()).strip("-") or "xx"
        slug = re.sub(r"[^a-z0-9-]+", "-", name.lower()).strip("-") or "statute"
        lang3 = LANG3.get((lang or "").lower(), (lang or "und").lower())
        return cls(country, iso_date(date) or iso_date(generated), lang3, slug, title, iso_date(generated))

    @property
    def uri(self) -> str:
        return f"/akn/{self.country}/act/{self.date[:4]}/{self.slug}"

    @property
    def expression(self) -> str:
        return f"{self.uri}/{self.lang3}@{self.date}"


def _frbr(parent, tag: str, this: str, uri: str, date: str, author: str):
    el = etree.SubElement(parent, _q(tag))
    etree.SubElement(el, _q("FRBRthis"), value=this)
    etree.SubElement(el, _q("FRBRuri"), value=uri)
    etree.SubElement(el, _q("FRBRdate"), date=date, name="Generation")
    etree.SubElement(el, _q("FRBRauthor"), href=author)
    return el


def _identification(meta, w: Work) -> None:
    ident = etree.SubElement(meta, _q("identification"), source="#lexbench")
    work = _frbr(ident, "FRBRWork", f"{w.uri}/!main", w.uri, w.date, "#legislature")
    etree.SubElement(work, _q("FRBRcountry"), value=w.country)
    if w.title:
        etree.SubElement(work, _q("FRBRname"), value=xml_safe(w.title))
    expr = _frbr(ident, "FRBRExpression", f"{w.expression}/!main", w.expression, w.date, "#legislature")
    etree.SubElement(expr, _q("FRBRlanguage"), language=w.lang3)
    man = _frbr(ident, "FRBRManifestation", f"{w.expression}/!main.xml", f"{w.expression}.akn", w.generated,
                "#lexbench")
    etree.SubElement(man, _q("FRBRformat"), value="application/akn+xml")


def _references(meta, rows: list[dict], terms: set[str]) -> None:
    refs = etree.SubElement(meta, _q("references"), source="#lexbench")
    etree.SubElement(refs, _q("TLCOrganization"), eId="lexbench", href="/ontology/organization/lexbench",
                     showAs="lexbench")
    etree.SubElement(refs, _q("TLCOrganization"), eId="legislature", href="/ontology/organization/legislature",
                     showAs="Legislature")
    shown = {t["rule"]: t["text"] for r in rows for t in r.get("terms") or []}
    for rule in sorted(terms):
        etree.SubElement(refs, _q("TLCConcept"), eId=term_ref(rule), showAs=xml_safe(shown.get(rule, rule)),
                         href=f"/ontology/concept/lexbench/terminology/{term_ref(rule)[len('lexbench-term-'):]}")


def _flag(parent, tag: str, t: dict) -> None:
    el = etree.SubElement(parent, _lb(tag), rule=xml_safe(t["rule"]), severity=t["severity"],
                          start=str(t["start"]), end=str(t["end"]), lang=t.get("lang") or "",
                          legalTermRetained=str(bool(t.get("legal_term_retained"))).lower(),
                          replacement=xml_safe(" | ".join(t.get("replacement") or [])))
    if t.get("exempt_reason"):
        el.set("exemptReason", xml_safe(t["exempt_reason"]))
    el.text = xml_safe(t["text"])


def _conduct(parent, c: dict) -> None:
    el = etree.SubElement(parent, _lb("conduct"), id=c["id"], coverage=c["coverage"], score=repr(c["score"]))
    if c.get("because"):
        el.set("because", xml_safe(c["because"]))
    ev = c.get("evidence")
    if ev:
        etree.SubElement(el, _lb("evidence"), start=str(ev["start"]), end=str(ev["end"])).text = xml_safe(ev["text"])


def _labels(meta, rows: list[dict]) -> None:
    prop = etree.SubElement(meta, _q("proprietary"), source="#lexbench")
    first = rows[0] if rows else {}
    model, bench = first.get("model") or {}, first.get("benchmark") or {}
    top = etree.SubElement(prop, _lb("annotations"), nsmap={"lb": LEXBENCH_NS}, schema=SCHEMA, lexbench=__version__,
                           model=model.get("name", ""), modelVersion=model.get("version", ""),
                           benchmark=bench.get("id", ""), benchmarkVersion=bench.get("version", ""),
                           docSha256=first.get("doc_sha256") or "")
    for r in rows:
        if not (r.get("conducts") or r.get("terms") or r.get("terms_exempt")):
            continue
        el = etree.SubElement(top, _lb("provision"), eId=xml_safe(r["eid"]), textHash=r.get("text_hash") or "")
        for c in r.get("conducts") or []:
            _conduct(el, c)
        for t in r.get("terms") or []:
            _flag(el, "term", t)
        for t in r.get("terms_exempt") or []:
            _flag(el, "termExempt", t)


def write_meta(w: Work, rows: list[dict], terms: set[str]):
    """The ``<meta>`` element of the document."""
    meta = etree.Element(_q("meta"))
    _identification(meta, w)
    _references(meta, rows, terms)
    _labels(meta, rows)
    return meta
