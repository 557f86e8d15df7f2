#!/usr/bin/env bash
# Sets up what is missing, then builds and serves migraflow at
# http://127.0.0.1:8080, rebuilding on change (reload the page to see a
# rebuild). Extra arguments go to `trunk serve`, e.g. `--port 9000`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
source scripts/env.sh
echo "[serve] building and serving on http://127.0.0.1:8080 (Ctrl+C stops)"
wasm_env trunk serve --offline --release "$@"
