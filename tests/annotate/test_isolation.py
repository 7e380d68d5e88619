"""Issue 17: in the default ``-j 1`` batch, extraction runs in a memory-capped child, so a
native crash or an out-of-memory while reading one file fails that file, never the batch."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import pipeline.annotate.isolation as iso
from pipeline.annotate import AnnotateConfig, run_batch
from tests.conftest import ROOT
from tests.extract.test_pdf_guard import one_page_pdf, spaces_bomb, text_ops_bomb

GOOD = ("Section 1. Offence\n(1) A person who knowingly possesses child sexual abuse material "
        "commits an offence.\n(2) A person who distributes such material is liable to imprisonment.\n")


def _errors(out: Path) -> dict[str, dict]:
    p = out / "_errors.jsonl"
    rows = [json.loads(line) for line in p.read_text().splitlines()] if p.exists() else []
    return {Path(r["file"]).name: r for r in rows}


@pytest.fixture
def hostile_extract(monkeypatch):
    """Files named crash*/hog* make the extraction child die of SIGSEGV / allocate 8 GiB."""
    real = iso.extract

    def fake(path, limits, lang=None):
        name = Path(path).name
        if name.startswith("crash"):
            os.kill(os.getpid(), signal.SIGSEGV)
        if name.startswith("hog"):
            blocks = [bytearray(256 << 20) for _ in range(32)]  # 8 GiB, touched below
            for b in blocks:
                b[::4096] = b"x" * len(b[::4096])
        return real(path, limits, lang=lang)

    monkeypatch.setattr(iso, "extract", fake)


def test_a_crash_or_a_memory_hog_fails_one_file_and_the_batch_goes_on(tmp_path, hostile_extract):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    for name in ("a_good.txt", "crash.txt", "hog.txt", "z_good.txt"):
        (src / name).write_text(GOOD)
    t0 = time.perf_counter()
    results = run_batch([str(src)], AnnotateConfig(out_dir=out, model="rules", store=False))
    seconds = time.perf_counter() - t0
    assert [Path(r.path).name for r in results if r.output] == ["a_good.txt", "z_good.txt"]
    errs = _errors(out)
    assert errs["crash.txt"]["kind"] == "worker_crashed" and "SIGSEGV" in errs["crash.txt"]["message"]
    assert errs["hog.txt"]["kind"] == "out_of_memory"
    assert "768 MiB" in errs["hog.txt"]["message"]
    assert seconds < 60


def test_the_child_is_killed_when_the_time_limit_fires(tmp_path, monkeypatch):
    def slow(path, limits, lang=None):
        time.sleep(60)

    monkeypatch.setattr(iso, "extract", slow)
    (tmp_path / "slow.txt").write_text(GOOD)
    cfg = AnnotateConfig(out_dir=tmp_path / "out", model="rules", store=False)
    cfg.limits.timeout_s = 1.5
    before = _live_children()
    t0 = time.perf_counter()
    [res] = run_batch([str(tmp_path / "slow.txt")], cfg)
    assert res.error["kind"] == "timeout" and time.perf_counter() - t0 < 30
    assert _live_children() <= before  # no child left behind (others of this test session may exist)


def test_isolated_extraction_gives_the_same_document(tmp_path):
    from pipeline.extract import Limits, extract

    p = tmp_path / "s.txt"
    p.write_text(GOOD)
    a, b = iso.extract_isolated(p, Limits()), extract(p, Limits())
    assert a == b


@pytest.mark.slow
def test_hostile_pdfs_and_good_statutes_in_one_default_batch(tmp_path):
    """Default options, the real CLI: every good file annotated, every hostile PDF reported
    with its true reason, peak memory of the whole process tree <= 1 GiB."""
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    (src / "bomb_ops.pdf").write_bytes(text_ops_bomb())
    (src / "bomb_spaces.pdf").write_bytes(spaces_bomb(2048))
    (src / "garbled.pdf").write_bytes(one_page_pdf(b"BT /F1 12 Tf 72 700 Td (" + b"#%&*+ 0123 =<>? " * 30 + b") Tj ET"))
    for i in range(3):
        (src / f"good_{i}.txt").write_text(GOOD.replace("Section 1", f"Section {i + 1}"))
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    probe = ("import resource, subprocess, sys, time; t = time.time(); "
             "rc = subprocess.run(sys.argv[1:]).returncode; "
             "print(rc, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, time.time() - t)")
    cmd = [sys.executable, "-c", probe, sys.executable, "-m", "pipeline", "annotate", "-q",
           str(src), "--out", str(out)]
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    rc, peak_kib, seconds = proc.stdout.split()[-3:]
    print(f"batch: exit {rc}, peak {int(peak_kib) / 1024:.0f} MiB, {float(seconds):.1f} s")
    assert int(peak_kib) <= 1024 * 1024
    for i in range(3):
        assert (out / f"good_{i}.txt.jsonl").stat().st_size > 0
    errs = _errors(out)
    assert errs["bomb_ops.pdf"]["kind"] == "content_bomb"
    assert errs["bomb_spaces.pdf"]["kind"] == "content_bomb"
    assert errs["garbled.pdf"]["kind"] == "garbled_text"


def test_hostile_file_names_stay_on_one_line_and_never_reach_the_terminal_raw(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    evil = "evil\nname\x1b[31m\x9b\u2028.txt"
    (src / evil).write_bytes(b"\x00\x01\x02" * 500)  # binary: fails with a message naming the file
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.run([sys.executable, "-m", "pipeline", "annotate", "-q", "--no-db", str(src), "--out", str(out)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert "\x1b" not in proc.stderr + proc.stdout and "\x9b" not in proc.stderr and "\u2028" not in proc.stderr
    lines = [ln for ln in proc.stderr.splitlines() if "binary_input" in ln]
    assert len(lines) == 1 and "evil\\x0aname\\x1b[31m\\x9b\\u2028.txt" in lines[0]
    [err] = (out / "_errors.jsonl").read_text().rstrip("\n").split("\n")
    assert "\n" not in json.loads(err)["message"] and "\x1b" not in json.loads(err)["message"]


def test_names_a_folder_walk_passes_over_are_reported(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    for name in ("_x.txt", ".x.txt", "x.rtf", "ok.txt"):
        (src / name).write_text(GOOD)
    (src / "x.structure.json").write_text("{}")  # not statute-like: passed over without a word
    results = run_batch([str(src)], AnnotateConfig(out_dir=out, model="rules", store=False))
    assert [Path(r.path).name for r in results if r.output] == ["ok.txt"]
    errs = _errors(out)
    assert set(errs) == {"_x.txt", ".x.txt", "x.rtf"}
    assert errs["_x.txt"]["kind"] == errs[".x.txt"]["kind"] == "not_read"
    assert errs["x.rtf"]["kind"] == "unsupported_format"


def test_a_million_item_file_is_refused_quickly_with_its_own_kind(tmp_path):
    from pipeline.annotate.annotator import TooManyItems

    big = tmp_path / "million.txt"
    big.write_text("".join(f"{i}. A person commits an offence.\n" for i in range(1, 1_000_001)))
    few = tmp_path / "few.txt"
    few.write_text("".join(f"{i}. A person commits an offence.\n" for i in range(1, 31)))
    cfg = AnnotateConfig(out_dir=tmp_path / "out", model="rules", store=False)
    t0 = time.perf_counter()
    [res] = run_batch([str(big)], cfg)
    assert res.error["kind"] == TooManyItems.kind == "too_many_items" and time.perf_counter() - t0 < 30
    cfg.max_items = 20  # the provision count itself is bounded too
    [res] = run_batch([str(few)], cfg)
    assert res.error["kind"] == "too_many_items" and "provisions (limit 20)" in res.error["message"]


def _live_children() -> set[int]:
    """Pids of this process's children that are still running (zombies excluded)."""
    out = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == os.getpid() and fields[0] != "Z":
            out.add(int(stat.parent.name))
    return out
