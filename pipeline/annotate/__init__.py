"""The main job: statute files in, one JSONL of annotated provisions per file out.

Reads: statute files and folders (text, Markdown, PDF). Writes: ``<out>/<file>.jsonl`` (the
``lexbench.provision/1`` contract), ``<out>/_errors.jsonl`` and, when asked, the store.

extract -> segment -> classify / terminology -> output + store. A bad file never
stops a batch: it is reported in ``_errors.jsonl`` and the others go on. Outputs are
written atomically and skipped when the same statute was already annotated with the
same model and benchmark versions, so an interrupted run simply resumes.

``annotator`` does one document or file, ``batch`` a whole run (pool, error records),
``timeout`` the time limit per file, ``engines`` the Dask and Ray back-ends; outputs are
written by ``pipeline.files`` (the one atomic writer).
"""
from __future__ import annotations

from pipeline.annotate.annotator import AnnotateConfig, Annotator, FileResult
from pipeline.annotate.batch import run_batch

__all__ = ["AnnotateConfig", "Annotator", "FileResult", "run_batch"]
