"""``lexbench tokens create|list|revoke``: personal API tokens for scripts and notebooks.

``create`` asks for the user's password (a prompt on a terminal, else the first line of stdin,
as ``users add``) and prints the token once; the store keeps only its hash. A token goes in
``Authorization: Bearer <token>`` on /api/* of ``lexbench serve``, with no cookie or CSRF token.
"""
from __future__ import annotations

import getpass
import json
import sys

from pipeline.cli.usage import UsageError, add_format_option


def add_parser(sub) -> None:
    p = sub.add_parser("tokens", help="personal API tokens for the review API (create, list, revoke)")
    ts = p.add_subparsers(dest="tokens_command", metavar="ACTION")
    c = ts.add_parser("create", help="make a token for USER (asks USER's password); printed once")
    c.add_argument("--db", required=True, help="SQLAlchemy URL of the review database")
    c.add_argument("--user", required=True, help="whose token it is")
    c.add_argument("--name", required=True, help="what uses it, e.g. notebook or ci")
    c.add_argument("--scope", default="read", help="read (GET /api/*) or review (read + decisions); comma-separated")
    c.add_argument("--expires-days", type=int, help="expire after this many days (default: never)")
    c.set_defaults(func=create)
    ls = ts.add_parser("list", help="list tokens (prefix, scopes, last used, status), never the secrets")
    ls.add_argument("--db", required=True)
    ls.add_argument("--user", help="only this user's tokens")
    add_format_option(ls)
    ls.set_defaults(func=list_)
    r = ts.add_parser("revoke", help="revoke a token by its prefix (from `tokens list`)")
    r.add_argument("prefix", metavar="PREFIX")
    r.add_argument("--db", required=True)
    r.set_defaults(func=revoke)
    p.set_defaults(func=lambda args: (p.print_help(), 2)[1])


def _password(user: str) -> str:
    if sys.stdin.isatty():
        return getpass.getpass(f"password of {user}: ")
    return sys.stdin.readline().rstrip("\r\n")


def create(args) -> int:
    from pipeline.review import tokens
    from pipeline.review.service import authenticate

    user = authenticate(args.db, args.user, _password(args.user))
    if user is None:
        raise UsageError(f"wrong password for {args.user}, or no such active user")
    try:
        token, row = tokens.create_token(args.db, user["id"], args.name, args.scope, args.expires_days)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    print(token)
    print(f"token {row['prefix']} ({', '.join(row['scopes'])}) for {args.user}: shown once, store it now; "
          f"send it as 'Authorization: Bearer <token>'; revoke: lexbench tokens revoke {row['prefix']} --db ...",
          file=sys.stderr)
    return 0


def list_(args) -> int:
    from pipeline.review import tokens
    from pipeline.review.service import user_named

    uid = None
    if args.user:
        u = user_named(args.db, args.user)
        if u is None:
            raise UsageError(f"no user {args.user!r}")
        uid = u["id"]
    rows = [tokens.describe(r) for r in tokens.list_tokens(args.db, uid)]
    if args.format == "json":
        print(json.dumps(rows, indent=2))
        return 0
    for t in rows:
        print("\t".join([t["prefix"], t["user"], t["name"], ",".join(t["scopes"]), t["status"],
                         f"created {t['created']}", f"last used {t['last_used'] or 'never'}"]))
    return 0


def revoke(args) -> int:
    from pipeline.review import tokens

    if not tokens.revoke_token(args.db, args.prefix):
        raise UsageError(f"no live token {args.prefix!r}")
    print(f"revoked {args.prefix}")
    return 0
