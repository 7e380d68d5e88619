"""Stage: a statute's annotated provisions out as one Akoma Ntoso 3.0 document.

Reads: the statute's text (``Document.text``), its ``lexbench.provision/1`` rows (dicts, as
``AnnotatedProvision.to_json`` writes them) and the facts FRBR needs (country, date, language,
title). Writes: the XML as bytes (``lexbench export --format akn`` writes ``DIR/<stem>.xml``),
valid against the OASIS schema (``pipeline.akn.schema_errors``).

``akn_body`` writes the provision tree (eIds, ``num``, ``heading``, ``intro``/``content``/``wrapUp``,
terminology flags as inline ``<term>``), ``akn_meta`` the FRBR identification, the references
and the per-eId labels under ``<proprietary source="#lexbench">`` (model and benchmark versions).
"""
from __future__ import annotations

from pipeline.export.akn_document import export_akn

__all__ = ["export_akn"]
