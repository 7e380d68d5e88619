#!/usr/bin/env bash
# Set up .venv/ in this checkout, install lexbench (editable) with everything it needs,
# and run the main job on the bundled corpus with the embedded defaults.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip >/dev/null 2>&1 || true
# A CPU build of torch is enough (CI has no GPU); take the local wheel when the machine has one.
cpu_torch=$(ls /opt/wheels/torch-2.13.0+cpu-*.whl 2>/dev/null | head -n 1 || true)
if ! .venv/bin/python -c 'import torch' 2>/dev/null; then
  if [ -n "$cpu_torch" ]; then .venv/bin/python -m pip install -q "$cpu_torch"
  else .venv/bin/python -m pip install -q "torch>=2.2,<=2.14.1"; fi
fi
.venv/bin/python -m pip install -q -c requirements.lock -e '.[dev]'
if [ -x scripts/train-models.sh ]; then bash scripts/train-models.sh; fi
out=${LEXBENCH_OUT:-out/demo}
.venv/bin/lexbench annotate corpora --out "$out" --quiet || status=$?
echo "lexbench is installed: .venv/bin/lexbench"
echo "results: $out/ (one JSONL per statute), database: $out/lexbench.db, errors: $out/_errors.jsonl"
exit "${status:-0}"
