"""Terminology flags (first cut: none; the Luxembourg Guidelines engine replaces this)."""
from __future__ import annotations

from .records import Document, TermFlag


class TermFlagger:
    @classmethod
    def load(cls) -> "TermFlagger":
        return cls()

    def flag(self, doc: Document) -> tuple[list[TermFlag], list[TermFlag]]:
        return [], []
