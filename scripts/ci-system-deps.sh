#!/bin/sh
# System packages the review tests need in CI: Debian's chromium (+ driver) for the
# browser tests and PostgreSQL server binaries for the PostgreSQL store/API tests.
# Idempotent and quiet; runs as root without a TTY (uses sudo only if not root).
set -eu
PKGS="chromium chromium-driver postgresql"
missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -z "$missing" ]; then
    echo "ci-system-deps: already installed:$(printf ' %s' $PKGS)"
    exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "ci-system-deps: need root (or sudo) to install:$missing" >&2; exit 1; }
    SUDO="sudo -n"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
# the Debian package starts a cluster through its own scripts; the tests start their own
echo "ci-system-deps: installed:$missing"
