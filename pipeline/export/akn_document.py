"""One statute -> one ``<akomaNtoso><act>`` document (meta + body)."""
from __future__ import annotations

import datetime as dt

from lxml import etree

from pipeline.akn import NS
from pipeline.export.akn_body import write_body
from pipeline.export.akn_meta import Work, write_meta


def export_akn(text: str, rows: list[dict], *, name: str, country: str | None, date: str | None,
               lang: str | None, title: str | None = None, generated: str | None = None) -> bytes:
    """The Akoma Ntoso 3.0 XML of one statute.

    ``text`` is the statute's ``Document.text`` (the rows' offsets point into it), ``rows`` its
    provisions in document order; ``name`` (the input file's stem) names the work in its FRBR URI;
    ``date`` (ISO, or a year) is the version date, ``generated`` the manifestation's (default today).
    """
    work = Work.of(name=name, country=country, date=date, lang=lang or (rows[0].get("lang") if rows else None),
                   title=title, generated=generated or dt.date.today().isoformat())
    root = etree.Element(f"{{{NS}}}akomaNtoso", nsmap={None: NS})
    act = etree.SubElement(root, f"{{{NS}}}act", name="act", contains="singleVersion")
    terms = write_body(act, text, rows)  # the body first: it decides which terms are referenced
    act.insert(0, write_meta(work, rows, terms))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
