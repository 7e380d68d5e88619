#!/usr/bin/env python3
"""corpus-commonlaw: render Canadian federal Acts (Justice Canada LIMS XML) into
plain text laid out as the Justice Laws site prints them, with structure truth.

Usage: corpus-commonlaw.py lims <mirror-git-dir> <out-corpora-dir> <manifest.tsv>
Source: justicecanada/laws-lois-xml (eng/acts, fra/lois). Never touches C-46.
"""
import gzip, json, os, re, subprocess, sys
from lxml import etree

LIMS = '{http://justice.gc.ca/lims}'

CA_EN = ["Y-1.5", "Y-1", "I-20.7", "S-8.7", "H-3.76", "C-47", "C-5", "C-38.8", "C-23.7",
         "I-1", "D-3.8", "E-23.01", "M-13.6", "W-11.2", "T-3.4", "C-22", "P-21", "P-8.6",
         "O-5", "S-7", "A-11.7", "C-45.9", "I-20.6", "T-15", "P-20", "C-12.3", "H-6",
         "F-10.6", "F-11.73", "C-35.3", "S-6.7", "P-19.45", "J-2.5", "C-23", "O-9.3",
         "C-27.7", "C-3.55", "U-3.2", "A-13.4", "G-2.5", "S-6.9", "N-16.6", "I-14.85",
         "C-28.5", "F-11.6", "C-44.6", "C-24.5", "D-3.4", "B-9.01",
         "E-1.6", "R-2", "C-10", "I-21", "C-38.7", "A-1", "P-24.501", "R-10", "I-2.5", "S-22", "J-2"]
CA_FR = ["Y-1.5", "I-20.7", "S-8.7", "H-3.76", "C-47", "C-5", "C-23.7", "I-1", "D-3.8",
         "E-23.01", "M-13.6", "W-11.2", "P-21", "O-5", "C-12.3", "F-10.6", "C-38.8", "T-3.4",
         "E-1.6", "R-2", "C-10", "H-6", "C-22", "P-8.6", "A-11.7", "C-45.9", "I-20.6", "S-7",
         "P-20", "J-2.5", "P-19.45", "T-15"]

HEAD_KINDS = [(r'^(PART|PARTIE)\s+(\S+)', 'part'), (r'^(DIVISION|SECTION)\s+(\S+)', 'division'),
              (r'^(SUBDIVISION|SOUS-SECTION)\s+(\S+)', 'subdivision')]
UNIT_TAGS = {'Section': 'section', 'Subsection': 'subsection', 'Paragraph': 'paragraph',
             'Subparagraph': 'subparagraph', 'Clause': 'clause', 'Subclause': 'subclause'}
INDENT = {'section': '', 'subsection': '', 'paragraph': '  ', 'subparagraph': '    ',
          'clause': '      ', 'subclause': '        '}
SKIP_INLINE = {'FootnoteRef', 'Footnote'}


def itext(el):
    """Inline text of an element (no block children)."""
    out = []
    def rec(e, top):
        tag = etree.QName(e).localname if isinstance(e.tag, str) else None
        if tag is None:
            if e.tail and not top:
                out.append(e.tail)
            return
        if tag in SKIP_INLINE:
            if e.tail and not top:
                out.append(e.tail)
            return
        if e.text:
            out.append(e.text)
        for c in e:
            rec(c, False)
        if e.tail and not top:
            out.append(e.tail)
    rec(el, True)
    return re.sub(r'\s+', ' ', ''.join(out)).strip()


def clean_num(label):
    return re.sub(r'^[(\[]|[)\].]$', '', label.strip()).strip('()').strip()


class R:
    def __init__(self):
        self.lines = []
        self.units = []
        self.head_stack = []  # (level, unit_index)

    def add(self, s):
        self.lines.append(s)
        return len(self.lines)

    def unit(self, kind, num, heading, parent):
        self.units.append({'kind': kind, 'num': num, 'heading': heading, 'parent': parent, 'line': None})
        return len(self.units) - 1

    def cur_head(self):
        return self.head_stack[-1][1] if self.head_stack else None

    def heading(self, el):
        level = int(el.get('level', '1'))
        lab = el.find('Label')
        tt = el.find('TitleText')
        label = itext(lab) if lab is not None else ''
        title = itext(tt) if tt is not None else ''
        kind = num = None
        for pat, k in HEAD_KINDS:
            m = re.match(pat, label)
            if m:
                kind, num = k, m.group(2)
        while self.head_stack and self.head_stack[-1][0] >= level:
            self.head_stack.pop()
        self.add('')
        if kind:
            idx = self.unit(kind, num, title or None, self.cur_head())
            self.units[idx]['line'] = self.add(label)
            if title:
                self.add(title)
            self.head_stack.append((level, idx))
        else:
            if label:
                self.add(label)
            if title:
                self.add(title)

    def block(self, el, parent, pending_prefix=None, indent=''):
        """Render a provision-type element; returns nothing."""
        tag = etree.QName(el).localname
        kind = UNIT_TAGS.get(tag)
        if kind:
            lab = el.find('Label')
            mn = el.find('MarginalNote')
            label = itext(lab) if lab is not None else ''
            heading = itext(mn) if mn is not None else None
            idx = self.unit(kind, clean_num(label), heading if kind in ('section', 'subsection') else None, parent) if label else None
            ind = INDENT[kind]
            if kind == 'section':
                self.add('')
            if mn is not None and kind in ('section', 'subsection'):
                self.add(heading)
            prefix = (pending_prefix + ' ' if pending_prefix else '') + label
            children = [c for c in el if isinstance(c.tag, str) and etree.QName(c).localname not in ('Label', 'MarginalNote')]
            first = True
            for c in children:
                ctag = etree.QName(c).localname
                if first and ctag == 'Subsection' and kind == 'section':
                    # "2 (1) text" on one line
                    line_before = len(self.lines)
                    self.block(c, idx if idx is not None else parent, pending_prefix=prefix)
                    # section number printed on the subsection's first line
                    if idx is not None:
                        sub_u = [u for u in self.units if u['parent'] == idx]
                        self.units[idx]['line'] = sub_u[0]['line'] if sub_u else line_before + 1
                    first = False
                    continue
                if first and ctag in ('Text', 'Repealed'):
                    n = self.add(ind + (prefix + ' ' if prefix else '') + itext(c))
                    if idx is not None:
                        self.units[idx]['line'] = n
                    first = False
                    continue
                if first and prefix:
                    n = self.add(ind + prefix)
                    if idx is not None:
                        self.units[idx]['line'] = n
                first = False
                self.child(c, idx if idx is not None else parent, ind)
            if first:  # no children at all
                n = self.add(ind + prefix)
                if idx is not None:
                    self.units[idx]['line'] = n
            return
        self.child(el, parent, indent)

    def child(self, c, parent, ind):
        ctag = etree.QName(c).localname
        if ctag in UNIT_TAGS:
            self.block(c, parent)
        elif ctag in ('Text', 'Repealed', 'ContinuedSectionSubsection', 'ContinuedParagraph',
                      'ContinuedSubparagraph', 'ContinuedClause', 'ContinuedDefinition'):
            t = itext(c)
            if t:
                self.add(ind + t)
        elif ctag == 'Definition':
            for d in c:
                if not isinstance(d.tag, str):
                    continue
                dt = etree.QName(d).localname
                if dt == 'Text':
                    self.add(ind + itext(d))
                else:
                    self.child(d, parent, ind)
        elif ctag == 'HistoricalNote':
            t = '; '.join(itext(h) for h in c if isinstance(h.tag, str))
            if t:
                self.add(ind + t)
        elif ctag in ('MarginalNote', 'Label'):
            pass
        elif ctag == 'Heading':
            self.heading(c)
        elif ctag in ('TableGroup', 'table'):
            for row in c.iter('{*}row', 'row'):
                cells = [itext(e) for e in row if isinstance(e.tag, str)]
                if any(cells):
                    self.add(ind + ' | '.join(cells))
        elif ctag in ('Footnote', 'FootnoteRef', 'ImageGroup'):
            pass
        else:
            # container (List, Provision, FormGroup, BilingualGroup ...)
            direct = itext(c) if len(c) == 0 else None
            if direct:
                self.add(ind + direct)
                return
            if c.text and c.text.strip():
                self.add(ind + c.text.strip())
            for cc in c:
                if isinstance(cc.tag, str):
                    self.child(cc, parent, ind)


def render_lims(xml_bytes):
    root = etree.fromstring(xml_bytes)
    r = R()
    ident = root.find('Identification')
    st = ident.find('ShortTitle')
    lt = ident.find('LongTitle')
    cn = ident.find('Chapter/ConsolidatedNumber')
    title = itext(st) if st is not None else itext(lt)
    r.add(title)
    if cn is not None:
        r.add(itext(cn))
    if st is not None and lt is not None:
        r.add('')
        r.add(itext(lt))
    intro = root.find('Introduction')
    if intro is not None:
        for p in intro.iter('Provision'):
            t = itext(p.find('Text')) if p.find('Text') is not None else ''
            if t:
                r.add('')
                r.add(t)
    body = root.find('Body')
    for el in body:
        if not isinstance(el.tag, str):
            continue
        tag = etree.QName(el).localname
        if tag == 'Heading':
            r.heading(el)
        else:
            r.block(el, r.cur_head())
    for sch in root.findall('Schedule'):
        r.head_stack = []
        r.add('')
        for el in sch:
            if not isinstance(el.tag, str):
                continue
            tag = etree.QName(el).localname
            if tag == 'ScheduleFormHeading':
                lab = el.find('Label'); tt = el.find('TitleText')
                if lab is not None: r.add(itext(lab))
                if tt is not None: r.add(itext(tt))
                ori = el.find('OriginatingRef')
                if ori is not None: r.add(itext(ori))
            elif tag == 'Heading':
                r.heading(el)
            else:
                r.block(el, r.cur_head())
    # collapse multiple blank lines; remap line numbers
    out, remap, prev_blank = [], {}, True
    for i, l in enumerate(r.lines, 1):
        l = l.rstrip()
        if not l.strip():
            if prev_blank:
                continue
            prev_blank = True
        else:
            prev_blank = False
        out.append(l)
        remap[i] = len(out)
    for u in r.units:
        if u['line'] is not None:
            u['line'] = remap.get(u['line'])
    while out and not out[-1]:
        out.pop()
    return title, '\n'.join(out) + '\n', r.units, root


def git_show(gd, path):
    return subprocess.run(['git', '--git-dir', gd, 'show', 'HEAD:' + path], capture_output=True, check=True).stdout


def main_lims(gd, outdir, manifest):
    commit = subprocess.run(['git', '--git-dir', gd, 'rev-parse', 'HEAD'], capture_output=True, text=True).stdout.strip()
    rows = []
    for lang, folder, ids in (('en', 'eng/acts', CA_EN), ('fr', 'fra/lois', CA_FR)):
        for cid in ids:
            assert cid != 'C-46'
            path = f'{folder}/{cid}.xml'
            xb = git_show(gd, path)
            title, text, units, root = render_lims(xb)
            if len(text.encode()) > 2_000_000:
                print('skip big', cid, file=sys.stderr); continue
            import unicodedata
            tslug = unicodedata.normalize('NFKD', title.lower()).encode('ascii', 'ignore').decode()
            tslug = re.sub(r'[^a-z0-9]+', '-', tslug.replace("'", ''))
            tslug = re.sub(r'-+', '-', tslug).strip('-')[:60].strip('-')
            slug = f'ca-{cid.lower().replace(".", "-")}-{tslug}-{lang}'
            d = os.path.join(outdir, 'acts', 'ca')
            os.makedirs(d, exist_ok=True)
            open(os.path.join(d, slug + '.txt'), 'w', encoding='utf-8').write(text)
            st = {'schema': 'lexbench.structure/1', 'text': slug + '.txt', 'source_format': 'lims', 'units': units}
            json.dump(st, open(os.path.join(d, slug + '.structure.json'), 'w', encoding='utf-8'), ensure_ascii=False, indent=1)
            with open(os.path.join(d, slug + '.src.xml.gz'), 'wb') as fh:
                with gzip.GzipFile(fileobj=fh, mode='wb', mtime=0, filename='') as g:
                    g.write(xb)
            pit = root.get(LIMS + 'pit-date') or root.get(LIMS + 'current-date') or ''
            site = 'eng/acts' if lang == 'en' else 'fra/lois'
            url = f'https://laws-lois.justice.gc.ca/{site}/{cid}/'
            nonum = sum(1 for u in units if u['line'] is None)
            notes = (f'rendered from Justice Canada LIMS XML ({path}), consolidated text current to {pit}; '
                     f'layout: marginal note line above section, section and first subsection on one line, '
                     f'Part/Division headings on own lines, historical notes kept; {len(units)} units'
                     + (f', {nonum} without line' if nonum else '') + '; schedules rendered after the body')
            rows.append([f'acts/ca/{slug}.txt', 'CA', lang, title, f'{cid} (consolidated)', url, 'whole-act', notes,
                         pit, 'Open Government Licence - Canada (Justice Laws XML)', 'justicecanada/laws-lois-xml',
                         path, commit, f'acts/ca/{slug}.structure.json', 'common-law-commonwealth', 'act'])
            print(cid, lang, len(units), len(text), file=sys.stderr)
    write_rows(manifest, rows, 'acts/ca/')


HEADER = 'path\tjurisdiction\tlanguage\ttitle\tcitation\tsource_url\tcompleteness\tnotes\tversion_date\tlicence\trepo\trepo_path\tcommit\tstructure\ttradition\tkind'


def write_rows(manifest, rows, prefix, keep_prefix=False):
    """Rewrite the manifest: rows of other modes are kept, this mode's rows replaced.
    keep_prefix=True keeps only rows starting with prefix (plus the new ones)."""
    old = []
    new_paths = {r[0] for r in rows}
    if os.path.exists(manifest):
        old = [l.rstrip('\n') for l in open(manifest, encoding='utf-8')][1:]
        if keep_prefix:
            old = [l for l in old if l and (l.startswith(prefix) or l.split('\t')[0] not in new_paths) and not l.split('\t')[0] in new_paths]
        else:
            old = [l for l in old if l and not l.startswith(prefix)]
    with open(manifest, 'w', encoding='utf-8') as f:
        f.write(HEADER + '\n')
        for l in old:
            f.write(l + '\n')
        for r in rows:
            f.write('\t'.join(str(x).replace('\t', ' ').replace('\n', ' ') for x in r) + '\n')


if __name__ == '__main__':
    if sys.argv[1] == 'lims':
        main_lims(*sys.argv[2:5])


# --------------------------------------------------------------------------
# Mode "wwl": statute texts kept by worldwidelaw/legal-sources in its per-source
# sample/ records (text extracted by that project's scrapers from the official
# PDF / HTML prints).  Copied verbatim (only CR/CRLF line ends normalised to LF).
# No structure truth: the layout comes from PDF extraction, not from markup.
# (path under sources/, jurisdiction, slug, title, citation, kind, tradition)
WWL = [
    ('NZ/Legislation/sample/record_0011.json', 'NZ', 'nz-bill-of-rights-1688-en', 'Bill of Rights 1688 (Imperial Act in force in New Zealand)', '1 Will & Mary sess 2 c 2 (NZ reprint)', 'act'),
    ('NZ/Legislation/sample/record_0013.json', 'NZ', 'nz-act-of-settlement-1700-en', 'Act of Settlement 1700 (Imperial Act in force in New Zealand)', '12 & 13 Will 3 c 2 (NZ reprint)', 'act'),
    ('HK/eLegislation/sample/0013.json', 'HK', 'hk-cap-104-ferry-services-ordinance-en', 'Ferry Services Ordinance', 'Cap. 104', 'act'),
    ('HK/eLegislation/sample/0006.json', 'HK', 'hk-cap-102-waterworks-ordinance-en', 'Waterworks Ordinance', 'Cap. 102', 'act'),
    ('TT/DigitalLegislativeLibrary/sample/TT_DLL_826_106204.json', 'TT', 'tt-children-act-chap-46-01-en', 'Children Act', 'Chap. 46:01 (Act 12 of 2012)', 'act'),
    ('TT/DigitalLegislativeLibrary/sample/TT_DLL_282_105641.json', 'TT', 'tt-dangerous-drugs-act-chap-11-25-en', 'Dangerous Drugs Act', 'Chap. 11:25', 'act'),
    ('TT/DigitalLegislativeLibrary/sample/TT_DLL_416_105788.json', 'TT', 'tt-administration-of-justice-dna-act-chap-5-34-en', 'Administration of Justice (Deoxyribonucleic Acid) Act', 'Chap. 5:34 (Act 5 of 2012)', 'act'),
    ('TT/DigitalLegislativeLibrary/sample/TT_DLL_474_105526.json', 'TT', 'tt-accessories-and-abettors-act-chap-10-02-en', 'Accessories and Abettors Act', 'Chap. 10:02', 'act'),
    ('BB/Statutes/sample/record_0008.json', 'BB', 'bb-fire-service-act-cap-163-en', 'Fire Service Act', 'CAP. 163', 'act'),
    ('BB/Statutes/sample/record_0001.json', 'BB', 'bb-barbados-tourism-authority-act-cap-342-en', 'Barbados Tourism Authority Act', 'CAP. 342', 'act'),
    ('BS/BahamasLegislation/sample/BS-1954-0052.json', 'BS', 'bs-adoption-of-children-act-ch-131-en', 'Adoption of Children Act', 'Ch. 131', 'act'),
    ('BS/BahamasLegislation/sample/BS-2016-0031.json', 'BS', 'bs-advance-passenger-information-system-act-ch-286a-en', 'Advance Passenger Information System Act', 'Ch. 286A', 'act'),
    ('BD/BDLaws/sample/BD-BDLAWS-33.json', 'BD', 'bd-majority-act-1875-en', 'The Majority Act, 1875', 'Act No. IX of 1875', 'act'),
    ('BD/BDLaws/sample/BD-BDLAWS-50.json', 'BD', 'bd-powers-of-attorney-act-1882-en', 'The Powers-of-Attorney Act, 1882', 'Act No. VII of 1882', 'act'),
    ('KY/Legislation/sample/record_0009.json', 'KY', 'ky-firearms-law-1995-revision-en', 'Firearms Law (1995 Revision)', 'Law 17 of 1964 (1995 Revision)', 'act'),
    ('KY/Legislation/sample/record_0001.json', 'KY', 'ky-interpretation-law-cap-70-en', 'Interpretation Law (1995 Revision)', 'Cap. 70 (1995 Revision)', 'act'),
    ('BM/Legislation/sample/record_0000.json', 'BM', 'bm-amenities-control-of-ruinous-structures-act-1950-en', 'Amenities (Control of Ruinous Structures) Act 1950', '1950 : 18', 'act'),
    ('BM/Legislation/sample/record_0001.json', 'BM', 'bm-americas-cup-act-2015-en', "America's Cup Act 2015", '2015 : 1', 'act'),
    ('BN/AGCLaws/sample/BN-AGCLaws-Ch22.json', 'BN', 'bn-penal-code-cap-22-en', 'Penal Code', 'Laws of Brunei, Chapter 22', 'code'),
    ('SB/AGLegislation/sample/SB-LEG-5611.json', 'SB', 'sb-money-laundering-and-proceeds-of-crime-act-2002-en', 'Money Laundering and Proceeds of Crime Act 2002', 'No. 5 of 2002', 'act'),
    ('SB/AGLegislation/sample/SB-LEG-9370.json', 'SB', 'sb-amnesty-act-2000-en', 'Amnesty Act 2000', 'No. 8 of 2000', 'act'),
    ('VG/LawsOnline/sample/record_0009.json', 'VG', 'vg-criminal-code-amendment-act-2021-en', 'Criminal Code (Amendment) Act, 2021', 'No. 23 of 2021', 'act'),
    ('VG/LawsOnline/sample/record_0001.json', 'VG', 'vg-police-amendment-act-2023-en', 'Police (Amendment) Act, 2023', 'No. 2 of 2023', 'act'),
    ('AG/Legislation/sample/record_0003.json', 'AG', 'ag-accessories-and-abettors-act-cap-4-en', 'Accessories and Abettors Act', 'CAP. 4', 'act'),
    ('AG/Legislation/sample/record_0000.json', 'AG', 'ag-abolition-of-minimum-punishments-act-cap-1-en', 'Abolition of Minimum Punishments Act', 'CAP. 1', 'act'),
    ('GD/Laws/sample/record_0005.json', 'GD', 'gd-age-of-civil-legal-responsibility-act-cap-4a-en', 'Age of Civil Legal Responsibility Act', 'Chapter 4A', 'act'),
    ('GD/Laws/sample/record_0008.json', 'GD', 'gd-agricultural-fires-act-cap-6-en', 'Agricultural Fires Act', 'Chapter 6', 'act'),
    ('TC/RevisedLaws/sample/record_0004.json', 'TC', 'tc-interpretation-ordinance-cap-1-03-en', 'Interpretation Ordinance', 'Chapter 1.03', 'act'),
    ('KN/LawCommission/sample/record_0006.json', 'KN', 'kn-anti-corruption-act-2023-en', 'Anti-Corruption Act, 2023', 'No. 5 of 2023', 'act'),
    ('TO/AGO/sample/record_0004.json', 'TO', 'to-order-in-public-places-act-cap-7-06-en', 'Order in Public Places Act', 'CAP. 7.06 (2020 Revised Edition)', 'act'),
    ('TO/AGO/sample/record_0012.json', 'TO', 'to-maintenance-of-illegitimate-children-act-cap-6-07-en', 'Maintenance of Illegitimate Children Act', 'CAP. 6.07 (2020 Revised Edition)', 'act'),
    ('VU/Parliament/sample/record_0009.json', 'VU', 'vu-child-protection-bill-2025-en', 'Bill for the Child Protection Act No. of 2025', 'Bill (2025)', 'bill'),
    ('AU/ACTLegislation/sample/record_0000.json', 'AU-ACT', 'au-act-criminal-code-2002-en', 'Criminal Code 2002', 'A2002-51', 'code'),
    ('AU/NTLegislation/sample/record_0006.json', 'AU-NT', 'au-nt-adoption-of-children-act-1994-en', 'Adoption of Children Act 1994', 'NT Act 1994', 'act'),
    ('AU/WA-Legislation/sample/record_0005.json', 'AU-WA', 'au-wa-adoption-act-1994-en', 'Adoption Act 1994', 'WA Act 1994', 'act'),
    ('CA/OntarioLaws/sample/record_0007.json', 'CA-ON', 'ca-on-administration-of-justice-act-rso-1990-c-a6-en', 'Administration of Justice Act', 'R.S.O. 1990, c. A.6', 'act'),
    ('CA/OntarioLaws/sample/record_0008.json', 'CA-ON', 'ca-on-age-of-majority-and-accountability-act-rso-1990-c-a7-en', 'Age of Majority and Accountability Act', 'R.S.O. 1990, c. A.7', 'act'),
]


def main_wwl(gd, outdir, manifest):
    commit = subprocess.run(['git', '--git-dir', gd, 'rev-parse', 'HEAD'], capture_output=True, text=True).stdout.strip()
    rows = []
    for rel, jur, slug, title, cit, kind in WWL:
        path = 'sources/' + rel
        d = json.loads(git_show(gd, path))
        if isinstance(d, list):
            d = d[0]
        text = (d.get('text') or '').replace('\r\n', '\n').replace('\r', '\n')
        if not text.endswith('\n'):
            text += '\n'
        if len(text.encode()) > 2_000_000:
            print('skip big', slug, file=sys.stderr); continue
        j = jur.lower()
        dd = os.path.join(outdir, 'acts', j)
        os.makedirs(dd, exist_ok=True)
        open(os.path.join(dd, slug + '.txt'), 'w', encoding='utf-8').write(text)
        vd = str(d.get('version_date') or '')  # other 'date' fields are scraper placeholders
        vd = vd[:10] if re.match(r'^\d{4}-\d{2}-\d{2}', vd) else ''
        notes = ('statute text as extracted from the official print (' + ('PDF' if '.pdf' in (d.get('url') or '').lower() or 'PDF' in str(d.get('pdf_url', '')) else 'PDF/HTML') +
                 ') by the worldwidelaw/legal-sources scraper, kept verbatim (line ends normalised); running heads, page numbers and '
                 'arrangement of sections retained as printed; no structure truth (layout not reliable enough)')
        rows.append([f'acts/{j}/{slug}.txt', jur, 'en', title, cit, d.get('url') or '', 'whole-act', notes, vd,
                     'official government publication (statute text); sample record of worldwidelaw/legal-sources',
                     'worldwidelaw/legal-sources', path, commit, '', 'common-law-commonwealth', kind])
        print(slug, len(text), file=sys.stderr)
    write_rows(manifest, rows, 'acts/ca/', keep_prefix=True)


if __name__ == '__main__' and sys.argv[1] == 'wwl':
    main_wwl(*sys.argv[2:5])


# --------------------------------------------------------------------------
# Mode "lk": Sri Lankan Acts and Bills as printed by the Department of Government
# Printing (English PDF on documents.gov.lk), text as extracted into raw_text.txt
# by nuuuwan/lk_law.  Verbatim; no structure truth (marginal notes and paragraph
# labels are interleaved with the body by the PDF extraction).
LK = [
    ('data/doc/acts/2024-02-01-online-safety-1a33c9ff', 'lk-online-safety-act-no-9-of-2024-en', 'Online Safety Act, No. 9 of 2024', 'Act No. 9 of 2024', 'act'),
    ('data/doc/acts/2021-01-18-penal-code-amendment-099da121', 'lk-penal-code-amendment-act-no-5-of-2021-en', 'Penal Code (Amendment) Act, No. 5 of 2021', 'Act No. 5 of 2021', 'act'),
    ('data/doc/acts/2021-10-26-penal-code-amendment-5666701c', 'lk-penal-code-amendment-act-no-25-of-2021-en', 'Penal Code (Amendment) Act, No. 25 of 2021', 'Act No. 25 of 2021', 'act'),
    ('data/doc/acts/2022-11-17-children-and-young-persons-amend-eb4eed05', 'lk-children-and-young-persons-amendment-act-no-39-of-2022-en', 'Children and Young Persons (Amendment) Act, No. 39 of 2022', 'Act No. 39 of 2022', 'act'),
    ('data/doc/acts/2021-01-18-evidence-amendment-e7299f73', 'lk-evidence-amendment-act-no-6-of-2021-en', 'Evidence (Amendment) Act, No. 6 of 2021', 'Act No. 6 of 2021', 'act'),
    ('data/doc/acts/2021-07-16-code-of-criminal-procedure-amedm-f80c3785', 'lk-code-of-criminal-procedure-amendment-act-no-14-of-2021-en', 'Code of Criminal Procedure (Amendment) Act, No. 14 of 2021', 'Act No. 14 of 2021', 'act'),
    ('data/doc/acts/2019-11-18-prevention-of--offence-relating--5541abf7', 'lk-prevention-of-offences-relating-to-sports-act-no-24-of-2019-en', 'Prevention of Offences Relating to Sports Act, No. 24 of 2019', 'Act No. 24 of 2019', 'act'),
    ('data/doc/acts/2021-01-18-bail-amendment-0526bb43', 'lk-bail-amendment-act-no-7-of-2021-en', 'Bail (Amendment) Act, No. 7 of 2021', 'Act No. 7 of 2021', 'act'),
    ('data/doc/bills/2021-12-27-prohibition-of-obscene-publicati-004ff9c1', 'lk-prohibition-of-obscene-publications-bill-2021-en', 'Prohibition of Obscene Publications (Bill, Gazette supplement of 27.12.2021)', 'Bill gazetted 2021-12-27', 'bill'),
    ('data/doc/bills/2024-08-08-online-safety-amendment---bill-5170f668', 'lk-online-safety-amendment-bill-2024-en', 'Online Safety (Amendment) Bill, 2024', 'Bill No. 281 (2024)', 'bill'),
]


def main_lk(gd, outdir, manifest):
    commit = subprocess.run(['git', '--git-dir', gd, 'rev-parse', 'HEAD'], capture_output=True, text=True).stdout.strip()
    rows = []
    for folder, slug, title, cit, kind in LK:
        meta = json.loads(git_show(gd, folder + '/data.json'))
        text = git_show(gd, folder + '/raw_text.txt').decode('utf-8').replace('\r\n', '\n').replace('\r', '\n')
        if not text.endswith('\n'):
            text += '\n'
        dd = os.path.join(outdir, 'acts', 'lk')
        os.makedirs(dd, exist_ok=True)
        open(os.path.join(dd, slug + '.txt'), 'w', encoding='utf-8').write(text)
        notes = ('English text of the Government Printer\'s print (PDF on documents.gov.lk) as extracted to raw_text.txt by nuuuwan/lk_law, '
                 'kept verbatim; marginal notes, page numbers and running heads interleaved with the body by the PDF extraction; '
                 'no structure truth')
        rows.append([f'acts/lk/{slug}.txt', 'LK', 'en', title, cit, meta.get('href', '').replace('http://', 'https://'),
                     'whole-act', notes, meta.get('date', ''), 'official government publication (statute text)',
                     'nuuuwan/lk_law', folder + '/raw_text.txt', commit, '', 'common-law-commonwealth', kind])
        print(slug, len(text), file=sys.stderr)
    write_rows(manifest, rows, 'acts/lk/')


if __name__ == '__main__' and sys.argv[1] == 'lk':
    main_lk(*sys.argv[2:5])


# --------------------------------------------------------------------------
# Mode "mo": Missouri Revised Statutes chapters assembled from the per-section
# records of worldwidelaw/legal-sources (US/MO-Legislation, text of
# revisor.mo.gov OneSection pages: one paragraph per line, enumerator first).
# Sections are joined in section order, separated by a blank line, verbatim.
# Structure: section number at the start of the section line; "N." subsection,
# "(N)" paragraph, "(a)" subparagraph, "a." clause at the start of a line
# (the revisor prints each on its own paragraph).  Lines after the history note
# "(L. ...)" / "(RSMo ...)" (effective-date lines, annotations, case notes) hold
# no units.
MO_CHAPTERS = [('566', 'Sexual Offenses'), ('568', 'Offenses Against the Family'),
               ('573', 'Pornography and Related Offenses')]

MO_SEC = re.compile(r'^(\d{3}\.\d{3,4})\.\s+(.*?)\s+—\s+(.*)$')
MO_ENUM = [(re.compile(r'^\s*(\d{1,2})\.\s\s'), 'subsection'),
           (re.compile(r'^\s*\((\d{1,2})\)\s\s'), 'paragraph'),
           (re.compile(r'^\s*\(([a-z]{1,2})\)\s\s'), 'subparagraph'),
           (re.compile(r'^\s*([a-z]{1,2})\.\s\s'), 'clause')]
MO_RANK = {'section': 0, 'subsection': 1, 'paragraph': 2, 'subparagraph': 3, 'clause': 4, 'subclause': 5}
MO_HIST = re.compile(r'^\s*\((L\.|RSMo|R\.S\.|A\.L\.|Repealed|Transferred)')


def mo_units_for(lines, first_line_no, units):
    """Append units for one section's lines (first line = section line)."""
    m = MO_SEC.match(lines[0])
    sec_idx = len(units)
    units.append({'kind': 'section', 'num': m.group(1), 'heading': m.group(2).rstrip('.'), 'parent': None,
                  'line': first_line_no})
    stack = [(0, sec_idx)]
    # enumerator right after the dash on the section line: "— 1.  A person ..."
    rest = m.group(3)
    todo = [('  ' + rest, first_line_no)] + [(l, first_line_no + i) for i, l in enumerate(lines[1:], 1)]
    for l, ln in todo:
        if MO_HIST.match(l) or l.startswith('Effective') or l.startswith('*'):
            break
        for rx, kind in MO_ENUM:
            mm = rx.match(l)
            if not mm:
                continue
            num = mm.group(1)
            if kind == 'subparagraph' and re.fullmatch(r'[ivx]+', num) and stack and stack[-1][0] >= 4:
                kind = 'subclause'  # (i), (ii) under a lettered "a." clause
            r = MO_RANK[kind]
            while stack and stack[-1][0] >= r:
                stack.pop()
            units.append({'kind': kind, 'num': num, 'heading': None,
                          'parent': stack[-1][1] if stack else sec_idx, 'line': ln})
            stack.append((r, len(units) - 1))
            break


def main_mo(gd, outdir, manifest):
    commit = subprocess.run(['git', '--git-dir', gd, 'rev-parse', 'HEAD'], capture_output=True, text=True).stdout.strip()
    files = subprocess.run(['git', '--git-dir', gd, 'ls-tree', '-r', '--name-only', 'HEAD',
                            'sources/US/MO-Legislation/sample/'], capture_output=True, text=True).stdout.split('\n')
    rows = []
    for chap, ctitle in MO_CHAPTERS:
        recs = []
        for f in files:
            if re.search(rf'record_US_MO-Legislation_{chap}_\d+\.json$', f):
                d = json.loads(git_show(gd, f))
                recs.append((d['section_id'], d, f))
        recs.sort(key=lambda r: [int(x) for x in r[0].split('.')])
        out, units = [], []
        for sid, d, f in recs:
            t = d['text'].replace('\r\n', '\n').replace('\r', '\n').rstrip('\n')
            sl = t.split('\n')
            if out:
                out.append('')
            if MO_SEC.match(sl[0]):
                mo_units_for(sl, len(out) + 1, units)
            else:
                print('no section line', sid, file=sys.stderr)
            out.extend(sl)
        text = '\n'.join(out) + '\n'
        slug = f'us-mo-rsmo-chapter-{chap}-{re.sub(r"[^a-z0-9]+", "-", ctitle.lower()).strip("-")}-en'
        dd = os.path.join(outdir, 'acts', 'us-mo')
        os.makedirs(dd, exist_ok=True)
        open(os.path.join(dd, slug + '.txt'), 'w', encoding='utf-8').write(text)
        json.dump({'schema': 'lexbench.structure/1', 'text': slug + '.txt', 'source_format': 'html', 'units': units},
                  open(os.path.join(dd, slug + '.structure.json'), 'w', encoding='utf-8'), ensure_ascii=False, indent=1)
        dates = sorted({d.get('date', '') for _, d, _ in recs})
        notes = (f'{len(recs)} sections of RSMo chapter {chap} (every section record of the chapter held in the source sample), '
                 'each the text of its revisor.mo.gov OneSection page, joined in section order with a blank line; '
                 'history notes, effective-date lines and the revisor\'s annotations kept as printed; no chapter heading line '
                 '(not in the source); structure from line-initial enumerators (N. subsection, (N) paragraph, (a) subparagraph, '
                 f'a. clause, (i) under a clause subclause), nothing after the history note; {len(units)} units')
        rows.append([f'acts/us-mo/{slug}.txt', 'US-MO', 'en', f'Missouri Revised Statutes, Chapter {chap}: {ctitle}',
                     f'RSMo ch. {chap}', f'https://revisor.mo.gov/main/OneChapter.aspx?chapter={chap}', 'whole-chapter', notes,
                     dates[-1] if dates else '', 'Missouri Revised Statutes (public law text); sample records of worldwidelaw/legal-sources',
                     'worldwidelaw/legal-sources', f'sources/US/MO-Legislation/sample/record_US_MO-Legislation_{chap}_*.json', commit,
                     f'acts/us-mo/{slug}.structure.json', 'common-law-us', 'code-chapter'])
        print(chap, len(recs), len(units), len(text), file=sys.stderr)
    write_rows(manifest, rows, 'acts/us-mo/')


if __name__ == '__main__' and sys.argv[1] == 'mo':
    main_mo(*sys.argv[2:5])
