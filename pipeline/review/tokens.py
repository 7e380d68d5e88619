"""Personal API tokens: what a script sends instead of a session cookie and CSRF token.

A logged-in user (the review app's ``POST /api/tokens``, or ``lexbench tokens create`` with
the user's password) makes a token; it is shown once, the store keeps only its SHA-256 and a
public prefix. Scopes: ``read`` (GET /api/*) and ``review`` (read, plus recording and undoing
decisions). A revoked or expired token, or one of a deactivated user, gives 401.

Reads and writes: ``api_tokens`` through ``pipeline.store.tokens``.
"""
from __future__ import annotations

import datetime as dt
import hmac

from pipeline.review.auth import new_api_token, token_digest, token_prefix
from pipeline.store import tokens as db
from pipeline.store.schema import TOKEN_SCOPES, utcnow

IMPLIED = {"review": {"read"}}  # a scope -> the scopes it includes
TOUCH_EVERY = dt.timedelta(minutes=1)  # last_used is written at most once a minute per token


def parse_scopes(scopes) -> list[str]:
    """A list (or comma-separated text) of known scopes; ValueError otherwise."""
    items = scopes.split(",") if isinstance(scopes, str) else list(scopes or [])
    wanted = sorted({str(s).strip() for s in items if str(s).strip()})
    unknown = [s for s in wanted if s not in TOKEN_SCOPES]
    if unknown or not wanted:
        raise ValueError(f"scopes are {', '.join(TOKEN_SCOPES)} (got {', '.join(unknown) or 'none'})")
    return wanted


def granted(scopes: list[str]) -> set[str]:
    out = set(scopes)
    for s in scopes:
        out |= IMPLIED.get(s, set())
    return out


def create_token(url: str, user_id: int, name: str, scopes, expires_days: int | None = None) -> tuple[str, dict]:
    """(the token, shown once; its stored description)."""
    name = (name or "").strip()
    if not name or len(name) > 64:
        raise ValueError("a token needs a name of 1-64 characters (what uses it: 'notebook', 'ci')")
    if expires_days is not None and not 1 <= expires_days <= 3650:
        raise ValueError("expiry is 1 to 3650 days")
    token, prefix, digest = new_api_token()
    expires = utcnow() + dt.timedelta(days=expires_days) if expires_days else None
    return token, db.insert_token(url, user_id, prefix, digest, name, parse_scopes(scopes), expires)


def list_tokens(url: str, user_id: int | None = None) -> list[dict]:
    return db.list_tokens(url, user_id)


def revoke_token(url: str, prefix: str, user_id: int | None = None) -> bool:
    return db.revoke_token(url, prefix.removeprefix("lxb_").split("_")[0], user_id)


def authenticate_token(url: str, token: str) -> tuple[dict, set[str]] | None:
    """(user, granted scopes) for a valid token, its use recorded; None for anything else."""
    prefix = token_prefix(token)
    found = db.token_for_request(url, prefix) if prefix else None
    if found is None or not hmac.compare_digest(found[0]["hash"], token_digest(token)):
        return None
    row, user = found
    now = utcnow()
    if row["last_used"] is None or now - row["last_used"] >= TOUCH_EVERY:
        db.touch_token(url, row["id"], now)
    return user, granted(row["scopes"])


def describe(row: dict) -> dict:
    """A stored token as JSON can carry it (ISO times, no hash)."""
    iso = lambda d: d.isoformat(timespec="seconds") + "Z" if d else None  # noqa: E731
    return {"prefix": row["prefix"], "name": row["name"], "scopes": row["scopes"], "user": row["user"],
            "created": iso(row["created"]), "expires": iso(row["expires"]), "last_used": iso(row["last_used"]),
            "revoked": iso(row["revoked"]), "status": status(row)}


def status(row: dict) -> str:
    if row["revoked"]:
        return "revoked"
    if row["expires"] and row["expires"] <= utcnow():
        return "expired"
    return "active"
