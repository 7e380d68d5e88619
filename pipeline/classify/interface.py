"""The conduct classifier interface, in scikit-learn's fit / predict style.

Every classifier, rules or learned, answers the same calls:

- ``fit(items, labels, *, groups=None)`` learns from labelled provisions (``labels[i]`` maps a
  conduct id to "full" or "partial"; ``groups[i]`` is the item's jurisdiction, for models that
  tune on unseen countries) and returns the classifier. Attributes learned by ``fit`` end in
  ``_`` (``threshold_``, ``models_`` ...), as in scikit-learn.
- ``predict_proba(items)`` -> array (len(items), len(CONDUCT_IDS)) of scores.
- ``explain(item, conduct)`` -> the ``Evidence`` span of ``item.text`` for ``conduct``.
- ``label(items, benchmark)`` -> per item, the output contract's ``ConductLabel``s, with full or
  partial coverage judged against ``benchmark`` (see ``pipeline.classify.judge``).
- ``get_params()`` -> the constructor arguments; ``clone(clf)`` -> an unfitted copy.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from pipeline.classify.inputs import ClassifyItem
from pipeline.records import ConductLabel, Evidence

if TYPE_CHECKING:
    import numpy as np


@runtime_checkable
class ConductClassifier(Protocol):
    name: str
    version: str

    def fit(self, items: list[ClassifyItem], labels: list[dict[str, str]], *,
            groups: list[str] | None = None) -> "ConductClassifier": ...

    def predict_proba(self, items: list[ClassifyItem]) -> np.ndarray: ...

    def explain(self, item: ClassifyItem, conduct: str) -> Evidence | None: ...

    def label(self, items: list[ClassifyItem], benchmark) -> list[list[ConductLabel]]: ...

    def get_params(self) -> dict[str, Any]: ...


def clone(clf: ConductClassifier) -> ConductClassifier:
    """A new, unfitted classifier with the same parameters (``sklearn.base.clone``)."""
    return type(clf)(**clf.get_params())
