"""Benchmark files: they load, validate, differ where the benchmarks differ, and reject bad data."""
from __future__ import annotations

import json

import pytest
import yaml

from pipeline.benchmarks import (BENCHMARK_DIR, BenchmarkError, benchmark_paths, cue_patterns,
                                 load_benchmark)
from pipeline.records import CONDUCT_IDS

CSAM = [c for c in CONDUCT_IDS if c.startswith("csam_")]


def test_every_benchmark_file_loads_and_validates():
    ids = set()
    for path in benchmark_paths():
        b = load_benchmark(str(path))
        ids.add(b.id)
        assert b.version and b.title and b.sources
        assert set(b.conducts) <= set(CONDUCT_IDS)
        for cid, spec in b.conducts.items():
            assert spec.cues, cid
            assert spec.definition, cid
            for cond in spec.partial:
                assert cond.cues and cond.because, (b.id, cid, cond.id)
    assert {"coe-2012", "ecpat-2022", "default"} <= ids


def test_required_conducts_per_benchmark():
    coe, ecpat, default = (load_benchmark(b) for b in ("coe-2012", "ecpat-2022", "default"))
    assert set(coe.conducts) == set(CSAM) | {"grooming"}
    assert {"live_streaming", "sexual_extortion", "csam_access", "grooming"} <= set(ecpat.conducts)
    assert set(default.conducts) == set(CONDUCT_IDS)
    assert default.conduct_ids == list(CONDUCT_IDS)  # canonical order


def test_partial_conditions_are_benchmark_relative():
    coe, ecpat, default = (load_benchmark(b) for b in ("coe-2012", "ecpat-2022", "default"))

    def conds(b, cid):
        return {c.id for c in b.conducts[cid].partial}

    # material acts toward a meeting: part of Lanzarote Art 23, a gap for ECPAT 2022
    assert "grooming_meeting" not in conds(coe, "grooming")
    assert "grooming_meeting" in conds(ecpat, "grooming")
    # production only for distribution through a computer system is the CoE 2012 row itself
    assert "production_purpose" not in conds(coe, "csam_production")
    assert "production_purpose" in conds(ecpat, "csam_production")
    for b in (coe, ecpat):
        assert "possession_intent" in conds(b, "csam_possession")
        assert {"access_habitual", "access_paid", "access_download"} <= conds(b, "csam_access")
    # default is the strictest union
    for cid in coe.conducts:
        assert conds(coe, cid) | conds(ecpat, cid) <= conds(default, cid)
    becauses = {c.because for spec in default.conducts.values() for c in spec.partial}
    assert {"intent to distribute", "production only for distribution", "access only if habitual",
            "access only if paid", "access only if downloaded", "victims limited below 18",
            "only via a computer system", "grooming only with a meeting or material acts"} <= becauses


def test_refs_id_version_and_path():
    b = load_benchmark("coe-2012")
    assert load_benchmark(f"coe-2012@{b.version}").id == "coe-2012"
    assert load_benchmark(str(BENCHMARK_DIR / "coe-2012.yaml")).version == b.version
    with pytest.raises(FileNotFoundError):
        load_benchmark("coe-2012@0.0.0-nope")
    with pytest.raises(FileNotFoundError):
        load_benchmark("no-such-benchmark")


def _write(tmp_path, conducts, name="x.yaml"):
    lex = tmp_path / "_lexicon.yaml"
    if not lex.exists():
        lex.write_text((BENCHMARK_DIR / "_lexicon.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    p = tmp_path / name
    p.write_text(yaml.safe_dump({"id": "x", "version": "1", "title": "t", "sources": ["s"],
                                 "lexicon": "_lexicon.yaml", "conducts": conducts}), encoding="utf-8")
    return str(p)


def test_unknown_conduct_or_condition_is_rejected(tmp_path):
    with pytest.raises(BenchmarkError, match="unknown conduct id"):
        load_benchmark(_write(tmp_path, {"csam_selling": {"definition": "d"}}, "a.yaml"))
    with pytest.raises(BenchmarkError, match="unknown partial condition"):
        load_benchmark(_write(tmp_path, {"csam_possession": {"definition": "d", "partial": ["nope"]}}, "b.yaml"))
    with pytest.raises(BenchmarkError, match="needs cues and because"):
        load_benchmark(_write(tmp_path, {"csam_possession": {
            "definition": "d", "partial": [{"id": "inline", "cues": ["for profit"]}]}}, "c.yaml"))


def test_inline_condition_is_used(tmp_path):
    b = load_benchmark(_write(tmp_path, {"csam_possession": {"definition": "d", "partial": [
        {"id": "profit", "because": "only for profit", "cues": ["for profit"]}]}}, "d.yaml"))
    assert [c.because for c in b.conducts["csam_possession"].partial] == ["only for profit"]


def test_cue_syntax_compiles_to_matcher_patterns():
    (p,) = cue_patterns("make|makes ~3 available")
    assert p[0] == {"LOWER": {"IN": ["make", "makes"]}}
    assert p[1] == {"OP": "{0,3}"}
    assert p[2] == {"LOWER": "available"}
    (q,) = cue_patterns("distribut*|share")
    assert q[0]["LOWER"]["REGEX"].startswith("^(?:distribut")
    with pytest.raises(BenchmarkError):
        cue_patterns("~2 available")


def test_cli_list_and_show(cli, capsys):
    assert cli("benchmarks", "list") == 0
    out = capsys.readouterr().out
    assert "coe-2012" in out and "ecpat-2022" in out and "_lexicon" not in out
    assert cli("benchmarks", "show", "ecpat-2022", "--format", "json") == 0
    info = json.loads(capsys.readouterr().out)
    assert info["id"] == "ecpat-2022" and "live_streaming" in info["conducts"]
    assert cli("benchmarks", "show", "nope") == 2


def test_edited_benchmark_file_is_reloaded_in_the_same_process(tmp_path):
    """A long-running process must see an edited YAML (cache keyed by mtime+size, not path)."""
    path = _write(tmp_path, {"csam_possession": {"definition": "first"}}, "e.yaml")
    first = load_benchmark(path)
    assert load_benchmark(path) is first  # unchanged file: cached
    doc = yaml.safe_load((tmp_path / "e.yaml").read_text())
    doc["conducts"]["csam_possession"]["definition"] = "second, longer"
    (tmp_path / "e.yaml").write_text(yaml.safe_dump(doc))
    second = load_benchmark(path)
    assert second.conducts["csam_possession"].definition == "second, longer"
    assert second.fingerprint != first.fingerprint


def test_cue_tokens_accept_what_the_matcher_patterns_accept():
    from pipeline.benchmarks import cue_tokens
    seq = cue_tokens("make|makes ~3 available*")
    assert seq[1] == 3
    assert seq[0].accepts("makes") and not seq[0].accepts("maker")
    assert seq[2].accepts("availability") is False and seq[2].accepts("available") and seq[2].accepts("availableness")
    assert cue_tokens([{"LOWER": "x"}]) is None  # raw patterns stay with the spaCy Matcher
    with pytest.raises(BenchmarkError):
        cue_tokens("~2 available")


def test_benchmark_outside_the_package_uses_its_own_lexicon_then_the_packaged_one(tmp_path, cli, capsys):
    """A benchmark YAML copied anywhere loads: its lexicon and union_of members are looked up
    beside it first, then among the packaged benchmarks."""
    elsewhere = tmp_path / "mine" / "copy.yaml"
    elsewhere.parent.mkdir()
    elsewhere.write_text((BENCHMARK_DIR / "default.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    packaged = load_benchmark("default")
    copied = load_benchmark(str(elsewhere))
    assert copied.conduct_ids == packaged.conduct_ids and copied.lexicon_version == packaged.lexicon_version
    # a lexicon of its own, beside it, wins over the packaged one
    own = yaml.safe_load((BENCHMARK_DIR / "_lexicon.yaml").read_text(encoding="utf-8"))
    own["version"] = "9.9.9-local"
    (elsewhere.parent / "_lexicon.yaml").write_text(yaml.safe_dump(own), encoding="utf-8")
    assert load_benchmark(str(elsewhere)).lexicon_version == "9.9.9-local"
    assert cli("benchmarks", "show", str(elsewhere)) == 0
    assert "lexicon 9.9.9-local" in capsys.readouterr().out


def test_missing_lexicon_or_benchmark_file_is_one_balanced_line(tmp_path, cli, capsys):
    p = tmp_path / "b.yaml"
    p.write_text(yaml.safe_dump({"id": "b", "version": "1", "title": "t", "sources": ["s"],
                                 "lexicon": "nowhere.yaml", "conducts": {"csam_possession": {"definition": "d"}}}),
                 encoding="utf-8")
    with pytest.raises(BenchmarkError, match="lexicon 'nowhere.yaml' is neither beside it"):
        load_benchmark(str(p))
    assert cli("benchmarks", "show", str(tmp_path / "absent.yaml")) == 2
    err = capsys.readouterr().err.strip()
    assert err == f"lexbench benchmarks: error: {tmp_path / 'absent.yaml'}: no such file or directory"
    assert err.count("'") % 2 == 0
