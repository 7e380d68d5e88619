"""The one atomic writer (``pipeline.files``) and the batch's error kinds (``pipeline.errors``)."""
from __future__ import annotations

import json

import pytest

from pipeline import errors
from pipeline.files import atomic_writer, write_jsonl_atomic, write_text_atomic


def test_a_failed_write_leaves_the_old_file_and_no_temp(tmp_path):
    out = tmp_path / "sub" / "a.jsonl"
    write_jsonl_atomic(out, [{"x": "é"}])
    with pytest.raises(RuntimeError):
        with atomic_writer(out, text=True) as fh:
            fh.write("half")
            raise RuntimeError("killed mid-write")
    assert json.loads(out.read_text(encoding="utf-8")) == {"x": "é"}
    assert sorted(p.name for p in out.parent.iterdir()) == ["a.jsonl"]
    write_text_atomic(out, "whole\n")
    assert out.read_text(encoding="utf-8") == "whole\n"


@pytest.mark.parametrize("err, line", [
    (errors.TooDeep("f.txt"), "f.txt: too_deep: nesting too deep to process"),
    (errors.OutOfMemory("f.txt"), "f.txt: out_of_memory: lower --max-bytes or split the file"),
    (errors.DatabaseBusy("f.txt"), "f.txt: database_busy: the database stayed locked by another process; "
                                   "nothing was stored for this file: re-run to resume"),
    (errors.WorkerCrashed("f.txt"), "f.txt: worker_crashed: the process reading this file died (crash or out of "
                                    "memory); check the file or lower --max-bytes"),
])
def test_batch_error_kinds_keep_their_one_line_messages(err, line):
    assert err.record() == {"file": "f.txt", "kind": err.kind, "message": line}


def test_an_internal_error_names_the_exception_and_keeps_the_traceback():
    rec = errors.InternalError("f.txt", ValueError("first line\nsecond line"), "Traceback ...").record()
    assert rec["message"] == "f.txt: internal_error: ValueError: first line (please report it with this file)"
    assert rec["traceback"] == "Traceback ..." and rec["kind"] == "internal_error"
