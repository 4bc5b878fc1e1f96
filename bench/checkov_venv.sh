#!/usr/bin/env bash
# Create (idempotently) the isolated virtualenv that holds Checkov for the
# side-by-side benchmark. Checkov pins old boto3/botocore, so it must never be
# installed into the project's own environment.
#
# Usage: bash bench/checkov_venv.sh [PYTHON]
#   PYTHON defaults to python3. Prints the path of the checkov executable.
set -euo pipefail

CHECKOV_VERSION="3.3.30"
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
VENV_DIR="${CHECKOV_VENV:-$BENCH_DIR/.venv-checkov}"
PYTHON="${1:-python3}"
CHECKOV_BIN="$VENV_DIR/bin/checkov"

installed_version() {
    # Ask pip rather than running checkov: `checkov --version` is slow to import.
    "$VENV_DIR/bin/python" -m pip show checkov 2>/dev/null \
        | awk '/^Version:/ {print $2}'
}

if [[ -x "$CHECKOV_BIN" && "$(installed_version)" == "$CHECKOV_VERSION" ]]; then
    echo "$CHECKOV_BIN"
    exit 0
fi

echo "creating $VENV_DIR with checkov==$CHECKOV_VERSION" >&2
"$PYTHON" -m venv "$VENV_DIR"
"$VENV_DIR/bin/python" -m pip install --quiet --upgrade pip >&2
"$VENV_DIR/bin/python" -m pip install --quiet "checkov==$CHECKOV_VERSION" >&2
echo "$CHECKOV_BIN"
