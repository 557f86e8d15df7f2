#!/usr/bin/env bash
# Sets up what is missing, then runs every test of migraflow:
#   formatting, clippy, native tests (core + app logic), the release build,
#   the bundle-size report, and the browser tests (Playwright in headless
#   Chromium against the built app, runbook mode among them, plus the real
#   Mermaid.js).
# Exits non-zero when anything fails and ends on a one-line summary.
set -uo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh --browser || { echo "SUMMARY: FAIL (set-up)"; exit 1; }
source scripts/env.sh

# In CI every build starts clean, so incremental caches (1.5 GB) only cost
# disk; at a desk they speed up the next run and stay on.
if [[ -n "${CI:-}" ]]; then export CARGO_INCREMENTAL=0; fi
# A full disk shows up as linker crashes ("Bus error") and half-written
# archives, far from its cause: say how much room there is before starting,
# and name the cause in the summary when a step failed short of room.
free_gb() { df -Pk target 2>/dev/null | awk 'NR==2 { printf "%.1f", $4 / 1048576 }'; }
mkdir -p target
echo "disk: $(free_gb) GB free for target/ (a clean run needs about 4 GB)"

passed=()
failed=()
step() {
  local name=$1; shift
  echo
  echo "=== $name: $*"
  local t0=$SECONDS
  if "$@"; then
    passed+=("$name")
    echo "--- $name: ok ($((SECONDS - t0)) s)"
  else
    failed+=("$name")
    echo "--- $name: FAILED ($((SECONDS - t0)) s)"
  fi
}

step fmt cargo fmt --all -- --check
step clippy cargo clippy --workspace --all-targets --locked -- -D warnings
step native-tests cargo test --workspace --locked
step script-tests node --test scripts/
step build wasm_env trunk build --offline --release
if [[ -f dist/index.html ]]; then
  step bundle-size node scripts/bundle-size.mjs dist
  step mermaid-corpus cargo run --quiet --locked -p migraflow-core --example mermaid_corpus -- target/mermaid-corpus
  step browser-tests env MERMAID_CORPUS=target/mermaid-corpus npx playwright test
else
  failed+=("browser-tests (no build)")
fi
echo
if [[ ${#failed[@]} -eq 0 ]]; then
  echo "SUMMARY: PASS — ${#passed[@]} steps passed (${passed[*]})"
else
  echo "SUMMARY: FAIL — failed: ${failed[*]}; passed: ${passed[*]:-none}"
  if awk -v f="$(free_gb)" 'BEGIN { exit !(f < 1) }'; then
    echo "(the disk has $(free_gb) GB free: steps may have failed for want of room, not for the code)"
  fi
  exit 1
fi
