"""Benchmarks as versioned data (first cut: id + version; the full loader replaces this)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

BENCHMARK_DIR = Path(__file__).resolve().parent.parent / "models" / "benchmarks"


@dataclass
class Benchmark:
    id: str
    version: str
    conducts: dict = field(default_factory=dict)
    raw: dict = field(default_factory=dict)


def load_benchmark(ref: str) -> Benchmark:
    path = Path(ref) if ref.endswith((".yaml", ".yml")) else BENCHMARK_DIR / f"{ref}.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return Benchmark(id=raw["id"], version=str(raw["version"]), conducts=raw.get("conducts", {}), raw=raw)
