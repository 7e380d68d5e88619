"""devgold6: render statutes kept as per-provision JSON by the Ansvar-Systems law MCP repos.

* mt  Malta's Kodiċi Kriminali (Kap. 9, Maltese), Ansvar-Systems/Maltese-law-mcp
      data/seed-country/mt-cap-9-mlt.json: each provision printed as "<section>. <content>".
* pk  Pakistan Penal Code 1860, Ansvar-Systems/Pakistani-law-mcp
      data/seed/0700-pakistan-penal-code-ppc-1860-under-review.json: the repo splits the official PDF
      text into "title" (the first line(s): "Section 1. Title ...") and "content" (the rest); both are
      printed verbatim, title first, as the PDF runs.

Contents are verbatim (official PDF text as the repos extracted it, with marginal notes, footnotes
and running heads interleaved where the extraction put them).
* bd  Bangladesh Acts in Bangla from bdlaws (Ansvar-Systems/Bangladeshi-law-mcp data/seed/<n>-act-<id>.json):
      the act title, then chapter headings (when the repo gives them) and per section its marginal heading (the repo's "title" without the ASCII
      number it prefixes) on its own line and the section text ("২৫। (১) ...") verbatim.
* nz  New Zealand Acts (Ansvar-Systems/newzealand-law-mcp data/seed/<act>.json, text from
      legislation.govt.nz as flattened by the repo): per section "<number> <heading>" on one line,
      then the section text verbatim (subsection and paragraph numbers run inline as the repo has them).
usage: python scripts/corpus/devgold6.py mt|pk|bd|nz <json> <out.txt>
"""
import json
import re
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


def render_bd(d: dict) -> str:
    out = [d["title"], ""]
    chapter = None
    for p in d["provisions"]:
        if p.get("chapter") and p["chapter"] != chapter:
            chapter = p["chapter"]
            out.append(chapter)
            out.append("")
        out.append(re.sub(r"^\d+[A-Za-z]*\. ", "", p["title"]).strip())
        out.append(p["content"].strip())
        out.append("")
    return "\n".join(out)



def render_nz(d: dict) -> str:
    out = [d["title"], ""]
    for p in d["provisions"]:
        out.append((p["section"] + " " + (p.get("title") or "")).rstrip())
        out.append(p["content"].strip())
        out.append("")
    return "\n".join(out)


if __name__ == "__main__":
    kind, src, dst = sys.argv[1:4]
    d = json.load(open(src, encoding="utf-8"))
    text = {"mt": render_mt, "pk": render_pk, "bd": render_bd, "nz": render_nz}[kind](d)
    open(dst, "w", encoding="utf-8").write(text)
