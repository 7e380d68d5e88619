"""The atlas: many jurisdictions side by side, like the Council of Europe and ICMEC tables.

Reads: one ``Matrix`` per jurisdiction (``matrix.atlas_report``). Writes: nothing (returns
HTML or CSV text, or XLSX bytes). One row per jurisdiction, one column per conduct (its label;
the benchmark article in the header's tooltip and in a key under the table), with the counts of
covered / partial / not covered. The HTML table sorts on a header click (a few lines of inline
JavaScript, no CDN) and is followed by the stacked bar chart. The XLSX has a frozen header row,
column widths and status fills on an "Atlas" sheet, the evidence as citations on "Evidence" and
the statutes counted and listed apart on "Statutes".
"""
from __future__ import annotations

import csv
import html
import io

from pipeline.coverage.chart import COLOURS, bar_chart_svg
from pipeline.coverage.matrix import STATUS, Matrix
from pipeline.coverage.report import FOOTER, scope, short, statute_line
from pipeline.provenance import GENERATOR_META
from pipeline.records import RANK, STATUS_LABEL

SYMBOL = {"full": "●", "partial": "◐", "none": "○"}
NO_STATUTE = "no statute in force"  # a jurisdiction whose statutes are all repealed or superseded
COUNT_HEADS = [("full", "Covered"), ("partial", "Partial"), ("none", "Not covered")]


def _conducts(ms: list[Matrix]) -> list[str]:
    return list(ms[0].cells) if ms else []


def _cell(m: Matrix, cid: str) -> str:
    return STATUS_LABEL[m.cells[cid].status] if m.statutes else NO_STATUTE


# -- CSV ------------------------------------------------------------------------------------------
def to_csv(ms: list[Matrix]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    cids = _conducts(ms)
    labels = ms[0].labels if ms else {}
    w.writerow(["jurisdiction", "statutes counted", *[h for _, h in COUNT_HEADS], *[labels.get(c, c) for c in cids]])
    for m in ms:
        k = m.counts()
        w.writerow([scope(m), len(m.statutes), *[k[s] for s, _ in COUNT_HEADS], *[_cell(m, c) for c in cids]])
    return buf.getvalue()


# -- HTML -----------------------------------------------------------------------------------------
SORT_JS = """document.querySelectorAll('table.sortable').forEach(function(t){
 t.querySelectorAll('thead th').forEach(function(th,i){th.tabIndex=0;
  var go=function(){var asc=th.getAttribute('aria-sort')!=='ascending';
   t.querySelectorAll('thead th').forEach(function(o){o.removeAttribute('aria-sort')});
   th.setAttribute('aria-sort',asc?'ascending':'descending');
   var body=t.tBodies[0],rows=Array.prototype.slice.call(body.rows);
   rows.sort(function(a,b){var x=a.cells[i].dataset.sort,y=b.cells[i].dataset.sort;
    var nx=parseFloat(x),ny=parseFloat(y),c=(isNaN(nx)||isNaN(ny))?x.localeCompare(y):nx-ny;
    return asc?c:-c;});
   rows.forEach(function(r){body.appendChild(r)});};
  th.addEventListener('click',go);th.addEventListener('keydown',function(e){if(e.key==='Enter')go();});});});"""

CSS = """body{font-family:system-ui,sans-serif;margin:0 auto;padding:12px 24px;max-width:1400px;box-sizing:border-box}
h1{font-size:20px}h2{font-size:17px}table{border-collapse:collapse;margin:8px 0}
th,td{border:1px solid #bbb;padding:3px 6px;font-size:13px;text-align:center}
thead th{cursor:pointer;background:#eee;vertical-align:bottom;max-width:9em;position:sticky;top:0;z-index:1}
thead th[aria-sort=ascending]::after{content:" ▲"}thead th[aria-sort=descending]::after{content:" ▼"}
td.j{text-align:left;font-weight:600}.full{background:#2e7d32;color:#fff}.partial{background:#f9a825}
.none{background:#c62828;color:#fff}.nodata{background:#e0e0e0;color:#444}figure svg{max-width:100%;height:auto}small{color:#555}"""


def _head(ms: list[Matrix]) -> str:
    esc = html.escape
    labels, articles = (ms[0].labels, ms[0].articles) if ms else ({}, {})
    cols = ['<th scope="col">Jurisdiction</th>', '<th scope="col">Statutes</th>']
    cols += [f'<th scope="col">{h}</th>' for _, h in COUNT_HEADS]
    cols += [f'<th scope="col" title="{esc(articles.get(c, ""))}">{esc(labels.get(c, c))}</th>' for c in _conducts(ms)]
    return "<thead><tr>" + "".join(cols) + "</tr></thead>"


def _row(m: Matrix, cids: list[str]) -> str:
    esc = html.escape
    k = m.counts()
    tds = [f'<td class="j" data-sort="{esc(scope(m))}">{esc(scope(m))}</td>',
           f'<td data-sort="{len(m.statutes)}">{len(m.statutes)}</td>']
    tds += [f'<td data-sort="{k[s]}">{k[s]}</td>' for s, _ in COUNT_HEADS]
    if not m.statutes:
        return "<tr>" + "".join(tds) + "".join(f'<td class="nodata" data-sort="-1">{NO_STATUTE}</td>'
                                                for _ in cids) + "</tr>"
    for c in cids:
        st = m.cells[c].status
        ev = m.cells[c].evidence
        tip = f"{STATUS_LABEL[st]}: {ev[0].citation or ev[0].statute}" if ev else STATUS_LABEL[st]
        tds.append(f'<td class="{st}" data-sort="{RANK[st]}" title="{esc(tip)}">{SYMBOL[st]} '
                   f"{esc(STATUS_LABEL[st])}</td>")
    return "<tr>" + "".join(tds) + "</tr>"


def to_html(ms: list[Matrix]) -> str:
    esc = html.escape
    cids = _conducts(ms)
    bench = f"{ms[0].benchmark_title or ms[0].benchmark_id} ({ms[0].benchmark_version})" if ms else ""
    key = "".join(f"<li><b>{esc(ms[0].labels.get(c, c))}</b>: {esc(ms[0].articles.get(c, ''))}</li>" for c in cids)
    apart = "".join(f"<li>{esc(scope(m))}: {esc(statute_line(s))} — superseded by {esc(t.name)}</li>"
                    for m in ms for s, t in m.selection.older)
    apart += "".join(f"<li>{esc(scope(m))}: {esc(statute_line(s))} — not in force</li>"
                     for m in ms for s in m.selection.not_in_force)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">{GENERATOR_META}<meta name="viewport" content="width=device-width, initial-scale=1">
<title>lexbench atlas: {len(ms)} jurisdictions against {esc(ms[0].benchmark_id if ms else '')}</title>
<style>{CSS}</style></head>
<body>
<h1>Coverage atlas: {len(ms)} jurisdictions against {esc(bench)}</h1>
<p>{''.join(f'<span class="{s}">&nbsp;{SYMBOL[s]} {STATUS_LABEL[s]}&nbsp;</span> ' for s in STATUS)}
Click a column header to sort. Only statutes in force count, the latest version of each Act.</p>
<table class="sortable" id="atlas">{_head(ms)}<tbody>{''.join(_row(m, cids) for m in ms)}</tbody></table>
<figure id="chart">{bar_chart_svg(ms)}</figure>
<h2>Where each conduct comes from</h2><ul>{key}</ul>
<h2>Older versions and statutes not in force (not counted)</h2><ul>{apart or '<li>none</li>'}</ul>
<p><small>{esc(FOOTER)}</small></p>
<script>{SORT_JS}</script>
</body></html>
"""


# -- XLSX -----------------------------------------------------------------------------------------
def _sheet(wb, title: str, header: list[str], rows: list[list], widths: list[int]):
    from openpyxl.styles import Alignment, Font, PatternFill

    ws = wb.create_sheet(title)
    ws.append(header)
    for r in rows:
        ws.append(r)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDDDDD")
        cell.alignment = Alignment(wrap_text=True, vertical="bottom")
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[ws.cell(row=1, column=i).column_letter].width = width
    ws.freeze_panes = "B2"
    ws.auto_filter.ref = ws.dimensions
    return ws


def to_xlsx(ms: list[Matrix]) -> bytes:
    """An analyst's workbook: Atlas (status fills), Evidence (citations) and Statutes."""
    try:
        from openpyxl import Workbook
        from openpyxl.styles import Font, PatternFill
    except ImportError:
        raise RuntimeError("XLSX needs openpyxl: pip install 'lexbench[xlsx]'") from None
    wb = Workbook()
    wb.remove(wb.active)
    cids = _conducts(ms)
    labels = ms[0].labels if ms else {}
    atlas = _sheet(wb, "Atlas", ["Jurisdiction", "Statutes", *[h for _, h in COUNT_HEADS],
                                 *[labels.get(c, c) for c in cids]],
                   [[scope(m), len(m.statutes), *[m.counts()[s] for s, _ in COUNT_HEADS],
                     *[_cell(m, c) for c in cids]] for m in ms],
                   [18, 9, 9, 9, 11] + [16] * len(cids))
    fills = {STATUS_LABEL[s]: PatternFill("solid", fgColor="FF" + COLOURS[s].lstrip("#").upper()) for s in STATUS}
    for row in atlas.iter_rows(min_row=2, min_col=6):
        for cell in row:
            if cell.value in fills:
                cell.fill = fills[cell.value]
                cell.font = Font(color="000000" if cell.value == "partial" else "FFFFFF", bold=True)
    evidence = [[scope(m), labels.get(c, c), m.articles.get(c, ""), STATUS_LABEL[m.cells[c].status],
                 e.citation or e.statute, e.coverage if e.coverage == "full" else f"partial: {e.because or ''}",
                 short(e.span, 500)] for m in ms for c in cids for e in m.cells[c].evidence]
    _sheet(wb, "Evidence", ["Jurisdiction", "Conduct", "Benchmark article", "Cell", "Citation", "Coverage",
                            "Quoted text"], evidence, [16, 26, 30, 12, 40, 30, 80])
    statutes = [[scope(m), s.name, s.citation or "", s.version_date or "", "counted"]
                for m in ms for s in m.selection.counted]
    statutes += [[scope(m), s.name, s.citation or "", s.version_date or "", f"older version (superseded by {t.name})"]
                 for m in ms for s, t in m.selection.older]
    statutes += [[scope(m), s.name, s.citation or "", s.version_date or "", "not in force"]
                 for m in ms for s in m.selection.not_in_force]
    _sheet(wb, "Statutes", ["Jurisdiction", "Title", "Citation", "Version date", "Status"], statutes,
           [16, 50, 36, 14, 40])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def render_atlas(fmt: str, ms: list[Matrix]) -> str | bytes:
    formats = {"html": to_html, "csv": to_csv, "xlsx": to_xlsx}
    if fmt not in formats:
        raise ValueError(f"unknown format {fmt!r}; choose html, csv or xlsx")
    return formats[fmt](ms)
