"""The versioned data files (benchmarks/, terminology/, segmentation/, schemas/,
tokenizers/).

Installed as the package ``pipeline.data``; read only through ``pipeline/resources.py``.
Trained weights (``trained/``, gitignored) are not part of it.
"""
