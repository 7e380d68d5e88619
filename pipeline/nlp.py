"""spaCy, imported on first use and without what lexbench never uses.

Reads: nothing. Writes: nothing. The rules never import spaCy (``classify.tokens`` splits words
as its blank tokenizer does, from settings ``tokenizer_settings`` exports); it serves the spaCy
component, the DocBin export, raw token-pattern cues and the tests. A plain ``import spacy`` also
pays for:

* torch: thinc imports it whenever it is installed (2.3 CPU-s and ~150 MiB at every start-up
  with the [transformer] extra). It is hidden from thinc while spaCy is first imported (thinc
  then takes its no-torch path, as in the core install); torch stays importable afterwards
  for the transformer classifier. ``LEXBENCH_SPACY_TORCH=1`` lets thinc see it.
* spaCy's command line (typer, weasel, requests), imported by ``spacy/__init__`` only to
  re-export ``spacy.info``. A placeholder stands in during the import and is removed after,
  so ``import spacy.cli`` later loads the real one and ``spacy.info`` still works.

``blank(lang)`` builds a language's tokenizer-only pipeline with its regular expressions
compiled once per machine, not once per process: French's tokenizer compiles ~120 large
patterns (2.1 CPU-s at every start-up). ``regex_cache`` keeps what CPython's regex compiler
produced for each pattern (its parse and optimisation, the slow part) in ``CACHE_DIR`` and
builds the same pattern object from it (``_sre.compile``, as ``re`` itself does); the file
is keyed by the Python build, so another interpreter never reads it.
"""
from __future__ import annotations

import os
import pickle
import re
import sys
import types
from contextlib import contextmanager
from functools import lru_cache


def _placeholder_cli() -> dict[str, types.ModuleType]:
    cli = types.ModuleType("spacy.cli")
    cli.__path__ = []
    info = types.ModuleType("spacy.cli.info")

    def lazy_info(*args, **kwargs):
        import importlib

        return importlib.import_module("spacy.cli.info").info(*args, **kwargs)

    info.info = lazy_info
    cli.info = info
    return {"spacy.cli": cli, "spacy.cli.info": info}


def import_spacy():
    """The ``spacy`` module (imported once)."""
    mod = sys.modules.get("spacy")
    if mod is not None:
        return mod
    hidden = {} if ("torch" in sys.modules or os.environ.get("LEXBENCH_SPACY_TORCH")) else {"torch": None}
    hidden.update(_placeholder_cli())
    for name, value in hidden.items():
        sys.modules[name] = value  # torch -> None: ``import torch`` raises ImportError, thinc's has_torch = False
    try:
        import spacy
    finally:
        for name, value in hidden.items():
            if sys.modules.get(name, 0) is value:
                del sys.modules[name]
    return spacy


def blank(lang: str):
    """``spacy.blank(lang)``, with its regexes from the compiled-regex cache."""
    spacy = import_spacy()
    with regex_cache(f"spacy-{spacy.__version__}-{lang}"):
        return spacy.blank(lang)


@lru_cache(maxsize=None)
def blank_tokenizer(lang: str):
    """The spaCy tokenizer lexbench's tokenizer reproduces (``pipeline/classify/tokens.py``):
    ``blank(lang)``'s, with em and en dashes always split: statutes glue them to words ("In
    General.—Any person", "that—"), which would hide the actor or the act inside one token."""
    spacy = import_spacy()
    nlp = blank(lang)
    infixes = list(nlp.Defaults.infixes or []) + [r"[\u2014\u2013]"]
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer
    return nlp


def tokenizer_settings(lang: str) -> dict:
    """What ``blank_tokenizer(lang)`` tokenizes by, as plain data: its prefix, suffix and infix
    patterns, token and URL matches ([pattern, flags] or None) and special cases (string ->
    token texts). ``scripts/tokenizer_data.py`` ships them as ``models/tokenizers/<lang>.json.gz``."""
    spacy = import_spacy()
    from spacy.attrs import ORTH

    tok = blank_tokenizer(lang).tokenizer

    def pattern(fn):
        return [fn.__self__.pattern, int(fn.__self__.flags)] if fn is not None else None

    return {"spacy": spacy.__version__, "lang": lang, "prefix": pattern(tok.prefix_search),
            "suffix": pattern(tok.suffix_search), "infix": pattern(tok.infix_finditer),
            "token_match": pattern(tok.token_match), "url_match": pattern(tok.url_match),
            "rules": {text: [t[ORTH] for t in toks] for text, toks in sorted(tok.rules.items())}}


def _cache_file(name: str):
    import _sre

    from pipeline.resources import CACHE_DIR

    build = f"{sys.implementation.cache_tag}-{sys.hexversion:x}-{_sre.MAGIC}"
    return CACHE_DIR / f"regex-{name}-{build}.pickle"


@contextmanager
def regex_cache(name: str):
    """Within the block, ``re.compile`` of a str pattern reuses the compiled code saved by an
    earlier process under ``name`` (and saves what it had to compile, atomically, at the end)."""
    import _sre
    from re import _compiler, _parser

    path = _cache_file(name)
    try:
        with open(path, "rb") as fh:
            saved = pickle.load(fh)
    except Exception:  # absent, unreadable or from another layout: compile as usual
        saved = {}
    new: dict = {}
    original = re._compile

    def compile_cached(pattern, flags):
        flags = flags.value if isinstance(flags, re.RegexFlag) else flags
        if type(pattern) is not str or flags & (re.DEBUG | re.LOCALE | re.TEMPLATE):
            return original(pattern, flags)
        hit = re._cache.get((str, pattern, flags))
        if hit is not None:
            return hit
        entry = saved.get((pattern, flags))
        if entry is None:
            parsed = _parser.parse(pattern, flags)
            index = [None] * parsed.state.groups
            for k, i in parsed.state.groupdict.items():
                index[i] = k
            code = [int(c) for c in _compiler._code(parsed, flags)]  # plain ints (opcodes are int subclasses)
            entry = new[(pattern, flags)] = (int(flags | parsed.state.flags), code,
                                             parsed.state.groups - 1, dict(parsed.state.groupdict), tuple(index))
        compiled = _sre.compile(pattern, *entry)
        if len(re._cache) < re._MAXCACHE:
            re._cache[(str, pattern, flags)] = compiled
        return compiled

    re._compile = compile_cached
    try:
        yield
    finally:
        re._compile = original
    if new:
        try:
            from pipeline.files import atomic_writer

            with atomic_writer(path) as fh:
                pickle.dump({**saved, **new}, fh, protocol=pickle.HIGHEST_PROTOCOL)
        except OSError:  # a read-only data folder: stay correct, just slower next time
            pass
