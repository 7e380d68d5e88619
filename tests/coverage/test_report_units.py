"""Citations, exact jurisdiction matching, latest-version selection and statute metadata."""
from __future__ import annotations

import pytest

from pipeline.benchmarks import load_benchmark
from pipeline.coverage import build_matrix
from pipeline.coverage.citations import cite, unit_label
from pipeline.coverage.jurisdictions import UnknownJurisdiction, matches, parse_codes, resolve
from pipeline.coverage.source import Row
from pipeline.coverage.statutes import StatuteInfo, select_versions
from pipeline.manifest import act_title, statute_meta, statute_meta_for


def _tree(*rows: Row):
    by = {(r.doc, r.eid): r for r in rows}
    return lambda u: by.get((u.doc, u.parent)) if u.parent else None


def _row(eid, parent, kind, num, text="x", doc="a.txt", jur="XX", conducts=None):
    return Row(doc, eid, parent, kind, text, jur, conducts or [], num=num)


# -- citations -----------------------------------------------------------------------------------
def test_section_subsection_paragraph_cite_as_printed():
    rows = [_row("part_1", None, "part", "1"), _row("sec_1", "part_1", "section", "1", "1 Indecent photographs"),
            _row("sec_1__subsec_1", "sec_1", "subsection", "(1)"),
            _row("sec_1__subsec_1__para_c", "sec_1__subsec_1", "paragraph", "(c)")]
    parent = _tree(*rows)
    assert cite(rows[3], parent, "Protection of Children Act 1978") == "s. 1(1)(c), Protection of Children Act 1978"
    assert unit_label(rows[1], parent) == "s. 1"  # the part is a container, left out


def test_article_alinea_and_paragraph_styles():
    art = _row("art_227-23", None, "article", "227-23", "Article 227-23")
    al = _row("art_227-23__al_2", "art_227-23", "alinea", None)
    assert cite(al, _tree(art, al), "Code X") == "art. 227-23, al. 2, Code X"
    assert cite(art, _tree(art), "Code X") == "art. 227-23, Code X"
    a = _row("art_189", None, "article", "189")
    p = _row("art_189__para_1", "art_189", "paragraph", "1.")
    pt = _row("art_189__para_1__list_b", "art_189__para_1", "point", "b)")
    assert unit_label(pt, _tree(a, p, pt)) == "art. 189(1)(b)"
    sec = _row("sec_184b", None, "section", "184b", "§ 184b Verbreitung")
    sub = _row("sec_184b__subsec_1", "sec_184b", "subsection", "(1)")
    assert unit_label(sub, _tree(sec, sub)) == "§ 184b(1)"


# -- jurisdictions -------------------------------------------------------------------------------
def test_exact_matching_and_sub_jurisdictions_only_when_asked():
    assert matches("GB", "GB") and matches("gb", "GB")
    assert not matches("GB", "GB-SCT") and matches("GB", "GB-SCT", include_sub=True)
    assert not matches("GB", "GBR", include_sub=True)
    assert parse_codes(" GB-EAW, FR,GB-EAW ") == ["GB-EAW", "FR"]
    assert resolve(["gb-eaw"], ["GB-EAW", "GB-SCT"]) == ["GB-EAW"]
    assert resolve(["GB"], ["GB-EAW", "GB-SCT"], include_sub=True) == ["GB"]


def test_unknown_codes_are_an_error_naming_the_known_ones():
    with pytest.raises(UnknownJurisdiction, match=r"^unknown jurisdiction XQ; known: FR, GB-EAW, GB-SCT$"):
        resolve(["XQ"], ["GB-SCT", "FR", "GB-EAW"])
    with pytest.raises(UnknownJurisdiction, match="GB-EAW, GB-SCT .*--include-sub"):
        resolve(["GB"], ["GB-SCT", "GB-EAW"])


def test_matrix_for_gb_leaves_scotland_out_unless_included():
    bench = load_benchmark("default")
    lab = [{"id": "csam_possession", "coverage": "full", "evidence": {"text": "possesses"}}]
    rows = [_row("sec_1", None, "section", "1", doc="eaw.txt", jur="GB", conducts=lab),
            _row("sec_2", None, "section", "2", doc="sct.txt", jur="GB-SCT",
                 conducts=[{"id": "grooming", "coverage": "full", "evidence": {"text": "meets"}}])]
    gb = build_matrix(rows, "GB", bench)
    assert gb.statutes == ["eaw.txt"] and gb.cells["grooming"].status == "none"
    both = build_matrix(rows, "GB", bench, include_sub=True)
    assert both.statutes == ["eaw.txt", "sct.txt"] and both.cells["grooming"].status == "full"
    assert both.included == ["GB", "GB-SCT"]


# -- versions ------------------------------------------------------------------------------------
def _info(doc, date, act="XX|act 1", in_force=True):
    return StatuteInfo(doc=doc, jurisdiction="XX", title=f"Title {doc}", version_date=date, in_force=in_force,
                       act=act)


def test_latest_version_of_an_act_counts_and_older_ones_are_listed_apart():
    old, new = _info("old.txt", "2017-05"), _info("new.txt", "2024-07-01")
    other = _info("other.txt", "2001", act="XX|act 2")
    sel = select_versions([old, new, other], {"old.txt": {"240a"}, "new.txt": {"240a", "252"}, "other.txt": {"1"}})
    assert [s.doc for s in sel.counted] == ["new.txt", "other.txt"]
    assert [(s.doc, t.doc) for s, t in sel.older] == [("old.txt", "new.txt")]


def test_excerpts_of_one_act_with_different_dates_are_both_counted():
    a, b = _info("s15A.txt", "2015"), _info("s51.txt", "2017")
    sel = select_versions([a, b], {"s15A.txt": {"15A"}, "s51.txt": {"51"}})
    assert [s.doc for s in sel.counted] == ["s15A.txt", "s51.txt"] and not sel.older


def test_not_in_force_and_undated_versions():
    repealed = _info("rep.txt", "2019", in_force=False)
    undated, dated = _info("u.txt", None), _info("d.txt", "2010")
    sel = select_versions([repealed, undated, dated], {})
    assert [s.doc for s in sel.not_in_force] == ["rep.txt"]
    assert sorted(s.doc for s in sel.counted) == ["d.txt", "u.txt"]  # no date never supersedes


def test_matrix_counts_only_the_latest_version():
    bench = load_benchmark("default")
    lab = [{"id": "csam_possession", "coverage": "full", "evidence": {"text": "possesses"}}]
    rows = [_row("art_5", None, "article", "5", doc="v1.txt", conducts=lab),
            _row("art_5", None, "article", "5", doc="v2.txt")]
    infos = {"v1.txt": _info("v1.txt", "2010"), "v2.txt": _info("v2.txt", "2020")}
    m = build_matrix(rows, "XX", bench, statutes=infos)
    assert m.statutes == ["v2.txt"] and m.cells["csam_possession"].status == "none"
    assert [s.doc for s, _ in m.selection.older] == ["v1.txt"]


# -- statute metadata from a manifest ------------------------------------------------------------
def test_manifest_metadata(tmp_path):
    (tmp_path / "x.txt").write_text("1 Offence\n", encoding="utf-8")
    (tmp_path / "MANIFEST.tsv").write_text(
        "path\tjurisdiction\ttitle\tcitation\tversion_date\tnotes\n"
        "x.txt\tXX\tProtection Act 1999, s.1 Offences\t1999 c. 9, s. 1\t1999 (year of enactment)\t\n",
        encoding="utf-8")
    meta = statute_meta_for(tmp_path / "x.txt")
    assert meta.title == "Protection Act 1999" and meta.citation == "1999 c. 9, s. 1"
    assert meta.version_date == "1999" and meta.in_force is True and meta.act == "XX|1999 c. 9"
    assert statute_meta_for(tmp_path / "elsewhere.txt").title is None
    old = statute_meta({"title": "Wet X, art. 240a", "notes": "OLD VERSION: snapshot of 2017", "jurisdiction": "NL"})
    assert old.in_force is False and old.title == "Wet X"
    assert statute_meta({"title": "A", "notes": "NetzDG since repealed."}).in_force is False
    assert statute_meta({"title": "A", "notes": "repealed s.160(5) shown as dots"}).in_force is True
    assert statute_meta({"title": "A", "in_force": "no"}).in_force is False
    assert act_title("Strafgesetzbuch § 184c (Verbreitung), Abs. 1-3") == "Strafgesetzbuch"
    assert act_title("Criminal Code (Cth) ss.474.19-474.20 (Using a carriage service)") == "Criminal Code (Cth)"
    assert act_title("Code of Xo, Schedule, s.4 Offences") == "Code of Xo, Schedule"
    assert act_title("Loi des articles 3") == "Loi des articles 3"  # a number in the title is no excerpt
