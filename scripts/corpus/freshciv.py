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
import gzip, json, re, sys
from pathlib import Path

from collect_lib import git_show, write_statute as write  # scripts/corpus/collect_lib.py

ROOT = Path(__file__).resolve().parents[2]
ACTS = ROOT / 'corpora' / 'acts'


# ---------------------------------------------------------------- Hungary
ROMAN = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', 'p']


def split_points(text):
    """Split 'chapeau a) ..., b) ...' into [chapeau, 'a) ...', 'b) ...'].
    A label counts only in sequence (a, b, c ...) and when it is not a cross
    reference ('a) pont', 'a)–e) pont')."""
    pos, k = 0, 0
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
        name = write('hu', slug, lines, units, None, None, 'other')
        out.append((name, commit, provs[0]['section'], provs[-1]['section']))
    return out, raw, commit



# ---------------------------------------------------------------- Indonesia
def seq_split(text, labels, fmt, guard=None):
    """Cut text before consecutive list labels (fmt % label), in order."""
    cuts, pos = [], 0
    for lab in labels:
        pat = re.compile(r'(?<=[ :;])' + re.escape(fmt % lab) + r' ')
        found = None
        for m in pat.finditer(text, pos):
            if guard and guard(text, m.start()):
                continue
            found = m.start()
            break
        if found is None:
            break
        cuts.append(found)
        pos = found + 1
    if len(cuts) < 2:      # a single label is not a list
        return [text], []
    out = [text[:cuts[0]].rstrip()]
    for i, c in enumerate(cuts):
        e = cuts[i + 1] if i + 1 < len(cuts) else len(text)
        out.append(text[c:e].rstrip())
    return out, [labels[i] for i in range(len(cuts))]


def build_id():
    raw, commit = git_show('Ansvar-Systems/indonesian-law-mcp', 'data/seed/uu-11-2008.json')
    d = json.loads(raw)
    lines = ['UNDANG-UNDANG REPUBLIK INDONESIA', 'NOMOR 11 TAHUN 2008', 'TENTANG',
             'INFORMASI DAN TRANSAKSI ELEKTRONIK', '']
    lines = [d['title'], '']
    units = []
    chap_idx = None
    cur_chap = None
    letters = list('abcdefghijklmnopqrstuvwxyz')
    nums = [str(i) for i in range(1, 60)]
    for p in d['provisions']:
        if p['chapter'] != cur_chap:
            cur_chap = p['chapter']
            m = re.match(r'BAB ([IVXLC]+)', cur_chap)
            lines.append(cur_chap)
            units.append({'kind': 'chapter', 'num': m.group(1), 'heading': cur_chap.split(' - ', 1)[1] if ' - ' in cur_chap else None,
                          'parent': None, 'line': len(lines)})
            chap_idx = len(units) - 1
            lines.append('')
        c = p['content']
        m = re.match(r'(Pasal (\d+[A-Z]?)\.) ?(.*)$', c, re.S)
        assert m, c[:40]
        lines.append(m.group(1))
        units.append({'kind': 'article', 'num': m.group(2), 'heading': None, 'parent': chap_idx, 'line': len(lines)})
        art_idx = len(units) - 1
        body = m.group(3)
        ayat = re.split(r'(?:(?<=^)|(?<=[.:;] ))(?=\(\d+[a-z]?\) )', body)
        ayat = [a for a in ayat if a.strip()]
        for a in ayat:
            ma = re.match(r'\((\d+[a-z]?)\) ', a)
            parent = art_idx
            chunks, labs = seq_split(a.strip(), letters, '%s.')
            kind = 'point'
            if not labs:
                chunks, labs = seq_split(a.strip(), nums, '%s.')
            lines.append(chunks[0])
            if ma:
                units.append({'kind': 'paragraph', 'num': ma.group(1), 'heading': None, 'parent': art_idx, 'line': len(lines)})
                parent = len(units) - 1
            for ch, lab in zip(chunks[1:], labs):
                lines.append(ch)
                units.append({'kind': kind, 'num': lab, 'heading': None, 'parent': parent, 'line': len(lines)})
        lines.append('')
    slug = 'id-uu-11-2008-informasi-dan-transaksi-elektronik-id'
    name = write('id', slug, lines, units, raw, 'json', 'other')
    return name, commit


# ---------------------------------------------------------------- Haiti
HEAD_RE = re.compile(r"^(TITRE|CHAPITRE|SECTION|DISPOSITION|[IVX]+l?\.|Il\.|Ill\.)\b")


def trailing_headings(content):
    ls = content.split('\n')
    k = len(ls)
    while k > 0:
        l = ls[k - 1].strip()
        letters = [ch for ch in l if ch.isalpha()]
        if l and letters and sum(ch.isupper() for ch in letters) / len(letters) > 0.8 and not l.startswith('Art'):
            k -= 1
            continue
        if l.startswith('(Les articles'):
            k -= 1
            continue
        break
    return ls[:k], ls[k:]


def build_ht(first_ref_idx, last_ref_idx, slug):
    raw, commit = git_show('Ansvar-Systems/Haitian-law-mcp', 'data/seed/code-penal-modern.json')
    d = json.loads(raw)
    ps = d['provisions']
    lines = [d['title'], '']
    _, lead = trailing_headings(ps[first_ref_idx - 1]['content'])
    lines += lead
    for i in range(first_ref_idx, last_ref_idx + 1):
        c = ps[i]['content']
        if i == last_ref_idx:
            c = '\n'.join(trailing_headings(c)[0])
        lines += c.split('\n')
    units = []
    ctx = {'title': None, 'chapter': None, 'section': None, 'division': None, 'article': None}
    for n, l in enumerate(lines, 1):
        s = l.strip()
        m = re.match(r'^TITRE (\S+)', s)
        if m:
            units.append({'kind': 'title', 'num': m.group(1), 'heading': None, 'parent': None, 'line': n})
            ctx.update(title=len(units) - 1, chapter=None, section=None, division=None, article=None); continue
        m = re.match(r'^CHAPITRE (\S+?)(?: - (.*))?$', s)
        if m:
            units.append({'kind': 'chapter', 'num': m.group(1), 'heading': m.group(2), 'parent': ctx['title'], 'line': n})
            ctx.update(chapter=len(units) - 1, section=None, division=None, article=None); continue
        m = re.match(r'^SECTION ([IVX]+(?: BIS)?)\s*[-—.]?\s*(.*)$', s)
        if m:
            par = ctx['chapter'] if ctx['chapter'] is not None else ctx['title']
            units.append({'kind': 'section', 'num': m.group(1), 'heading': m.group(2) or None, 'parent': par, 'line': n})
            ctx.update(section=len(units) - 1, division=None, article=None); continue
        m = re.match(r'^(I|Il|Ill|II|III|IV)\. ([A-Z].*)$', s)
        if m and m.group(2).upper() == m.group(2):
            num = m.group(1)  # as printed (OCR: 'Il' for II, 'Ill' for III)
            units.append({'kind': 'division', 'num': num, 'heading': m.group(2), 'parent': ctx['section'], 'line': n})
            ctx.update(division=len(units) - 1, article=None); continue
        m = re.match(r'^Art\.? (\d+(?:-\d+)?(?: bis| ter)?)\.?-?', s)
        if m:
            par = ctx['division'] if ctx['division'] is not None else ctx['section']
            if par is None:
                par = ctx['chapter']
            units.append({'kind': 'article', 'num': m.group(1), 'heading': None, 'parent': par, 'line': n})
            ctx['article'] = len(units) - 1; continue
        m = re.match(r'^(\d+)°\)', s)
        if m and ctx['article'] is not None:
            units.append({'kind': 'point', 'num': m.group(1) + '°', 'heading': None, 'parent': ctx['article'], 'line': n})
    name = write('ht', slug, lines, units, None, None, 'other')
    return name, commit, raw


# ---------------------------------------------------------------- Indonesia (mblonyox/data-peraturan)
def build_id_md(path, slug):
    """Copy the repo's full-text Markdown verbatim and derive structure truth from its lines."""
    raw, commit = git_show('mblonyox/data-peraturan', path)
    text = raw.decode('utf-8')
    name = f'{slug}.md'
    d = ACTS / 'id'
    d.mkdir(parents=True, exist_ok=True)
    (d / name).write_text(text, encoding='utf-8')
    units = []
    chap = part = art = ayat = None
    in_body = False
    for n, line in enumerate(text.split('\n'), 1):
        s = line.strip()
        if 'PENJELASAN' in s:
            break  # the elucidation repeats Pasal numbers: not units of the enacted text
        m = re.match(r'^BAB ([IVXLC]+[A-Z]?)\b\s*(.*)$', s)
        if m:
            units.append({'kind': 'chapter', 'num': m.group(1), 'heading': m.group(2) or None, 'parent': None, 'line': n})
            chap, part, art, ayat = len(units) - 1, None, None, None
            in_body = True
            continue
        m = re.match(r'^Bagian (\S+)\s*(.*)$', s)
        if m and in_body:
            units.append({'kind': 'part', 'num': m.group(1), 'heading': m.group(2) or None, 'parent': chap, 'line': n})
            part, art, ayat = len(units) - 1, None, None
            continue
        m = re.match(r'^Pasal (\d+[A-Z]?|[IVX]+)$', s)
        if m:
            par = part if part is not None else chap
            units.append({'kind': 'article', 'num': m.group(1), 'heading': None, 'parent': par, 'line': n})
            art, ayat = len(units) - 1, None
            in_body = True
            continue
        if art is None:
            continue
        m = re.match(r'^\((\d+[a-z]?)\) ', s)
        if m:
            units.append({'kind': 'paragraph', 'num': m.group(1), 'heading': None, 'parent': art, 'line': n})
            ayat = len(units) - 1
            continue
        m = re.match(r'^([a-z]|\d+)\. ', s)
        if m:
            units.append({'kind': 'point', 'num': m.group(1), 'heading': None, 'parent': ayat if ayat is not None else art, 'line': n})
    st = {'schema': 'lexbench.structure/1', 'text': name, 'source_format': 'markdown', 'units': units}
    (d / f'{slug}.structure.json').write_text(json.dumps(st, ensure_ascii=False, indent=1) + '\n', encoding='utf-8')
    return name, commit, len(units)


ID_MD = [
    ('uu/2008/44.md', 'id-uu-44-2008-pornografi-id'),
    ('uu/2022/12.md', 'id-uu-12-2022-tindak-pidana-kekerasan-seksual-id'),
]


def build_id_md_extract(path, first_line, last_line, slug):
    """Copy a line range (whole chapters) of a repo Markdown verbatim, then derive structure."""
    raw, commit = git_show('mblonyox/data-peraturan', path)
    lines = raw.decode('utf-8').split('\n')[first_line - 1:last_line]
    head = 'UNDANG-UNDANG REPUBLIK INDONESIA NOMOR 1 TAHUN 2023 TENTANG KITAB UNDANG-UNDANG HUKUM PIDANA'
    text = head + '\n\n' + '\n'.join(lines).rstrip('\n') + '\n'
    tmp = ACTS / 'id' / f'{slug}.md'
    tmp.write_text(text, encoding='utf-8')
    units = []
    chap = part = para_ = art = ayat = None
    for n, line in enumerate(text.split('\n'), 1):
        s = line.strip()
        m = re.match(r'^BAB ([IVXLC]+)$', s)
        if m:
            units.append({'kind': 'chapter', 'num': m.group(1), 'heading': None, 'parent': None, 'line': n})
            chap, part, para_, art, ayat = len(units) - 1, None, None, None, None; continue
        m = re.match(r'^Bagian (\S+)$', s)
        if m:
            units.append({'kind': 'part', 'num': m.group(1), 'heading': None, 'parent': chap, 'line': n})
            part, para_, art, ayat = len(units) - 1, None, None, None; continue
        m = re.match(r'^Paragraf (\d+)$', s)
        if m:
            units.append({'kind': 'subpart', 'num': m.group(1), 'heading': None, 'parent': part, 'line': n})
            para_, art, ayat = len(units) - 1, None, None; continue
        m = re.match(r'^Pasal (\d+[A-Z]?)$', s)
        if m:
            par = para_ if para_ is not None else (part if part is not None else chap)
            units.append({'kind': 'article', 'num': m.group(1), 'heading': None, 'parent': par, 'line': n})
            art, ayat = len(units) - 1, None; continue
        if art is None:
            continue
        m = re.match(r'^\((\d+)\) ', s)
        if m:
            units.append({'kind': 'paragraph', 'num': m.group(1), 'heading': None, 'parent': art, 'line': n})
            ayat = len(units) - 1; continue
        m = re.match(r'^([a-z])\. ', s)
        if m:
            units.append({'kind': 'point', 'num': m.group(1), 'heading': None, 'parent': ayat if ayat is not None else art, 'line': n})
    st = {'schema': 'lexbench.structure/1', 'text': tmp.name, 'source_format': 'markdown', 'units': units}
    (ACTS / 'id' / f'{slug}.structure.json').write_text(json.dumps(st, ensure_ascii=False, indent=1) + '\n', encoding='utf-8')
    return tmp.name, commit, len(units)


ID_KUHP = [
    ('uu/2023/1.md', 5425, 5720, 'id-kuhp-2023-bab-xv-tindak-pidana-kesusilaan-id'),
    ('uu/2023/1.md', 6606, 6651, 'id-kuhp-2023-bab-xxv-pemerasan-dan-pengancaman-id'),
]


# (first index, last index) into the seed's provision list (code-penal-modern.json)
HT_FILES = [
    (235, 242, 'ht-code-penal-1835-livre-iii-titre-i-ch-iii-section-v-ecrits-images-fr'),
    (247, 331, 'ht-code-penal-1835-livre-iii-titre-ii-ch-i-crimes-delits-contre-les-personnes-fr'),
    (332, 341, 'ht-code-penal-1835-livre-iii-titre-ii-ch-ii-section-i-vols-fr'),
]

if __name__ == '__main__':
    what = sys.argv[1:] or ['hu']
    if 'hu' in what:
        chapters = [
            ('XVIII. Fejezet', 'hu-btk-2012-fejezet-xviii-szemelyi-szabadsag-hu'),
            ('XIX. Fejezet', 'hu-btk-2012-fejezet-xix-nemi-elet-szabadsaga-hu'),
            ('XX. Fejezet', 'hu-btk-2012-fejezet-xx-gyermekek-erdeke-csalad-hu'),
            ('XXI. Fejezet', 'hu-btk-2012-fejezet-xxi-emberi-meltosag-alapveto-jogok-hu'),
            ('XXXV. Fejezet', 'hu-btk-2012-fejezet-xxxv-vagyon-elleni-eroszakos-hu'),
            ('XLIII. Fejezet', 'hu-btk-2012-fejezet-xliii-informacios-rendszer-hu'),
        ]
        res, raw, commit = build_hu(chapters)
        with gzip.open(ACTS / 'hu' / 'hu-btk-2012.src.json.gz', 'wb') as f:
            f.write(raw)
        for r in res:
            print(*r)
    if 'id' in what:   # UU ITE from the Ansvar seed (mblonyox's uu/2008/11.md has PDF page-order faults)
        print(*build_id())
    if 'kuhp' in what:
        for path, a, b, slug in ID_KUHP:
            print(*build_id_md_extract(path, a, b, slug))
    if 'pa35' in what:   # amending Act: copied verbatim, no structure truth (inserted Pasal mixed with amendment items)
        raw, commit = git_show('mblonyox/data-peraturan', 'uu/2014/35.md')
        (ACTS / 'id' / 'id-uu-35-2014-perubahan-perlindungan-anak-id.md').write_bytes(raw)
        print('id-uu-35-2014-perubahan-perlindungan-anak-id.md', commit)
    if 'idmd' in what:
        for path, slug in ID_MD:
            print(*build_id_md(path, slug))
    if 'ht' in what:
        for a, b, slug in HT_FILES:
            n, c, raw = build_ht(a, b, slug)
            print(n, c)
        with gzip.open(ACTS / 'ht' / 'ht-code-penal.src.json.gz', 'wb') as f:
            f.write(raw)
