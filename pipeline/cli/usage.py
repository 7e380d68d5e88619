"""The one error a sub-command raises for bad arguments (its own module, so that sub-commands
do not import the package that loads them)."""
from __future__ import annotations


class UsageError(Exception):
    """Raised by a command for bad arguments: printed as one line, exit code 2."""
