"""The ``api_tokens`` table's transactions: add, list, revoke, and look one up for a request.

Reads and writes: ``api_tokens`` (and reads ``users``). ``pipeline.review.tokens`` makes and
checks the tokens; this module only stores their hashes. Rows come back as plain dicts.
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.store.engine import session_scope, transact
from pipeline.store.schema import ApiToken, User, utcnow


def _as_dict(t: ApiToken, username: str) -> dict:
    return {"prefix": t.prefix, "name": t.name, "scopes": list(t.scopes or []), "user": username,
            "created": t.created, "expires": t.expires, "last_used": t.last_used, "revoked": t.revoked}


def insert_token(url: str, user_id: int, prefix: str, token_hash: str, name: str, scopes: list[str],
                 expires: dt.datetime | None) -> dict:
    def work(s: Session) -> dict:
        user = s.get(User, user_id)
        if user is None:
            raise ValueError(f"no user with id {user_id}")
        t = ApiToken(user_id=user_id, prefix=prefix, token_hash=token_hash, name=name, scopes=scopes,
                     expires=expires)
        s.add(t)
        s.flush()
        return _as_dict(t, user.username)

    return transact(url, work)


def list_tokens(url: str, user_id: int | None = None) -> list[dict]:
    """Every token (of one user when ``user_id`` is given), newest first; never the hashes."""
    with session_scope(url) as s:
        q = select(ApiToken, User.username).join(User, ApiToken.user_id == User.id)
        if user_id is not None:
            q = q.where(ApiToken.user_id == user_id)
        return [_as_dict(t, name) for t, name in s.execute(q.order_by(ApiToken.id.desc()))]


def revoke_token(url: str, prefix: str, user_id: int | None = None) -> bool:
    """Revoke the token with this prefix (only the user's own when ``user_id`` is given);
    False when there is no such live token."""
    def work(s: Session) -> bool:
        q = select(ApiToken).where(ApiToken.prefix == prefix, ApiToken.revoked.is_(None))
        if user_id is not None:
            q = q.where(ApiToken.user_id == user_id)
        t = s.scalar(q)
        if t is None:
            return False
        t.revoked = utcnow()
        return True

    return transact(url, work)


def token_for_request(url: str, prefix: str) -> tuple[dict, dict] | None:
    """(token row with its ``hash`` and ``id``, its user) for a live, unexpired token of an
    active user; None otherwise. The caller checks the hash, then records the use."""
    now = utcnow()
    with session_scope(url) as s:
        row = s.execute(select(ApiToken, User).join(User, ApiToken.user_id == User.id)
                        .where(ApiToken.prefix == prefix)).first()
        if row is None:
            return None
        t, u = row
        if t.revoked is not None or (t.expires is not None and t.expires <= now) or not u.active:
            return None
        return ({**_as_dict(t, u.username), "hash": t.token_hash, "id": t.id},
                {"id": u.id, "username": u.username, "role": u.role})


def touch_token(url: str, token_id: int, when: dt.datetime) -> None:
    """Record a use of the token (``last_used``)."""
    def work(s: Session) -> None:
        t = s.get(ApiToken, token_id)
        if t is not None:
            t.last_used = when

    transact(url, work)
