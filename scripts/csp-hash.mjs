// Trunk post-build hook: puts the staged index.html in its final form.
//
// 1. Trunk's own minifier is off (Trunk.toml: it cannot parse the
//    wasm-bindgen glue's `export { … as default }` and warned on every
//    release build; scripts/minify-js.mjs minifies the glue instead), so
//    this drops the page's comments, the whitespace between its tags and
//    the blank lines of the inline loader: 0.4 KB of gzip.
// 2. It writes the sha256 of every inline <script> into the page's
//    Content-Security-Policy, replacing the 'sha256-LOADER' placeholder.
//    Trunk's loader differs per build (file hashes), so the hash cannot be
//    committed; it is taken after step 1 changed the script.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('csp-hash: TRUNK_STAGING_DIR is not set (run by Trunk as a post_build hook)');
  process.exit(1);
}
const file = join(dir, 'index.html');
const INLINE_SCRIPT = /(<script(?![^>]*\bsrc=)[^>]*>)([\s\S]*?)(<\/script>)/g;

let html = readFileSync(file, 'utf8');
if (!html.includes("'sha256-LOADER'")) {
  console.error('csp-hash: no sha256-LOADER placeholder in index.html');
  process.exit(1);
}
// The page is ours and Trunk's: no <pre>, <textarea> or comment-like text in
// a script, so comments and inter-tag whitespace can go by pattern.
html = html
  .replace(/<!--[\s\S]*?-->/g, '')
  .replace(/>\s+</g, '><')
  .replace(INLINE_SCRIPT, (_, open, body, close) => {
    const lines = body.split('\n').map((line) => line.trim()).filter(Boolean);
    return `${open}\n${lines.join('\n')}\n${close}`;
  })
  .trim();
const hashes = [...html.matchAll(INLINE_SCRIPT)]
  .map(([, , body]) => `'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`);
writeFileSync(file, html.replace("'sha256-LOADER'", hashes.join(' ')) + '\n');
