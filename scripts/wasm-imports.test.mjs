// Tests of wasm-imports.mjs on a module assembled here byte by byte, run by
// the test command (`node --test scripts/`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renameExports, renameImports, shortNames } from './wasm-imports.mjs';

const bytes = (text) => [...new TextEncoder().encode(text)];
const name = (text) => [bytes(text).length, ...bytes(text)];
const section = (id, content) => [id, content.length, ...content];

/// A module importing two functions, a memory, a table and a global, whose
/// export `run` returns the sum of the two functions' results.
function module() {
  const imports = [
    [...name('env'), ...name('__wbg_one_0123456789abcdef'), 0x00, 0],
    [...name('env'), ...name('mem'), 0x02, 0x00, 1],
    [...name('env'), ...name('__wbg_two_fedcba9876543210'), 0x00, 0],
    [...name('env'), ...name('tbl'), 0x01, 0x6f, 0x01, 1, 2],
    [...name('env'), ...name('g'), 0x03, 0x7f, 0x00],
  ];
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [1, 0x60, 0, 1, 0x7f]),
    ...section(2, [imports.length, ...imports.flat()]),
    ...section(3, [1, 0]),
    ...section(7, [1, ...name('run'), 0x00, 2]),
    // run: call 0, call 1 (the second function import), i32.add
    ...section(10, [1, 7, 0, 0x10, 0, 0x10, 1, 0x6a, 0x0b]),
  ]);
}

/// What the module imports, its two functions (returning 40 and 2) under
/// the names `one` and `two`.
function environment(one, two) {
  return {
    env: {
      [one]: () => 40,
      [two]: () => 2,
      mem: new WebAssembly.Memory({ initial: 1 }),
      tbl: new WebAssembly.Table({ element: 'externref', initial: 1, maximum: 2 }),
      g: 7,
    },
  };
}

test('renamed imports are asked for by their new names and still called', () => {
  const wasm = renameImports(module(), (module, field) =>
    ({ __wbg_one_0123456789abcdef: 'a', __wbg_two_fedcba9876543210: 'b' })[field]);
  const compiled = new WebAssembly.Module(wasm);
  assert.deepEqual(
    WebAssembly.Module.imports(compiled).map((i) => `${i.module}.${i.name}`),
    ['env.a', 'env.mem', 'env.b', 'env.tbl', 'env.g'],
  );
  const instance = new WebAssembly.Instance(compiled, environment('a', 'b'));
  assert.equal(instance.exports.run(), 42);
});

test('a rename that returns nothing keeps every byte', () => {
  const original = module();
  assert.deepEqual(new Uint8Array(renameImports(original, () => undefined)), original);
});

test('renamed exports are found under their new names and still run', () => {
  const long = 'wasm_bindgen_12a3a5db797ff8b5___convert__closures_____invoke_______true_';
  const withLong = renameExports(module(), (name) => (name === 'run' ? long : undefined));
  assert.deepEqual(WebAssembly.Module.exports(new WebAssembly.Module(withLong)).map((e) => e.name), [long]);
  const wasm = renameExports(withLong, (name) => (name === long ? 'c' : undefined));
  const compiled = new WebAssembly.Module(wasm);
  assert.deepEqual(
    WebAssembly.Module.exports(compiled).map((e) => `${e.name}:${e.kind}`),
    ['c:function'],
  );
  const instance = new WebAssembly.Instance(
    compiled,
    environment('__wbg_one_0123456789abcdef', '__wbg_two_fedcba9876543210'),
  );
  assert.equal(instance.exports.c(), 42);
  assert.deepEqual(new Uint8Array(renameExports(module(), () => undefined)), module());
});

test('short names are distinct identifiers, shortest first', () => {
  const names = shortNames();
  const first = Array.from({ length: 3000 }, () => names.next().value);
  assert.equal(new Set(first).size, first.length);
  assert.deepEqual(first.slice(0, 2), ['a', 'b']);
  assert.equal(first[51], 'Z');
  assert.equal(first[52], 'aa');
  for (const n of first) assert.match(n, /^[A-Za-z]+$/);
});
