// The benchmark's single entry point (bench/README.md): migraflow's release
// build against a React Flow 12 reference page rendering the same
// generated graphs in two settings (every element, fitted to view; only
// the visible elements, at migraflow's own canvas rectangle and opening
// viewport), load and drag timings per graph size, and the bundles side
// by side. The ratio rows divide migraflow's figure by the better of the
// two React Flow figures, column by column.
//
//   node bench/run.mjs [--dist DIR] [--sizes 1000,2000,5000] [--runs K] [--profile]
//
// --dist     migraflow's release build (default dist/)
// --sizes    graph sizes N (default 1000,2000,5000)
// --runs     measurements of each app at each N, taken in turns (default
//            1; migraflow first, whose opening view the visible-only React
//            Flow page takes); a row then gives the median load and the
//            percentiles of all the runs' moves together
// --profile  also trace and CPU-profile the load and the drag of each app
//            at the largest N, in an extra run (bench/profile.mjs)
// Writes bench/results/latest.json. Exits non-zero only when the
// benchmark could not run or a measured run was invalid.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { benchArgs } from './args.mjs';
import { bundleTotals, KINDS } from './bundle.mjs';
import { measure, percentile, round } from './measure.mjs';
import { serve } from './serve.mjs';
import { chromiumLaunchOptions } from '../tests/chromium.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const REACT_FLOW = join(ROOT, 'bench/reactflow');
const RESULTS = join(ROOT, 'bench/results');
const PORTS = { migraflow: 4190, reactflow: 4191 };

const APPS = [
  {
    name: 'migraflow',
    url: (n) => `http://127.0.0.1:${PORTS.migraflow}/?generate=${n}`,
    canvas: 'svg[data-testid=canvas]',
    node: 'svg[data-testid=canvas] g[data-node-id]',
    edge: 'svg[data-testid=canvas] g[data-edge-id]',
    grab: '.shape',
    idAttribute: 'data-node-id',
    zoom: () => {
      const transform = document.querySelector('svg[data-testid=canvas] g.viewport').getAttribute('transform');
      return Number(/scale\(([^)]+)\)/.exec(transform)[1]);
    },
    // The canvas's rectangle in the window and the viewport it opened at
    // (`translate(x y) scale(zoom)`: screen = canvas · zoom + (x, y)),
    // which the visible-only React Flow page is opened with.
    view: () => {
      const svg = document.querySelector('svg[data-testid=canvas]');
      const transform = svg.querySelector('g.viewport').getAttribute('transform');
      const [, x, y, zoom] = /translate\(\s*([^\s,)]+)[\s,]+([^\s,)]+)\s*\)\s*scale\(([^)]+)\)/.exec(transform).map(Number);
      const { left, top, width, height } = svg.getBoundingClientRect();
      return { pane: { left, top, width, height }, x, y, zoom };
    },
    // Snapping (on by default) would move the node only every few moves;
    // React Flow does not snap unless asked, so both follow every move.
    prepare: (page) => page.getByLabel('Snap to grid').uncheck(),
    // Trunk's loader announces the instance; its memory is the app's heap.
    init: () => addEventListener('TrunkApplicationStarted', (e) => (window.__benchWasm = e.detail.wasm)),
    wasmMemory: () => window.__benchWasm?.memory?.buffer.byteLength ?? 0,
  },
  {
    name: 'reactflow',
    url: (n) => `http://127.0.0.1:${PORTS.reactflow}/?n=${n}`,
    canvas: '.react-flow',
    node: '.react-flow__node',
    edge: '.react-flow__edge',
    grab: null,
    idAttribute: 'data-id',
    zoom: () => new DOMMatrix(getComputedStyle(document.querySelector('.react-flow__viewport')).transform).a,
  },
];

// The React Flow settings the ratios choose from: every element (APPS),
// visible elements only (reactFlowVisible).
const REACT_FLOW_SETTINGS = ['reactflow', 'reactflow-visible'];
// Each ratio's key and the run's figure it divides (lower is better for all).
const FIGURES = {
  load: 'load_ms',
  complete: 'complete_ms',
  memory: 'memory_mb',
  move_median: 'move_median_ms',
  move_p95: 'move_p95_ms',
};

/// The second React Flow setting at one size: `onlyRenderVisibleElements`
/// on, the flow placed at migraflow's canvas rectangle and opened at
/// migraflow's opening viewport (`view`, as migraflow's `view()` read it),
/// so that it shows the very part of the graph migraflow shows; it keeps
/// `rendered` nodes and edges in the DOM once open.
function reactFlowVisible(graph, view) {
  const { left, top, width, height } = view.pane;
  const query = `visible=1&view=${[view.x, view.y, view.zoom]}&pane=${[left, top, width, height]}`;
  return {
    ...APPS.find((app) => app.name === 'reactflow'),
    name: 'reactflow-visible',
    url: (n) => `http://127.0.0.1:${PORTS.reactflow}/?n=${n}&${query}`,
    rendered: inView(graph.elements, view),
  };
}

/// How many of the graph's nodes and edges React Flow renders with
/// `onlyRenderVisibleElements` in `view`, by the rule of React Flow 12's
/// own code (`getNodesInside`, `isEdgeVisible` in @xyflow/system): a node
/// when its box overlaps the visible area (even partly), an edge when the
/// box spanning its two nodes' boxes does. The benchmark checks the
/// count of nodes against the DOM (the run's validity) and awaits both.
function inView(graph, { pane, x, y, zoom }) {
  const visible = { left: -x / zoom, top: -y / zoom, right: (pane.width - x) / zoom, bottom: (pane.height - y) / zoom };
  const overlaps = (box) =>
    Math.min(box.right, visible.right) > Math.max(box.left, visible.left) &&
    Math.min(box.bottom, visible.bottom) > Math.max(box.top, visible.top);
  const boxes = new Map(
    graph.nodes.map((node) => [
      node.id,
      {
        left: node.x - node.width / 2,
        top: node.y - node.height / 2,
        right: node.x + node.width / 2,
        bottom: node.y + node.height / 2,
      },
    ]),
  );
  const spanning = (a, b) => ({
    left: Math.min(a.left, b.left),
    top: Math.min(a.top, b.top),
    right: Math.max(a.right, b.right),
    bottom: Math.max(a.bottom, b.bottom),
  });
  return {
    nodes: [...boxes.values()].filter(overlaps).length,
    edges: graph.edges.filter((edge) => overlaps(spanning(boxes.get(edge.from), boxes.get(edge.to)))).length,
  };
}

const { dist, sizes, runs: repeats, values: args } = benchArgs({
  dist: join(ROOT, 'dist'),
  runs: 1,
  extra: { profile: { type: 'boolean', default: false } },
});

const loadBefore = loadavg();
buildReactFlow();
const graphs = generateGraphs(sizes, join(REACT_FLOW, 'dist/bench'));
const servers = [serve(dist, PORTS.migraflow), serve(join(REACT_FLOW, 'dist/bench'), PORTS.reactflow)];
let browser;
try {
  await Promise.all(servers.map((s) => s.ready));
  browser = await chromium.launch(chromiumLaunchOptions);
  const runs = [];
  // Per size, the visible-only React Flow app, made from migraflow's
  // first run there (migraflow opens a plan at the same view every time).
  const visibleApps = new Map();
  for (const graph of graphs) {
    const measured = new Map([...APPS.map((app) => app.name), 'reactflow-visible'].map((name) => [name, []]));
    for (let i = 1; i <= repeats; i++) {
      for (const app of APPS) {
        console.error(`bench: ${app.name} at ${graph.nodes} nodes, run ${i} of ${repeats}…`);
        const result = await measure(browser, app, graph);
        measured.get(app.name).push(result);
        if (app.view && !visibleApps.has(graph.nodes)) visibleApps.set(graph.nodes, reactFlowVisible(graph, result.view));
      }
      const app = visibleApps.get(graph.nodes);
      console.error(`bench: ${app.name} at ${graph.nodes} nodes, run ${i} of ${repeats}…`);
      measured.get(app.name).push(await measure(browser, app, graph));
    }
    for (const results of measured.values()) runs.push(combine(results));
  }
  const profiles = [];
  if (args.profile) {
    const largest = graphs.at(-1);
    for (const app of [...APPS, visibleApps.get(largest.nodes)]) {
      console.error(`bench: profiling ${app.name} at ${largest.nodes} nodes…`);
      const { n, valid, profile } = await measure(browser, app, largest, { profile: true });
      profiles.push({ app: app.name, n, valid, ...profile });
    }
  }
  const bundles = {
    migraflow: { dir: dist, ...bundleTotals(dist) },
    reactflow_minimal: { dir: join(REACT_FLOW, 'dist/minimal'), ...bundleTotals(join(REACT_FLOW, 'dist/minimal')) },
  };
  const ratios = graphs.map((graph) => ratio(runs, graph.nodes));
  printTimings(runs, ratios);
  printBundles(bundles);
  for (const p of profiles) printProfile(p);

  mkdirSync(RESULTS, { recursive: true });
  const report = {
    date: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      loadavg_1_5_15: { before: loadBefore.map(round), after: loadavg().map(round) },
    },
    chromium: browser.version(),
    protocol: 'bench/README.md',
    runs,
    ratios,
    bundles,
    profiles,
  };
  writeFileSync(join(RESULTS, 'latest.json'), JSON.stringify(report, null, 2) + '\n');
  console.log(`\nwrote ${join('bench/results', 'latest.json')}`);
  const invalid = runs.filter((r) => !r.valid);
  if (invalid.length) {
    console.error(`bench: INVALID runs: ${invalid.map((r) => `${r.app}@${r.n}`).join(', ')} (see latest.json)`);
    process.exitCode = 1;
  }
} finally {
  await browser?.close();
  for (const s of servers) s.process.kill();
}

/// Installs (from the lockfile) and builds both React Flow pages.
function buildReactFlow() {
  const run = (cmd, argv) => execFileSync(cmd, argv, { cwd: REACT_FLOW, stdio: ['ignore', 'ignore', 'inherit'] });
  if (!existsSync(join(REACT_FLOW, 'node_modules'))) run('npm', ['ci', '--no-audit', '--no-fund']);
  run('npm', ['run', '--silent', 'build']);
}

/// Writes graph-N.json, migraflow's `?generate=N` plan, for each size;
/// returns each graph's node and edge counts (which `measure` takes) and
/// the graph itself (`elements`), smallest first.
function generateGraphs(sizes, dir) {
  // The cargo on PATH: `source scripts/env.sh` puts set-up's choice first.
  const env = process.env;
  return [...sizes].sort((a, b) => a - b).map((n) => {
    const json = execFileSync(
      'cargo',
      ['run', '--quiet', '--locked', '-p', 'migraflow-core', '--example', 'generated_graph', '--', String(n)],
      { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 28 },
    );
    writeFileSync(join(dir, `graph-${n}.json`), json);
    const graph = JSON.parse(json);
    return { nodes: graph.nodes.length, edges: graph.edges.length, elements: graph };
  });
}


/// One row from several runs of one app at one size: median load and
/// completion, percentiles of all moves, valid when every run was.
function combine(results) {
  if (results.length === 1) return results[0];
  const median = (key) => percentile(results.map((r) => r[key]), 0.5);
  const moves = results.flatMap((r) => r.moves_ms);
  return {
    ...results[0],
    load_ms: median('load_ms'),
    complete_ms: median('complete_ms'),
    memory_mb: median('memory_mb'),
    move_median_ms: round(percentile(moves, 0.5)),
    move_p95_ms: round(percentile(moves, 0.95)),
    moves_ms: moves,
    valid: results.every((r) => r.valid),
    runs: results,
  };
}

/// migraflow / React Flow for each figure at size n, against React Flow's
/// better setting for that figure (the lower of its two figures; `against`
/// names it) and, in `each`, against both settings.
function ratio(runs, n) {
  const of = (name) => runs.find((r) => r.n === n && r.app === name);
  const ours = of('migraflow');
  const settings = REACT_FLOW_SETTINGS.map(of);
  const divide = (key, theirs) => Math.round((ours[key] / theirs[key]) * 100) / 100;
  const row = { n, against: {}, each: {} };
  for (const [figure, key] of Object.entries(FIGURES)) {
    const better = settings.reduce((a, b) => (b[key] < a[key] ? b : a));
    row[figure] = divide(key, better);
    row.against[figure] = better.app;
  }
  for (const theirs of settings) {
    row.each[theirs.app] = Object.fromEntries(Object.entries(FIGURES).map(([figure, key]) => [figure, divide(key, theirs)]));
  }
  return row;
}

function printTimings(runs, ratios) {
  const columns = ['N', 'app', 'load ms', 'complete ms', 'memory MB', 'move median ms', 'move p95 ms', 'zoom', 'valid'];
  const rows = [];
  // Which React Flow setting a ratio was taken against.
  const tag = { reactflow: 'all', 'reactflow-visible': 'vis' };
  for (const ratio of ratios) {
    for (const r of runs.filter((run) => run.n === ratio.n)) {
      const cells = [r.load_ms, r.complete_ms, r.memory_mb, r.move_median_ms, r.move_p95_ms, r.zoom.toFixed(2)];
      rows.push([ratio.n, r.app, ...cells, r.valid ? 'yes' : 'NO']);
    }
    const cells = Object.keys(FIGURES).map((figure) => `${ratio[figure].toFixed(2)} ${tag[ratio.against[figure]]}`);
    rows.push([ratio.n, 'ratio to better RF', ...cells, '', '']);
  }
  printTable(columns, rows, 2);
  console.log('(ratio: migraflow / the better of the two React Flow figures, all = every element, vis = visible only)');
}

function printBundles(bundles) {
  const kb = (bytes) => (bytes / 1024).toFixed(1);
  const columns = ['', 'migraflow raw KB', 'migraflow gzip KB', 'RF minimal raw KB', 'RF minimal gzip KB'];
  const rows = [...KINDS, 'total'].map((kind) => [
    kind,
    kb(bundles.migraflow[kind].raw),
    kb(bundles.migraflow[kind].gzip),
    kb(bundles.reactflow_minimal[kind].raw),
    kb(bundles.reactflow_minimal[kind].gzip),
  ]);
  console.log('\nBundle (raw and gzip -9 of every wasm, JS, CSS and HTML file)');
  printTable(columns, rows, 1);
}

function printProfile({ app, n, valid, ...steps }) {
  for (const [step, { trace, cpu }] of Object.entries(steps)) {
    console.log(`\nProfile of the ${step}, ${app} at ${n} nodes${valid ? '' : ' (INVALID run)'}`);
    if (trace.error) console.log(`  trace: ${trace.error}`);
    else printTrace(trace);
    console.log('  CPU profile, self time by kind of code (ms):');
    for (const [k, v] of Object.entries(cpu.self_ms_by_kind)) console.log(`    ${k.padEnd(34)}${String(v).padStart(9)}`);
    console.log('  top functions (self ms):');
    for (const f of cpu.top_functions_self_ms.slice(0, 10)) {
      console.log(`    ${f.function.slice(0, 60).padEnd(62)}${String(f.self_ms).padStart(8)}  ${f.kind}`);
    }
  }
}

function printTrace(trace) {
  console.log(`  renderer main thread busy ${trace.main_thread_busy_ms} ms; self time by group (ms):`);
  for (const [g, v] of Object.entries(trace.self_ms_by_group)) console.log(`    ${g.padEnd(34)}${String(v).padStart(9)}`);
  console.log(`  compositor and raster threads busy ${trace.compositor_and_raster_busy_ms} ms`);
  console.log('  busiest trace events (self ms):');
  for (const e of trace.top_events_self_ms.slice(0, 8)) console.log(`    ${e.name.padEnd(34)}${String(e.self_ms).padStart(9)}  ${e.group}`);
}

/// Columns before `textColumns` are left-aligned text, the rest numbers.
function printTable(columns, rows, textColumns) {
  const widths = columns.map((c, i) => Math.max(c.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => (i < textColumns ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  console.log(line(columns));
  for (const r of rows) console.log(line(r));
}
