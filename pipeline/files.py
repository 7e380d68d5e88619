"""Files written so that a reader never sees half of one: the one atomic writer of lexbench.

Reads: files to hash (``file_sha256``). Writes: any output through ``atomic_writer`` (a temp file
in the same folder, fsync, rename): annotate's JSONL and ``_errors.jsonl``, the re-evaluation's
diff pages, review exports, the language model cache. ``clean_stale_temps`` removes what killed
writers left behind.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from contextlib import contextmanager, suppress
from pathlib import Path


TMP_SUFFIX = ".tmp"


def _tmp_name(path: Path) -> Path:
    """``.<name>.<pid>.tmp``: hidden and not ``*.jsonl``, so never taken for an output or
    an input; the pid lets a later run tell a dead writer's leftovers from a live one's."""
    return path.with_name(f".{path.name}.{os.getpid()}{TMP_SUFFIX}")


@contextmanager
def atomic_writer(path: Path, text: bool = False):
    """A file handle (binary, or UTF-8 text) whose content replaces ``path`` only once the block succeeds."""
    path = Path(path)
    if path.is_dir():
        raise IsADirectoryError(f"{path} is a folder: give a file name to write to")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = _tmp_name(path)
    with suppress(FileNotFoundError):  # whatever sits at the temp name (a planted symlink) is
        tmp.unlink()                   # replaced, never followed: O_EXCL | O_NOFOLLOW below
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o666)
    try:
        with (open(fd, "w", encoding="utf-8") if text else open(fd, "wb")) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with suppress(OSError):
            tmp.unlink()
        raise


def _json_line(row) -> bytes:
    line = json.dumps(row, ensure_ascii=False)
    try:
        return (line + "\n").encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates (e.g. from a non-UTF-8 file name)
        return (json.dumps(row) + "\n").encode("ascii")


def write_jsonl_atomic(path: Path, rows) -> None:
    """One JSON object per line, never a partial file."""
    with atomic_writer(path) as fh:
        for row in rows:
            fh.write(_json_line(row))


def write_text_atomic(path: Path, text: str) -> None:
    """UTF-8 text, never a partial file."""
    with atomic_writer(path) as fh:
        fh.write(text.encode("utf-8"))


def clean_stale_temps(out_dir: Path) -> list[Path]:
    """Remove temp files left by writers that were killed (their pid no longer runs)."""
    removed = []
    for tmp in out_dir.glob(f".*{TMP_SUFFIX}"):
        m = re.fullmatch(rf"\..+\.(\d+){re.escape(TMP_SUFFIX)}", tmp.name)
        if m and not _pid_alive(int(m.group(1))):
            with suppress(OSError):
                tmp.unlink()
                removed.append(tmp)
    return removed


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie (killed, not yet reaped) holds its pid but writes nothing
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as fh:
            return fh.read().rsplit(")", 1)[-1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def display_path(p: str | os.PathLike) -> str:
    """The path as text that UTF-8 can encode: undecodable bytes become U+FFFD."""
    return os.fsencode(p).decode("utf-8", errors="replace")
