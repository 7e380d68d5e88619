"""Which statutes a jurisdiction code selects: exact codes, sub-jurisdictions only when asked.

Reads: jurisdiction codes (``GB``, ``GB-EAW``, ``GB-SCT``). Writes: nothing.
``GB`` selects statutes filed under ``GB`` and nothing else; ``include_sub`` adds ``GB-EAW``,
``GB-SCT`` (any ``GB-…``). A code that selects nothing is an ``UnknownJurisdiction`` whose
one-line message lists the known codes (and the sub-jurisdictions, when the code only has those).
"""
from __future__ import annotations

from typing import Iterable


class UnknownJurisdiction(ValueError):
    """A requested code that no stored statute is filed under."""


def parse_codes(value: str | Iterable[str] | None) -> list[str]:
    """``"GB-EAW, FR"`` or a list -> ``["GB-EAW", "FR"]`` (order kept, no duplicates)."""
    items = value.split(",") if isinstance(value, str) else list(value or [])
    return list(dict.fromkeys(c.strip() for c in items if c and c.strip()))


def is_sub(parent: str, code: str) -> bool:
    return code.upper().startswith(parent.upper() + "-")


def matches(wanted: str, have: str | None, include_sub: bool = False) -> bool:
    """``GB`` matches ``GB``; with ``include_sub`` also ``GB-EAW``. Case-insensitive."""
    if not have:
        return False
    return have.upper() == wanted.upper() or (include_sub and is_sub(wanted, have))


def resolve(wanted: Iterable[str], known: Iterable[str], include_sub: bool = False) -> list[str]:
    """The codes as the statutes spell them (``xa-north`` -> ``XA-North``); ``UnknownJurisdiction``
    for the first code that selects no statute."""
    known = sorted(set(known), key=str.upper)
    out = []
    for code in wanted:
        same = [k for k in known if k.upper() == code.upper()]
        if same or (include_sub and any(is_sub(code, k) for k in known)):
            out.append(same[0] if same else code)
            continue
        subs = [k for k in known if is_sub(code, k)]
        if subs:
            raise UnknownJurisdiction(f"no statute is filed under {code} itself; its sub-jurisdictions are "
                                      f"{', '.join(subs)} (name one, or add --include-sub)")
        raise UnknownJurisdiction(f"unknown jurisdiction {code}; known: {', '.join(known) or 'none (no statutes)'}")
    return out
