// Trunk post-build hook for release builds:
// 0. drops the glue's exported classes whose wasm exports wasm-opt removed
//    (index.html's `--remove-exports`: server_fn, which Leptos always
//    links, exports wasm-streams' IntoUnderlying* classes for streamed
//    request bodies; migraflow has no server, and as exports they kept
//    their code in the wasm: 1.2 KB of gzip there, 0.5 KB in the glue);
//    the build fails if the glue still names an export the wasm lacks;
// 1. minifies the wasm-bindgen JS glue with esbuild (Trunk's own minifier
//    leaves it as it is);
// 2. renames the wasm's imports, which are the glue's bindings, to short
//    names, in the wasm and in the glue alike (wasm-imports.mjs): their
//    names carry a 16-digit hash each: about 7 KB of gzip, wasm and glue
//    together, for ~240 bindings that nothing else reads;
// 3. renames the closure shims' exports, whose names spell out their Rust
//    signatures (up to 300 characters, about 0.4 KB of gzip), the same way;
// 4. puts each changed file's sha384 where index.html named the old one
//    (the subresource-integrity attributes of its preload links).
// Runs before csp-hash.mjs; the inline loader, which imports the glue by
// its file name, is not changed.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { transformSync } from 'esbuild';
import { renameExports, renameImports, shortNames } from './wasm-imports.mjs';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('minify-js: TRUNK_STAGING_DIR is not set (run by Trunk as a post_build hook)');
  process.exit(1);
}
if (process.env.TRUNK_PROFILE !== 'release') process.exit(0);

const sha384 = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
const htmlFile = join(dir, 'index.html');
let html = readFileSync(htmlFile, 'utf8');
const replace = (file, before, after) => {
  writeFileSync(file, after);
  html = html.split(sha384(before)).join(sha384(after));
};

const files = readdirSync(dir);
const [wasmName, ...otherWasm] = files.filter((f) => f.endsWith('.wasm'));
const [jsName, ...otherJs] = files.filter((f) => f.endsWith('.js'));
if (!wasmName || !jsName || otherWasm.length || otherJs.length) {
  console.error('minify-js: expected one .wasm and one .js file in', dir);
  process.exit(1);
}

const jsFile = join(dir, jsName);
const glue = readFileSync(jsFile);
const wasmFile = join(dir, wasmName);
const wasm = readFileSync(wasmFile);
const exports = new Set(WebAssembly.Module.exports(new WebAssembly.Module(wasm)).map((e) => e.name));
const lacking = (text) => [...new Set(text.match(/(?<=\bwasm\.)\w+/g))].filter((name) => !exports.has(name));
let source = glue.toString('utf8');
// wasm-bindgen writes each class as `export class X { … }` ending at a
// closing brace in the first column, a `Symbol.dispose` line after it, and
// an `XFinalization` registry further down.
for (const [whole, name] of source.matchAll(/^export class (\w+) \{\n[\s\S]*?^\}\n/gm)) {
  if (!lacking(whole).length) continue;
  source = source.replace(whole, '');
  source = source.replace(new RegExp(`^if \\(Symbol\\.dispose\\) ${name}\\.prototype.*\\n`, 'm'), '');
  source = source.replace(new RegExp(`^const ${name}Finalization = [\\s\\S]*?;\\n`, 'm'), '');
}
const stillLacking = lacking(source);
if (stillLacking.length) {
  console.error('minify-js: the glue names exports the wasm lacks:', stillLacking.join(', '));
  process.exit(1);
}
let { code } = transformSync(source, { minify: true, format: 'esm', target: 'es2020' });

// A binding's name is one the glue spells out as a property key. Renaming is
// by whole identifier, and the names carry hashes, so no other identifier
// can be caught.
const keys = new Set(code.match(/\b__wb(?:g|indgen)_\w+(?=:)/g));
const names = shortNames();
const renamed = new Map();
const importsRenamed = renameImports(wasm, (_module, field) => {
  if (!keys.has(field)) return undefined;
  if (!renamed.has(field)) renamed.set(field, names.next().value);
  return renamed.get(field);
});
// An export of the same name would be renamed in the glue too, and lost.
const clash = [...renamed.keys()].filter((name) => exports.has(name));
if (clash.length) {
  console.error('minify-js: these names are both imported and exported:', clash.join(', '));
  process.exit(1);
}
// The shims' exports: wasm-bindgen names them `wasm_bindgen_<hash>_…`, a
// prefix no other identifier of the glue has; they get the next short
// names, so no name is both imported and exported.
const shims = new Map();
const newWasm = renameExports(importsRenamed, (name) => {
  if (!/^wasm_bindgen_[0-9a-f]+_/.test(name)) return undefined;
  shims.set(name, names.next().value);
  return shims.get(name);
});
const renamedModule = new WebAssembly.Module(newWasm);
code = code.replace(/\b__wb(?:g|indgen)_\w+\b/g, (name) => renamed.get(name) ?? name);
code = code.replace(/\bwasm_bindgen_[0-9a-f]+_\w+/g, (name) => {
  if (!shims.has(name)) {
    console.error('minify-js: the glue names a shim the wasm does not export:', name);
    process.exit(1);
  }
  return shims.get(name);
});
// Every import the renamed module asks the glue for is one of its keys.
const newKeys = new Set(code.match(/[\w$]+(?=:)/g));
const missing = WebAssembly.Module.imports(renamedModule)
  .filter((i) => i.module.endsWith('_bg.js') && !newKeys.has(i.name));
if (missing.length) {
  console.error('minify-js: the glue has no binding for', missing.map((i) => i.name).join(', '));
  process.exit(1);
}

replace(wasmFile, wasm, newWasm);
replace(jsFile, glue, code);
writeFileSync(htmlFile, html);
