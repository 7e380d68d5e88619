#!/usr/bin/env python3
"""freshasia corpus converter: re-derives lexbench statute files for blind-split
countries from stored public repositories (git snapshots under /work/.mirror).

Taiwan (TW): kong0107/mojLawSplitXML, Eng_FalVMingLing/<PCODE>.xml: the official
English translations of the Laws & Regulations Database of the Republic of China
(law.moj.gov.tw/Eng). Rendered the way law.moj.gov.tw/Eng prints them: Part /
Chapter heading lines, 'Article N' on its own line, then the article text with its
unnumbered paragraphs and '1.' items on their own lines exactly as the source has
them. Text is copied verbatim; the amendment history is not part of the rendering.
"""
import json, re, sys
from pathlib import Path

from collect_lib import git_show, write_statute as write  # scripts/corpus/collect_lib.py

ROOT = Path(__file__).resolve().parents[2]
ACTS = ROOT / 'corpora' / 'acts'


# ---------------------------------------------------------------- Taiwan
TW_REPO = 'kong0107/mojLawSplitXML'
TW_LAWS = [
    ('D0050023', 'tw-child-and-youth-sexual-exploitation-prevention-act-en'),
    ('C0000001', 'tw-criminal-code-en'),
    ('D0080079', 'tw-sexual-assault-crime-prevention-act-en'),
    ('D0050074', 'tw-sexual-harassment-prevention-act-en'),
    ('D0080211', 'tw-stalking-and-harassment-prevention-act-en'),
    ('D0050001', 'tw-protection-of-children-and-youths-welfare-and-rights-act-en'),
    ('D0080177', 'tw-human-trafficking-prevention-act-en'),
    ('D0050071', 'tw-domestic-violence-prevention-act-en'),
]
HEAD_RE = re.compile(r'^\s*(Part|Chapter|Section)\s+([0-9IVXL]+(?:-[0-9]+)?|One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten)\s*:?\s*(.*?)\s*$')


def tw_render(raw):
    t = raw.decode('utf-8')
    title = re.search(r'<英文法規名稱>(.*?)</英文法規名稱>', t, re.S).group(1).strip()
    body = re.search(r'<法規內容>(.*)</法規內容>', t, re.S).group(1)
    lines = [title, '']
    units = []
    open_ = {}  # level -> unit index
    order = {'part': 0, 'chapter': 1, 'section': 2}
    for m in re.finditer(r'<編章節>(.*?)</編章節>|<條文>\s*<條號>(.*?)</條號>\s*<條文內容><!\[CDATA\[(.*?)\]\]></條文內容>\s*</條文>', body, re.S):
        if m.group(1) is not None:
            h = m.group(1).strip()
            hm = HEAD_RE.match(h)
            kind = hm.group(1).lower()
            heading = hm.group(3).rstrip(':').strip() or None
            lvl = order[kind]
            for k in [k for k in open_ if k >= lvl]:
                del open_[k]
            parent = open_[max(open_)] if open_ else None
            lines.append(h)
            units.append({'kind': kind, 'num': hm.group(2), 'heading': heading, 'parent': parent, 'line': len(lines)})
            lines.append('')
            open_[lvl] = len(units) - 1
            continue
        num = m.group(2).strip()
        an = re.match(r'Article\s+(\S+)$', num).group(1)
        parent = open_[max(open_)] if open_ else None
        lines.append(num)
        units.append({'kind': 'article', 'num': an, 'heading': None, 'parent': parent, 'line': len(lines)})
        ai = len(units) - 1
        for ln in m.group(3).split('\n'):
            ln = ln.rstrip()
            if not ln.strip():
                continue
            lines.append(ln)
            pm = re.match(r'\s*(\d+)\.', ln)
            if pm:
                units.append({'kind': 'point', 'num': pm.group(1), 'heading': None, 'parent': ai, 'line': len(lines)})
        lines.append('')
    while lines and not lines[-1]:
        lines.pop()
    return title, lines, units


def taiwan():
    out = []
    for pcode, slug in TW_LAWS:
        raw, commit = git_show(TW_REPO, f'Eng_FalVMingLing/{pcode}.xml')
        title, lines, units = tw_render(raw)
        write('tw', slug, lines, units, raw, 'xml', 'other')
        out.append((slug, title, commit, pcode, len(units)))
        print(slug, title, commit, len(lines), len(units))
    return out




# ---------------------------------------------------------------- Costa Rica
CR_REPO = 'Ansvar-Systems/Costa-Rican-law-mcp'
CR_CP = 'data/seed/004258-cr-codigo-penal-4573.json'
CR_SLUG = 'cr-codigo-penal-ley-4573-es'
CR_HEAD = re.compile(r'^\s*(LIBRO|T[IÍ]TULO|CAP[IÍ]TULO|SECCI[OÓ]N)\s+([IVXLC]+|[ÚU]NICO|PRIMERO|SEGUNDO|TERCERO|CUARTO)\b\.?\s*(.*)$')
CR_LEVEL = {'LIBRO': 0, 'TITULO': 1, 'TÍTULO': 1, 'CAPITULO': 2, 'CAPÍTULO': 2, 'SECCION': 3, 'SECCIÓN': 3}
CR_KIND = {0: 'book', 1: 'title', 2: 'chapter', 3: 'section'}
CR_ART = re.compile(r'^ART[IÍ]CULO\s+(\d+)\s*\.?\s*(bis|ter|quater|quáter|quinquies|sexies|septies|octies)?\b', re.I)


def cr_render(raw):
    import html
    d = json.loads(raw)
    lines = ['Código Penal', '']
    units, open_ = [], {}
    for p in d['provisions']:
        title = html.unescape(p['title']).strip()
        am = CR_ART.match(title)
        num = am.group(1) + (' ' + am.group(2) if am.group(2) else '') if am else p['section']
        parent = open_[max(open_)] if open_ else None
        lines.append(title)
        units.append({'kind': 'article', 'num': num, 'heading': None, 'parent': parent, 'line': len(lines)})
        blank = False
        for ln in html.unescape(p['content']).split('\n'):
            ln = ln.rstrip()
            if ln.strip() == 'Ficha articulo':
                continue
            if not ln.strip():
                blank = True
                continue
            if blank and lines[-1] != '':
                lines.append('')
            blank = False
            hm = CR_HEAD.match(ln)
            lines.append(ln.strip() if hm else ln)
            if hm:
                key = hm.group(1).upper()
                lvl = CR_LEVEL.get(key, CR_LEVEL.get(key.replace('Í', 'I').replace('Ó', 'O')))
                for k in [k for k in open_ if k >= lvl]:
                    del open_[k]
                par = open_[max(open_)] if open_ else None
                units.append({'kind': CR_KIND[lvl], 'num': hm.group(2), 'heading': hm.group(3).strip() or None, 'parent': par, 'line': len(lines)})
                open_[lvl] = len(units) - 1
        lines.append('')
    while lines and not lines[-1]:
        lines.pop()
    return lines, units


def costa_rica():
    raw, commit = git_show(CR_REPO, CR_CP)
    lines, units = cr_render(raw)
    write('cr', CR_SLUG, lines, units, raw, 'json', 'html')
    print(CR_SLUG, commit, len(lines), len(units))
    return commit


# ---------------------------------------------------------------- manifest
HEADER = ['path', 'jurisdiction', 'language', 'title', 'citation', 'source_url', 'completeness', 'notes', 'version_date',
          'licence', 'repo', 'repo_path', 'commit', 'structure', 'tradition', 'kind']
TW_META = {
    'D0050023': ('兒童及少年性剝削防制條例 (promulgated 11 Aug 1995; title and all articles amended 4 Feb 2015; last amended 15 Feb 2023)', 'whole-act', 'act'),
    'C0000001': ('中華民國刑法 (Criminal Code, 1935, as amended)', 'whole-act', 'code'),
    'D0080079': ('性侵害犯罪防治法 (1997, as amended 15 Feb 2023)', 'whole-act', 'act'),
    'D0050074': ('性騷擾防治法 (2005, as amended 16 Aug 2023)', 'whole-act', 'act'),
    'D0080211': ('跟蹤騷擾防制法 (1 Dec 2021)', 'whole-act', 'act'),
    'D0050001': ('兒童及少年福利與權益保障法 (2003, as amended)', 'whole-act', 'act'),
    'D0080177': ('人口販運防制法 (2009, as amended)', 'whole-act', 'act'),
    'D0050071': ('家庭暴力防治法 (1998, as amended)', 'whole-act', 'act'),
}


def tw_manifest_rows():
    rows = []
    for pcode, slug in TW_LAWS:
        raw, commit = git_show(TW_REPO, f'Eng_FalVMingLing/{pcode}.xml')
        t = raw.decode('utf-8')
        title = re.search(r'<英文法規名稱>(.*?)</英文法規名稱>', t, re.S).group(1).strip()
        d = re.search(r'<最新英文異動日期>(\d{8})</最新英文異動日期>', t).group(1)
        cit, comp, kind = TW_META[pcode]
        rows.append([f'acts/tw/{slug}.txt', 'TW', 'en', title + ' (official English translation)', cit,
                     f'https://law.moj.gov.tw/Eng/LawClass/LawAll.aspx?pcode={pcode}', comp,
                     'Official English translation of the Laws & Regulations Database of the ROC (Ministry of Justice), as held by the XML split of the MOJ open-data dump; rendered as law.moj.gov.tw/Eng prints it (Part/Chapter lines, "Article N" line, unnumbered paragraphs and "1." items on their own lines); amendment history not rendered. The English translation may lag the Chinese text in force. Source XML archived beside.',
                     f'{d[:4]}-{d[4:6]}-{d[6:]} (latest English amendment date)',
                     'ROC laws are not subject to copyright (Copyright Act art. 9); MOJ open data (Open Government Data License, version 1.0)',
                     TW_REPO, f'Eng_FalVMingLing/{pcode}.xml', commit, f'acts/tw/{slug}.structure.json', 'civil-law-other', kind])
    return rows


def write_manifest(rows):
    p = ROOT / 'corpora' / 'manifests' / 'freshasia.tsv'
    with open(p, 'w', encoding='utf-8') as fh:
        fh.write('\t'.join(HEADER) + '\n')
        for r in rows:
            assert len(r) == len(HEADER)
            fh.write('\t'.join(x.replace('\t', ' ') for x in r) + '\n')


def cr_manifest_rows():
    raw, commit = git_show(CR_REPO, CR_CP)
    return [[f'acts/cr/{CR_SLUG}.txt', 'CR', 'es', 'Código Penal (Ley N° 4573 de 4 de mayo de 1970), texto vigente según SCIJ',
             'Ley N° 4573 (Norma 5027), as amended to Ley N° 10817 (16 Nov 2025)',
             'https://pgrweb.go.cr/scij/Busqueda/Normativa/Normas/nrm_texto_completo.aspx?nValor1=1&nValor2=5027',
             'partial',
             'SCIJ (Sinalevi) consolidated text as held by the seed: one record per article (first printed line in the record title, the rest hard-wrapped as SCIJ prints it, with the amendment notes and the marginal heading of the next article). The converter joins title and content, drops the SCIJ link text "Ficha articulo" and unescapes HTML entities; nothing else is changed. CAUTION: the seed is lossy: it lacks several articles (e.g. 168, 175, 175 bis of Title III is printed after the TITULO IV heading; 167 has lost its opening words; 175 is replaced by 175 septies) and places some TITULO/SECCION headings out of order, so the structure file records the headings where this text prints them. Source JSON archived beside.',
             '2025-11-16 (latest amendment in the text)',
             'Costa Rican laws: official texts (SCIJ/Sinalevi, PGR); repo Apache-2.0 (Ansvar-Systems/Costa-Rican-law-mcp)',
             CR_REPO, CR_CP, commit, f'acts/cr/{CR_SLUG}.structure.json', 'civil-law-hispanic', 'code']]


def manifest():
    rows = tw_manifest_rows() + cr_manifest_rows()
    write_manifest(rows)


if __name__ == '__main__':
    what = sys.argv[1:] or ['tw', 'cr', 'manifest']
    if 'tw' in what:
        taiwan()
    if 'cr' in what:
        costa_rica()
    if 'manifest' in what:
        manifest()
