"""Passwords (argon2id), signed session cookies, CSRF tokens and the login rate limit.

The session lives in an HMAC-signed cookie (secret kept on the server), so nothing
but the user id, a CSRF token and an expiry travel; the cookie is HttpOnly and
SameSite=Lax, and every state-changing request must echo the CSRF token.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import threading
import time
from collections import deque
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

_HASHER = PasswordHasher()
MIN_PASSWORD = 8


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise ValueError(f"password must have at least {MIN_PASSWORD} characters")
    return _HASHER.hash(password)


def verify_password(stored: str, password: str) -> bool:
    try:
        return _HASHER.verify(stored, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


# A fixed hash to verify against when the user does not exist, so a login attempt
# for an unknown name costs the same time as one for a known name.
DUMMY_HASH = _HASHER.hash(secrets.token_urlsafe(16))


@dataclass
class SessionData:
    user_id: int
    csrf: str
    expires: float


class Signer:
    """HMAC-SHA256 over a compact JSON payload; constant-time verification."""

    def __init__(self, secret: bytes, max_age: float = 12 * 3600):
        self.secret, self.max_age = secret, max_age

    def _mac(self, payload: bytes) -> str:
        return base64.urlsafe_b64encode(hmac.new(self.secret, payload, hashlib.sha256).digest()).decode().rstrip("=")

    def dumps(self, data: dict) -> str:
        payload = base64.urlsafe_b64encode(json.dumps(data, separators=(",", ":")).encode()).decode().rstrip("=")
        return f"{payload}.{self._mac(payload.encode())}"

    def loads(self, token: str | None) -> dict | None:
        if not token or "." not in token:
            return None
        payload, mac = token.rsplit(".", 1)
        if not hmac.compare_digest(mac, self._mac(payload.encode())):
            return None
        try:
            return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        except ValueError:
            return None

    def new_session(self, user_id: int) -> tuple[str, SessionData]:
        data = SessionData(user_id=user_id, csrf=secrets.token_urlsafe(24), expires=time.time() + self.max_age)
        return self.dumps({"u": data.user_id, "c": data.csrf, "e": data.expires}), data

    def session(self, token: str | None) -> SessionData | None:
        d = self.loads(token)
        if not d or not isinstance(d.get("u"), int) or float(d.get("e", 0)) < time.time():
            return None
        return SessionData(user_id=d["u"], csrf=str(d.get("c", "")), expires=float(d["e"]))


def same_token(a: str | None, b: str | None) -> bool:
    return bool(a) and bool(b) and hmac.compare_digest(str(a), str(b))


class RateLimiter:
    """At most ``limit`` failed logins per key (client address, user name) per ``window`` seconds."""

    def __init__(self, limit: int = 5, window: float = 300.0):
        self.limit, self.window = limit, window
        self._fails: dict[str, deque] = {}
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> deque:
        q = self._fails.setdefault(key, deque())
        while q and q[0] < now - self.window:
            q.popleft()
        return q

    def blocked(self, *keys: str) -> bool:
        now = time.time()
        with self._lock:
            return any(len(self._recent(k, now)) >= self.limit for k in keys)

    def fail(self, *keys: str) -> None:
        now = time.time()
        with self._lock:
            for k in keys:
                self._recent(k, now).append(now)

    def reset(self, *keys: str) -> None:
        with self._lock:
            for k in keys:
                self._fails.pop(k, None)
