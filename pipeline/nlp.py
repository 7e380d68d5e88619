"""spaCy, imported on first use and without torch.

Reads: nothing. Writes: nothing. spaCy's thinc imports torch whenever torch is installed
(2.3 CPU-s and ~150 MiB at every start-up with the [transformer] extra), although lexbench
only uses spaCy's tokenizer and never runs torch through thinc. ``import_spacy()`` hides
torch from thinc while spaCy is first imported (thinc then takes its no-torch path, as in the
core install); torch itself stays importable for the transformer classifier afterwards.
Set ``LEXBENCH_SPACY_TORCH=1`` to let thinc see torch.
"""
from __future__ import annotations

import os
import sys


def import_spacy():
    """The ``spacy`` module (imported once)."""
    mod = sys.modules.get("spacy")
    if mod is not None:
        return mod
    if "torch" in sys.modules or os.environ.get("LEXBENCH_SPACY_TORCH"):
        import spacy

        return spacy
    sys.modules["torch"] = None  # ``import torch`` raises ImportError: thinc's has_torch = False
    try:
        import spacy
    finally:
        if sys.modules.get("torch", 0) is None:
            del sys.modules["torch"]
    return spacy
