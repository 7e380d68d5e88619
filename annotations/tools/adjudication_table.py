"""Print the A1/A2 kappa table and every disagreement as Markdown (input to ADJUDICATION.md).

Run: .venv/bin/python annotations/tools/adjudication_table.py > /tmp/adj.md
The adjudicator then writes a decision per row into annotations/ADJUDICATION.md and edits
annotations/gold/ accordingly (annotations/first/ and second/ stay as the annotators left them).
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from evaluation.gold import disagreements, kappa_markdown, kappa_report  # noqa: E402


def fmt(labels: dict, because: dict) -> str:
    return "; ".join(f"{c}={v}" + (f" ({because.get(c)})" if because.get(c) else "")
                     for c, v in sorted(labels.items())) or "none"


def main(root: str = str(ROOT / "annotations")) -> None:
    print(kappa_markdown(kappa_report(root)))
    print("| statute | eid | text | A1 | A2 |\n|---|---|---|---|---|")
    for d in disagreements(root):
        text = " ".join(d["text"].split())[:140].replace("|", "/")
        print(f"| {d['statute'].split('/')[-1]} | {d['eid']} | {text} | {fmt(d['A1'], d['A1_because'])} | "
              f"{fmt(d['A2'], d['A2_because'])} |")


if __name__ == "__main__":
    main(*sys.argv[1:])
