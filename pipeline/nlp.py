"""spaCy, imported on first use and without what lexbench never uses.

Reads: nothing. Writes: nothing. lexbench uses spaCy's tokenizer (and Matcher) only, yet a
plain ``import spacy`` also pays for:

* torch: thinc imports it whenever it is installed (2.3 CPU-s and ~150 MiB at every start-up
  with the [transformer] extra). It is hidden from thinc while spaCy is first imported (thinc
  then takes its no-torch path, as in the core install); torch stays importable afterwards
  for the transformer classifier. ``LEXBENCH_SPACY_TORCH=1`` lets thinc see it.
* spaCy's command line (typer, weasel, requests), imported by ``spacy/__init__`` only to
  re-export ``spacy.info``. A placeholder stands in during the import and is removed after,
  so ``import spacy.cli`` later loads the real one and ``spacy.info`` still works.
"""
from __future__ import annotations

import os
import sys
import types


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
