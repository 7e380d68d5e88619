#!/usr/bin/env bash
# Re-pin requirements.lock from the working .venv (run after changing dependencies).
# The lock pins every extra too (it is only a constraints file: pins of packages that are not
# installed are ignored), so the .venv must have them all: LEXBENCH_EXTRAS=all bash scripts/setup.sh.
# torch is installed by scripts/setup.sh itself (CPU wheel unless LEXBENCH_TORCH=cuda), so it
# is left out of the pins.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! .venv/bin/python -c 'import transformers, datasets, ray, distributed, psycopg, playwright' 2>/dev/null; then
  echo "update-lock: .venv lacks some extras; run LEXBENCH_EXTRAS=all bash scripts/setup.sh first" >&2
  exit 1
fi
{ echo "# Pinned by scripts/update-lock.sh; used as constraints by scripts/setup.sh and audited in CI."
  .venv/bin/python -m pip freeze --exclude-editable | grep -v -E '^(torch|pip|setuptools|wheel)==' ; } > requirements.lock
echo "requirements.lock: $(grep -vc '^#' requirements.lock) pins"
