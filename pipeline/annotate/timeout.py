"""A time limit per file: a statute that takes too long fails alone, the batch goes on.

Reads: nothing. Writes: nothing (raises ``errors.Timeout``).
"""
from __future__ import annotations

import signal
import threading
from contextlib import contextmanager

from pipeline import errors
from pipeline.files import display_path


@contextmanager
def time_limit(seconds: float, path: str):
    """Raise ``errors.Timeout`` if the block runs longer than ``seconds``.

    SIGALRM interrupts Python code and blocking system calls (also in ``-j N`` worker
    processes, whose tasks run in their main thread); it only works in a main thread,
    elsewhere the block runs unlimited. The alarm is disarmed before the block is left,
    so it can never fire after the file is done.
    """
    if not seconds or seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return
    armed = [True]

    def on_alarm(_sig, _frame):
        if armed[0]:
            armed[0] = False
            raise errors.Timeout(display_path(path), f"took longer than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        armed[0] = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
