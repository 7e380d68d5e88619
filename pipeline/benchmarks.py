"""Benchmarks as versioned data: load, validate and compile the YAML files in models/benchmarks/.

A benchmark says which conducts it requires and which conditions make coverage only
partial *for it*; the cue lexicon (act verbs, material nouns, roles, conditions) is shared
in ``_lexicon.yaml`` so every benchmark reads statutes the same way and differs only in
what it counts as a gap. Nothing about wording lives in Python: cues compile to spaCy
Matcher token patterns here.
"""
from __future__ import annotations

import hashlib
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from pipeline.resources import BENCHMARK_DIR, parse_yaml
from pipeline.records import CONDUCT_IDS


OBJECTS = ("material", "child", "child_or_material", "child_or_sexual", "none")
ROLE_NAMES = ("definition", "penalty", "defence", "jurisdiction", "repealed", "transitional", "title",
              "offence_list")  # offence_list: offences named in a list (prior convictions, schedules), not acts


class BenchmarkError(ValueError):
    """A benchmark file that does not validate (message names the file and the problem)."""


@dataclass
class Condition:
    id: str
    because: str
    cues: list
    unless: list = field(default_factory=list)
    window: int | None = 14  # tokens either side of the act cue; None = whole provision
    scope: str = "near"  # near | provision


@dataclass
class ConductSpec:
    id: str
    definition: str
    object: str
    cues: list
    partial: list[Condition]
    label: str = ""  # for analysts ("Possessing CSAM"); the id when the benchmark gives none
    article: str = ""  # where the benchmark takes the conduct from ("Lanzarote Art. 20(1)(e)")


@dataclass
class Benchmark:
    id: str
    version: str
    title: str = ""
    sources: list = field(default_factory=list)
    profile: dict = field(default_factory=dict)
    conducts: dict[str, ConductSpec] = field(default_factory=dict)
    lexicon: dict = field(default_factory=dict)
    lexicon_version: str = ""
    path: str = ""
    raw: dict = field(default_factory=dict)
    # sha256 over every file read (benchmark, lexicon, union_of): compiled matchers are cached
    # under it, so an edited file never reuses a stale matcher
    fingerprint: str = ""

    @property
    def conduct_ids(self) -> list[str]:
        """Required conducts in the canonical order of records.CONDUCT_IDS."""
        return [c for c in CONDUCT_IDS if c in self.conducts]


# -- loading ---------------------------------------------------------------------------
def benchmark_paths(folder: Path = BENCHMARK_DIR) -> list[Path]:
    return sorted(p for p in folder.glob("*.yaml") if not p.name.startswith("_"))


def _resolve(ref: str) -> tuple[Path, str | None]:
    """``ID``, ``ID@VERSION`` or a path to a YAML file -> (path, wanted version)."""
    if ref.endswith((".yaml", ".yml")) or "/" in ref:
        return Path(ref), None
    ident, _, version = ref.partition("@")
    path = BENCHMARK_DIR / f"{ident}.yaml"
    if not path.is_file():
        known = ", ".join(p.stem for p in benchmark_paths())
        raise FileNotFoundError(f"unknown benchmark {ident!r}; choose from {known}")
    return path, version or None


def load_benchmark(ref: str) -> Benchmark:
    path, version = _resolve(ref)
    bench = _load_path(path.resolve())
    if version and version != bench.version:
        raise FileNotFoundError(f"benchmark {bench.id} is at version {bench.version}, not {version}")
    return bench


class _FileCache:
    """Memo of a loader keyed by path and revalidated by the (mtime, size) of every file the
    loader read: a long-running process (scheduler, review server) sees an edited YAML, and an
    unchanged one costs a few ``stat`` calls. ``cache_clear`` as for ``functools.lru_cache``."""

    def __init__(self, loader, maxsize: int):
        self.loader, self.maxsize = loader, maxsize
        self._memo: dict = {}
        self.__wrapped__ = loader
        self.__doc__ = loader.__doc__

    def __call__(self, path: Path):
        active = _active_reads()
        hit = self._memo.get(path)
        if hit is not None and all(_stamp(f) == st for f, st in hit[1]):
            for reads in active:  # an outer load depends on the files this one read
                reads.extend(hit[1])
            return hit[0]
        reads: list = []
        active.append(reads)
        try:
            value = self.loader(path)
        finally:
            active.pop()
        for outer in active:
            outer.extend(reads)
        if len(self._memo) >= self.maxsize:
            self._memo.pop(next(iter(self._memo)))
        self._memo[path] = (value, tuple(reads))
        return value

    def cache_clear(self) -> None:
        self._memo.clear()


_LOCAL = threading.local()


def _active_reads() -> list[list]:
    """Per thread, one list per load in progress: (path, stamp) of each file it read."""
    if not hasattr(_LOCAL, "reads"):
        _LOCAL.reads = []
    return _LOCAL.reads


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size


def _load_path(path: Path) -> Benchmark:
    raw, text = _read_yaml(path, with_text=True)
    for key in ("id", "version", "title", "sources", "conducts"):
        if key not in raw:
            raise BenchmarkError(f"{path}: missing key {key!r}")
    lex_path = _beside_or_packaged(path, str(raw.get("lexicon", "_lexicon.yaml")), "lexicon")
    lexicon = load_lexicon(lex_path)
    digest = hashlib.sha256(text.encode("utf-8"))
    digest.update(hashlib.sha256(lex_path.read_bytes()).digest())
    entries = dict(raw.get("conducts") or {})
    for other in raw.get("union_of") or []:  # strictest union: conducts and their conditions
        sub, sub_text = _read_yaml(_beside_or_packaged(path, f"{other}.yaml", "union_of"), with_text=True)
        digest.update(sub_text.encode("utf-8"))
        for cid, entry in (sub.get("conducts") or {}).items():
            mine = entries.setdefault(cid, {"definition": entry.get("definition", ""), "partial": []})
            mine.setdefault("label", entry.get("label"))
            if entry.get("article") and entry["article"] not in (mine.get("article") or ""):
                mine["article"] = "; ".join(a for a in (mine.get("article"), entry["article"]) if a)
            for cond in entry.get("partial") or []:
                if cond not in mine.setdefault("partial", []):
                    mine["partial"].append(cond)
    conducts = {}
    for cid, entry in entries.items():
        if cid not in CONDUCT_IDS:
            raise BenchmarkError(f"{path}: unknown conduct id {cid!r} (known: {', '.join(CONDUCT_IDS)})")
        conducts[cid] = _conduct_spec(path, cid, entry or {}, lexicon)
    if not conducts:
        raise BenchmarkError(f"{path}: no conducts")
    return Benchmark(id=str(raw["id"]), version=str(raw["version"]), title=str(raw["title"]),
                     sources=list(raw["sources"]), profile=dict(raw.get("profile") or {}),
                     conducts={c: conducts[c] for c in CONDUCT_IDS if c in conducts}, lexicon=lexicon,
                     lexicon_version=str(lexicon.get("version", "")), path=str(path), raw=raw,
                     fingerprint=digest.hexdigest())


_load_path = _FileCache(_load_path, maxsize=32)


def _beside_or_packaged(bench_path: Path, name: str, key: str) -> Path:
    """A file a benchmark names (its lexicon, a ``union_of`` member): relative to the benchmark
    file first, then the packaged benchmarks, so a benchmark copied anywhere still loads."""
    active = _active_reads()
    for folder in (bench_path.parent, BENCHMARK_DIR):
        candidate = folder / name
        if candidate.is_file():
            return candidate
        if active:  # one created there later must reach a long-running process too
            active[-1].append((candidate, None))
    raise BenchmarkError(f"{bench_path}: {key} {name!r} is neither beside it ({bench_path.parent}) "
                         f"nor among the packaged benchmarks ({BENCHMARK_DIR})")


def _read_yaml(path: Path, with_text: bool = False):
    stamp = _stamp(path)  # before reading: an edit during the read invalidates the memo
    active = _active_reads()
    if active:
        active[-1].append((path, stamp))
    try:
        text = path.read_text(encoding="utf-8")
        raw = parse_yaml(text)
    except yaml.YAMLError as exc:
        raise BenchmarkError(f"{path}: not valid YAML: {exc}") from None
    if not isinstance(raw, dict):
        raise BenchmarkError(f"{path}: expected a mapping at the top level")
    return (raw, text) if with_text else raw


def load_lexicon(path: Path) -> dict:
    lex = _read_yaml(path)
    for key in ("version", "groups", "roles", "conducts", "conditions"):
        if key not in lex:
            raise BenchmarkError(f"{path}: missing key {key!r}")
    for cid, spec in lex["conducts"].items():
        if cid not in CONDUCT_IDS:
            raise BenchmarkError(f"{path}: unknown conduct id {cid!r}")
        if spec.get("object") not in OBJECTS or not spec.get("cues"):
            raise BenchmarkError(f"{path}: conduct {cid} needs cues and an object in {OBJECTS}")
        for key in ("requires", "blocked_by"):
            named = [g for b in spec.get(key) or [] for g in ([b] if isinstance(b, str) else b)]
            unknown = [g for g in named if g not in lex["groups"]]
            if unknown:
                raise BenchmarkError(f"{path}: conduct {cid}: {key} names unknown group(s) {unknown}")
    for name, cond in lex["conditions"].items():
        if not cond.get("cues") or not cond.get("because"):
            raise BenchmarkError(f"{path}: condition {name} needs cues and because")
    for role in lex["roles"]:
        if role not in ROLE_NAMES:
            raise BenchmarkError(f"{path}: unknown role {role!r}")
    every = [c for g in lex["groups"].values() for c in g]  # compile once to fail early on a bad cue
    every += [c for r in lex["roles"].values() for k in ("start", "anywhere") for c in r.get(k) or []]
    every += [c for s in lex["conducts"].values() for c in s["cues"]]
    every += [c for s in lex["conditions"].values() for k in ("cues", "unless") for c in s.get(k) or []]
    for cue in every:
        try:
            cue_patterns(cue)
        except BenchmarkError as exc:
            raise BenchmarkError(f"{path}: {exc}") from None
    return lex


load_lexicon = _FileCache(load_lexicon, maxsize=8)


def _conduct_spec(path: Path, cid: str, entry: dict, lexicon: dict) -> ConductSpec:
    base = lexicon["conducts"].get(cid, {})
    cues = list(base.get("cues") or []) + list(entry.get("cues") or [])
    if not cues:
        raise BenchmarkError(f"{path}: conduct {cid} has no cues")
    conds = []
    for item in entry.get("partial") or []:
        if isinstance(item, str):
            if item not in lexicon["conditions"]:
                raise BenchmarkError(f"{path}: conduct {cid}: unknown partial condition {item!r}")
            name, spec = item, lexicon["conditions"][item]
        else:  # an inline condition {id, because, cues, ...}
            name, spec = item.get("id", ""), item
        if not spec.get("cues") or not spec.get("because"):
            raise BenchmarkError(f"{path}: conduct {cid}: condition {name!r} needs cues and because")
        scope = spec.get("scope", "near")
        conds.append(Condition(id=name, because=str(spec["because"]), cues=list(spec["cues"]),
                               unless=list(spec.get("unless") or []),
                               window=None if scope == "provision" else int(spec.get("window", 14)),
                               scope=scope))
    return ConductSpec(id=cid, definition=str(entry.get("definition") or base.get("definition") or ""),
                       object=base.get("object", "material"), cues=cues, partial=conds,
                       label=str(entry.get("label") or cid), article=str(entry.get("article") or ""))


# -- cue compilation -------------------------------------------------------------------
_GAP = re.compile(r"^~(\d+)$")


def cue_patterns(cue) -> list[list[dict]]:
    """One cue (string syntax of _lexicon.yaml, or a raw token pattern) -> Matcher patterns."""
    if isinstance(cue, list):
        return [cue]
    if not isinstance(cue, str) or not cue.strip():
        raise BenchmarkError(f"bad cue {cue!r}")
    pattern: list[dict] = []
    for tok in cue.split():
        m = _GAP.match(tok)
        if m:
            pattern.append({"OP": f"{{0,{int(m.group(1))}}}"})
            continue
        alts = [a for a in tok.split("|") if a]
        exact = [a.lower() for a in alts if not a.endswith("*")]
        prefix = [re.escape(a[:-1].lower()) for a in alts if a.endswith("*")]
        if prefix:
            body = "|".join(prefix + [re.escape(e) + "$" for e in exact])
            pattern.append({"LOWER": {"REGEX": f"^(?:{body})"}})
        elif len(exact) == 1:
            pattern.append({"LOWER": exact[0]})
        else:
            pattern.append({"LOWER": {"IN": exact}})
    if not pattern or "OP" in pattern[0] or "OP" in pattern[-1]:
        raise BenchmarkError(f"cue {cue!r} must start and end with a word")
    return [pattern]


@dataclass(frozen=True)
class CueToken:
    """One word position of a string cue: the token's lowercase form equals one of ``exact`` or
    starts with one of ``prefixes``. Equal to the ``LOWER`` predicate ``cue_patterns`` builds,
    but testable once per distinct word (``judge.LexiconMatcher`` caches it) instead of a
    Matcher REGEX evaluated per token and pattern."""

    exact: frozenset
    prefixes: tuple

    def accepts(self, lower: str) -> bool:
        return lower in self.exact or any(lower.startswith(p) for p in self.prefixes)


def cue_tokens(cue) -> list[CueToken | int] | None:
    """A string cue -> its word positions (``CueToken``) and gaps (``int`` N for ``~N``: up to N
    arbitrary tokens); ``None`` for a raw spaCy token pattern, which only the Matcher reads.
    Same syntax and validation as ``cue_patterns``."""
    if isinstance(cue, list):
        return None
    cue_patterns(cue)  # validates: same errors for both compilers
    out: list[CueToken | int] = []
    for tok in cue.split():
        m = _GAP.match(tok)
        if m:
            out.append(int(m.group(1)))
            continue
        alts = [a for a in tok.split("|") if a]
        out.append(CueToken(exact=frozenset(a.lower() for a in alts if not a.endswith("*")),
                            prefixes=tuple(sorted({a[:-1].lower() for a in alts if a.endswith("*")}))))
    return out


def describe(bench: Benchmark) -> dict:
    """A plain dict for `lexbench benchmarks show` (JSON/YAML friendly)."""
    return {
        "id": bench.id, "version": bench.version, "title": bench.title, "sources": bench.sources,
        "profile": bench.profile, "lexicon_version": bench.lexicon_version,
        "conducts": {cid: {"label": c.label, "article": c.article, "definition": c.definition,
                           "object": c.object, "n_cues": len(c.cues),
                           "partial_if": [{"id": p.id, "because": p.because} for p in c.partial]}
                     for cid, c in bench.conducts.items()},
    }
