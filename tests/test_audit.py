"""Issue 17: ``scripts/audit.sh`` fails loudly when it could not audit (every package skipped)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT


def run_audit(tmp_path: Path, deps: list[dict] | None, rc: int = 0) -> subprocess.CompletedProcess:
    """audit.sh with a stand-in pip-audit that writes ``deps`` as its JSON report."""
    fake = tmp_path / "pip-audit"
    report = json.dumps({"dependencies": deps}) if deps is not None else ""
    fake.write_text(f"""#!/bin/sh
while [ $# -gt 0 ]; do [ "$1" = -o ] && out=$2; shift; done
[ -n '{report}' ] && printf '%s' '{report}' > "$out"
echo 'network unreachable' >&2
exit {rc}
""")
    fake.chmod(0o755)
    env = dict(os.environ, PIP_AUDIT=str(fake), AUDIT_PYTHON=sys.executable)
    return subprocess.run(["bash", str(ROOT / "scripts" / "audit.sh")], env=env, capture_output=True, text=True)


SKIPPED = {"name": "numpy", "skip_reason": "Dependency not found on PyPI and could not be audited"}


def test_every_package_skipped_is_a_failure_not_a_clean_bill(tmp_path):
    proc = run_audit(tmp_path, [SKIPPED, dict(SKIPPED, name="spacy")])
    assert proc.returncode == 2
    assert "nothing was audited" in proc.stderr and "no known vulnerabilities" not in proc.stdout


def test_audited_packages_pass_and_skipped_ones_are_counted(tmp_path):
    proc = run_audit(tmp_path, [{"name": "pyyaml", "version": "6.0.2", "vulns": []}, SKIPPED])
    assert proc.returncode == 0 and "1 package(s) audited (1 skipped as not found)" in proc.stdout


def test_a_known_vulnerability_fails(tmp_path):
    proc = run_audit(tmp_path, [{"name": "jinja2", "version": "3.0.0", "vulns": [{"id": "GHSA-x"}]}], rc=1)
    assert proc.returncode == 1 and "jinja2==3.0.0: GHSA-x" in proc.stdout


def test_an_unreachable_service_is_a_warning(tmp_path):
    proc = run_audit(tmp_path, None, rc=1)
    assert proc.returncode == 0 and "could not check advisories (network unreachable)" in proc.stderr
