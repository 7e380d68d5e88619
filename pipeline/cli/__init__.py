"""``lexbench`` command line: one module per sub-command in this package.

Each module defines ``add_parser(subparsers)`` which registers its sub-command and
sets ``func``; ``func(args)`` returns the exit code (0 ok, 1 some inputs failed,
2 usage error). New commands need no edit here.

Results go to stdout; diagnostics go through the standard ``logging`` module to stderr
(``lexbench -v COMMAND``: debug, ``-q``: warnings and errors only).
"""
from __future__ import annotations

import argparse
import importlib
import logging
import pkgutil
import sys

from pipeline import __version__
from pipeline.cli.usage import UsageError

log = logging.getLogger("pipeline")

# What `lexbench --help` says: for an analyst, not a developer.
DESCRIPTION = """\
lexbench reads criminal statutes (PDF, text, HTML, DOCX, Akoma Ntoso) and measures how far a
country's law meets the international benchmarks on online child sexual exploitation and abuse:
which benchmark conducts each provision criminalises (fully or partially), which outdated terms
it uses, and a coverage matrix per jurisdiction that reviewers can check and correct."""

# Commands in the order the data flows through them; any other command follows, A-Z.
COMMAND_ORDER = ("annotate", "terms", "coverage", "atlas", "export", "serve", "review", "users", "tokens",
                 "reevaluate", "runs", "benchmarks", "models", "train", "evaluate", "bench")

EPILOG = """\
examples:
  lexbench annotate statutes/ --out out/ --jurisdiction GB -j 4
  lexbench coverage out/ --jurisdiction GB --format html -o gb.html

`lexbench COMMAND --help` describes one command. Results go to stdout or the files named;
progress and diagnostics go to stderr."""


class _StderrHandler(logging.StreamHandler):
    """Writes to whatever ``sys.stderr`` is at the time (pytest's capture included)."""

    def __init__(self):
        super().__init__(sys.stderr)

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, value):
        pass


def configure_logging(verbose: int = 0, quiet: bool = False) -> None:
    """One stderr handler on the ``pipeline`` and ``evaluation`` loggers; messages as written."""
    level = logging.WARNING if quiet else logging.DEBUG if verbose else logging.INFO
    for name in ("pipeline", "evaluation"):
        logger = logging.getLogger(name)
        for h in [h for h in logger.handlers if isinstance(h, _StderrHandler)]:
            logger.removeHandler(h)
        handler = _StderrHandler()
        handler.setFormatter(logging.Formatter("%(message)s"))
        logger.addHandler(handler)
        logger.setLevel(level)
        logger.propagate = False


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="lexbench", description=DESCRIPTION, epilog=EPILOG,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"lexbench {__version__}")
    parser.add_argument("-v", "--verbose", dest="log_verbose", action="count", default=0,
                        help="debug diagnostics on stderr")
    parser.add_argument("-q", "--quiet", dest="log_quiet", action="store_true", help="only warnings and errors on stderr")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands (in data-path order)")
    names = [m.name for m in pkgutil.iter_modules(__path__)]
    rank = {name: i for i, name in enumerate(COMMAND_ORDER)}
    for mod in sorted(names, key=lambda n: (rank.get(n, len(rank)), n)):
        command = importlib.import_module(f"{__name__}.{mod}")
        if hasattr(command, "add_parser"):  # usage.py holds UsageError, not a command
            command.add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    configure_logging(args.log_verbose, args.log_quiet)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except UsageError as exc:
        log.error("lexbench %s: error: %s", args.command, exc)
        return 2
    except KeyboardInterrupt:
        log.error("interrupted; re-run the same command to resume")
        return 130


if __name__ == "__main__":
    sys.exit(main())
