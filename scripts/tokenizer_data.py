#!/usr/bin/env python3
"""Write models/tokenizers/<lang>.json.gz: what spaCy's blank tokenizer of each language the rules
read splits words by (``pipeline.nlp.tokenizer_settings``), for ``pipeline/classify/tokens.py``.

    python scripts/tokenizer_data.py            # every language, after a spaCy upgrade

tests/classify/test_tokens.py fails when the files differ from what the installed spaCy gives.
"""
from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.classify.tokens import LANGS, Tokenizer, phrase_rules  # noqa: E402
from pipeline.nlp import tokenizer_settings  # noqa: E402


def settings(lang: str) -> dict:
    data = tokenizer_settings(lang)
    data["phrases"] = phrase_rules(Tokenizer(data))
    return data


def main() -> None:
    out = ROOT / "models" / "tokenizers"
    out.mkdir(exist_ok=True)
    for lang in sorted(LANGS | {"xx"}):
        raw = json.dumps(settings(lang), ensure_ascii=False, sort_keys=True, indent=0).encode("utf-8")
        with open(out / f"{lang}.json.gz", "wb") as fh, gzip.GzipFile(fileobj=fh, mode="wb", mtime=0) as gz:
            gz.write(raw)
        print(lang, len(raw), file=sys.stderr)


if __name__ == "__main__":
    main()
