"""Package list for setuptools (everything else is in pyproject.toml).

Discovery keeps new sub-packages of ``pipeline`` and ``evaluation`` in the wheel without an
edit here. ``pipeline.data`` is the top-level ``models/`` folder of the checkout: its data
files ship inside the package (``[tool.setuptools.package-dir]``), read through
``pipeline/resources.py``; ``models/trained/`` (gitignored weights) is not shipped.
"""
from setuptools import find_namespace_packages, setup

DATA = ["pipeline.data", "pipeline.data.benchmarks", "pipeline.data.terminology", "pipeline.data.segmentation",
        "pipeline.data.schemas", "pipeline.data.schemas.akn", "pipeline.data.tokenizers"]

setup(packages=find_namespace_packages(include=["pipeline", "pipeline.*", "evaluation", "evaluation.*"],
                                       exclude=["*.__pycache__"]) + DATA)
