"""The line machine's handlers, each alone: what it consumes, and that a refusal changes nothing."""
from __future__ import annotations

import copy

import pytest

from pipeline.segment.eids import EidGenerator
from pipeline.segment.lines import INLINE_HANDLERS, LINE_HANDLERS, Line, LineMachine
from pipeline.segment.patterns import load_patterns
from pipeline.segment.state import Node


def _machine(text: str) -> LineMachine:
    return LineMachine(text, load_patterns())


def _line(text: str, start: int, nxt: str | None = None) -> Line:
    end = text.index("\n", start) if "\n" in text[start:] else len(text)
    return Line(start, end, text[start:end], nxt)


def _state(m: LineMachine) -> tuple:
    return (copy.deepcopy(m.nodes), list(m.stack), list(m.pending), m.heading_next_for, m.last_section_value)


def test_precedence_is_explicit_and_ends_in_a_catch_all():
    names = [n for n, _ in LINE_HANDLERS]
    assert names.index("container") < names.index("article") < names.index("bare-section") \
        < names.index("enumerator") < names.index("definition") < names.index("body")
    assert names[-1] == "body" and [n for n, _ in INLINE_HANDLERS][-1] == "rest"
    assert len(set(names)) == len(names)


@pytest.mark.parametrize("name,line,consumes", [
    ("container", "PART II — OFFENCES", True),
    ("container", "Part 2 of this Act applies to every person", False),
    ("article", "Article 12 Copying data", True),
    ("article", "article 12 applies", False),  # lower case: a reference
    ("section-keyword", "§ 202a Ausspähen von Daten", True),
    ("hanging", "Explanation.—For the purposes of this section", True),
    ("hanging", "Explaining things is hard.", False),
    ("bare-section", "1. Theft of data", True),
    ("bare-section", "24 June 2005", False),
    ("enumerator", "(a) a computer;", True),
    ("enumerator", "(USA) is a country", False),
    ("dash", "– first indent", True),
    ("definition", "\"child\" means a person under 18;", True),
    ("definition", "A person who steals data commits an offence.", False),
])
def test_each_handler_alone(name, line, consumes):
    handler = dict(LINE_HANDLERS)[name]
    m = _machine(line + "\n")
    before = _state(m)
    assert handler(m, _line(line + "\n", 0)) is consumes
    if not consumes:
        assert _state(m) == before, f"{name} refused {line!r} but changed the state"


def test_bare_section_out_of_sequence_refusal_keeps_pending_heading():
    text = "1. Short title\nThis Act is the Data Act.\nDefinitions\n7 days after the notice, it lapses.\n"
    m = _machine(text)
    m.run()
    # "7 days ..." is prose, not section 7: the pending heading above it stays body text
    assert [n.num for n in m.nodes if n.cls == "section"] == ["1"]
    assert not m.pending


def test_refused_weak_number_leaves_pending_lines_alone():
    text = "1. Short title\nThis Act is the Data Act.\nGeneral\n40 persons may apply under this Act.\n"
    m = _machine(text)
    lines = [(0, 14), (15, 40), (41, 48), (49, len(text) - 1)]
    for s, e in lines[:3]:
        nxt = text[lines[lines.index((s, e)) + 1][0]:]
        m._line(s, e, text[s:e], nxt.split("\n")[0])
    before = _state(m)
    handler = dict(LINE_HANDLERS)["bare-section"]
    assert handler(m, Line(lines[3][0], lines[3][1], text[lines[3][0]:lines[3][1]], None)) is False
    assert _state(m) == before


def test_eid_generator_counts_per_parent_and_deduplicates():
    ids = EidGenerator()
    sec = Node("section", "section", "sec", "5", None)
    al = Node("alinea", "alinea", "al", None, None)
    assert ids.make(None, sec) == "sec_5"
    assert ids.make("sec_5", al) == "sec_5__al_1" and ids.make("sec_5", al) == "sec_5__al_2"
    assert ids.make("sec_6", al) == "sec_6__al_1"
    assert ids.make(None, sec) == "sec_5_2"  # the same number twice
    assert ids.make(None, Node("def", "definition", "def", None, "Child pornography")) == "def_child_pornography"
