#!/usr/bin/env python3
"""freshciv corpus converter: re-derives lexbench statute files from the stored
Ansvar-Systems *-law-mcp seed JSON files (git snapshots under /work/.mirror).

Sources (repo@commit):
  Ansvar-Systems/Hungarian-law-mcp  data/seed/hu-law-2012-100-00-00.json (Btk.)
  Ansvar-Systems/indonesian-law-mcp data/seed/uu-11-2008.json (UU ITE)
  Ansvar-Systems/Haitian-law-mcp    data/seed/code-penal-modern.json (Code pénal)
Layout only: provision texts are copied verbatim; subsections/points are put on
their own lines where the source runs them together (as the official prints do).
"""
import gzip, json, re, subprocess, sys
from pathlib import Path

MIRROR = Path('/work/.mirror')
ROOT = Path(__file__).resolve().parents[2]
ACTS = ROOT / 'corpora' / 'acts'


def git_show(repo, path):
    g = MIRROR / (repo.replace('/', '+')) / 'repo'
    commit = subprocess.check_output(['git', '--git-dir', str(g), 'rev-parse', 'HEAD'], text=True).strip()
    raw = subprocess.check_output(['git', '--git-dir', str(g), 'show', f'HEAD:{path}'])
    return raw, commit


def write(jur, slug, ext, lines, units, src_raw, src_ext, source_format):
    d = ACTS / jur
    d.mkdir(parents=True, exist_ok=True)
    name = f'{slug}.{ext}'
    (d / name).write_text('\n'.join(lines) + '\n', encoding='utf-8')
    st = {'schema': 'lexbench.structure/1', 'text': name, 'source_format': source_format, 'units': units}
    (d / f'{slug}.structure.json').write_text(json.dumps(st, ensure_ascii=False, indent=1) + '\n', encoding='utf-8')
    if src_raw is not None:
        with gzip.open(d / f'{slug}.src.{src_ext}.gz', 'wb') as f:
            f.write(src_raw)
    return name

# ---------------------------------------------------------------- Hungary
ROMAN = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', 'p']


def split_points(text):
    """Split 'chapeau a) ..., b) ...' into [chapeau, 'a) ...', 'b) ...'].
    A label counts only in sequence (a, b, c ...) and when it is not a cross
    reference ('a) pont', 'a)–e) pont')."""
    parts, pos, k = [], 0, 0
    cuts = []
    while k < len(ROMAN):
        lab = ROMAN[k]
        found = None
        for m in re.finditer(r'(?<= )' + lab + r'\) ', text[pos:]):
            st = pos + m.start()
            after = text[st + len(lab) + 2: st + len(lab) + 12]
            if after.startswith('pont'):
                continue
            found = st
            break
        if found is None:
            break
        cuts.append(found)
        pos = found + 2
        k += 1
    if not cuts:
        return [text], []
    out = [text[:cuts[0]].rstrip()]
    labs = []
    for i, c in enumerate(cuts):
        e = cuts[i + 1] if i + 1 < len(cuts) else len(text)
        out.append(text[c:e].rstrip())
        labs.append(ROMAN[i])
    return out, labs


def hu_section_lines(content, sec):
    """Return list of (line_text, unit_kind, num) for one § of the Btk."""
    # subsections: ' (N) ' preceded by end of sentence
    head = f'{sec}. §'
    assert content.startswith(head), (sec, content[:30])
    body = content[len(head):].strip()
    subs = re.split(r'(?:(?<=^)|(?<=[.:;] ))(?=\(\d+[a-z]?\) )', body)
    subs = [s.strip() for s in subs if s.strip()]
    res = []
    first = True
    for s in subs:
        m = re.match(r'\((\d+[a-z]?)\) ', s)
        chunks, labs = split_points(s)
        prefix = head + ' ' if first else ''
        res.append((prefix + chunks[0], 'subsection' if m else None, m.group(1) if m else None, first))
        for ch, lab in zip(chunks[1:], labs):
            res.append((ch, 'paragraph', lab, False))
        first = False
    return res


def build_hu(chapters, title='2012. évi C. törvény a Büntető Törvénykönyvről'):
    raw, commit = git_show('Ansvar-Systems/Hungarian-law-mcp', 'data/seed/hu-law-2012-100-00-00.json')
    d = json.loads(raw)
    out = []
    for chap, slug in chapters:
        provs = [p for p in d['provisions'] if p['chapter'] == chap]
        lines = [title, '', chap, '']
        units = [{'kind': 'chapter', 'num': chap.split('.')[0], 'heading': None, 'parent': None, 'line': 3}]
        for p in provs:
            sec = p['section']
            sec_idx = None
            for (txt, kind, num, first) in hu_section_lines(p['content'], sec):
                ln = len(lines) + 1
                if first:
                    units.append({'kind': 'section', 'num': sec, 'heading': None, 'parent': 0, 'line': ln})
                    sec_idx = len(units) - 1
                if kind == 'subsection':
                    units.append({'kind': 'subsection', 'num': num, 'heading': None, 'parent': sec_idx, 'line': ln})
                    sub_idx = len(units) - 1
                elif kind == 'paragraph':
                    par = sub_idx if any(u['kind'] == 'subsection' and u['parent'] == sec_idx for u in units[sec_idx:]) else sec_idx
                    units.append({'kind': 'paragraph', 'num': num, 'heading': None, 'parent': par, 'line': ln})
                lines.append(txt)
            lines.append('')
        name = write('hu', slug, 'txt', lines, units, None, None, 'other')
        out.append((name, commit, provs[0]['section'], provs[-1]['section']))
    return out, raw, commit


if __name__ == '__main__':
    what = sys.argv[1:] or ['hu']
    if 'hu' in what:
        chapters = [
            ('XVIII. Fejezet', 'hu-btk-2012-fejezet-xviii-szemelyi-szabadsag-hu'),
            ('XIX. Fejezet', 'hu-btk-2012-fejezet-xix-nemi-elet-szabadsaga-hu'),
            ('XX. Fejezet', 'hu-btk-2012-fejezet-xx-gyermekek-erdeke-csalad-hu'),
            ('XXXV. Fejezet', 'hu-btk-2012-fejezet-xxxv-vagyon-elleni-eroszakos-hu'),
            ('XLIII. Fejezet', 'hu-btk-2012-fejezet-xliii-informacios-rendszer-hu'),
        ]
        res, raw, commit = build_hu(chapters)
        with gzip.open(ACTS / 'hu' / 'hu-btk-2012.src.json.gz', 'wb') as f:
            f.write(raw)
        for r in res:
            print(*r)
