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


# Structure truth read by hand from the rendered text (the seed's own section split is not
# reliable): "kind num line parent-index" per unit, in document order. Numbers are the ones of
# the official print where the OCR garbled them (e.g. "(6)" printed for "(b)", "41)" for "(1)";
# s.5's penalty subsection, OCR'd "(4)", is (5)); the arrangement line "13. Power to amend
# penalties." at the end is not a unit (the body of s.13 is not in the source).
STRUCTURE = {
    "jm-child-pornography-prevention-act-en": """section 2 3 -
subsection 1 3 0
paragraph a 7 1
subparagraph i 9 2
subparagraph ii 13 2
subparagraph iii 16 2
paragraph b 19 1
paragraph c 23 1
paragraph a 27 1
paragraph b 30 1
subparagraph i 33 9
subparagraph ii 37 9
paragraph c 39 1
paragraph d 43 1
paragraph e 44 1
paragraph f 45 1
paragraph a 47 1
paragraph b 49 1
paragraph c 50 1
paragraph d 51 1
subsection 2 53 0
section 3 64 -
subsection 1 64 21
subsection 2 69 21
subsection 3 73 21
section 4 78 -
subsection 1 78 25
paragraph a 80 26
paragraph b 82 26
paragraph c 83 26
paragraph d 87 26
subsection 2 89 25
subsection 3 93 25
paragraph a 94 32
paragraph b 98 32
section 5 104 -
subsection 1 104 35
subsection 2 109 35
subsection 3 112 35
subsection 4 116 35
paragraph a 118 39
paragraph b 122 39
subparagraph i 126 41
subparagraph ii 128 41
clause A 129 43
clause B 132 43
paragraph c 139 39
subsection 5 142 35
section 6 147 -
subsection 1 147 48
subsection 2 155 48
paragraph a 159 50
paragraph b 160 50
subsection 3 164 48
section 7 168 -
section 8 175 -
subsection 1 175 55
subsection 2 184 55
paragraph a 187 57
paragraph b 188 57
paragraph c 190 57
subsection 3 193 55
paragraph a 194 61
paragraph b 196 61
paragraph c 197 61
paragraph d 200 61
subsection 4 203 55
section 9 206 -
subsection 1 206 67
subsection 2 211 67
paragraph a 215 69
paragraph b 217 69
subsection 3 220 67
subsection 4 224 67
subsection 5 228 67
subsection 6 234 67
paragraph a 236 75
paragraph b 238 75
subsection 7 240 67
section 10 246 -
paragraph a 249 79
paragraph b 251 79
section 11 253 -
subsection 1 253 82
paragraph a 255 83
paragraph b 261 83
subsection 2 263 82
subsection 3 268 82
paragraph a 270 87
paragraph b 272 87
paragraph c 273 87
paragraph d 274 87
paragraph e 275 87
paragraph f 276 87
paragraph g 282 87
subparagraph i 284 94
subparagraph ii 285 94
subsection 4 290 82
section 12 296 -
subsection 1 296 98
subsection 2 298 98""",
    # Cinematograph Act: paragraphs 5-10 of the Schedule (constitution of the Authority) are
    # printed between ss.7 and 8 in the source's page order; they are units without a parent
    # (the Schedule heading comes later and is not a numbered unit); Schedule paras 1-4 are absent.
    "jm-cinematograph-act-en": """section 1 3 -
section 2 6 -
section 3 13 -
subsection 1 13 2
subsection 2 16 2
section 4 22 -
subsection 1 22 5
subsection 2 31 5
subsection 3 37 5
section 5 54 -
section 6 67 -
section 7 74 -
subsection 1 74 11
subsection 2 90 11
paragraph 5 94 -
subparagraph 1 94 14
subparagraph 2 101 14
paragraph 6 105 -
paragraph 7 108 -
paragraph 8 112 -
subparagraph 1 112 19
subparagraph 2 116 19
subparagraph 3 123 19
subparagraph 4 126 19
subparagraph 5 128 19
paragraph 9 131 -
paragraph 10 135 -
section 8 140 -
section 9 154 -
paragraph a 157 28
paragraph b 159 28
paragraph c 161 28
section 10 167 -
paragraph a 170 32
paragraph b 172 32
section 11 180 -
subsection 1 180 35
subsection 2 184 35
subsection 3 190 35
subsection 4 193 35
section 12 196 -
section 13 209 -
section 14 213 -""",
    # Domestic Violence Act: s.9 is absent from the source; "6 . Duration ...", "12. Power of
    # Court ...", "22. Rules of Court." and the second Part III heading are arrangement lines (not
    # units); the Part I heading is printed last (title page), after ss.1-2, so it has no children.
    "jm-domestic-violence-act-en": """section 1 3 -
section 2 5 -
subsection 1 5 1
paragraph a 11 2
paragraph b 16 2
paragraph c 21 2
subparagraph i 24 5
subparagraph ii 26 5
subparagraph iii 28 5
paragraph a 35 2
paragraph b 39 2
paragraph a 63 2
paragraph b 65 2
paragraph c 67 2
paragraph a 73 2
paragraph b 75 2
paragraph c 76 2
paragraph d 77 2
paragraph e 78 2
part II 79 -
section 3 81 19
subsection 1 81 20
subsection 2 85 20
paragraph a 88 22
paragraph b 91 22
subparagraph i 93 24
subparagraph ii 95 24
subparagraph iii 96 24
subparagraph iv 97 24
subparagraph v 100 24
paragraph c 102 22
subsection 3 109 20
paragraph a 112 31
paragraph b 113 31
subsection 4 115 20
paragraph a 118 34
subparagraph i 119 35
subparagraph ii 120 35
paragraph b 122 34
section 4 125 19
subsection 1 125 39
paragraph a 129 40
paragraph b 131 40
paragraph c 135 40
paragraph d 137 40
paragraph e 138 40
subparagraph i 139 45
subparagraph ii 142 45
subparagraph iii 144 45
subparagraph iv 146 45
subparagraph v 151 45
subsection 2 156 39
paragraph a 158 51
paragraph b 161 51
subsection 3 163 39
paragraph a 169 54
paragraph b 170 54
subsection 4 173 39
subsection 5 176 39
paragraph a 181 58
paragraph b 183 58
section 5 191 19
subsection 1 191 61
paragraph a 194 62
paragraph b 195 62
subsection 2 201 61
subsection 3 205 61
subsection 4 209 61
paragraph a 211 67
paragraph b 213 67
paragraph c 215 67
subsection 5 217 61
paragraph a 218 71
paragraph b 221 71
paragraph c 226 71
section 6 229 19
subsection 1 229 75
subsection 2 233 75
subsection 3 237 75
section 7 241 19
subsection 1 241 79
subsection 2 247 79
subsection 3 253 79
paragraph a 255 82
paragraph b 257 82
section 8 264 19
subsection 1 264 85
paragraph a 268 86
paragraph b 270 86
subsection 2 273 85
subsection 3 276 85
subsection 4 281 85
paragraph a 285 91
paragraph b 286 91
subsection 5 288 85
section 10 293 19
paragraph a 296 95
paragraph b 298 95
section 11 300 19
subsection 1 300 98
subsection 2 305 98
section 12 309 19
subsection 1 309 101
paragraph a 313 102
paragraph b 314 102
paragraph c 316 102
subsection 2 320 101
part III 325 -
section 13 330 107
subsection 1 330 108
subsection 2 336 108
subsection 3 342 108
paragraph a 344 111
paragraph b 345 111
paragraph c 347 111
subsection 4 349 108
subsection 5 355 108
section 14 361 107
subsection 1 361 117
paragraph a 365 118
paragraph b 366 118
paragraph c 367 118
paragraph d 368 118
paragraph e 369 118
subsection 2 371 117
subsection 3 373 117
section 15 376 107
section 16 383 107
subsection 1 383 127
subsection 2 388 127
subsection 3 391 127
paragraph a 392 130
paragraph b 396 130
subsection 4 398 127
paragraph a 400 133
paragraph b 402 133
section 17 407 107
section 18 411 107
section 19 415 107
subsection 1 415 138
paragraph a 416 139
paragraph b 417 139
subsection 2 421 138
section 20 430 107
subsection 1 430 143
subsection 2 439 143
section 21 444 107
section 22 448 107
part I 466 -""",
    "jm-obscene-publications-suppression-of-act-en": """section 1 3 -
section 2 6 -
paragraph a 7 1
paragraph b 13 1
paragraph c 18 1
paragraph d 24 1
section 3 38 -""",
}


def structure(slug):
    units = []
    for row in STRUCTURE[slug].splitlines():
        kind, num, line, parent = row.split()
        units.append({"kind": kind, "num": num, "heading": None,
                      "parent": None if parent == "-" else int(parent), "line": int(line)})
    return {"schema": "lexbench.structure/1", "text": f"{slug}.txt", "source_format": "other", "units": units}


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
        note = NOTE
        if slug in STRUCTURE:
            note = NOTE.replace("no structure truth is derived (the seed's section split is not reliable)",
                                "the structure truth was read by hand from the rendered text (the seed's section split is not reliable)")
        rows.append("\t".join([f"acts/jm/{slug}.txt", "JM", "en", title, cit, d["url"], "partial", note,
                               "unknown (consolidation; pages authorized by L.N. 123/2011 or earlier)",
                               "Government of Jamaica publication (laws.moj.gov.jm); repo Apache-2.0",
                               "Ansvar-Systems/Jamaican-law-mcp", f"data/seed/{seed}.json", commit,
                               f"acts/jm/{slug}.structure.json" if slug in STRUCTURE else "",
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
        if slug in STRUCTURE:
            (out / f"{slug}.structure.json").write_text(json.dumps(structure(slug), indent=1) + "\n", encoding="utf-8")
        print(slug, len(d["provisions"]), len(render(d)))
    commit = subprocess.run(["git", "--git-dir", REPO, "rev-parse", "HEAD"], check=True,
                            capture_output=True, text=True).stdout.strip()
    manifest(commit)


if __name__ == "__main__":
    main()
