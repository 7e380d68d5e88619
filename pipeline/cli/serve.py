"""``lexbench serve --db URL``: the review web app (localhost only unless told otherwise)."""
from __future__ import annotations

import logging
import os
import secrets
from pathlib import Path

from pipeline.cli.usage import UsageError

log = logging.getLogger(__name__)


def add_parser(sub) -> None:
    p = sub.add_parser("serve", help="serve the review web app",
                       epilog="Scripts and notebooks: make a token with `lexbench tokens create --db URL --user NAME "
                              "--name notebook --scope read` and send `Authorization: Bearer <token>` to /api/*; "
                              "the API reference is at /docs and /openapi.json (for logged-in users and tokens).")
    p.add_argument("--db", required=True, help="SQLAlchemy URL, e.g. sqlite:///out/lexbench.db")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8765)
    p.add_argument("--threshold", type=float, default=0.5, help="pre-select suggestions scoring at least this")
    p.add_argument("--overlap", type=int, default=1, help="reviewers wanted per provision")
    p.add_argument("--order", choices=("uncertainty", "statute"), default="uncertainty")
    p.add_argument("--secret-file", type=Path,
                   help="file holding the session-signing secret (created if missing; default: a fresh "
                        "secret per start, or $LEXBENCH_SECRET)")
    p.add_argument("--secure-cookies", action="store_true", help="mark cookies Secure (behind HTTPS)")
    p.set_defaults(func=run)


def load_secret(path: Path | None) -> bytes:
    """Sessions survive restarts only with a persistent secret; it is created 0600."""
    env = os.environ.get("LEXBENCH_SECRET")
    if path is None:
        return env.encode() if env else secrets.token_bytes(32)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_hex(32))
    return path.read_text().strip().encode()


LOOPBACK = ("127.0.0.1", "localhost", "::1")


def run(args) -> int:
    import uvicorn

    from pipeline.review.app import AppConfig, create_app
    from pipeline.store import engine_for

    if not 0 < args.port < 65536:
        raise UsageError("--port must be 1-65535")
    if not 0.0 <= args.threshold <= 1.0:
        raise UsageError("--threshold must be between 0 and 1")
    try:
        engine_for(args.db)
    except Exception as exc:  # a bad URL or unreachable server: one line, no traceback
        raise UsageError(f"cannot open database {args.db}: {type(exc).__name__}: {exc}") from None
    if args.host not in LOOPBACK:
        log.warning("warning: serving on %s; put it behind HTTPS and use --secure-cookies", args.host)
    cfg = AppConfig(db_url=args.db, secret=load_secret(args.secret_file), threshold=args.threshold,
                    overlap=max(1, args.overlap), order=args.order, secure_cookies=args.secure_cookies,
                    # on a loopback address only loopback Host names are served (DNS rebinding)
                    allowed_hosts=LOOPBACK if args.host in LOOPBACK else None)
    log.warning("lexbench review on http://%s:%s/ (db: %s)", args.host, args.port, args.db)
    uvicorn.run(create_app(cfg), host=args.host, port=args.port, log_level="warning",
                proxy_headers=False, server_header=False)
    return 0
