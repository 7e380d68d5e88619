"""Tables of contents / arrangements of sections: found so they do not become provisions."""
from __future__ import annotations

import re
from collections import Counter

from pipeline.segment.patterns import BARE_SEC, LEADER, Patterns, starts_capital


def _toc_key(line: str, pat: Patterns) -> str | None:
    """What a table-of-contents entry and its real provision share: "chapter 1", "12"."""
    for spec, rx in pat.containers:
        m = rx.match(line[:200])
        if m and (starts_capital(line) or spec.get("number_first")):
            return f"{spec['kind']} {(m.group('num') or '').lower()}"
    m = pat.article.match(line[:200])
    if m and starts_capital(line):
        return f"art {m.group('num')}"
    m = (pat.article_after.match(line[:200]) if pat.article_after else None) or pat.section_kw.match(line[:200]) \
        or pat.section_after.match(line[:200])
    if m:
        return f"sec {m.group('num')}"
    m = BARE_SEC.match(line[:200])
    if m:
        return m.group("num")
    return None


def _cued_ranges(text: str, lines: list[tuple[int, int]], pat: Patterns) -> list[tuple[int, int]]:
    """Line ranges of tables of contents.

    WHY: a contents list repeats every section number; left in, it doubles the sections.
    From a "CONTENTS" cue, the run of entry-like lines (stopping at the first prose line:
    very long, or ending a sentence without a number), cut where its first entry ("CHAPTER 1",
    "1") repeats; at least 3 entries.
    """
    out = []
    i, n = 0, len(lines)
    while i < n:
        s, e = lines[i]
        if e - s > 60 or not pat.toc_cue.match(text[s:e]):
            i += 1
            continue
        j, keys = i + 1, []
        while j < n:
            ls, le = lines[j]
            line = text[ls:min(le, ls + 400)]
            key = _toc_key(line, pat)
            if not LEADER.search(text[max(ls, le - 200):le]):
                m = BARE_SEC.match(line)
                if le - ls > 300 or (line[-1] in ".;," and (key is None or le - ls > 150)) \
                        or (m and line[m.end():].lstrip().startswith("(")):
                    break  # prose: the body has begun
            if key is not None:
                if keys and key == keys[0][1] and _body_starts(text, lines, j, [k for _, k in keys[1:3]], pat,
                                                               {k for _, k in keys}):
                    break  # the first entry again: the body starts here
                keys.append((j, key))
            j += 1
        if len(keys) >= 3:
            j = _back_over_heading(text, lines, keys[0][0], j)
            out.append((i, j))
            i = j
        else:
            i += 1
    return out


def _body_starts(text: str, lines: list[tuple[int, int]], j: int, following: list[str], pat: Patterns,
                 known: set[str]) -> bool:
    """At a repeat of the contents' first entry: do the next entries repeat its next ones too?
    ("Erster Abschnitt" comes back inside the contents of a code for each of its parts.) Only
    keys of the kinds the contents list count: a body's "1." item is no contents entry."""
    if not following:
        return True
    seen: list[str] = []
    for ls, le in lines[j + 1:j + 12]:
        key = _toc_key(text[ls:min(le, ls + 400)], pat)
        if key is not None and key in known:
            seen.append(key)
            if len(seen) == len(following):
                break
    return len(seen) < len(following) or seen == following


def toc_ranges(text: str, lines: list[tuple[int, int]], pat: Patterns) -> list[tuple[int, int]]:
    """Line ranges of tables of contents: after a cue ("CONTENTS"), or an uncued list of entries
    whose numbers the body then repeats in the same order."""
    cued = _cued_ranges(text, lines, pat)
    out = sorted(cued + [r for r in _uncued_ranges(text, lines, pat)
                         if not any(a < r[1] and r[0] < b for a, b in cued)])
    return out


_MAX_ENTRY = 160


def _uncued_ranges(text: str, lines: list[tuple[int, int]], pat: Patterns) -> list[tuple[int, int]]:
    """Runs of at least 3 short numbered lines with nothing but headings between them (an index
    without a "Contents" line), kept only when the body repeats their first three numbers in order.

    WHY the repeat: a run of short numbered lines is also what a list of repealed sections looks
    like; only a contents list is followed by the same numbers again."""
    keys = [None] * len(lines)
    for j, (ls, le) in enumerate(lines):
        if le - ls <= _MAX_ENTRY and text[le - 1] not in ".;:,。":  # an entry ends without a sentence
            keys[j] = _toc_key(text[ls:min(le, ls + 400)], pat)
    out = []
    i, n = 0, len(lines)
    while i < n:
        if keys[i] is None:
            i += 1
            continue
        j, found = i, []
        while j < n:
            ls, le = lines[j]
            if keys[j] is not None:
                if found and keys[j] == found[0]:
                    break  # the first entry again: the body starts here
                found.append(keys[j])
            elif le - ls > 100 or text[le - 1] in ".;:,。":
                break  # prose: an entry has a body, so this is no contents list
            j += 1
        end = j
        while found and _is_container_key(found[-1]) and end > i:  # the body's own heading lines
            end -= 1
            if keys[end] is not None:
                found.pop()
        if len(found) >= 3 and _repeats_later(keys, end, found, end - i):
            out.append((i, end))
        i = max(j, i + 1)
    return out


def _is_container_key(key: str) -> bool:
    return " " in key and not key.startswith(("art ", "sec "))


def _repeats_later(keys: list[str | None], start: int, entries: list[str], run_lines: int) -> bool:
    """Does the body repeat the run: its first three entries in order, most (80%) of all of them,
    spread over more lines than the run (each with a body)?"""
    first = entries[:3]
    for j in range(start, len(keys)):
        if keys[j] != first[0]:
            continue
        nxt = [k for k in keys[j + 1:j + 200] if k is not None][:len(first) - 1]
        if nxt != first[1:]:
            continue
        later = Counter(k for k in keys[j:] if k is not None)
        common = sum((Counter(entries) & later).values())
        last = max((i for i in range(j, len(keys)) if keys[i] == entries[-1]), default=j)
        return common >= 0.8 * len(entries) and last - j > run_lines
    return False


def _back_over_heading(text: str, lines: list[tuple[int, int]], first: int, end: int) -> int:
    """"1. Definitions" in the contents, then "Definitions" above "1. In these By-laws": the
    marginal note of the first section belongs to the body, not to the contents."""
    if end >= len(lines) or end - 1 <= first:
        return end
    fs, fe = lines[first]
    entry = re.sub(r"^\S+\s+", "", text[fs:fe]).strip().lower()
    hs, he = lines[end - 1]
    return end - 1 if entry and text[hs:he].strip().lower() == entry else end
