"""``lexbench users add NAME --role reviewer|admin --db URL``; ``lexbench users list``.

The password comes from a prompt (asked twice) on a terminal, or from the first line
of stdin otherwise, so scripts can pipe it without it appearing in ``ps``.
"""
from __future__ import annotations

import getpass
import sys

from pipeline.cli.usage import UsageError


def add_parser(sub) -> None:
    p = sub.add_parser("users", help="manage reviewer accounts")
    us = p.add_subparsers(dest="users_command", metavar="ACTION")
    a = us.add_parser("add", help="add a reviewer or admin")
    a.add_argument("name")
    a.add_argument("--role", choices=("reviewer", "admin"), default="reviewer")
    a.add_argument("--db", required=True, help="SQLAlchemy URL")
    a.set_defaults(func=add)
    ls = us.add_parser("list", help="list accounts")
    ls.add_argument("--db", required=True)
    ls.set_defaults(func=list_)
    p.set_defaults(func=lambda args: (p.print_help(), 2)[1])


def read_password() -> str:
    if sys.stdin.isatty():
        pw = getpass.getpass("password: ")
        if getpass.getpass("again: ") != pw:
            raise UsageError("the passwords differ")
        return pw
    return sys.stdin.readline().rstrip("\r\n")


def add(args) -> int:
    from pipeline.review.service import add_user

    pw = read_password()
    try:
        uid = add_user(args.db, args.name, pw, args.role)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    print(f"added {args.role} {args.name} (id {uid})")
    return 0


def list_(args) -> int:
    from pipeline.review.service import list_users

    for u in list_users(args.db):
        print(f"{u['id']}\t{u['username']}\t{u['role']}")
    return 0
