"""Records coming in from an export file are checked before anything is stored.

Reads: parsed JSON values of a lexbench/Label Studio/Prodigy/HF export. Writes: nothing;
returns the records normalised (``created`` in the exported form, so a review's key is
stable across imports) or raises ``InvalidImport`` with one line naming where and what.
"""
from __future__ import annotations

import datetime as dt
import json
import math

from pipeline.store.schema import DECISIONS, UNDO

MAX_SECONDS = 7 * 24 * 3600.0
MAX_TEXT = 20_000  # comment, reviewer name and other free text


class InvalidImport(ValueError):
    """One line: ``<where>: <what is wrong>``."""


def _no_constants(name: str):
    raise ValueError(f"{name} is not a number JSON allows")


def parse_json(text: str, where: str):
    """``json.loads`` that refuses NaN/Infinity and absurd nesting with a one-line error."""
    try:
        return json.loads(text, parse_constant=_no_constants)
    except RecursionError:
        raise InvalidImport(f"{where}: JSON nested too deeply") from None
    except ValueError as exc:
        raise InvalidImport(f"{where}: not valid JSON ({str(exc).splitlines()[0][:200]})") from None


def _text(value, name: str, where: str, required: bool = True) -> str | None:
    if value is None and not required:
        return None
    if not isinstance(value, str) or (required and not value.strip()):
        raise InvalidImport(f"{where}: {name} must be a {'non-empty ' if required else ''}string")
    if len(value) > MAX_TEXT:
        raise InvalidImport(f"{where}: {name} longer than {MAX_TEXT} characters")
    return value


def _created(value, where: str) -> str:
    if not isinstance(value, str):
        raise InvalidImport(f"{where}: created must be an ISO 8601 time (the review's key needs it)")
    try:
        t = dt.datetime.fromisoformat(value.strip().removesuffix("Z"))
    except ValueError:
        raise InvalidImport(f"{where}: created {value[:40]!r} is not an ISO 8601 time") from None
    if t.tzinfo is not None:
        t = t.astimezone(dt.timezone.utc).replace(tzinfo=None)
    return t.isoformat(timespec="microseconds") + "Z"


def _labels(value, decision: str, where: str) -> list[dict]:
    from pipeline.review.service import InvalidReview, validate_labels

    try:  # an undo row carries the labels it withdraws: they must be valid labels too
        return validate_labels(value, "edit" if decision == UNDO else decision)
    except InvalidReview as exc:
        raise InvalidImport(f"{where}: {exc}") from None


def _seconds(value, where: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) \
            or not 0 <= value <= MAX_SECONDS:
        raise InvalidImport(f"{where}: seconds must be a number from 0 to {MAX_SECONDS:g}")
    return float(value)


def check_review(rv, where: str) -> dict:
    if not isinstance(rv, dict):
        raise InvalidImport(f"{where}: a review must be an object")
    decision = rv.get("decision")
    if decision not in (*DECISIONS, UNDO):
        raise InvalidImport(f"{where}: decision must be one of {', '.join((*DECISIONS, UNDO))}")
    out = dict(rv)
    out["reviewer"] = _text(rv.get("reviewer"), "reviewer", where)
    out["text_hash"] = _text(rv.get("text_hash"), "text_hash", where)
    out["labels"] = _labels(rv.get("labels"), decision, where)
    out["created"] = _created(rv.get("created"), where)
    out["seconds"] = _seconds(rv.get("seconds"), where)
    for name in ("comment", "uid", "undoes", "model_name", "model_version", "benchmark_id",
                 "benchmark_version", "guideline_version", "source"):
        out[name] = _text(rv.get(name), name, where, required=False)
    return out


def check_record(rec, where: str) -> dict:
    """A lexbench review record, normalised; ``where`` is e.g. ``export.jsonl:12``."""
    if not isinstance(rec, dict):
        raise InvalidImport(f"{where}: a record must be a JSON object")
    out = dict(rec)
    for name in ("statute_sha256", "eid", "text_hash"):
        out[name] = _text(rec.get(name), name, where)
    reviews = rec.get("reviews", [])
    if not isinstance(reviews, list):
        raise InvalidImport(f"{where}: reviews must be a list")
    out["reviews"] = [check_review(rv, f"{where}: review {i + 1}") for i, rv in enumerate(reviews)]
    return out
