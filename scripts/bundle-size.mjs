// Bundle-size report of a Trunk build: raw and gzip -9 size of the wasm,
// JS and CSS that a browser downloads (and the HTML page, shown apart).
// It reports the compressed wasm + JS + CSS against the product's target
// (350 KB) and fails above a hard ceiling (MIGRAFLOW_BUNDLE_BUDGET bytes),
// by default the target itself: the bundle meets it, and a change that
// would take it over has to pay for its bytes elsewhere first.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, extname } from 'node:path';
import { gzipSync } from 'node:zlib';

const dir = process.argv[2] || 'dist';
const target = 350 * 1024;
const budget = Number(process.env.MIGRAFLOW_BUNDLE_BUDGET || target);
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
console.log(`wasm + js + css${' '.repeat(29)}${kb(raw)}${kb(gz)}   (ceiling ${(budget / 1024).toFixed(0)} KB gzip)`);
console.log(`with html${' '.repeat(35)}${kb(total('raw'))}${kb(total('gzip'))}`);
if (rows.filter((r) => r.kind === 'wasm').length !== 1) {
  console.error('bundle-size: expected exactly one .wasm file in ' + dir);
  process.exit(1);
}
const over = gz - target;
console.log(
  over > 0
    ? `target 350 KB gzip: MISSED by ${(over / 1024).toFixed(1)} KB`
    : `target 350 KB gzip: met with ${(-over / 1024).toFixed(1)} KB to spare`,
);
if (gz > budget) {
  console.error(`bundle-size: ${(gz / 1024).toFixed(1)} KB gzip is over the ceiling`);
  process.exit(1);
}
