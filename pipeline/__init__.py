"""lexbench: statutes in, provisions annotated against CSEA legislative benchmarks out.

The data path is the package layout: extract -> segment -> classify / terminology ->
store -> review -> evaluate.
"""
__version__ = "0.1.0"
