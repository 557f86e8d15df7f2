// Bundle-size report of a Trunk build: raw and gzip -9 size of the wasm,
// JS and CSS that a browser downloads (and the HTML page, shown apart), and
// which toolchain built it (set-up's route: rustup or Debian's rustc-web;
// both rebuild std for size, so their bundles must agree within 1 KB).
// It fails above the ceiling (MIGRAFLOW_BUNDLE_BUDGET bytes, by default
// 400 KB gzip of wasm + JS + CSS): the budget for every feature together,
// so a feature that would take the bundle over has to pay for its bytes
// elsewhere first.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, extname } from 'node:path';
import { gzipSync } from 'node:zlib';

// --report-only: a preview build (runbook mode), reported, not held to the ceiling.
const reportOnly = process.argv.includes('--report-only');
const dir = process.argv.slice(2).find((a) => !a.startsWith('--')) || 'dist';
const budget = Number(process.env.MIGRAFLOW_BUNDLE_BUDGET || 400 * 1024);
const kinds = { '.wasm': 'wasm', '.js': 'js', '.css': 'css', '.html': 'html' };
const rows = [];
for (const name of readdirSync(dir)) {
  const path = join(dir, name);
  const kind = kinds[extname(name)];
  if (!kind || !statSync(path).isFile()) continue;
  const bytes = readFileSync(path);
  rows.push({ name, kind, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length });
}
const kb = (n) => (n / 1024).toFixed(1).padStart(8) + ' KB';
console.log('file'.padEnd(44) + 'raw'.padStart(11) + 'gzip -9'.padStart(11));
for (const r of rows.sort((a, b) => b.gzip - a.gzip)) {
  console.log(r.name.padEnd(44) + kb(r.raw) + kb(r.gzip));
}
const total = (key, kind) => rows.filter((r) => !kind || r.kind === kind).reduce((s, r) => s + r[key], 0);
for (const kind of ['wasm', 'js', 'css', 'html']) {
  console.log(`  ${kind.padEnd(42)}${kb(total('raw', kind))}${kb(total('gzip', kind))}`);
}
const gz = ['wasm', 'js', 'css'].reduce((s, kind) => s + total('gzip', kind), 0);
const raw = ['wasm', 'js', 'css'].reduce((s, kind) => s + total('raw', kind), 0);
console.log(`wasm + js + css${' '.repeat(29)}${kb(raw)}${kb(gz)}   (${reportOnly ? 'report only' : `ceiling ${(budget / 1024).toFixed(0)} KB gzip`})`);
console.log(`with html${' '.repeat(35)}${kb(total('raw'))}${kb(total('gzip'))}`);
if (rows.filter((r) => r.kind === 'wasm').length !== 1) {
  console.error('bundle-size: expected exactly one .wasm file in ' + dir);
  process.exit(1);
}
console.log(`built by: ${toolchain()}`);
const left = budget - gz;
if (reportOnly) {
  const by = `${(Math.abs(left) / 1024).toFixed(1)} KB ${left < 0 ? 'over' : 'under'}`;
  console.log(`not held to the ceiling (a preview build): ${by} ${(budget / 1024).toFixed(0)} KB gzip`);
  process.exit(0);
}
console.log(
  left < 0
    ? `ceiling ${(budget / 1024).toFixed(0)} KB gzip: OVER by ${(-left / 1024).toFixed(1)} KB`
    : `ceiling ${(budget / 1024).toFixed(0)} KB gzip: ${(left / 1024).toFixed(1)} KB left`,
);
if (gz > budget) {
  console.error(`bundle-size: ${(gz / 1024).toFixed(1)} KB gzip is over the ceiling`);
  process.exit(1);
}

/** The route set-up took (scripts/env.sh exports it) and the compiler's version. */
function toolchain() {
  const route = process.env.MIGRAFLOW_TOOLCHAIN || 'unknown route (scripts/env.sh not sourced)';
  let rustc = 'rustc not found';
  try {
    rustc = execFileSync('rustc', ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    // Reported as not found; the sizes above still stand.
  }
  return `${route} (${rustc}), std rebuilt for size`;
}
