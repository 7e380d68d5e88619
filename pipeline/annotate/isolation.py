"""Extraction in a forked child process with a memory cap: a native crash or an
out-of-memory kill while reading one file fails that file, never the batch.

Reads: a statute file (through ``pipeline.extract`` in the child). Writes: nothing; the
child sends back the ``Document`` (or the error record) through a pipe.

The child is forked (cheap: no interpreter start, no re-import; about 2 ms), limits its own
address space to what it inherited plus ``memory_mib`` (``RLIMIT_AS``), and is killed when
the caller's time limit fires. A child that dies without an answer (a signal, an abort in a
PDF library, the kernel's OOM killer) is reported as ``worker_crashed``; one that runs out of
its memory budget as ``out_of_memory``.
"""
from __future__ import annotations

import faulthandler
import os
import pickle
import resource
import signal
import traceback

from pipeline import errors
from pipeline.extract import Limits, extract
from pipeline.files import display_path
from pipeline.records import Document

DEFAULT_MEMORY_MIB = 768  # what extraction may add to the process it forks from


class ChildError(errors.LexbenchError):
    """An error raised in the extraction child, carried back as its ``_errors.jsonl`` record."""

    def __init__(self, rec: dict):
        self.kind = str(rec.get("kind", "error"))
        self._rec = rec
        super().__init__(str(rec.get("file", "")), str(rec.get("message", "")), "")

    def line(self) -> str:
        return str(self._rec.get("message", ""))

    def record(self) -> dict:
        return dict(self._rec)


def _address_space() -> int:
    """This process's virtual size in bytes (what ``RLIMIT_AS`` counts)."""
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def _child(path, limits: Limits, lang: str | None, memory_mib: int, wfd: int) -> None:
    shown = display_path(path)
    try:
        faulthandler.disable()  # a crash here is reported by the parent, not dumped on stderr
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        cap = _address_space() + memory_mib * 1024 * 1024
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            cap = min(cap, hard)
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
        try:
            answer = ("ok", extract(path, limits, lang=lang))
        except errors.LexbenchError as exc:
            answer = ("error", exc.record())
        except MemoryError:
            answer = ("error", errors.OutOfMemory(shown, f"reading it needed more than {memory_mib} MiB "
                                                        "(the extraction memory limit)").record())
        except RecursionError:
            answer = ("error", errors.TooDeep(shown).record())
        except Exception as exc:
            answer = ("error", errors.InternalError(shown, exc, traceback.format_exc(limit=8)).record())
        try:
            data = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
        except MemoryError:
            data = pickle.dumps(("error", errors.OutOfMemory(shown, "the extracted text exceeds the "
                                                                    "extraction memory limit").record()))
        with os.fdopen(wfd, "wb") as out:
            out.write(data)
    finally:
        os._exit(0)


def _read_all(fd: int) -> bytes:
    chunks = []
    with os.fdopen(fd, "rb", buffering=0) as fh:
        while True:
            chunk = fh.read(1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
    return b"".join(chunks)


def extract_isolated(path, limits: Limits, lang: str | None = None,
                     memory_mib: int = DEFAULT_MEMORY_MIB) -> Document:
    """``pipeline.extract.extract`` run in a memory-capped child; raises a ``LexbenchError``.

    The caller's time limit (SIGALRM) interrupts the wait; the child is then killed.
    """
    shown = display_path(path)
    rfd, wfd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child never returns
        os.close(rfd)
        _child(path, limits, lang, memory_mib, wfd)
    os.close(wfd)
    status = None
    try:
        data = _read_all(rfd)
        _, status = os.waitpid(pid, 0)
    finally:
        if status is None:  # interrupted (time limit, Ctrl-C): the child must not outlive the file
            try:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
    if data:
        try:
            what, value = pickle.loads(data)
        except Exception:
            what, value = "crash", None
        if what == "ok":
            return value
        if what == "error":
            raise ChildError(value)
    raise errors.WorkerCrashed(shown, _death(status, memory_mib))


def _death(status: int | None, memory_mib: int) -> str:
    """What killed the child, in words (an exit code or a signal name)."""
    if status is not None and os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        name = signal.Signals(sig).name if sig in signal.Signals._value2member_map_ else str(sig)
        why = " (out of memory)" if sig == signal.SIGKILL else ""
        return (f"the process reading this file died of {name}{why} "
                f"(extraction memory limit {memory_mib} MiB)")
    code = os.WEXITSTATUS(status) if status is not None else "?"
    return f"the process reading this file exited with status {code} without an answer"
