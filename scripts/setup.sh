#!/usr/bin/env bash
# Set up .venv/ in this checkout, install lexbench (editable) with what it and its tests need,
# and run the main job on the bundled corpus with the embedded defaults.
#
#   bash scripts/setup.sh                          core + [dev]: rules, linear, hybrid, SQLite,
#                                                  review server, reports, the test tools
#   LEXBENCH_EXTRAS=transformer bash scripts/setup.sh   also the MiniLM classifier (CPU torch)
#   LEXBENCH_EXTRAS=all bash scripts/setup.sh      every extra (what CI installs): transformer,
#                                                  hf, cluster, postgres, browser
#   LEXBENCH_TORCH=cuda                            PyPI's default (CUDA) torch instead of the CPU build
#
# Tests of an extra that is not installed are skipped, with the install command as the reason.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$SECONDS
PY=${PYTHON:-python3}
EXTRAS=${LEXBENCH_EXTRAS:-}
[ "$EXTRAS" = all ] && EXTRAS=transformer,hf,cluster,postgres,browser
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip >/dev/null 2>&1 || true

# torch, only for the transformer extra, only from PyPI (no other index is ever used): the CPU
# build where the machine keeps one (a local wheel, or pip's configured wheel folder, which
# `torch==2.13.0` resolves to); otherwise PyPI's Linux torch, which is the CUDA build (~3 GiB).
if [[ ",$EXTRAS," == *,transformer,* ]] && ! .venv/bin/python -c 'import torch' 2>/dev/null; then
  cpu_torch=$(ls /opt/wheels/torch-2.13.0+cpu-*.whl 2>/dev/null | head -n 1 || true)
  if [ "${LEXBENCH_TORCH:-cpu}" = cuda ]; then .venv/bin/python -m pip install -q "torch>=2.2,<=2.14.1"
  elif [ -n "$cpu_torch" ]; then .venv/bin/python -m pip install -q "$cpu_torch"
  else .venv/bin/python -m pip install -q "torch==2.13.0"; fi
fi
.venv/bin/python -m pip install -q -c requirements.lock -e ".[dev${EXTRAS:+,$EXTRAS}]"
echo "setup: installed lexbench [dev${EXTRAS:+,$EXTRAS}] in $((SECONDS - start)) s; .venv is $(du -sh .venv | cut -f1)"
if [ -x scripts/train-models.sh ]; then bash scripts/train-models.sh; fi
out=${LEXBENCH_OUT:-out/demo}
.venv/bin/lexbench annotate corpora --out "$out" --quiet || status=$?
echo "lexbench is installed: .venv/bin/lexbench (set-up took $((SECONDS - start)) s)"
echo "results: $out/ (one JSONL per statute), database: $out/lexbench.db, errors: $out/_errors.jsonl"
exit "${status:-0}"
