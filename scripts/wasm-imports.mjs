// Renames a wasm module's imports and exports: the parts of the module
// that the wasm-bindgen JS glue addresses by name (each binding is an
// import named like `__wbg_classList_97e966c261669b85`, each closure shim
// an export named after its whole Rust signature). Used by minify-js.mjs,
// which renames the glue's side to match.
//
// The module format: an 8-byte header, then sections, each an id byte, its
// byte length as unsigned LEB128, and its content. The import section
// (id 2) is a vector of (module name, field name, description), the export
// section (id 7) one of (name, kind byte, index); names are vectors of
// UTF-8 bytes.

const IMPORT_SECTION = 2;
const EXPORT_SECTION = 7;

function readU32(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[at++];
    value |= (byte & 0x7f) << shift;
    if (!(byte & 0x80)) return [value >>> 0, at];
    shift += 7;
  }
}

function u32(value) {
  const out = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value) byte |= 0x80;
    out.push(byte);
  } while (value);
  return out;
}

/// The byte length of an import description starting at `at`: a function
/// (type index), a table (reference type, limits), a memory (limits), a
/// global (value type, mutability) or a tag (attribute, type index).
function descriptionEnd(bytes, at) {
  const kind = bytes[at++];
  const limits = (from) => {
    const flags = bytes[from++];
    let [, next] = readU32(bytes, from);
    if (flags & 1) [, next] = readU32(bytes, next);
    return next;
  };
  switch (kind) {
    case 0: return readU32(bytes, at)[1];
    case 1: return limits(at + 1);
    case 2: return limits(at);
    case 3: return at + 2;
    case 4: return readU32(bytes, at + 1)[1];
    default: throw new Error(`wasm-imports: unknown import kind ${kind}`);
  }
}

/// Returns the module with the vector section `sectionId` (imports,
/// exports) rewritten entry by entry: `entry(bytes, at)` reads the entry
/// starting at `at` and returns its new bytes and where it ended. Every
/// other section is kept byte for byte.
function rewriteVector(wasm, sectionId, what, entry) {
  const bytes = new Uint8Array(wasm);
  const parts = [bytes.subarray(0, 8)];
  let at = 8;
  while (at < bytes.length) {
    const id = bytes[at];
    const [size, contentStart] = readU32(bytes, at + 1);
    const end = contentStart + size;
    if (id !== sectionId) {
      parts.push(bytes.subarray(at, end));
      at = end;
      continue;
    }
    let [count, p] = readU32(bytes, contentStart);
    const content = [...u32(count)];
    for (let i = 0; i < count; i++) {
      const [entryBytes, next] = entry(bytes, p);
      content.push(...entryBytes);
      p = next;
    }
    if (p !== end) throw new Error(`wasm-imports: the ${what} section did not parse to its end`);
    parts.push(Uint8Array.from([id, ...u32(content.length), ...content]));
    at = end;
  }
  return Buffer.concat(parts);
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/// A name (a vector of UTF-8 bytes) at `at`: its text and where it ends.
function readName(bytes, at) {
  const [length, start] = readU32(bytes, at);
  return [decoder.decode(bytes.subarray(start, start + length)), start + length];
}

/// `text` encoded as a name.
function name(text) {
  const encoded = encoder.encode(text);
  return [...u32(encoded.length), ...encoded];
}

/// Returns the module with each import whose field name `rename` maps to a
/// new name renamed; `rename(module, field)` returns the new field name or
/// undefined to keep it.
export function renameImports(wasm, rename) {
  return rewriteVector(wasm, IMPORT_SECTION, 'import', (bytes, at) => {
    const [module, fieldAt] = readName(bytes, at);
    const [field, descriptionStart] = readName(bytes, fieldAt);
    const end = descriptionEnd(bytes, descriptionStart);
    const entry = [...name(module), ...name(rename(module, field) ?? field), ...bytes.subarray(descriptionStart, end)];
    return [entry, end];
  });
}

/// Returns the module with each export whose name `rename` maps to a new
/// name renamed; `rename(name)` returns the new name or undefined to keep
/// it. An export is a name, a kind byte and an index.
export function renameExports(wasm, rename) {
  return rewriteVector(wasm, EXPORT_SECTION, 'export', (bytes, at) => {
    const [exported, kindAt] = readName(bytes, at);
    const [, end] = readU32(bytes, kindAt + 1);
    return [[...name(rename(exported) ?? exported), ...bytes.subarray(kindAt, end)], end];
  });
}

/// Short names, in order: a … z, A … Z, then two letters and so on. The
/// glue uses them only as property names, where any identifier will do.
export function* shortNames() {
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  for (let length = 1; ; length++) {
    const index = new Array(length).fill(0);
    for (;;) {
      yield index.map((i) => letters[i]).join('');
      let k = length - 1;
      while (k >= 0 && ++index[k] === letters.length) index[k--] = 0;
      if (k < 0) break;
    }
  }
}
