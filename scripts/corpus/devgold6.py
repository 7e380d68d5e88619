"""devgold6: render Malta's Kodiċi Kriminali (Kap. 9, Maltese text) from the legislation.mt
extraction kept in Ansvar-Systems/Maltese-law-mcp (data/seed-country/mt-cap-9-mlt.json).

Each provision is printed as "<section>. <content>", content verbatim (it is the official PDF text
as extracted, with the marginal notes and running heads that the extraction interleaves).
usage: python scripts/corpus/devgold6.py <path to mt-cap-9-mlt.json> <out.txt>
"""
import json
import sys


def render(src: str) -> str:
    d = json.load(open(src, encoding="utf-8"))
    out = [d["title"], d["short_name"], ""]
    for p in d["provisions"]:
        out.append(f"{p['section']}. {p['content'].strip()}")
        out.append("")
    return "\n".join(out)


if __name__ == "__main__":
    open(sys.argv[2], "w", encoding="utf-8").write(render(sys.argv[1]))
