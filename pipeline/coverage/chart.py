"""Stacked bars of covered / partial / not covered counts, as inline SVG (matplotlib, no assets).

Reads: ``Matrix`` objects. Writes: nothing (returns SVG text). The legend sits below the plot
area, outside it, so it never covers a bar; the figure grows with the number of jurisdictions.
"""
from __future__ import annotations

import io

from pipeline.coverage.matrix import STATUS, Matrix
from pipeline.records import STATUS_LABEL

COLOURS = {"full": "#2e7d32", "partial": "#f9a825", "none": "#c62828", "n/a": "#9e9e9e"}


def bar_chart_svg(matrices: list[Matrix], title: str = "Coverage across jurisdictions") -> str:
    """One stacked bar per matrix (horizontal for one or two jurisdictions, vertical beyond)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = [m.jurisdiction for m in matrices] or ["(none)"]
    counts = [m.counts() for m in matrices] or [{"full": 0, "partial": 0, "none": 0}]
    horizontal = len(names) <= 2
    size = (7.0, 1.2 + 0.5 * len(names)) if horizontal else (max(5.0, 0.45 * len(names) + 2), 3.4)
    fig, ax = plt.subplots(figsize=size)
    start = [0] * len(names)
    for status in STATUS:
        vals = [c[status] for c in counts]
        draw = ax.barh if horizontal else ax.bar
        kw = {"left": start} if horizontal else {"bottom": start}
        draw(names, vals, color=COLOURS[status], label=STATUS_LABEL[status], **kw)
        start = [b + v for b, v in zip(start, vals)]
    if horizontal:
        ax.set_xlabel("conducts")
        ax.set_xlim(0, max(start + [1]))
    else:
        ax.set_ylabel("conducts")
        plt.setp(ax.get_xticklabels(), rotation=45, ha="right", fontsize=8)
    ax.set_title(title, fontsize=10)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.45 if horizontal else -0.3), ncol=3, fontsize=8,
              frameon=False)
    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight")
    plt.close(fig)
    svg = buf.getvalue()
    return svg[svg.index("<svg"):]
