"""devgold6: render statutes kept as per-provision JSON by the Ansvar-Systems law MCP repos.

* mt  Malta's Kodiċi Kriminali (Kap. 9, Maltese), Ansvar-Systems/Maltese-law-mcp
      data/seed-country/mt-cap-9-mlt.json: each provision printed as "<section>. <content>".
* pk  Pakistan Penal Code 1860, Ansvar-Systems/Pakistani-law-mcp
      data/seed/0700-pakistan-penal-code-ppc-1860-under-review.json: the repo splits the official PDF
      text into "title" (the first line(s): "Section 1. Title ...") and "content" (the rest); both are
      printed verbatim, title first, as the PDF runs.

Contents are verbatim (official PDF text as the repos extracted it, with marginal notes, footnotes
and running heads interleaved where the extraction put them).
usage: python scripts/corpus/devgold6.py mt|pk <json> <out.txt>
"""
import json
import sys


def render_mt(d: dict) -> str:
    out = [d["title"], d["short_name"], ""]
    for p in d["provisions"]:
        out.append(f"{p['section']}. {p['content'].strip()}")
        out.append("")
    return "\n".join(out)


def render_pk(d: dict) -> str:
    out = [d["title"], ""]
    for p in d["provisions"]:
        out.append(p["title"].rstrip() + "\n" + p["content"].strip())
        out.append("")
    return "\n".join(out)


if __name__ == "__main__":
    kind, src, dst = sys.argv[1:4]
    d = json.load(open(src, encoding="utf-8"))
    text = {"mt": render_mt, "pk": render_pk}[kind](d)
    open(dst, "w", encoding="utf-8").write(text)
