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
