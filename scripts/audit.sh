#!/usr/bin/env bash
# Audit the pinned dependencies for known vulnerabilities (PyPI advisory data).
# Known vulnerabilities fail; an advisory service that cannot be reached is a warning.
set -uo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/pip-audit ]; then
  echo "pip-audit: not installed (it comes with the [dev] extra: .venv/bin/pip install -e '.[dev]')" >&2; exit 1
fi
report=$(mktemp)
.venv/bin/pip-audit -r requirements.lock --no-deps --disable-pip --progress-spinner off \
  -f json -o "$report" 2>"$report.err"
rc=$?
if [ $rc -eq 0 ]; then echo "pip-audit: no known vulnerabilities in requirements.lock"; exit 0; fi
if .venv/bin/python - "$report" <<'PY'
import json, sys
try:
    deps = json.load(open(sys.argv[1]))["dependencies"]
except Exception:
    sys.exit(1)  # no report: the service was not reached
bad = [(d["name"], d["version"], [v["id"] for v in d.get("vulns", [])]) for d in deps if d.get("vulns")]
for name, version, ids in bad:
    print(f"pip-audit: {name}=={version}: {', '.join(ids)}")
sys.exit(0 if bad else 1)
PY
then echo "pip-audit: known vulnerabilities found (above)" >&2; exit 1; fi
echo "pip-audit: WARNING: could not check advisories ($(tail -n 1 "$report.err"))" >&2
exit 0
