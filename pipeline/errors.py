"""Errors a user can act on: each names the file, what is wrong and what to do."""
from __future__ import annotations


class LexbenchError(Exception):
    """Base class; ``kind`` is a stable machine-readable code for _errors.jsonl."""

    kind = "error"
    hint = ""

    summary = ""  # the message when none is given

    def __init__(self, path: str, message: str | None = None, hint: str | None = None):
        self.path = path
        self.message = message if message is not None else self.summary
        if hint is not None:
            self.hint = hint
        super().__init__(self.line())

    def line(self) -> str:
        hint = f": {self.hint}" if self.hint else ""
        return f"{self.path}: {self.kind}: {self.message}{hint}"

    def record(self) -> dict:
        """The ``_errors.jsonl`` entry for this failure."""
        return {"file": self.path, "kind": self.kind, "message": self.line()}


class EmptyInput(LexbenchError):
    kind = "empty_input"
    hint = "the file holds no text; check the download"


class BinaryInput(LexbenchError):
    kind = "binary_input"
    hint = "not a text statute; give a .txt, .md or .pdf file"


class UnsupportedFormat(LexbenchError):
    kind = "unsupported_format"
    hint = "give a .pdf or a text file"


class EncryptedPdf(LexbenchError):
    kind = "encrypted_pdf"
    hint = "decrypt it first (e.g. qpdf --decrypt in.pdf out.pdf)"


class NoTextLayer(LexbenchError):
    kind = "no_text_layer"
    hint = "run OCR first (e.g. ocrmypdf in.pdf out.pdf)"


class CorruptPdf(LexbenchError):
    kind = "corrupt_pdf"
    hint = "the PDF cannot be parsed; re-download it or repair it (e.g. qpdf in.pdf out.pdf)"


class ContentBomb(LexbenchError):
    """A PDF whose compressed streams expand beyond any statute (a decompression bomb)."""

    kind = "content_bomb"
    hint = "not read: it would exhaust memory; if it is a real statute, re-export it (e.g. qpdf in.pdf out.pdf)"


class GarbledText(LexbenchError):
    """A text layer that is not text (fonts without a Unicode map): labels would be silently empty."""

    kind = "garbled_text"
    hint = "its fonts have no Unicode mapping; run OCR over it (e.g. ocrmypdf --force-ocr in.pdf out.pdf)"


class TooLarge(LexbenchError):
    kind = "too_large"
    hint = "raise the limit with --max-bytes / --max-pages if this is intended"


class Timeout(LexbenchError):
    kind = "timeout"
    hint = "raise --timeout if this file is expected to be slow"


class Unreadable(LexbenchError):
    kind = "unreadable"
    hint = "check that the file exists and is readable (broken link, permissions)"


# Failures of the batch itself rather than of a file's content.
class TooDeep(LexbenchError):
    kind = "too_deep"
    summary = "nesting too deep to process"


class OutOfMemory(LexbenchError):
    kind = "out_of_memory"
    summary = "lower --max-bytes or split the file"


class DatabaseBusy(LexbenchError):
    """Another process held the database lock beyond every retry (raised by ``pipeline.store``)."""

    kind = "database_busy"
    summary = "the database stayed locked by another process; nothing was stored for this file"
    hint = "re-run to resume"


class WorkerCrashed(LexbenchError):
    """The worker process died on this file (crash in a PDF library, OOM kill, lost cluster task)."""

    kind = "worker_crashed"

    def __init__(self, path: str, what: str = "the process reading this file died (crash or out of memory)"):
        super().__init__(path, f"{what}; check the file or lower --max-bytes")


class InternalError(LexbenchError):
    """A bug: the message and the traceback in ``_errors.jsonl`` should be reported."""

    kind = "internal_error"

    def __init__(self, path: str, exc: BaseException, traceback: str = ""):
        first = (str(exc).splitlines() or [""])[0][:300]
        super().__init__(path, f"{type(exc).__name__}: {first} (please report it with this file)")
        self.traceback = traceback

    def record(self) -> dict:
        return super().record() | {"traceback": self.traceback}
