"""One jurisdiction's coverage report for analysts: Markdown, CSV, JSON and HTML.

Reads: a ``Matrix`` (``pipeline.coverage.matrix``). Writes: nothing (returns text).
The page opens with the jurisdiction's own matrix (conduct, the benchmark article it comes
from, covered / partial / not covered, where), then the evidence as citations
("s. 1(1)(c), Protection of Children Act 1978") with the quoted span and the partial
condition, the statutes counted, the older versions and statutes not in force (listed, not
counted) and the terminology flags. Other jurisdictions belong to the atlas (``atlas.py``).
"""
from __future__ import annotations

import csv
import html
import io
import json
from dataclasses import asdict

from pipeline.coverage.chart import bar_chart_svg
from pipeline.coverage.matrix import Cell, Matrix, TermRef
from pipeline.coverage.statutes import StatuteInfo
from pipeline.provenance import GENERATOR_META
from pipeline.records import STATUS_LABEL

FOOTER = "Machine suggestions from lexbench; a lawyer must review them before any use."


def short(text: str | None, n: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[: n - 1] + "…"


def scope(m: Matrix) -> str:
    """``GB`` or ``GB (GB-EAW, GB-SCT)`` when sub-jurisdictions were included."""
    extra = [j for j in m.included if j.upper() != m.jurisdiction.upper()]
    return f"{m.jurisdiction} ({', '.join(m.included)})" if extra else m.jurisdiction


def summary(m: Matrix) -> str:
    k = m.counts()
    sel = m.selection
    apart = len(sel.older) + len(sel.not_in_force)
    if not sel.counted:
        return (f"No statute in force is filed under {scope(m)} ({apart} older or repealed listed below): "
                "the matrix has nothing to count.")
    return (f"{k['full']} of {len(m.cells)} conducts covered, {k['partial']} partial, {k['none']} not covered; "
            f"{len(sel.counted)} statute{'s' * (len(sel.counted) != 1)} in force counted"
            + (f" ({apart} older or repealed listed apart)" if apart else "") + ".")


def where(c: Cell, n: int = 2) -> str:
    """The first citations behind a cell, best first (``s. 1(1)(c), … Act 1978; + 2 more``); a
    partial cell adds its condition (``— partial: intent to distribute``)."""
    cites = list(dict.fromkeys(e.citation or e.statute for e in c.evidence))
    more = f"; + {len(cites) - n} more" if len(cites) > n else ""
    why = next((e.because for e in c.evidence if e.because), None) if c.status == "partial" else None
    return "; ".join(cites[:n]) + more + (f" — partial: {why}" if why else "")


def statute_line(s: StatuteInfo) -> str:
    bits = [s.name] + [b for b in (s.citation, s.version_date and f"version {s.version_date}") if b]
    return ", ".join(bits)


# -- JSON, CSV, Markdown --------------------------------------------------------------------------
def to_json(m: Matrix) -> str:
    sel = m.selection
    out = {"jurisdiction": m.jurisdiction, "included": m.included,
           "benchmark": {"id": m.benchmark_id, "version": m.benchmark_version, "title": m.benchmark_title},
           "statutes": m.statutes, "counts": m.counts(),
           "statutes_counted": [asdict(s) for s in sel.counted],
           "older_versions": [{**asdict(s), "superseded_by": t.doc} for s, t in sel.older],
           "not_in_force": [asdict(s) for s in sel.not_in_force],
           "conducts": {cid: {"label": m.labels.get(cid, cid), "article": m.articles.get(cid, ""),
                              "status": c.status, "status_label": STATUS_LABEL[c.status], "sections": c.sections,
                              "evidence": [asdict(e) for e in c.evidence]} for cid, c in m.cells.items()},
           "terms": [asdict(t) for t in m.terms]}
    return json.dumps(out, ensure_ascii=False, indent=2)


def to_csv(m: Matrix) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["jurisdiction", "benchmark", "conduct", "conduct_id", "article", "status", "citation", "because",
                "span", "statute", "eid"])
    for cid, c in m.cells.items():
        head = [m.jurisdiction, m.benchmark_id, m.labels.get(cid, cid), cid, m.articles.get(cid, ""),
                STATUS_LABEL[c.status]]
        if not c.evidence:
            w.writerow(head + ["", "", "", "", ""])
        for e in c.evidence:
            w.writerow(head + [e.citation, e.because or "", short(e.span, 300), e.statute, e.eid])
    return buf.getvalue()


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def to_markdown(m: Matrix) -> str:
    lines = [f"# Coverage of {scope(m)} against {m.benchmark_title or m.benchmark_id} ({m.benchmark_version})", "",
             summary(m), "", "| conduct | benchmark article | coverage | where |", "|---|---|---|---|"]
    for cid, c in m.cells.items():
        lines.append(f"| {_md(m.labels.get(cid, cid))} | {_md(m.articles.get(cid, ''))} | {STATUS_LABEL[c.status]} | "
                     f"{_md(where(c)) or '—'} |")
    lines += ["", "## Evidence", ""]
    for cid, c in m.cells.items():
        if not c.evidence:
            continue
        lines.append(f"### {m.labels.get(cid, cid)}: {STATUS_LABEL[c.status]}")
        for e in c.evidence[:8]:
            cond = f" (partial: {e.because})" if e.coverage == "partial" and e.because else ""
            lines.append(f"- {e.citation or e.statute}{cond}: “{short(e.span, 200)}”")
        if len(c.evidence) > 8:
            lines.append(f"- … {len(c.evidence) - 8} more")
        lines.append("")
    lines += ["## Statutes counted", ""] + [f"- {statute_line(s)}" for s in m.selection.counted]
    if m.selection.older or m.selection.not_in_force:
        lines += ["", "## Older versions and statutes not in force (not counted)", ""]
        lines += [f"- {statute_line(s)} — superseded by {t.name}" + (f" ({t.version_date})" if t.version_date else "")
                  for s, t in m.selection.older]
        lines += [f"- {statute_line(s)} — not in force" for s in m.selection.not_in_force]
    if m.terms:
        lines += ["", "## Terminology (Luxembourg Guidelines)", "",
                  "| term | uses | severity | suggested rewording | where |", "|---|---|---|---|---|"]
        for (text, sev, repl, _), refs in terms_grouped(m.terms):
            places = "; ".join(r.citation or r.eid for r in refs[:4]) + (" …" if len(refs) > 4 else "")
            lines.append(f"| {text} | {len(refs)} | {sev} | {repl} | {places} |".replace("\n", " "))
    return "\n".join(lines + ["", FOOTER]) + "\n"


def terms_grouped(terms: list[TermRef]):
    """Flags grouped by (term, severity, rewording, reason), most frequent first."""
    groups: dict[tuple, list[TermRef]] = {}
    for t in terms:
        key = (t.text.lower(), t.severity + (" (defined legal term)" if t.legal_term_retained else ""),
               "; ".join(t.replacement), t.reason)
        groups.setdefault(key, []).append(t)
    return sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))


# -- HTML -----------------------------------------------------------------------------------------
CSS = """body{font-family:system-ui,sans-serif;margin:0 auto;padding:12px 24px;max-width:1200px;box-sizing:border-box}
h1{font-size:20px;margin:4px 0 6px}h2{font-size:17px;margin:22px 0 6px}h3{font-size:15px;margin:14px 0 4px}
table{border-collapse:collapse;width:100%;table-layout:fixed;margin:6px 0}
th,td{border:1px solid #bbb;padding:3px 7px;text-align:left;vertical-align:top;font-size:13px;overflow-wrap:anywhere}
.lead{margin:0 0 6px;font-size:14px}.full,.partial,.none{font-weight:600}
.full{background:#2e7d32;color:#fff}.partial{background:#f9a825;color:#000}.none{background:#c62828;color:#fff}
figure{margin:6px 0}figure svg{max-width:100%;height:auto}ul{margin:0;padding-left:1.2em}
blockquote{margin:2px 0 6px 12px;color:#333}small{color:#555}"""


def _matrix_table(m: Matrix) -> str:
    esc = html.escape
    rows = "".join(
        f'<tr><th scope="row">{esc(m.labels.get(cid, cid))}</th><td>{esc(m.articles.get(cid, ""))}</td>'
        f'<td class="{c.status}">{esc(STATUS_LABEL[c.status])}</td><td>{esc(where(c)) or "—"}</td></tr>'
        for cid, c in m.cells.items())
    return ('<table id="matrix"><colgroup><col style="width:24%"><col style="width:27%"><col style="width:11%">'
            '<col style="width:38%"></colgroup><thead><tr><th>Conduct</th><th>Benchmark article</th>'
            f"<th>Coverage</th><th>Where</th></tr></thead><tbody>{rows}</tbody></table>")


def _evidence_html(m: Matrix) -> str:
    esc = html.escape
    parts = []
    for cid, c in m.cells.items():
        if not c.evidence:
            parts.append(f"<h3>{esc(m.labels.get(cid, cid))}: {esc(STATUS_LABEL[c.status])}</h3>"
                         "<p>No provision found in the statutes counted.</p>")
            continue
        items = "".join(
            f"<li><b>{esc(e.citation or e.statute)}</b> — {esc(e.coverage == 'full' and 'covered' or 'partial')}"
            f"{': ' + esc(e.because) if e.coverage == 'partial' and e.because else ''}"
            f"<blockquote>“{esc(short(e.span, 300))}”</blockquote></li>" for e in c.evidence)
        parts.append(f'<h3>{esc(m.labels.get(cid, cid))}: <span class="{c.status}">&nbsp;'
                     f"{esc(STATUS_LABEL[c.status])}&nbsp;</span></h3><ul>{items}</ul>")
    return "".join(parts)


def _statutes_html(m: Matrix) -> str:
    esc = html.escape
    sel = m.selection
    out = "<ul>" + ("".join(f"<li>{esc(statute_line(s))}</li>" for s in sel.counted) or "<li>none</li>") + "</ul>"
    if sel.older or sel.not_in_force:
        out += "<h2>Older versions and statutes not in force (not counted)</h2><ul>"
        out += "".join(f"<li>{esc(statute_line(s))} — superseded by {esc(t.name)}"
                       f"{' (' + esc(t.version_date) + ')' if t.version_date else ''}</li>" for s, t in sel.older)
        out += "".join(f"<li>{esc(statute_line(s))} — not in force</li>" for s in sel.not_in_force) + "</ul>"
    return out


def _terms_html(m: Matrix) -> str:
    esc = html.escape
    if not m.terms:
        return "<p>No outdated terminology found.</p>"
    rows = "".join(
        f"<tr><td>{esc(text)}</td><td>{len(refs)}</td><td>{esc(sev)}</td><td>{esc(repl)}</td><td>{esc(reason)}</td>"
        f"<td>{esc('; '.join(r.citation or r.eid for r in refs[:6]))}{' …' if len(refs) > 6 else ''}</td></tr>"
        for (text, sev, repl, reason), refs in terms_grouped(m.terms))
    return (f"<table><thead><tr><th>term</th><th>uses</th><th>severity</th><th>suggested rewording</th>"
            f"<th>reason</th><th>where</th></tr></thead><tbody>{rows}</tbody></table>")


def to_html(m: Matrix) -> str:
    esc = html.escape
    bench = f"{m.benchmark_title or m.benchmark_id} ({m.benchmark_version})"
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">{GENERATOR_META}<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Coverage of {esc(scope(m))}: {esc(m.benchmark_id)} {esc(m.benchmark_version)}</title>
<style>{CSS}</style></head>
<body>
<h1>Coverage of {esc(scope(m))} against {esc(bench)}</h1>
<p class="lead" id="summary">{esc(summary(m))}</p>
{_matrix_table(m)}
<figure id="chart">{bar_chart_svg([m], title=f"Coverage of {scope(m)}")}</figure>
<h2>Evidence for {esc(scope(m))}</h2>
{_evidence_html(m)}
<h2>Statutes counted</h2>
{_statutes_html(m)}
<h2>Terminology flags for {esc(scope(m))} (Luxembourg Guidelines)</h2>
{_terms_html(m)}
<p><small>{esc(FOOTER)}</small></p>
</body></html>
"""


def render_report(fmt: str, m: Matrix) -> str:
    formats = {"json": to_json, "csv": to_csv, "html": to_html, "md": to_markdown}
    if fmt not in formats:
        raise ValueError(f"unknown format {fmt!r}; choose md, csv, json or html")
    return formats[fmt](m)

