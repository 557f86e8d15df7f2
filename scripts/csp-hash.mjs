// Trunk post-build hook: writes the sha256 of every inline <script> of the
// staged index.html into its Content-Security-Policy, replacing the
// 'sha256-LOADER' placeholder. Trunk's loader differs per build (file hashes,
// the dev-server's reload snippet), so the hash cannot be committed.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('csp-hash: TRUNK_STAGING_DIR is not set (run by Trunk as a post_build hook)');
  process.exit(1);
}
const file = join(dir, 'index.html');
const html = readFileSync(file, 'utf8');
const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)]
  .map(([, body]) => `'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`);
if (!html.includes("'sha256-LOADER'")) {
  console.error('csp-hash: no sha256-LOADER placeholder in index.html');
  process.exit(1);
}
writeFileSync(file, html.replace("'sha256-LOADER'", hashes.join(' ')));
