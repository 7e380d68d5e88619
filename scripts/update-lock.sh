#!/usr/bin/env bash
# Re-pin requirements.lock from the working .venv (run after changing dependencies).
# torch is installed by scripts/setup.sh itself (CPU wheel when the machine has one), so it
# is left out of the pins.
set -euo pipefail
cd "$(dirname "$0")/.."
{ echo "# Pinned by scripts/update-lock.sh; used as constraints by scripts/setup.sh and audited in CI."
  .venv/bin/python -m pip freeze --exclude-editable | grep -v -E '^(torch|pip|setuptools|wheel)==' ; } > requirements.lock
echo "requirements.lock: $(grep -vc '^#' requirements.lock) pins"
