"""Stage 2: the provision tree of a statute, from its text alone (or as an Akoma Ntoso source gives it).

Reads: a ``Document`` (its normalised ``text``) and the vocabulary in
models/segmentation/headings.yaml (heading words per language, number forms) and
patterns.yaml. Writes: ``list[Provision]`` in document pre-order (containers included),
whose own spans never overlap and cover every non-blank character.

Modules, in the data's path: ``patterns`` (vocabulary, line regexes) -> ``furniture`` (page
numbers and running headers set aside; their text stays with the line above) -> ``toc`` (contents
lists set aside) -> ``lines`` (the line machine: ordered line handlers over ``state``'s open-provision
stack, with ``sections``, ``enums`` and ``body`` for each kind of line) -> ``tree`` (alinéas,
kinds by depth, extents) with ``eids`` (Akoma Ntoso ids) and ``numbering`` (enumerator values).

WHY a numbering stack and not per-country grammars: hidden jurisdictions draft in styles
we have not seen, but every style nests enumerators the same way. Each open level on the
stack remembers its numbering *style* (``(a)``, ``(1)``, ``(i)``, ``a)``, ``1.``, dash...)
and its last value; a new enumerator closes levels until it finds its own style (a
sibling) or, if its style is not open, nests under the deepest open node. Keywords
(Part, Chapter, Article, Section, §) and bare section numbers (``1``, ``15A.``, ``474.22``,
``67B.``) open structural levels; the words are data (models/segmentation/headings.yaml).

Akoma Ntoso ids (eId = parent eId + ``__`` + element + ``_`` + cleaned number):

==============================  =================  ===============================
node                            kind               element
==============================  =================  ===============================
Part / Chapter / Title ...      part, chapter...   part, chp, title, dvs, subdvs, book
Section (common law, §)         section            sec
Article                         article            art
level 1..6 below a section      subsection ...     subsec, para, subpara, clause,
                                                   subclause, item
below an article: 1. / (1)      paragraph          para
below an article: a) / (a)      point              list   (``art_20__para_1__list_a``)
below an article: (i) / i)      item               item
dash indents ``–``              indent             indent_1, indent_2 (ordinal)
unnumbered alinéas of article   alinea             al_1, al_2 (ordinal)
defined term line               definition         def_<term>
Explanation / Illustrations     explanation ...    explanation_1 (or printed number)
heading line between sections   crossheading       crossHeading_1
text before the first node      preface            preface
anything else unnumbered        (kind)             nn_1, nn_2
==============================  =================  ===============================

Cleaned numbers keep internal dots and hyphens (``sec_474.22``, ``art_227-23``); see
``numbering.clean_num``. Duplicated eIds get ``_2``, ``_3`` in document order, so the
same text always yields the same ids (``eids.EidGenerator``). Linear time: one pass over the lines, a bounded
stack (depth is limited by the number of distinct numbering styles), no recursion.
"""
from __future__ import annotations

from pipeline.records import Document, Provision
from pipeline.segment.lines import LineMachine
from pipeline.segment.markup import absorb_markup, blank_markup, is_markdown
from pipeline.segment.numbering import number_stops
from pipeline.segment.patterns import load_patterns
from pipeline.segment.tree import assign_kinds, split_alineas, to_provisions

__all__ = ["segment"]


def segment(doc: Document) -> list[Provision]:
    """The provision tree of ``doc`` in document pre-order (containers included); a structured
    source's own tree (``doc.provisions``, from an Akoma Ntoso file) as it is."""
    if doc.provisions is not None:
        return list(doc.provisions)
    pat = load_patterns()
    markdown = is_markdown(doc.text)
    text = number_stops(blank_markup(doc.text) if markdown else doc.text)
    nodes = split_alineas(LineMachine(text, pat).run())
    if markdown:
        absorb_markup(nodes, doc.text)
    assign_kinds(nodes, pat)
    return to_provisions(nodes)
