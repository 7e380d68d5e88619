"""Refuse PDF content-stream bombs before any PDF library expands them.

Why: a 30 KB page whose Flate-compressed content inflates to a few MB of tiny text-show
operators (``(aaaa) Tj`` repeated) makes pdfium or pdfminer build millions of text objects
(3 GB and 42 s for 30 KB; 23 GB for 728 KB); 2 GiB of spaces inflate to 3.5 GB before a word
is read. Limits around extraction (time, file size) cannot see this: the damage is done
inside one C call. So every compressed non-image stream is inflated here first, in C, with
its output capped, and the bytes and text-show operators it holds are counted.

Reads: the PDF's bytes. Writes: nothing. Raises ``errors.ContentBomb`` naming the limit hit.
Cost: zlib speed (hundreds of MB/s), i.e. a few ms for an ordinary statute.
"""
from __future__ import annotations

import re
import zlib
from dataclasses import dataclass

from pipeline import errors

_STREAM = re.compile(rb"stream\r?\n")
_DICT_START = re.compile(rb"<<")
_FLATE = re.compile(rb"/(?:FlateDecode|Fl)\b")
_IMAGE = re.compile(rb"/Subtype\s*/Image\b|/ImageMask\s+true")
_TEXT_OPS = (b"Tj", b"TJ", b"'", b'"')
_CHUNK = 1 << 20


@dataclass
class StreamBudget:
    """What one PDF may hold once inflated (defaults far above any statute seen)."""

    max_stream_bytes: int = 64 * 1024 * 1024  # one content stream, inflated
    max_total_bytes: int = 512 * 1024 * 1024  # every compressed non-image stream, inflated
    max_text_ops: int = 250_000  # text-show operators in one stream (a dense page has < 20,000)


def check_streams(shown: str, data: bytes, budget: StreamBudget | None = None) -> None:
    """Inflate every Flate-compressed non-image stream with a cap; raise on the first limit hit."""
    budget = budget or StreamBudget()
    total = 0
    for m in _STREAM.finditer(data):
        header = _stream_dict(data, m.start())
        if header is None or not _FLATE.search(header) or _IMAGE.search(header):
            continue
        size, ops = _inflate_count(data, m.end(), budget)
        total += size
        if size > budget.max_stream_bytes:
            raise errors.ContentBomb(shown, f"a content stream inflates to more than "
                                            f"{budget.max_stream_bytes // (1024 * 1024)} MiB")
        if ops > budget.max_text_ops:
            raise errors.ContentBomb(shown, f"a content stream holds more than {budget.max_text_ops} "
                                            "text-show operators")
        if total > budget.max_total_bytes:
            raise errors.ContentBomb(shown, f"its streams inflate to more than "
                                            f"{budget.max_total_bytes // (1024 * 1024)} MiB in all")


def _stream_dict(data: bytes, at: int) -> bytes | None:
    """The dictionary right before a ``stream`` keyword (looked for in the 4 KB before it)."""
    window = data[max(0, at - 4096):at]
    end = window.rfind(b">>")
    if end < 0 or window[end + 2:].strip():
        return None
    starts = [s.start() for s in _DICT_START.finditer(window, 0, end)]
    return window[starts[0]:end + 2] if starts else None


def _inflate_count(data: bytes, start: int, budget: StreamBudget) -> tuple[int, int]:
    """(inflated bytes, text-show operators) of the stream at ``start``, stopping past the caps."""
    d = zlib.decompressobj()
    size = ops = 0
    pos, tail = start, b""
    cap = budget.max_stream_bytes + 1
    while size < cap and ops <= budget.max_text_ops:
        if d.unconsumed_tail:
            chunk_in = d.unconsumed_tail
        else:
            if pos >= len(data) or d.eof:
                break
            chunk_in, pos = data[pos:pos + _CHUNK], pos + _CHUNK
        try:
            out = d.decompress(chunk_in, _CHUNK)
        except zlib.error:
            break  # not (or no longer) valid Flate data: the PDF library will judge it
        if not out and d.eof:
            break
        size += len(out)
        window = tail + out
        ops += sum(window.count(op) for op in _TEXT_OPS) - sum(tail.count(op) for op in _TEXT_OPS)
        tail = out[-1:]
        if d.eof:
            break
    return size, ops
