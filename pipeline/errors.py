"""Errors a user can act on: each names the file, what is wrong and what to do."""
from __future__ import annotations


class LexbenchError(Exception):
    """Base class; ``kind`` is a stable machine-readable code for _errors.jsonl."""

    kind = "error"
    hint = ""

    def __init__(self, path: str, message: str, hint: str | None = None):
        self.path = path
        self.message = message
        if hint is not None:
            self.hint = hint
        super().__init__(self.line())

    def line(self) -> str:
        hint = f": {self.hint}" if self.hint else ""
        return f"{self.path}: {self.kind}: {self.message}{hint}"


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


# Kinds that ``annotate`` reports without an exception class (see pipeline/annotate.py).
OTHER_KINDS = {
    "too_deep": "nesting too deep to process",
    "out_of_memory": "the file needed more memory than available",
    "database_busy": "another process held the database lock beyond every retry; re-run to resume",
    "worker_crashed": "the worker process died on this file (crash in a PDF library, OOM kill)",
    "internal_error": "a bug: the message and _errors.jsonl traceback should be reported",
}
