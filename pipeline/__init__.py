"""lexbench: statutes in, provisions annotated against CSEA legislative benchmarks out.

The data path is the package layout: extract -> segment -> classify / terminology (run
file by file by annotate) -> store -> coverage and review; evaluation/ scores the stages.
"""
__version__ = "0.1.0"
