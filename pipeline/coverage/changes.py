"""What a benchmark is made of and what changed in it: file hashes and conduct meanings.

Reads: benchmark YAML files (``models/benchmarks/``). Writes: nothing.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from pipeline.benchmarks import Benchmark, load_benchmark
from pipeline.records import CONDUCT_IDS


def benchmark_files(bench: Benchmark) -> dict[str, str]:
    """sha256 of every file the benchmark is made of (itself, its lexicon, what it unites)."""
    path = Path(bench.path)
    files = [path, path.parent / bench.raw.get("lexicon", "_lexicon.yaml")]
    for other in bench.raw.get("union_of") or []:
        sub = path.parent / f"{other}.yaml"
        files.append(sub)
    out = {}
    for f in files:
        if f.is_file():
            out[f.name] = hashlib.sha256(f.read_bytes()).hexdigest()
    return out


def fresh_benchmark(ref: str) -> Benchmark:
    """``load_benchmark`` from what is on disk now: its loader caches by path, and a long-lived
    process (a test, a scheduler) must see an edited file."""
    from pipeline import benchmarks

    benchmarks._load_path.cache_clear()
    benchmarks.load_lexicon.cache_clear()
    return load_benchmark(ref)


def bench_info(bench: Benchmark, ref: str) -> dict:
    return {"ref": ref, "id": bench.id, "version": bench.version, "path": bench.path,
            "files": benchmark_files(bench), "conducts": bench.conduct_ids}


def conduct_meaning(bench: Benchmark, cid: str) -> dict | None:
    """Everything that decides what a conduct label means under a benchmark."""
    spec = bench.conducts.get(cid)
    if spec is None:
        return None
    return {"definition": spec.definition, "object": spec.object, "cues": spec.cues,
            "partial": [{"id": c.id, "because": c.because, "cues": c.cues, "unless": c.unless,
                         "window": c.window, "scope": c.scope} for c in spec.partial]}


def meaning_changes(old: Benchmark, new: Benchmark) -> dict[str, list[str]]:
    """conduct -> what about it changed between the two benchmarks (empty if nothing)."""
    out: dict[str, list[str]] = {}
    for cid in CONDUCT_IDS:
        a, b = conduct_meaning(old, cid), conduct_meaning(new, cid)
        if a is None and b is None:
            continue
        why = []
        if a is None:
            why.append("conduct added")
        elif b is None:
            why.append("conduct removed")
        else:
            if a["definition"] != b["definition"]:
                why.append("definition changed")
            if a["cues"] != b["cues"] or a["object"] != b["object"]:
                why.append("cues changed")
            pa = {p["id"]: p for p in a["partial"]}
            pb = {p["id"]: p for p in b["partial"]}
            for k in sorted(set(pa) - set(pb)):
                why.append(f"partial condition removed: {k} ({pa[k]['because']})")
            for k in sorted(set(pb) - set(pa)):
                why.append(f"partial condition added: {k} ({pb[k]['because']})")
            for k in sorted(set(pa) & set(pb)):
                if pa[k] != pb[k]:
                    why.append(f"partial condition changed: {k}")
        if why:
            out[cid] = why
    return out
