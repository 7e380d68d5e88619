"""The one error a sub-command raises for bad arguments (its own module, so that sub-commands
do not import the package that loads them)."""
from __future__ import annotations


class UsageError(Exception):
    """Raised by a command for bad arguments: printed as one line, exit code 2."""


def error_text(exc: BaseException) -> str:
    """One line for a lookup or file error: ``KeyError('x')`` prints as ``'x'`` and
    ``FileNotFoundError`` as ``[Errno 2] ...: 'path'``; neither quoting survives intact
    through a strip, so each is spelt out here."""
    if isinstance(exc, KeyError) and exc.args:
        return str(exc.args[0])
    if isinstance(exc, OSError) and exc.filename is not None and exc.strerror:
        return f"{exc.filename}: {exc.strerror.lower()}"
    return str(exc)


def add_format_option(p, formats: tuple[str, ...] = ("text", "json"), help: str | None = None) -> None:
    """``--format F`` as every command spells it, with ``--json`` kept as its shorthand."""
    p.add_argument("--format", choices=formats, default=formats[0], help=help or "output format (default %(default)s)")
    p.add_argument("--json", dest="format", action="store_const", const="json", help="same as --format json")
