// Trunk post-build hook: minifies the wasm-bindgen JS glue of a release
// build with esbuild (Trunk's own minifier leaves it as it is), and puts the
// new file's sha384 where index.html named the old one (the
// subresource-integrity attribute of its preload link). Runs before
// csp-hash.mjs; the inline loader, which imports the glue by name, is not
// changed.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { transformSync } from 'esbuild';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('minify-js: TRUNK_STAGING_DIR is not set (run by Trunk as a post_build hook)');
  process.exit(1);
}
if (process.env.TRUNK_PROFILE !== 'release') process.exit(0);

const sha384 = (text) => `sha384-${createHash('sha384').update(text).digest('base64')}`;
const htmlFile = join(dir, 'index.html');
let html = readFileSync(htmlFile, 'utf8');
for (const name of readdirSync(dir).filter((f) => f.endsWith('.js'))) {
  const file = join(dir, name);
  const source = readFileSync(file);
  const { code } = transformSync(source.toString('utf8'), { minify: true, format: 'esm', target: 'es2020' });
  writeFileSync(file, code);
  html = html.split(sha384(source)).join(sha384(code));
}
writeFileSync(htmlFile, html);
