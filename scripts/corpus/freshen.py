"""freshen: Jamaican statutes from Ansvar-Systems/Jamaican-law-mcp (data/seed/*.json).

The seed files hold the OCR text of the Laws of Jamaica PDFs (laws.moj.gov.jm), split by a
scraper into 'provisions'. The split is not reliable (several sections run together, marginal
notes interleave, arrangement fragments appear), so no structure file is derived; the text is the
concatenation of the provision contents in the seed's order, verbatim, under the title line.

Usage: python3 scripts/corpus/freshen.py [--check]
"""
import gzip, json, subprocess, sys, pathlib

REPO = "/work/.mirror/Ansvar-Systems+Jamaican-law-mcp/repo"
ROOT = pathlib.Path(__file__).resolve().parents[2]

SEEDS = {
    "jm-child-pornography-prevention-act-en": "0612-jm-stat-the-child-pornography-prevention-act",
    "jm-sexual-offences-act-en": "1112-jm-stat-the-sexual-offences-act",
    "jm-offences-against-the-person-act-en": "0977-jm-stat-the-offences-against-the-person-act",
    "jm-obscene-publications-suppression-of-act-en": "0975-jm-stat-the-obscene-publications-suppression-of-act",
    "jm-child-care-and-protection-act-en": "0610-jm-stat-the-child-care-and-protection-act",
    "jm-larceny-act-en": "0864-jm-stat-the-larceny-act",
    "jm-post-office-act-en": "1027-jm-stat-the-post-office-act",
    "jm-domestic-violence-act-en": "0694-jm-stat-the-domestic-violence-act",
    "jm-cinematograph-act-en": "0615-jm-stat-the-cinematograph-act",
    "jm-towns-and-communities-act-en": "1150-jm-stat-the-towns-and-communities-act",
}


def git_show(path):
    return subprocess.run(["git", "--git-dir", REPO, "show", "HEAD:" + path],
                          check=True, capture_output=True).stdout


def render(d):
    parts = [d["title"]]
    for p in d["provisions"]:
        c = p["content"].rstrip()
        if c.strip():
            parts.append(c)
    return "\n\n".join(parts) + "\n"


META = {
    "jm-child-pornography-prevention-act-en": ("The Child Pornography (Prevention) Act", "Act 13 of 2009 (Laws of Jamaica)"),
    "jm-sexual-offences-act-en": ("The Sexual Offences Act", "Act 12 of 2009 (Laws of Jamaica)"),
    "jm-offences-against-the-person-act-en": ("The Offences Against the Person Act", "Offences Against the Person Act (Laws of Jamaica)"),
    "jm-obscene-publications-suppression-of-act-en": ("The Obscene Publications (Suppression of) Act", "Obscene Publications (Suppression of) Act (Laws of Jamaica)"),
    "jm-child-care-and-protection-act-en": ("The Child Care and Protection Act", "Child Care and Protection Act (Laws of Jamaica)"),
    "jm-larceny-act-en": ("The Larceny Act", "Larceny Act (Laws of Jamaica)"),
    "jm-post-office-act-en": ("The Post Office Act", "Post Office Act (Laws of Jamaica)"),
    "jm-domestic-violence-act-en": ("The Domestic Violence Act", "Domestic Violence Act (Laws of Jamaica)"),
    "jm-cinematograph-act-en": ("The Cinematograph Act", "Cinematograph Act (Laws of Jamaica)"),
    "jm-towns-and-communities-act-en": ("The Towns and Communities Act", "Towns and Communities Act (Laws of Jamaica)"),
}
HEADER = "path\tjurisdiction\tlanguage\ttitle\tcitation\tsource_url\tcompleteness\tnotes\tversion_date\tlicence\trepo\trepo_path\tcommit\tstructure\ttradition\tkind"
NOTE = ("OCR text of the consolidated Laws of Jamaica print (pages 'authorized by L.N. ...') as split into "
        "sections by the Ansvar-Systems Jamaican-law-mcp scraper, concatenated verbatim in the seed's order under the "
        "title line; OCR errors, marginal notes, running heads and stray arrangement-of-sections lines retained; "
        "some sections run together or are missing (e.g. s.1, arrangement), so completeness is partial and no "
        "structure truth is derived (the seed's section split is not reliable)")


def manifest(commit):
    rows = [HEADER]
    for slug, seed in SEEDS.items():
        title, cit = META[slug]
        d = json.loads(git_show(f"data/seed/{seed}.json"))
        rows.append("\t".join([f"acts/jm/{slug}.txt", "JM", "en", title, cit, d["url"], "partial", NOTE,
                               "unknown (consolidation; pages authorized by L.N. 123/2011 or earlier)",
                               "Government of Jamaica publication (laws.moj.gov.jm); repo Apache-2.0",
                               "Ansvar-Systems/Jamaican-law-mcp", f"data/seed/{seed}.json", commit, "",
                               "common-law-commonwealth", "act"]))
    out = ROOT / "corpora" / "manifests"
    out.mkdir(parents=True, exist_ok=True)
    (out / "freshen.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")


def main():
    out = ROOT / "corpora" / "acts" / "jm"
    out.mkdir(parents=True, exist_ok=True)
    for slug, seed in SEEDS.items():
        raw = git_show(f"data/seed/{seed}.json")
        d = json.loads(raw)
        (out / f"{slug}.txt").write_text(render(d), encoding="utf-8")
        with gzip.GzipFile(out / f"{slug}.src.json.gz", "wb", mtime=0) as g:
            g.write(raw)
        print(slug, len(d["provisions"]), len(render(d)))
    commit = subprocess.run(["git", "--git-dir", REPO, "rev-parse", "HEAD"], check=True,
                            capture_output=True, text=True).stdout.strip()
    manifest(commit)


if __name__ == "__main__":
    main()
