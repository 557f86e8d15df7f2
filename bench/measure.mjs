// The benchmark protocol, one implementation for every app measured
// (bench/README.md): load a page showing a graph of N nodes and E edges,
// then drag one node across the canvas.
//
// An app is described by what the protocol needs of it:
//   { name, url(n), canvas, node, edge, grab, idAttribute, zoom(), view(),
//     rendered, prepare(page), init(), wasmMemory() }
// `node` and `edge` match one element per graph node and edge, `grab`
// (inside a node, or null for the node itself) is what a user presses to
// drag it, `idAttribute` names the node element's id attribute, `zoom`
// runs in the page and returns the viewport's zoom, `view` (may be absent)
// runs in the page and returns the canvas's rectangle and the viewport
// (recorded, for an app opened to show the same part of the graph),
// `rendered` (may be absent: all of them) gives how many node and edge
// elements the app keeps in the DOM once open, `{ nodes, edges }`, for an
// app that renders only those in view, and `prepare` (may be
// absent) puts the app in the protocol's settings once it has loaded;
// `init` (may be absent) runs in the page before its scripts and
// `wasmMemory` (may be absent) in the loaded page, returning the bytes of
// the app's wasm memory.
//
// Load, timed by the page itself from navigation start (its time origin)
// with a frame loop installed before any of its own scripts:
//   load     — the first animation frame at which all N node elements are
//              in the DOM (an app with `rendered`: at least that many);
//   complete — the first frame at which, besides, every node element in
//              the DOM is visible and all E edge elements (with
//              `rendered`: that many) are in the DOM (React Flow inserts
//              nodes hidden, measures them, then shows them and draws the
//              edges; rendering only visible elements, it inserts all N
//              and keeps only those in view once they are measured).
// Memory, after the load and one idle second, with a garbage collection
// first: the JS heap in use plus ArrayBuffer backing stores (Chromium's
// Runtime.getHeapUsage), plus the app's wasm linear memory where it has
// one (`wasmMemory`, run in the page; Chromium counts it in neither).
// Drag: after one idle second, press the node nearest the canvas centre,
// make MOVES pointer moves of STEP px to the right, each followed by one
// animation frame; each move+frame is timed; release. The run is valid
// only when the DOM held exactly N nodes (with `rendered`: that many), the
// page threw nothing and the node's on-screen centre moved by the distance
// (± 10 %).
import { performance } from 'node:perf_hooks';
import { profiled } from './profile.mjs';

const MOVES = 120;
const STEP = 3;
const IDLE_MS = 1_000;
const LOAD_TIMEOUT_MS = 180_000;
const TOLERANCE = 0.1;

/// Measures one app showing a graph of `nodes` nodes and `edges` edges,
/// in a fresh browser context. With `profile`, the load and the drag are
/// traced and CPU-profiled (bench/profile.mjs), which slows them down:
/// the timings of a profiled run are not the benchmark's.
export async function measure(browser, app, { nodes, edges }, { profile = false } = {}) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    const profiles = {};
    const step = async (name, action) => {
      if (!profile) return action();
      const { result, summary } = await profiled(browser, page, action);
      profiles[name] = summary;
      return result;
    };

    const rendered = app.rendered ?? { nodes, edges };
    await page.addInitScript(stampLoadMilestones, { node: app.node, edge: app.edge, ...rendered });
    if (app.init) await page.addInitScript(app.init);
    const load = await step('load', async () => {
      await page.goto(app.url(nodes), { waitUntil: 'commit' });
      await page.waitForFunction(() => window.__benchCompleteAt !== undefined, null, {
        timeout: LOAD_TIMEOUT_MS,
        polling: 100,
      });
      return page.evaluate(() => ({ all_nodes: window.__benchAllNodesAt, complete: window.__benchCompleteAt }));
    });
    const count = await page.locator(app.node).count();
    const edgeCount = await page.locator(app.edge).count();
    await app.prepare?.(page);
    await page.waitForTimeout(IDLE_MS);
    const memory = await memoryInUse(page, app);
    const zoom = await page.evaluate(app.zoom);
    const view = app.view ? await page.evaluate(app.view) : undefined;
    const moved = await step('drag', () => dragNode(page, app));

    const distance = MOVES * STEP;
    const valid =
      count === rendered.nodes &&
      errors.length === 0 &&
      Math.abs(moved.dx - distance) <= TOLERANCE * distance &&
      Math.abs(moved.dy) <= TOLERANCE * distance;
    return {
      app: app.name,
      n: nodes,
      edges,
      nodes_in_dom: count,
      edges_in_dom: edgeCount,
      ...(app.rendered && { rendered: app.rendered }),
      zoom,
      ...(view && { view }),
      load_ms: round(load.all_nodes),
      complete_ms: round(load.complete),
      memory_mb: memory,
      move_median_ms: round(percentile(moved.times, 0.5)),
      move_p95_ms: round(percentile(moved.times, 0.95)),
      moves_ms: moved.times.map(round),
      node: moved.id,
      moved_px: { dx: round(moved.dx), dy: round(moved.dy) },
      page_errors: errors,
      valid,
      ...(profile && { profile: profiles }),
    };
  } finally {
    await context.close();
  }
}

/// Runs in the page before its own scripts: stamps
/// `window.__benchAllNodesAt` and `window.__benchCompleteAt` (see the
/// file's doc) with the time of the frame that reached each; `nodes` and
/// `edges` are the element counts the app keeps in the DOM once open.
function stampLoadMilestones({ node, nodes, edge, edges }) {
  const frame = () => {
    const now = performance.now();
    if (window.__benchAllNodesAt === undefined) {
      if (document.querySelectorAll(node).length < nodes) return requestAnimationFrame(frame);
      window.__benchAllNodesAt = now;
    }
    const complete =
      document.querySelectorAll(edge).length >= edges &&
      document.querySelectorAll(node).length >= nodes &&
      [...document.querySelectorAll(node)].every((element) => element.checkVisibility({ visibilityProperty: true }));
    if (complete) window.__benchCompleteAt = now;
    else requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

/// JS heap in use plus ArrayBuffer backing stores plus the app's wasm
/// memory, in MB (one decimal), after a full garbage collection: what the
/// page holds once it is open.
async function memoryInUse(page, app) {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize, backingStorageSize } = await cdp.send('Runtime.getHeapUsage');
    const wasm = app.wasmMemory ? await page.evaluate(app.wasmMemory) : 0;
    return Math.round(((usedSize + (backingStorageSize ?? 0) + wasm) / 1048576) * 10) / 10;
  } finally {
    await cdp.detach();
  }
}

/// The drag of the protocol; returns the node dragged, the per-move times
/// (ms) and how far the node's on-screen centre moved.
async function dragNode(page, app) {
  const { canvas, node, grab, idAttribute } = app;
  const target = await page.evaluate(nodeNearestCanvasCentre, { canvas, node, grab, idAttribute });
  if (!target) throw new Error(`${app.name}: no node to grab near the canvas centre`);
  const nodeSelector = `${node}[${idAttribute}="${target.id}"]`;
  const before = await centreOf(page, nodeSelector);
  await page.mouse.move(target.x, target.y);
  await page.mouse.down();
  const times = [];
  for (let i = 1; i <= MOVES; i++) {
    const start = performance.now();
    await page.mouse.move(target.x + i * STEP, target.y);
    await page.evaluate(nextFrame);
    times.push(performance.now() - start);
  }
  await page.mouse.up();
  await page.evaluate(nextFrame);
  const after = await centreOf(page, nodeSelector);
  return { id: target.id, times, dx: after.x - before.x, dy: after.y - before.y };
}

function nextFrame() {
  return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}

/// Runs in the page: the node whose grab element's centre is nearest the
/// canvas centre and really is what a press there hits.
function nodeNearestCanvasCentre({ canvas, node, grab, idAttribute }) {
  const box = document.querySelector(canvas).getBoundingClientRect();
  const cx = box.left + box.width / 2;
  const cy = box.top + box.height / 2;
  let best = null;
  for (const element of document.querySelectorAll(node)) {
    const handle = grab ? element.querySelector(grab) : element;
    if (!handle) continue;
    const r = handle.getBoundingClientRect();
    const x = r.left + r.width / 2;
    const y = r.top + r.height / 2;
    const distance = Math.hypot(x - cx, y - cy);
    if (best && distance >= best.distance) continue;
    if (document.elementFromPoint(x, y)?.closest(node) !== element) continue;
    best = { id: element.getAttribute(idAttribute), x, y, distance };
  }
  return best;
}

async function centreOf(page, selector) {
  const box = await page.locator(selector).boundingBox();
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/// Nearest-rank percentile of `values` (0 < p ≤ 1).
export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];
}

export function round(ms) {
  return Math.round(ms * 10) / 10;
}
