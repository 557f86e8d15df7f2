// Builds the corpus that `crates/core/tests/mermaid_suite.rs` imports:
// every flowchart in Mermaid's own flowchart test suite (the parser specs,
// the Cypress rendering specs and the flowchart documentation), each with
// what Mermaid itself makes of it — refused, or its vertex and edge counts.
//
// Usage:
//   node scripts/mermaid-suite.mjs MERMAID_GIT_DIR [OUT]
// MERMAID_GIT_DIR is a clone (bare is fine) of mermaid-js/mermaid; OUT
// defaults to crates/core/tests/fixtures/mermaid_suite.json. Mermaid is the
// one of package.json; it needs a DOM under Node, so jsdom must be
// installed beside it (`npm install --no-save jsdom`), or both elsewhere,
// named by MERMAID_MODULES=/that/node_modules.
//
// How the texts are found: the spec files are run, not pattern-matched,
// because most cases are built in loops (`${edgeStart}${edgeEnd}`). Their
// imports are dropped and every test helper is a stub that records the
// text given to `flow.parser.parse`, `imgSnapshotTest` or `renderGraph`;
// everything else the tests touch is an inert proxy. `it.skip` is skipped.
// The documentation gives its ```mermaid and ```mermaid-example blocks.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [gitDir, out = 'crates/core/tests/fixtures/mermaid_suite.json'] = process.argv.slice(2);
if (!gitDir) {
  console.error('usage: node scripts/mermaid-suite.mjs MERMAID_GIT_DIR [OUT]');
  process.exit(2);
}
const modules = process.env.MERMAID_MODULES ?? join(process.cwd(), 'node_modules');
const need = createRequire(join(modules, 'noop.js'));
const esbuild = need('esbuild');

const git = (...args) => execFileSync('git', ['-C', gitDir, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
const commit = git('rev-parse', 'HEAD').trim();
const files = git('ls-tree', '-r', '--name-only', 'HEAD').split('\n');
const specs = files.filter(
  (f) =>
    /^packages\/mermaid\/src\/diagrams\/flowchart\/parser\/.*\.spec\.[jt]s$/.test(f) ||
    /^cypress\/integration\/rendering\/flowchart\/.*\.spec\.[jt]s$/.test(f)
);
const docs = ['packages/mermaid/src/docs/syntax/flowchart.md'];

/** Something every property access, call and iteration of which succeeds. */
const inert = new Proxy(function () {}, {
  get: (_, key) => (key === Symbol.iterator ? [][Symbol.iterator].bind([]) : key === Symbol.toPrimitive ? () => '' : inert),
  apply: () => inert,
  construct: () => inert,
});

/** Runs one spec file with recording stubs; returns `[source, text]` pairs. */
function texts_of_spec(path) {
  const found = [];
  const record = (text) => {
    if (typeof text === 'string') found.push(text);
    return inert;
  };
  const source = git('show', `HEAD:${path}`).replace(/^import[^;]*;/gms, '');
  const { code } = esbuild.transformSync(source, { loader: 'ts', format: 'cjs' });
  const run = (f) => {
    try {
      const result = f?.call(inert);
      if (result && typeof result.catch === 'function') result.catch(() => {});
    } catch {
      // A failed expectation or a refused text: the text is recorded already.
    }
  };
  const it = (_, f) => run(f);
  it.skip = () => {};
  it.only = it;
  it.each = (rows) => (name, f) => rows.forEach((row) => run(() => f(...(Array.isArray(row) ? row : [row]))));
  const describe = (_, f) => run(f);
  describe.skip = () => {};
  describe.only = describe;
  describe.each = it.each;
  const flow = { parser: { parse: record, yy: inert }, parse: record };
  const stubs = {
    describe,
    it,
    test: it,
    beforeEach: () => {},
    beforeAll: () => {},
    afterEach: () => {},
    afterAll: () => {},
    // `expect(() => parse(text)).toThrow()`: the text is wanted too.
    expect: (value) => {
      if (typeof value === 'function') run(value);
      return inert;
    },
    vi: inert,
    cy: inert,
    flow,
    FlowDB: function () {
      return inert;
    },
    setConfig: () => {},
    imgSnapshotTest: record,
    renderGraph: record,
    urlSnapshotTest: () => {},
    mermaidUrl: () => '',
  };
  new Function(...Object.keys(stubs), code)(...Object.values(stubs));
  return found;
}

function texts_of_markdown(path) {
  const text = git('show', `HEAD:${path}`);
  return [...text.matchAll(/^```(?:mermaid|mermaid-example)\n(.*?)^```/gms)].map((m) => m[1]);
}

/** Flowcharts only: the first word after front matter, directives and comments. */
function is_flowchart(text) {
  const body = text
    .replace(/^\s*---\n.*?\n\s*---\s*\n/s, '')
    .replace(/%%\{.*?\}%%/gs, '')
    .replace(/^\s*%%.*$/gm, '');
  return /^\s*(graph|flowchart|flowchart-elk)\b/.test(body);
}

const cases = new Map();
for (const path of specs) {
  for (const text of texts_of_spec(path)) if (is_flowchart(text) && !cases.has(text)) cases.set(text, path);
}
for (const path of docs) {
  for (const text of texts_of_markdown(path)) if (is_flowchart(text) && !cases.has(text)) cases.set(text, path);
}

// Mermaid under a DOM of jsdom's.
const { JSDOM } = await import(pathToFileURL(need.resolve('jsdom')).href);
const dom = new JSDOM('<!doctype html><html><body></body></html>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const mermaidPath = join(modules, 'mermaid', 'dist', 'mermaid.core.mjs');
const { default: mermaid } = await import(pathToFileURL(mermaidPath).href);
const version = need('mermaid/package.json').version;
mermaid.initialize({ startOnLoad: false });

const rows = [];
for (const [text, source] of cases) {
  let row;
  try {
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
    row = { source, text, nodes: diagram.db.getVertices().size, edges: diagram.db.getEdges().length };
  } catch {
    row = { source, text, refused: true };
  }
  rows.push(row);
}
const accepted = rows.filter((r) => !r.refused).length;
writeFileSync(
  out,
  JSON.stringify({ mermaid: version, suite: `mermaid-js/mermaid@${commit}`, cases: rows }, null, 1) + '\n'
);
console.log(`${rows.length} flowcharts (${accepted} accepted by Mermaid ${version}) written to ${out}`);
