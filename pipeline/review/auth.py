"""Passwords (argon2id), signed session cookies, CSRF tokens and the login rate limit.

The session lives in an HMAC-signed cookie (secret kept on the server), so nothing
but the user id, a CSRF token and an expiry travel; the cookie is HttpOnly and
SameSite=Lax, and every state-changing request must echo the CSRF token.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import itertools
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


COMMON = {"password", "password1", "passw0rd", "qwertyuiop", "qwerty123", "iloveyou", "letmein1",
          "welcome1", "admin123", "abc12345", "abcdefgh", "changeme", "trustno1", "sunshine", "football"}


def check_password_policy(password: str) -> None:
    """At least ``MIN_PASSWORD`` characters, not a well-known, repetitive or sequential one."""
    if len(password) < MIN_PASSWORD:
        raise ValueError(f"password must have at least {MIN_PASSWORD} characters")
    low = password.lower()
    steps = {ord(b) - ord(a) for a, b in itertools.pairwise(low)}
    if low in COMMON or len(set(low)) < 4 or steps <= {1} or steps <= {-1} or low.isdigit() and len(low) < 12:
        raise ValueError("password too easy to guess (a common, repetitive, sequential or short all-digit one)")


def hash_password(password: str) -> str:
    check_password_policy(password)
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
    sid: str = ""


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

    def new_session(self, user_id: int, sid: str = "") -> tuple[str, SessionData]:
        data = SessionData(user_id=user_id, csrf=secrets.token_urlsafe(24), expires=time.time() + self.max_age, sid=sid)
        return self.dumps({"u": data.user_id, "c": data.csrf, "e": data.expires, "s": sid}), data

    def session(self, token: str | None) -> SessionData | None:
        d = self.loads(token)
        if not d or not isinstance(d.get("u"), int) or float(d.get("e", 0)) < time.time():
            return None
        return SessionData(user_id=d["u"], csrf=str(d.get("c", "")), expires=float(d["e"]), sid=str(d.get("s", "")))


def same_token(a: str | None, b: str | None) -> bool:
    return bool(a) and bool(b) and hmac.compare_digest(str(a), str(b))


class RateLimiter:
    """Failed logins slow guessing without locking the real user out.

    Keys are (account, address) pairs, so failures from one address never block the
    account elsewhere, plus the address alone with ``per_address`` times the limit (a
    shared NAT address is not blocked by one user's typos). After ``limit`` failures in
    ``window`` seconds a key waits ``backoff`` seconds, doubling with each further
    failure (at most ``window``); an admin can ``unlock`` an account at once.
    """

    def __init__(self, limit: int = 5, window: float = 300.0, per_address: int = 10, backoff: float = 30.0):
        self.limit, self.window, self.per_address, self.backoff = limit, window, per_address, backoff
        self._fails: dict[str, deque] = {}
        self._lock = threading.Lock()

    @staticmethod
    def keys(address: str, username: str) -> tuple[str, str]:
        return f"pair:{username.lower()}@{address}", f"ip:{address}"

    def _recent(self, key: str, now: float) -> deque:
        q = self._fails.setdefault(key, deque())
        while q and q[0] < now - self.window:
            q.popleft()
        if not q:
            self._fails.pop(key, None)
        return q

    def _wait(self, key: str, limit: int, now: float) -> float:
        q = self._recent(key, now)
        if len(q) < limit:
            return 0.0
        delay = min(self.window, self.backoff * 2 ** (len(q) - limit))
        return max(0.0, q[-1] + delay - now)

    def retry_after(self, address: str, username: str) -> float:
        """Seconds to wait before this account may be tried from this address (0 = now)."""
        pair, ip = self.keys(address, username)
        now = time.time()
        with self._lock:
            return max(self._wait(pair, self.limit, now), self._wait(ip, self.limit * self.per_address, now))

    def blocked(self, address: str, username: str) -> bool:
        return self.retry_after(address, username) > 0

    def fail(self, address: str, username: str) -> None:
        now = time.time()
        with self._lock:
            for k in self.keys(address, username):
                self._fails.setdefault(k, deque()).append(now)

    def succeed(self, address: str, username: str) -> None:
        with self._lock:
            self._fails.pop(self.keys(address, username)[0], None)

    def unlock(self, username: str) -> int:
        """Forget every failure recorded against ``username`` (an admin's unlock)."""
        prefix = f"pair:{username.lower()}@"
        with self._lock:
            gone = [k for k in self._fails if k.startswith(prefix)]
            for k in gone:
                del self._fails[k]
        return len(gone)


class Sessions:
    """Server-side record of live sessions: a cookie is only good while its id is here,
    so logout, an admin's revocation and deactivation end it at once."""

    def __init__(self):
        self._live: dict[str, int] = {}
        self._lock = threading.Lock()

    def open(self, user_id: int) -> str:
        sid = secrets.token_urlsafe(18)
        with self._lock:
            self._live[sid] = user_id
        return sid

    def valid(self, sid, user_id: int) -> bool:
        with self._lock:
            return isinstance(sid, str) and self._live.get(sid) == user_id

    def close(self, sid) -> None:
        with self._lock:
            self._live.pop(sid, None)

    def revoke_user(self, user_id: int) -> int:
        with self._lock:
            gone = [s for s, u in self._live.items() if u == user_id]
            for s in gone:
                del self._live[s]
        return len(gone)


# -- personal API tokens -----------------------------------------------------------------
TOKEN_PREFIX = "lxb_"


def new_api_token() -> tuple[str, str, str]:
    """(token, public prefix, SHA-256 hex of the token). The token is ``lxb_<prefix>_<secret>``
    with a 256-bit secret, so a fast hash is safe (no password stretching needed) and the
    prefix finds the row without scanning."""
    prefix = secrets.token_hex(4)
    token = f"{TOKEN_PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
    return token, prefix, token_digest(token)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def token_prefix(token: str) -> str | None:
    """The public prefix of a well-formed token, else None."""
    if not token.startswith(TOKEN_PREFIX):
        return None
    prefix, sep, secret = token[len(TOKEN_PREFIX):].partition("_")
    if not sep or len(prefix) != 8 or not secret or len(token) > 128:
        return None
    return prefix
