"""pipeline/nlp.py: spaCy's blank pipelines with their regexes from the compiled-regex cache."""
from __future__ import annotations

import re
from pathlib import Path

from pipeline import nlp

ROOT = Path(__file__).resolve().parent.parent

PATTERNS = [
    (r"(?<![\w])(?:child[\s\-\u2010]*porn(?:ography)?)(?![\w])", re.I),
    (r"(?P<num>\d+)\.(?P<sub>[a-z])?", 0),
    (r"[^\W\d_]+(?:'[^\W\d_]+)?", re.U),
    (r"^\s*(?:Art(?:icle)?\.?\s*)(\d+[a-z]*)", re.M | re.I),
    (r"[\u00C0-\u024F\u1E00-\u1EFFa-z]{3,}-(?:t-)?(?:il|elle|on)\b", re.I),
]
TEXT = "Art. 12b Child-pornography, l'enfant a-t-il 3.c? CHILD PORN childporn é-t-elle\nArticle 7 x"


def _use(compiled) -> tuple:
    return (compiled.pattern, compiled.flags, compiled.groups, dict(compiled.groupindex),
            [m.span() for m in compiled.finditer(TEXT)], compiled.sub("#", TEXT))


def test_regex_cache_rebuilds_the_same_patterns(tmp_path, monkeypatch):
    monkeypatch.setattr("pipeline.resources.CACHE_DIR", tmp_path)
    want = []
    for p, f in PATTERNS:
        re.purge()
        want.append(_use(re.compile(p, f)))
    for _ in range(2):  # first: compiled and saved; second: rebuilt from the file
        re.purge()
        with nlp.regex_cache("test"):
            got = [_use(re.compile(p, f)) for p, f in PATTERNS]
        assert got == want
    assert len(list(tmp_path.glob("regex-test-*.pickle"))) == 1
    re.purge()


def test_blank_tokenizes_like_spacy_blank(tmp_path, monkeypatch):
    monkeypatch.setattr("pipeline.resources.CACHE_DIR", tmp_path)
    spacy = nlp.import_spacy()
    text = "L'auteur d'une infraction—c.-à-d. celui qui produit (art. 227-23) des images—est puni."
    want = [t.text for t in spacy.blank("fr")(text)]
    for _ in range(2):
        re.purge()
        assert [t.text for t in nlp.blank("fr")(text)] == want
    assert list(tmp_path.glob("regex-spacy-*-fr-*.pickle"))


def test_import_spacy_hides_torch_and_the_cli_only_while_importing():
    import subprocess
    import sys

    code = ("import sys\nfrom pipeline.nlp import import_spacy\nsp = import_spacy()\n"
            "assert 'requests' not in sys.modules and 'typer' not in sys.modules\n"
            "assert 'spacy.cli' not in sys.modules and sys.modules.get('torch', 0) is not None\n"
            "import spacy.cli\nassert callable(spacy.cli.download) and callable(sp.info)\n"
            "import importlib.util\n"
            "if importlib.util.find_spec('torch'):\n"
            "    import torch, thinc.compat\n"
            "    assert torch.zeros(2).sum().item() == 0 and not thinc.compat.has_torch\n"
            "print('ok')\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.stdout.strip() == "ok", out.stderr[-2000:]
