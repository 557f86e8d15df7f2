// What a browser downloads for an app: raw and gzip -9 bytes of its wasm,
// JS, CSS and HTML, by kind. The same measure as scripts/bundle-size.mjs
// (which checks migraflow's budget), extended to sub-folders because Vite
// puts its output under assets/.
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

export const KINDS = ['wasm', 'js', 'css', 'html'];

/// `{ wasm: {raw, gzip}, js: …, css: …, html: …, total: … }` in bytes for
/// every file under `dir`.
export function bundleTotals(dir) {
  const totals = Object.fromEntries([...KINDS, 'total'].map((kind) => [kind, { raw: 0, gzip: 0 }]));
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const kind = extname(entry.name).slice(1);
    if (!entry.isFile() || !KINDS.includes(kind)) continue;
    const bytes = readFileSync(join(entry.parentPath, entry.name));
    const gzip = gzipSync(bytes, { level: 9 }).length;
    for (const sum of [totals[kind], totals.total]) {
      sum.raw += bytes.length;
      sum.gzip += gzip;
    }
  }
  return totals;
}
