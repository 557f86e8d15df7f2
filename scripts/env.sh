# Sourced by the project's scripts: puts the toolchain chosen by
# scripts/setup.sh on PATH, with npm's wasm-opt and cargo's installed tools.
_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [[ -f "$_root/target/toolchain.env" ]]; then
  # shellcheck source=/dev/null
  source "$_root/target/toolchain.env"
fi
export MIGRAFLOW_TOOLCHAIN="${MIGRAFLOW_TOOLCHAIN:-}"
export PATH="$_root/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
# Debian's cargo must stay ahead of rustup's shims when it was chosen
# ("build-std" is what set-up wrote for it before December 2026).
if [[ "$MIGRAFLOW_TOOLCHAIN" == debian || "$MIGRAFLOW_TOOLCHAIN" == build-std ]]; then export PATH="/usr/bin:$PATH"; fi
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
unset _root

# Runs a command that builds for wasm32 (trunk, cargo --target wasm32...).
# Whichever toolchain set-up chose (rustup's, or Debian's rustc-web), the
# standard library is built from source (rustup's rust-src component, or
# Debian's rust-web-src) with the same settings, so both give the same small
# bundle: rustup's prebuilt wasm32 std is built for speed with unwinding and
# came out 40 KB gzip larger (issue 14). The settings: std's size-optimised
# algorithms, abort on panic without formatting a message, no Debug
# formatting or panic locations (the app shows neither), and no inlining on
# cost alone (`-inline-threshold=0`: a function with one caller still is,
# by LLVM's bonus for it, and wasm-opt inlines after LLVM): 0.8 KB of gzip,
# and no slower at 5,000 nodes by bench/run.mjs, bench/edit.mjs and
# bench/run-mode.mjs, alternated with a build without it (December 2026).
# RUSTC_BOOTSTRAP lets a stable toolchain take these unstable flags, for
# this build only. Native builds (tests, clippy, the CLI) run without them,
# on the prebuilt std.
wasm_env() {
  RUSTC_BOOTSTRAP=1 \
    CARGO_UNSTABLE_BUILD_STD=std,panic_abort \
    CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size \
    CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="--cfg erase_components -Zunstable-options -Cpanic=immediate-abort -Zfmt-debug=none -Zlocation-detail=none -Cllvm-args=-inline-threshold=0" \
    "$@"
}
