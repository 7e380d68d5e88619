#!/usr/bin/env bash
# System packages the test suite uses (Debian): nothing yet beyond Python.
set -euo pipefail
exit 0
