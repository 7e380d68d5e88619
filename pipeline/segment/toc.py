"""Tables of contents / arrangements of sections: found so they do not become provisions."""
from __future__ import annotations

from pipeline.segment.patterns import BARE_SEC, LEADER, Patterns


def _toc_key(line: str, pat: Patterns) -> str | None:
    """What a table-of-contents entry and its real provision share: "chapter 1", "12"."""
    for spec, rx in pat.containers:
        m = rx.match(line[:200])
        if m and (line[:1].isupper() or spec.get("number_first")):
            return f"{spec['kind']} {m.group('num').lower()}"
    m = pat.article.match(line[:200])
    if m and line[:1].isupper():
        return f"art {m.group('num')}"
    m = (pat.article_after.match(line[:200]) if pat.article_after else None) or pat.section_kw.match(line[:200]) \
        or pat.section_after.match(line[:200])
    if m:
        return f"sec {m.group('num')}"
    m = BARE_SEC.match(line[:200])
    if m:
        return m.group("num")
    return None


def toc_ranges(text: str, lines: list[tuple[int, int]], pat: Patterns) -> list[tuple[int, int]]:
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
                if keys and key == keys[0][1] and _body_starts(text, lines, j, [k for _, k in keys[1:3]], pat):
                    break  # the first entry again: the body starts here
                keys.append((j, key))
            j += 1
        if len(keys) >= 3:
            out.append((i, j))
            i = j
        else:
            i += 1
    return out


def _body_starts(text: str, lines: list[tuple[int, int]], j: int, following: list[str], pat: Patterns) -> bool:
    """At a repeat of the contents' first entry: do the next entries repeat its next ones too?
    ("Erster Abschnitt" comes back inside the contents of a code for each of its parts.)"""
    if not following:
        return True
    seen: list[str] = []
    for ls, le in lines[j + 1:j + 12]:
        key = _toc_key(text[ls:min(le, ls + 400)], pat)
        if key is not None:
            seen.append(key)
            if len(seen) == len(following):
                break
    return len(seen) < len(following) or seen == following
