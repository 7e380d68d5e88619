#!/usr/bin/env bash
# Audit the pinned dependencies for known vulnerabilities (PyPI advisory data).
# Known vulnerabilities fail (exit 1); a run that audited nothing (every package skipped, no
# report) fails too (exit 2); an advisory service that cannot be reached is a warning.
set -uo pipefail
cd "$(dirname "$0")/.."
AUDIT=${PIP_AUDIT:-.venv/bin/pip-audit}
PY=${AUDIT_PYTHON:-.venv/bin/python}
if [ ! -x "$AUDIT" ]; then
  echo "pip-audit: not installed (it comes with the [dev] extra: .venv/bin/pip install -e '.[dev]')" >&2; exit 1
fi
report=$(mktemp)
trap 'rm -f "$report" "$report.err"' EXIT
"$AUDIT" -r requirements.lock --no-deps --disable-pip --progress-spinner off \
  -f json -o "$report" 2>"$report.err"
rc=$?
"$PY" - "$report" "$rc" <<'PY'
import json, sys
rc = int(sys.argv[2])
try:
    deps = json.load(open(sys.argv[1]))["dependencies"]
except Exception:
    sys.exit(3)  # no report: the service was not reached
bad = [(d["name"], d.get("version"), [v["id"] for v in d.get("vulns", [])]) for d in deps if d.get("vulns")]
for name, version, ids in bad:
    print(f"pip-audit: {name}=={version}: {', '.join(ids)}")
if bad:
    sys.exit(1)
audited = [d for d in deps if not d.get("skip_reason")]
skipped = len(deps) - len(audited)
if not audited:
    print(f"pip-audit: ERROR: nothing was audited ({len(deps)} package(s), all skipped: "
          f"{(deps[0].get('skip_reason') if deps else 'empty report')})", file=sys.stderr)
    sys.exit(2)
if rc != 0:
    sys.exit(4)
note = f" ({skipped} skipped as not found)" if skipped else ""
print(f"pip-audit: no known vulnerabilities in requirements.lock: {len(audited)} package(s) audited{note}")
PY
verdict=$?
case $verdict in
  0) exit 0 ;;
  1) echo "pip-audit: known vulnerabilities found (above)" >&2; exit 1 ;;
  2) exit 2 ;;
esac
echo "pip-audit: WARNING: could not check advisories ($(tail -n 1 "$report.err"))" >&2
exit 0
