"""annotate's conventions: every folder file accounted for, HTML/DOCX read, metadata changes
applied to the store without re-running the models, and a 'next:' hint on stderr."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.conftest import read_jsonl
from tests.extract.test_extract_markup import HTML, NUMBERING, _para, make_docx

STATUTE = ("1. Indecent images of children\n(1) A person who knowingly possesses an indecent photograph "
           "of a child commits an offence.\n(2) A person who distributes such a photograph commits an offence.\n")


@pytest.fixture
def mixed_folder(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "act.txt").write_text(STATUTE, encoding="utf-8")
    (src / "act.html").write_text(HTML, encoding="utf-8")
    (src / "act.docx").write_bytes(make_docx([_para("1. Offence"), _para(STATUTE.splitlines()[1][4:], (7, 0))],
                                             NUMBERING))
    (src / "old.rtf").write_bytes(b"{\\rtf1 Section 1}")
    (src / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    (src / "act.structure.json").write_text("{}", encoding="utf-8")
    (src / "photo.png").write_bytes(b"\x89PNG")
    (src / "act.akn.xml").write_text("<akomaNtoso/>", encoding="utf-8")
    (src / "_draft.html").write_text(HTML, encoding="utf-8")
    return src


def test_folder_reads_html_and_docx_and_accounts_for_every_other_file(mixed_folder, tmp_path, cli, capsys):
    out = tmp_path / "out"
    assert cli("annotate", mixed_folder, "--out", out, "--model", "rules", "--no-db", "-q") == 1
    err = capsys.readouterr().err
    html_rows = read_jsonl(out / "act.html.jsonl")
    assert html_rows and not any("<" in r["text"] for r in html_rows)
    assert any("knowingly possesses" in r["text"] for r in html_rows)
    docx_rows = read_jsonl(out / "act.docx.jsonl")
    assert any(r["num"] == "(1)" for r in docx_rows)
    errors = {e["file"].rsplit("/", 1)[-1]: e for e in read_jsonl(out / "_errors.jsonl")}
    assert set(errors) == {"old.rtf", "old.doc", "_draft.html"}
    assert errors["old.rtf"]["kind"] == "unsupported_format" and "DOCX, PDF or text" in errors["old.rtf"]["message"]
    assert errors["_draft.html"]["kind"] == "not_read"
    # the files that are no statutes at all: each named with the reason, on stderr
    assert "act.structure.json" in err and "photo.png" in err and "not a statute format" in err
    assert "act.akn.xml" in err and "given explicitly (Akoma Ntoso)" in err
    assert "3 failed" in err


def test_html_and_docx_given_directly_are_read_not_skipped(mixed_folder, tmp_path, cli, capsys):
    out = tmp_path / "out"
    assert cli("annotate", mixed_folder / "act.html", mixed_folder / "old.rtf", "--out", out,
               "--model", "rules", "--no-db", "-q") == 1
    assert read_jsonl(out / "act.html.jsonl")
    (e,) = read_jsonl(out / "_errors.jsonl")
    assert e["kind"] == "unsupported_format" and "RTF" in e["message"] and "\n" not in e["message"]


def test_folder_walk_passes_over_project_files_and_lexbench_outputs_but_reads_them_given(tmp_path, cli, capsys):
    from pipeline.provenance import GENERATOR_META

    src = tmp_path / "src"
    src.mkdir()
    (src / "act.txt").write_text(STATUTE, encoding="utf-8")
    (src / "License Act.txt").write_text(STATUTE, encoding="utf-8")  # a statute, not a licence
    for name in ("README.md", "readme.txt", "LICENSE", "LICENCE-text.md", "NOTICE", "CHANGELOG.md", "COPYING"):
        (src / name).write_text(STATUTE, encoding="utf-8")  # statute-like text, still no statute
    (src / "README.rtf").write_bytes(b"{\\rtf1 Section 1}")  # no unsupported_format failure either
    (src / "report.html").write_text(f"<!doctype html><html><head>{GENERATOR_META}<title>t</title></head>"
                                     f"<body><p>{STATUTE}</p></body></html>", encoding="utf-8")
    (src / "runs").mkdir()
    for name in ("diff.json", "diff.md", "diff.html"):
        (src / "runs" / name).write_text(STATUTE, encoding="utf-8")
    first = tmp_path / "first"
    assert cli("annotate", src / "act.txt", "--out", first, "--model", "rules", "--no-db", "-q") == 0
    (src / "first").mkdir()
    (src / "first" / "README.md").write_text((first / "README.md").read_text(encoding="utf-8"), encoding="utf-8")
    capsys.readouterr()
    out = tmp_path / "out"
    assert cli("annotate", src, "--out", out, "--model", "rules", "--no-db") == 0
    err = capsys.readouterr().err
    assert sorted(p.name for p in out.glob("[!_]*.jsonl")) == ["License Act.txt.jsonl", "act.txt.jsonl"]
    assert not (out / "_errors.jsonl").exists() or not read_jsonl(out / "_errors.jsonl")
    assert "passed over 9 file(s) in folders: a README, licence, notice or changelog, not a statute" in err
    assert "passed over 3 file(s) in folders: an output of lexbench, not a statute" in err
    for name in ("report.html", "diff.md", "diff.html"):
        assert name in err
    # given explicitly, such a file is read like any other
    assert cli("annotate", src / "README.md", src / "report.html", "--out", tmp_path / "given", "--model", "rules",
               "--no-db", "-q") == 0
    assert read_jsonl(tmp_path / "given" / "README.md.jsonl") and read_jsonl(tmp_path / "given" / "report.html.jsonl")


def test_new_jurisdiction_on_unchanged_file_updates_store_without_rerunning_models(tmp_path, cli, capsys,
                                                                                    monkeypatch):
    from pipeline.store import Statute, session_scope
    import pipeline.annotate.annotator as annotator

    src = tmp_path / "act.txt"
    src.write_text(STATUTE, encoding="utf-8")
    out = tmp_path / "out"
    assert cli("annotate", src, "--out", out, "--model", "rules", "--jurisdiction", "GB-EAW", "-q") == 0
    first = (out / "act.txt.jsonl").read_bytes()
    err = capsys.readouterr().err
    assert f"next: lexbench coverage {out} --jurisdiction GB-EAW" in err

    def no_models(*_a, **_k):
        raise AssertionError("the models ran again for a metadata change")

    monkeypatch.setattr(annotator.Annotator, "annotate_document", no_models)
    assert cli("annotate", src, "--out", out, "--model", "rules", "--jurisdiction", "GB-SCT", "-q") == 0
    err = capsys.readouterr().err
    assert "skipped 1 unchanged (1 with metadata updated in the store)" in err
    assert f"next: lexbench coverage {out} --jurisdiction GB-SCT" in err
    with session_scope(f"sqlite:///{out / 'lexbench.db'}") as s:
        assert [st.jurisdiction for st in s.scalars(select(Statute))] == ["GB-SCT"]
    assert (out / "act.txt.jsonl").read_bytes() == first
    # the same metadata again: nothing to update
    assert cli("annotate", src, "--out", out, "--model", "rules", "--jurisdiction", "GB-SCT", "-q") == 0
    assert "skipped 1 unchanged;" in capsys.readouterr().err


def test_store_missing_the_statute_gets_it_even_when_the_output_is_current(tmp_path, cli, capsys):
    from pipeline.store import ProvisionRow, Statute, session_scope

    src = tmp_path / "act.txt"
    src.write_text(STATUTE, encoding="utf-8")
    out = tmp_path / "out"
    assert cli("annotate", src, "--out", out, "--model", "rules", "--no-db", "-q") == 0
    db = f"sqlite:///{tmp_path / 'other.db'}"
    assert cli("annotate", src, "--out", out, "--model", "rules", "--db", db, "--jurisdiction", "NZ", "-q") == 0
    assert "annotated 1 file(s)" in capsys.readouterr().err
    with session_scope(db) as s:
        assert s.scalars(select(Statute)).one().jurisdiction == "NZ"
        assert s.scalars(select(ProvisionRow)).first() is not None


def test_forced_language_is_not_skipped_as_unchanged(tmp_path, cli, capsys):
    src = tmp_path / "act.txt"
    src.write_text(STATUTE, encoding="utf-8")
    out = tmp_path / "out"
    assert cli("annotate", src, "--out", out, "--model", "rules", "--no-db", "-q") == 0
    assert cli("annotate", src, "--out", out, "--model", "rules", "--no-db", "--lang", "fr", "-q") == 0
    assert "annotated 1 file(s)" in capsys.readouterr().err
    assert {r["lang"] for r in read_jsonl(out / "act.txt.jsonl")} == {"fr"}


def test_edited_manifest_row_reaches_the_store_without_rerunning_models(tmp_path, cli, capsys, monkeypatch):
    from pipeline.store import Statute, session_scope
    import pipeline.annotate.annotator as annotator

    src = tmp_path / "src"
    src.mkdir()
    (src / "act.txt").write_text(STATUTE, encoding="utf-8")
    head = "path\tjurisdiction\ttitle\tcitation\tnotes\n"
    (src / "MANIFEST.tsv").write_text(head + "act.txt\tNZ\tModel Act 2020\tModel Act 2020, No 1\t\n",
                                      encoding="utf-8")
    out = tmp_path / "out"
    assert cli("annotate", src, "--out", out, "--model", "rules", "-q") == 0
    url = f"sqlite:///{out / 'lexbench.db'}"
    with session_scope(url) as s:
        st = s.scalars(select(Statute)).one()
        assert (st.jurisdiction, st.title, st.in_force) == ("NZ", "Model Act 2020", True)
    assert "next: lexbench coverage" in capsys.readouterr().err
    (src / "MANIFEST.tsv").write_text(head + "act.txt\tNZ\tModel Act 2020 (as enacted)\tModel Act 2020, No 1\t"
                                      "Old version, since repealed\n", encoding="utf-8")
    monkeypatch.setattr(annotator.Annotator, "annotate_document",
                        lambda *_a, **_k: pytest.fail("the models ran again for a metadata change"))
    assert cli("annotate", src, "--out", out, "--model", "rules", "-q") == 0
    assert "(1 with metadata updated in the store)" in capsys.readouterr().err
    with session_scope(url) as s:
        st = s.scalars(select(Statute)).one()
        assert (st.title, st.in_force) == ("Model Act 2020 (as enacted)", False)


def test_next_hint_names_the_jurisdictions_found_and_the_atlas(tmp_path, cli, capsys):
    src = tmp_path / "src"
    src.mkdir()
    for name in ("a.txt", "b.txt"):
        (src / name).write_text(STATUTE.replace("1.", f"1{name[0]}.", 1), encoding="utf-8")
    (src / "MANIFEST.tsv").write_text("path\tjurisdiction\na.txt\tNZ\nb.txt\tAU\n", encoding="utf-8")
    out = tmp_path / "out"
    assert cli("annotate", src, "--out", out, "--model", "rules", "-q") == 0
    last = capsys.readouterr().err.strip().splitlines()[-1]
    assert last == (f"next: lexbench coverage {out} --jurisdiction AU (or NZ), "
                    f"or all side by side: lexbench atlas {out} --format html --out atlas.html")


def test_unknown_jurisdiction_hint_says_how_to_set_it_not_a_placeholder(tmp_path, cli, capsys):
    (tmp_path / "act.txt").write_text(STATUTE, encoding="utf-8")
    for extra in ((), ("--no-db",)):
        out = tmp_path / f"out{len(extra)}"
        assert cli("annotate", tmp_path / "act.txt", "--out", out, "--model", "rules", "-q", *extra) == 0
        last = capsys.readouterr().err.strip().splitlines()[-1]
        assert last.startswith("next: set the jurisdiction (annotate --jurisdiction CODE") and "XX" not in last
        assert "MANIFEST.tsv" in last and f"lexbench coverage {out} --jurisdiction CODE" in last
        assert ("without --no-db" in last) == bool(extra)


def test_akoma_ntoso_file_takes_its_frbr_country_unless_the_manifest_or_option_says_otherwise(tmp_path, cli, capsys):
    from pipeline.store import Statute, session_scope
    from tests.export.test_akn import HANDWRITTEN  # FRBRcountry zz, an expression in French

    src = tmp_path / "src"
    src.mkdir()
    (src / "loi.xml").write_text(HANDWRITTEN, encoding="utf-8")
    (src / "loi2.xml").write_text(HANDWRITTEN.replace("Liste des", "La liste des"), encoding="utf-8")
    (src / "MANIFEST.tsv").write_text("path\tjurisdiction\nloi2.xml\tXA\n", encoding="utf-8")

    def stored(out):
        with session_scope(f"sqlite:///{out / 'lexbench.db'}") as s:
            return {st.path.rsplit("/", 1)[-1]: st.jurisdiction for st in s.scalars(select(Statute))}

    out = tmp_path / "out"
    assert cli("annotate", src / "loi.xml", "--out", out, "--model", "rules", "-q") == 0
    assert capsys.readouterr().err.strip().splitlines()[-1] == f"next: lexbench coverage {out} --jurisdiction ZZ"
    assert stored(out) == {"loi.xml": "ZZ"}
    assert {r["lang"] for r in read_jsonl(out / "loi.xml.jsonl")} == {"fr"}  # from the expression
    assert cli("annotate", src / "loi2.xml", "--out", out, "--model", "rules", "-q") == 0
    assert stored(out) == {"loi.xml": "ZZ", "loi2.xml": "XA"}  # the manifest wins over FRBR
    forced = tmp_path / "forced"
    assert cli("annotate", src / "loi.xml", "--out", forced, "--model", "rules", "--jurisdiction", "GB", "-q") == 0
    assert stored(forced) == {"loi.xml": "GB"}  # and --jurisdiction over both
