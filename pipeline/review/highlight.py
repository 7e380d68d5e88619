"""Split a provision's text into plain / evidence / terminology pieces for display.

Returns plain strings and labels only; the template escapes every piece, so markup
in statute text can never become markup in the page.
"""
from __future__ import annotations


def _find_all(text: str, needle: str) -> list[tuple[int, int]]:
    if not needle or not needle.strip():
        return []
    low, n = text.lower(), needle.lower().strip()
    out, i = [], low.find(n)
    while i >= 0:
        out.append((i, i + len(n)))
        i = low.find(n, i + len(n))
    return out


def segments(view: dict) -> list[dict]:
    """``[{text, evidence: [conduct], term: {text, replacement, severity} | None}]`` covering the text."""
    text = view.get("text") or ""
    n = len(text)
    ev: list[set] = [set() for _ in range(n)]
    term: list[int | None] = [None] * n
    for s in view.get("suggestions", []):
        for a, b in _find_all(text, s.get("evidence") or "")[:1]:
            for k in range(a, b):
                ev[k].add(s["id"])
    terms = view.get("terms") or []
    for ti, t in enumerate(terms):
        for a, b in _find_all(text, t.get("text") or ""):
            for k in range(a, b):
                if term[k] is None:
                    term[k] = ti
    out: list[dict] = []
    start = 0
    for k in range(1, n + 1):
        if k == n or ev[k] != ev[start] or term[k] != term[start]:
            t = terms[term[start]] if term[start] is not None else None
            out.append({"text": text[start:k], "evidence": sorted(ev[start]),
                        "term": None if t is None else {"text": t.get("text"), "severity": t.get("severity"),
                                                        "replacement": ", ".join(t.get("replacement") or []),
                                                        "reason": t.get("reason")}})
            start = k
    return out
