// The benchmark's single entry point (bench/README.md): migraflow's release
// build against a React Flow 12 reference page rendering the same
// generated graphs, load and drag timings per graph size, and the two
// bundles side by side.
//
//   node bench/run.mjs [--dist DIR] [--sizes 1000,2000,5000] [--runs K] [--profile]
//
// --dist     migraflow's release build (default dist/)
// --sizes    graph sizes N (default 1000,2000,5000)
// --runs     measurements of each app at each N, taken in turns (default
//            1); a row then gives the median load and the percentiles of
//            all the runs' moves together
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
  for (const graph of graphs) {
    const measured = new Map(APPS.map((app) => [app.name, []]));
    for (let i = 1; i <= repeats; i++) {
      for (const app of APPS) {
        console.error(`bench: ${app.name} at ${graph.nodes} nodes, run ${i} of ${repeats}…`);
        measured.get(app.name).push(await measure(browser, app, graph));
      }
    }
    for (const results of measured.values()) runs.push(combine(results));
  }
  const profiles = [];
  if (args.profile) {
    const largest = graphs.at(-1);
    for (const app of APPS) {
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
/// returns each graph's node and edge counts, smallest first.
function generateGraphs(sizes, dir) {
  // Debian's Rust, as for every native cargo command of the project.
  const env = { ...process.env, PATH: `/usr/bin:${process.env.PATH}` };
  return [...sizes].sort((a, b) => a - b).map((n) => {
    const json = execFileSync(
      'cargo',
      ['run', '--quiet', '--locked', '-p', 'migraflow-core', '--example', 'generated_graph', '--', String(n)],
      { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 28 },
    );
    writeFileSync(join(dir, `graph-${n}.json`), json);
    const graph = JSON.parse(json);
    return { nodes: graph.nodes.length, edges: graph.edges.length };
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

/// migraflow / React Flow for each figure at size n.
function ratio(runs, n) {
  const of = (name) => runs.find((r) => r.n === n && r.app === name);
  const [ours, theirs] = [of('migraflow'), of('reactflow')];
  const divide = (key) => Math.round((ours[key] / theirs[key]) * 100) / 100;
  return {
    n,
    load: divide('load_ms'),
    complete: divide('complete_ms'),
    memory: divide('memory_mb'),
    move_median: divide('move_median_ms'),
    move_p95: divide('move_p95_ms'),
  };
}

function printTimings(runs, ratios) {
  const columns = ['N', 'app', 'load ms', 'complete ms', 'memory MB', 'move median ms', 'move p95 ms', 'zoom', 'valid'];
  const rows = [];
  for (const { n, load, complete, memory, move_median, move_p95 } of ratios) {
    for (const r of runs.filter((run) => run.n === n)) {
      const cells = [r.load_ms, r.complete_ms, r.memory_mb, r.move_median_ms, r.move_p95_ms, r.zoom.toFixed(2)];
      rows.push([n, r.app, ...cells, r.valid ? 'yes' : 'NO']);
    }
    rows.push([n, 'ratio migraflow/RF', load, complete, memory, move_median, move_p95, '', '']);
  }
  printTable(columns, rows, 2);
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
