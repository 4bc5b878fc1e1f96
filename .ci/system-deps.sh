#!/usr/bin/env bash
# Debian packages the tests use: PostgreSQL server binaries (the history store's tests start
# one on loopback) and Chromium (the HTML report is opened in it headless). Installed only
# where missing; without root (a developer's laptop) the tests that need them are skipped.
set -euo pipefail
need=()
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then need+=(postgresql); fi
if ! command -v chromium >/dev/null 2>&1; then need+=(chromium); fi
if [ ${#need[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" != 0 ]; then
  echo "system-deps: missing ${need[*]} (not root: the tests that need them will be skipped)" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
# A registry that does not answer must not fail the whole suite: the tests that need the
# packages then say they are skipped, and why.
if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null; }; then
  echo "system-deps: could not install ${need[*]}: the tests that need them will be skipped" >&2
fi
