# Sourced by the project's scripts: puts the toolchain chosen by
# scripts/setup.sh on PATH, with npm's wasm-opt and cargo's installed tools.
_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [[ -f "$_root/target/toolchain.env" ]]; then
  # shellcheck source=/dev/null
  source "$_root/target/toolchain.env"
fi
export PATH="$_root/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
# Debian's cargo must stay ahead of rustup's shims when it was chosen.
if [[ "${MIGRAFLOW_TOOLCHAIN:-}" == build-std ]]; then export PATH="/usr/bin:$PATH"; fi
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
unset _root

# Runs a command that builds for wasm32 (trunk, cargo --target wasm32...).
# With the build-std toolchain it builds the standard library from source,
# and since std is built anyway, builds it (and the app) for size: std's
# size-optimised algorithms, abort on panic without formatting a message,
# no Debug formatting or panic locations (the app shows neither). Native
# builds (tests, clippy) run without these, on the prebuilt std.
wasm_env() {
  if [[ "${MIGRAFLOW_TOOLCHAIN:-}" == build-std ]]; then
    RUSTC_BOOTSTRAP=1 \
      CARGO_UNSTABLE_BUILD_STD=std,panic_abort \
      CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size \
      CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="--cfg erase_components -Zunstable-options -Cpanic=immediate-abort -Zfmt-debug=none -Zlocation-detail=none" \
      "$@"
  else
    "$@"
  fi
}
