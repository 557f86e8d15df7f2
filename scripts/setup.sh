#!/usr/bin/env bash
# Installs what migraflow's build and tests need and is missing; idempotent.
#
#   scripts/setup.sh            toolchain for building and serving the app
#   scripts/setup.sh --browser  also Chromium + ChromeDriver for the tests
#
# It takes the ordinary path where rustup has (or can add) the
# wasm32-unknown-unknown target and the rust-src component, and otherwise
# Debian's rust-web toolchain with its std sources. Both routes build the
# wasm32 standard library from source with the same size settings
# (scripts/env.sh), so the bundle is the same. What it decided is written to
# target/toolchain.env, which scripts/env.sh reads.
set -euo pipefail
cd "$(dirname "$0")/.."

want_browser=0
[[ "${1:-}" == "--browser" ]] && want_browser=1

say() { printf '[setup] %s\n' "$*"; }
die() { printf '[setup] ERROR: %s\n' "$*" >&2; exit 1; }

# Runs a privileged command directly as root, through sudo otherwise.
as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi
}

apt_updated=0
apt_install() {
  command -v apt-get >/dev/null || return 1
  if [[ $apt_updated -eq 0 ]]; then
    say "apt-get update"
    as_root apt-get update -qq >/dev/null || return 1
    apt_updated=1
  fi
  say "apt-get install $*"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

mkdir -p target
envfile=target/toolchain.env

# --- 1. Rust with the wasm32 target and the standard library's sources -----
# Either route ends in the same build: scripts/env.sh's wasm_env rebuilds
# std for size from its sources, so the bundle does not depend on the route.
debian_complete() {
  [[ -x /usr/bin/rustc && -d /usr/lib/rustlib/src/rust/library && -e /usr/bin/rust-lld ]] \
    && /usr/bin/rust-lld -flavor wasm --version >/dev/null 2>&1 \
    && [[ -x /usr/bin/cargo-clippy || -x /usr/bin/clippy-driver ]] && [[ -x /usr/bin/rustfmt ]]
}
rustup_has() { # what (target|component) name
  rustup "$1" list --installed 2>/dev/null | grep -q "^$2\$"
}
mode=""
if command -v rustup >/dev/null; then
  if rustup_has target wasm32-unknown-unknown && rustup_has component rust-src; then
    mode=rustup
    say "rustup has wasm32-unknown-unknown and rust-src"
  elif ! debian_complete \
       && { rustup_has target wasm32-unknown-unknown || timeout 120 rustup target add wasm32-unknown-unknown >/dev/null 2>&1; } \
       && { rustup_has component rust-src || timeout 180 rustup component add rust-src >/dev/null 2>&1; }; then
    mode=rustup
    say "added wasm32-unknown-unknown and rust-src through rustup"
  fi
fi
if [[ -z $mode ]]; then
  # rustup cannot download them here: Debian's Rust with its std sources.
  if debian_complete; then
    say "Debian's rust-web toolchain present"
  else
    say "rustup cannot provide wasm32 and rust-src here; installing Debian's rust-web toolchain"
    apt_install rustc-web cargo-web rust-web-src lld-22 rust-web-clippy rustfmt-web \
      || die "missing Rust with a wasm32 std: install it by hand with 'rustup target add wasm32-unknown-unknown && rustup component add rust-src' or 'apt-get install rustc-web cargo-web rust-web-src lld-22 rust-web-clippy rustfmt-web'"
  fi
  mode=debian
fi

cat >"$envfile" <<EOT
# written by scripts/setup.sh: where Rust comes from (rustup, or Debian's
# rustc-web first on PATH); either way std is rebuilt (scripts/env.sh)
MIGRAFLOW_TOOLCHAIN=$mode
EOT
# shellcheck source=/dev/null
source scripts/env.sh

# Trunk runs cargo with --offline: fetch the crates and the standard
# library's own dependencies now.
say "cargo fetch (wasm32 dependencies)"
wasm_env cargo fetch --locked --target wasm32-unknown-unknown >/dev/null 2>&1 \
  || wasm_env cargo fetch --locked --target wasm32-unknown-unknown \
  || die "cargo fetch failed: check access to crates.io"

# --- 2. npm tools: wasm-opt (binaryen), Playwright, Mermaid.js ---------------
command -v npm >/dev/null || apt_install nodejs npm \
  || die "missing npm: install Node.js 20+ with npm by hand (https://nodejs.org)"
if [[ ! -x node_modules/.bin/wasm-opt || package-lock.json -nt node_modules/.package-lock.json ]]; then
  say "npm ci (wasm-opt, esbuild, Playwright, Mermaid.js; no browser download)"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error >/dev/null \
    || die "npm ci failed: run 'npm ci' by hand to see why"
else
  say "npm packages up to date"
fi

# --- 3. Trunk and wasm-bindgen-cli from crates.io ---------------------------
# Host tools are built with whichever cargo is first on PATH.
if trunk --version 2>/dev/null | grep -q '^trunk 0\.21\.'; then
  say "trunk $(trunk --version | cut -d' ' -f2) present"
else
  say "cargo install trunk 0.21 (takes ~7 minutes once)"
  cargo install trunk --version '^0.21' --locked --quiet \
    || die "missing trunk: install it by hand with 'cargo install trunk --version ^0.21 --locked'"
fi

bindgen=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
[[ -n $bindgen ]] || die "Cargo.lock names no wasm-bindgen version"
if wasm-bindgen --version 2>/dev/null | grep -q " $bindgen\$"; then
  say "wasm-bindgen $bindgen present"
else
  # Unlocked on purpose: its own lockfile pins a crate the registry no longer serves.
  say "cargo install wasm-bindgen-cli $bindgen (takes ~4 minutes once)"
  cargo install wasm-bindgen-cli --version "=$bindgen" --quiet \
    || die "missing wasm-bindgen $bindgen: install it by hand with 'cargo install wasm-bindgen-cli --version =$bindgen'"
fi

# --- 4. Chromium for the browser tests -----------------------------------------
if [[ $want_browser -eq 1 ]]; then
  if [[ -x "${CHROMIUM:-/usr/bin/chromium}" ]]; then
    say "chromium present"
  else
    apt_install chromium chromium-driver \
      || die "missing Chromium: install it by hand ('apt-get install chromium chromium-driver') or set CHROMIUM=/path/to/chrome"
  fi
fi
say "ready ($mode toolchain)"
