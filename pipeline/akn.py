"""Akoma Ntoso vocabulary shared by the reader (``pipeline.extract.akn``) and the writer
(``pipeline.export``), and the OASIS schema check.

Reads: models/schemas/akn/akomantoso30.xsd (OASIS LegalDocML, CC BY 4.0, as Laws.Africa's cobalt
ships it). Writes: nothing.

Each provision kind maps to one AKN element; kinds AKN has no element for (definition, item,
crossheading, preface, toc, explanation, section_group ...) become ``<hcontainer name="KIND">``,
so the reader gets the same kind back from the element or the ``name``.
"""
from __future__ import annotations

from functools import lru_cache

NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
# Akoma Ntoso 2.0 (openbylaws.org.za and other early Laws.Africa documents) is read too.
NAMESPACES = (NS, "http://www.akomantoso.org/2.0")
LEXBENCH_NS = "urn:lexbench:akn-annotations:1"  # lexbench's own metadata under <proprietary>

# provision kind -> AKN hierarchical element (the same name); anything else -> hcontainer
HIER_KINDS = frozenset((
    "book", "part", "title", "chapter", "subchapter", "division", "subdivision", "section", "article",
    "subsection", "paragraph", "subparagraph", "clause", "subclause", "point", "indent", "alinea",
    "subpart", "subtitle", "rule", "subrule", "proviso", "list", "sublist", "level", "transitional", "tome",
))

# ISO 639-1 -> ISO 639-2/T, which FRBRlanguage and FRBR URIs use ("eng@2019-03-19")
LANG3 = {
    "ca": "cat", "cs": "ces", "da": "dan", "de": "deu", "el": "ell", "en": "eng", "es": "spa", "et": "est",
    "fi": "fin", "fr": "fra", "hr": "hrv", "hu": "hun", "is": "isl", "it": "ita", "ja": "jpn", "ka": "kat",
    "ko": "kor", "lt": "lit", "lv": "lav", "nb": "nob", "nl": "nld", "nn": "nno", "no": "nor", "pl": "pol",
    "pt": "por", "ro": "ron", "ru": "rus", "sk": "slk", "sl": "slv", "sr": "srp", "sv": "swe", "tr": "tur",
    "uk": "ukr", "bg": "bul", "mt": "mlt", "ga": "gle", "sq": "sqi", "mk": "mkd", "bs": "bos", "zh": "zho",
    "vi": "vie", "id": "ind", "ms": "msa", "ar": "ara", "sw": "swa", "af": "afr",
}
LANG2 = {v: k for k, v in LANG3.items()}


def element_for(kind: str) -> tuple[str, str | None]:
    """(AKN element, hcontainer name or None) of a provision kind."""
    return (kind, None) if kind in HIER_KINDS else ("hcontainer", kind)


def kind_for(element: str, name: str | None) -> str:
    """The provision kind of an AKN hierarchical element (inverse of ``element_for``)."""
    return (name or "hcontainer") if element == "hcontainer" else element


def local(tag) -> str:
    """An element's name without its namespace ('' for comments and processing instructions)."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


@lru_cache(maxsize=1)
def _schema():
    from lxml import etree

    from pipeline.resources import AKN_SCHEMA

    return etree.XMLSchema(etree.parse(str(AKN_SCHEMA)))


def schema_errors(xml: bytes) -> list[str]:
    """Where ``xml`` breaks the OASIS Akoma Ntoso 3.0 schema (``line N: message``); [] when valid."""
    from lxml import etree

    schema = _schema()
    doc = etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True)).getroottree()
    if schema.validate(doc):
        return []
    return [f"line {e.line}: {e.message}" for e in schema.error_log]
