"""Coverage pages for analysts: one jurisdiction's report (``report.py``), the atlas
(``atlas.py``) and re-evaluation diffs as Markdown and HTML (here).

Reads: a ``Matrix`` (``pipeline.coverage.matrix``) or a re-evaluation diff dict
(``pipeline.coverage.reevaluate``). Writes: nothing (returns text). A diff page lists changed
cells first with the provisions responsible (statute, eid, quoted span), then reviews to redo,
then the gold metric deltas; the full old/new matrix closes the page.
"""
from __future__ import annotations

import html

from pipeline.coverage.chart import COLOURS
from pipeline.coverage.matrix import Matrix
from pipeline.coverage.report import render_report, short as _short
from pipeline.provenance import GENERATOR_META
from pipeline.records import STATUS_LABEL

ARROW = {"gain": "▲ gain", "loss": "▼ loss", "added": "＋ newly required", "removed": "－ no longer required",
         "same": "="}


def render(fmt: str, m: Matrix, others: list[Matrix] | None = None) -> str:
    """One jurisdiction's report (``report.render_report``); ``others`` is accepted and ignored:
    jurisdictions side by side are the atlas's job (``atlas.render_atlas``)."""
    return render_report(fmt, m)


# -- a re-evaluation diff -------------------------------------------------------------------------
def _ev_line(e: dict) -> str:
    old = f" (was {e['old_coverage']})" if e.get("old_coverage") else ""
    why = f": {e['because']}" if e.get("because") else ""
    return f"{e['statute']} `{e['eid']}` — {e['coverage']}{why}{old}: “{_short(e['span'], 100)}”"


def _num(x) -> str:
    return "–" if x is None else f"{x:.3f}"


def _delta(x) -> str:
    return "–" if x is None else f"{x:+.3f}"


def diff_markdown(d: dict) -> str:
    """A re-evaluation diff (``pipeline.coverage.reevaluate``) for analysts, as Markdown."""
    s = d["summary"]
    fr, to = d["from"], d["to"]
    lines = [f"# Re-evaluation: {fr['id']} {fr['version']} → {to['id']} {to['version']}", "",
             f"Model {d['model']['name']} {d['model']['version']}; {d['n_statutes']} statutes, "
             f"{d['n_provisions']} provisions; run {d.get('run_id')} at {d['created']} (git {d.get('git_commit')}).", "",
             f"**{s['gains']} gains, {s['losses']} losses**, {s['added']} newly required cells "
             f"({s['added_by_status']['full']} covered, {s['added_by_status']['partial']} partial, "
             f"{s['added_by_status']['none']} not covered), {s['removed']} no longer required, "
             f"{s['unchanged']} unchanged of {s['cells']} cells.", "",
             f"Jurisdictions with changes: {', '.join(s['jurisdictions_changed']) or 'none'}.", ""]
    if d.get("meaning_changed"):
        lines += ["## What changed in the benchmark", ""]
        for cid, why in d["meaning_changed"].items():
            lines.append(f"- **{cid}**: {'; '.join(why)}")
        lines.append("")
    lines += ["## Changed cells", ""]
    if not d["changes"]:
        lines.append("No cell changed.")
    else:
        lines += ["| jurisdiction | conduct | old | new | change | provisions responsible |", "|---|---|---|---|---|---|"]
        for c in d["changes"]:
            ev = "<br>".join(_ev_line(e).replace("|", "\\|") for e in c["responsible"][:5])
            more = f"<br>… {len(c['responsible']) - 5} more" if len(c["responsible"]) > 5 else ""
            lines.append(f"| {c['jurisdiction']} | {c['conduct']} | {STATUS_LABEL[c['old']]} | "
                         f"{STATUS_LABEL[c['new']]} | {ARROW[c['change']]} | {ev or '—'}{more} |")
    lines += ["", "## Reviews that need re-review", ""]
    if not d["needs_re_review"]:
        lines.append(f"None ({d.get('reviews_in_force', 0)} reviewed provisions kept as they are).")
    for r in d["needs_re_review"]:
        why = "; ".join(f"{c}: {', '.join(w)}" for c, w in r["conducts"].items())
        labs = ", ".join(f"{lab['id']} ({lab.get('coverage')})" for lab in r["reviewed_labels"]) or "no conduct"
        lines.append(f"- {r['jurisdiction']} {r['statute']} `{r['eid']}` — review {r['review_id']} "
                     f"({r['decision']}: {labs}) — {why}")
    lines += ["", "## Gold evaluation", ""]
    g = d.get("gold") or {}
    if g.get("skipped"):
        lines.append("Skipped (--no-gold).")
    elif g.get("error"):
        lines.append(f"Failed: {g['error']}")
    else:
        lines += [f"Leave-one-jurisdiction-out over {g['from']['n_gold']} gold provisions, {g['seconds']} s.", "",
                  "| level | metric | " + f"{fr['id']} | {to['id']} | delta |", "|---|---|---:|---:|---:|"]
        for lv in ("section", "provision"):
            for k in ("macro_f1", "micro_f1", "coverage_agreement"):
                lines.append(f"| {lv} | {k} | {_num(g['from'][lv].get(k))} | {_num(g['to'][lv].get(k))} | "
                             f"{_delta(g['delta'][lv].get(k))} |")
    lines += ["", "## Full matrix (old → new)", "", "| jurisdiction | " + " | ".join(_conducts(d)) + " |",
              "|---|" + "---|" * len(_conducts(d))]
    for jur, cells in d["jurisdictions"].items():
        row = []
        for cid in _conducts(d):
            c = cells[cid]
            row.append(STATUS_LABEL[c["new"]] if c["change"] == "same"
                       else f"**{STATUS_LABEL[c['old']]} → {STATUS_LABEL[c['new']]}**")
        lines.append(f"| {jur} | " + " | ".join(row) + " |")
    w = d["work"]
    lines += ["", f"Work: {w['classifier_calls']} classifier calls over {w['classified_items']} provisions, "
                  f"{w['rejudged_labels']} labels re-judged; seconds {w['seconds']}.", "",
              "Machine suggestions from lexbench; a lawyer must review them before any use.", ""]
    return "\n".join(lines)


def _conducts(d: dict) -> list[str]:
    first = next(iter(d["jurisdictions"].values()), {})
    return list(first)


def diff_html(d: dict) -> str:
    """A re-evaluation diff as one HTML page."""
    esc = html.escape
    s, fr, to = d["summary"], d["from"], d["to"]
    conducts = _conducts(d)
    head = "".join(f"<th>{esc(c)}</th>" for c in conducts)
    rows = []
    for jur, cells in d["jurisdictions"].items():
        tds = []
        for cid in conducts:
            c = cells[cid]
            label = (esc(STATUS_LABEL[c["new"]]) if c["change"] == "same"
                     else f"{esc(STATUS_LABEL[c['old']])} → <b>{esc(STATUS_LABEL[c['new']])}</b>")
            cls = c["new"].replace("/", "")
            tds.append(f'<td class="s-{cls}{" changed" if c["change"] != "same" else ""}">{label}</td>')
        rows.append(f"<tr><th>{esc(jur)}</th>{''.join(tds)}</tr>")
    changes = []
    for c in d["changes"]:
        evs = "".join(f"<li><b>{esc(e['statute'])}</b> <code>{esc(e['eid'])}</code> ({esc(e['coverage'])}"
                      f"{': ' + esc(e['because']) if e.get('because') else ''}"
                      f"{' — was ' + esc(e['old_coverage']) if e.get('old_coverage') else ''}): "
                      f"“{esc(_short(e['span'], 200))}”</li>" for e in c["responsible"])
        changes.append(f"<tr><td>{esc(c['jurisdiction'])}</td><td>{esc(c['conduct'])}</td>"
                       f"<td>{esc(STATUS_LABEL[c['old']])}</td><td>{esc(STATUS_LABEL[c['new']])}</td>"
                       f"<td>{esc(ARROW[c['change']])}</td><td><ul>{evs or '<li>—</li>'}</ul></td></tr>")
    rr = "".join(f"<li>{esc(str(r['jurisdiction']))} <b>{esc(str(r['statute']))}</b> <code>{esc(str(r['eid']))}</code>"
                 f" — review {r['review_id']}: "
                 f"{esc('; '.join(c + ': ' + ', '.join(w) for c, w in r['conducts'].items()))}</li>"
                 for r in d["needs_re_review"]) or "<li>none</li>"
    g = d.get("gold") or {}
    if "delta" in g:
        gtr = "".join(f"<tr><td>{lv}</td><td>{k}</td><td>{_num(g['from'][lv].get(k))}</td>"
                      f"<td>{_num(g['to'][lv].get(k))}</td><td>{_delta(g['delta'][lv].get(k))}</td></tr>"
                      for lv in ("section", "provision") for k in ("macro_f1", "micro_f1", "coverage_agreement"))
        gold = (f"<table><tr><th>level</th><th>metric</th><th>{esc(fr['id'])}</th><th>{esc(to['id'])}</th>"
                f"<th>delta</th></tr>{gtr}</table><p>{g['seconds']} s.</p>")
    else:
        gold = f"<p>{esc(g.get('error') or 'skipped (--no-gold)')}</p>"
    meaning = "".join(f"<li><b>{esc(c)}</b>: {esc('; '.join(w))}</li>" for c, w in d.get("meaning_changed", {}).items())
    colours = "".join(f".s-{k.replace('/', '')}{{background:{v};color:#fff}}" for k, v in COLOURS.items())
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">{GENERATOR_META}
<title>lexbench re-evaluation {esc(fr['id'])} → {esc(to['id'])}</title>
<style>body{{font-family:sans-serif;margin:1.5em;max-width:1300px}}table{{border-collapse:collapse;margin:1em 0}}
th,td{{border:1px solid #999;padding:4px 8px;text-align:left;vertical-align:top;font-size:14px}}
{colours}.changed{{outline:3px solid #000;outline-offset:-3px}}ul{{margin:0;padding-left:1.2em}}</style></head>
<body>
<h1>Re-evaluation: {esc(fr['id'])} {esc(fr['version'])} → {esc(to['id'])} {esc(to['version'])}</h1>
<p>Model {esc(d['model']['name'])} {esc(d['model']['version'])}; {d['n_statutes']} statutes; run {d.get('run_id')}
at {esc(d['created'])}.</p>
<p><b>{s['gains']} gains, {s['losses']} losses</b>, {s['added']} newly required, {s['removed']} no longer required,
{s['unchanged']} unchanged. Jurisdictions with changes: {esc(', '.join(s['jurisdictions_changed']) or 'none')}.</p>
<h2>What changed in the benchmark</h2><ul>{meaning or '<li>nothing</li>'}</ul>
<h2>Changed cells</h2>
<table><tr><th>jurisdiction</th><th>conduct</th><th>old</th><th>new</th><th>change</th><th>provisions responsible</th></tr>
{''.join(changes) or '<tr><td colspan="6">no cell changed</td></tr>'}</table>
<h2>Reviews that need re-review</h2><ul>{rr}</ul>
<h2>Gold evaluation</h2>{gold}
<h2>Matrix (old → new)</h2>
<table><tr><th>jurisdiction</th>{head}</tr>{''.join(rows)}</table>
<p><small>Machine suggestions from lexbench; a lawyer must review them before any use.</small></p>
</body></html>
"""
