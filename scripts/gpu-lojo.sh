#!/usr/bin/env bash
# The transformer's leave-one-jurisdiction-out fits, run on a lent GPU machine.
#
# Why a separate step: 22 MiniLM fine-tunings take hours on our 2 CPU cores. The device has
# torch/transformers/numpy/pyyaml but no spaCy and no MiniLM package, so it gets a dump made
# here (`python -m evaluation.offline_cv dump gpu_job`: items + fp16 weights, ~46 MB, git-ignored;
# copy the folder to the device with the working tree) and returns predictions only; scoring
# happens here:
#   python -m evaluation.offline_cv score gpu_job <fetched folder> --out evaluation/results
# Usage on the device, from the repository root:  bash scripts/gpu-lojo.sh [extra predict args]
set -euo pipefail
cd "$(dirname "$0")/.."
JOB=${LEXBENCH_GPU_JOB:-gpu_job}
OUT=${OUT:?set OUT to the folder whose files come back}
[ -f "$JOB/items.jsonl" ] && [ -f "$JOB/minilm/model.safetensors" ] || {
  echo "gpu-lojo: no dump in $JOB; run 'python -m evaluation.offline_cv dump $JOB' first" >&2; exit 2; }
PY=${PYTHON:-$(command -v python || command -v python3)}
[ -x .venv/bin/python ] && .venv/bin/python -c 'import torch' 2>/dev/null && PY=.venv/bin/python
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 TOKENIZERS_PARALLELISM=false
export LEXBENCH_MINILM_DIR="$PWD/$JOB/minilm" PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"
DEVICE=cuda
"$PY" -c 'import torch, sys; sys.exit(0 if torch.cuda.is_available() else 1)' || {
  echo "gpu-lojo: no CUDA device visible; running on CPU (slow)" >&2; DEVICE=cpu; }
mkdir -p "$OUT"
"$PY" -m evaluation.offline_cv predict "$JOB" "$OUT" --device "$DEVICE" "$@" 2>&1 | tee "$OUT/predict.log"
