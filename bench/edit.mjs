// Edit latency on large plans (bench/README.md): how long one edit takes
// to reach the screen in migraflow's release build at ?generate=N.
//
//   node bench/edit.mjs [--dist DIR] [--sizes 1000,2000,5000] [--runs K]
//
// Per size, in a fresh browser context at 1400×900, after the load and
// one idle second, K times: select a drawn node (click), rename it in the
// inspector (the title's change event), and undo (the toolbar's button).
// Each step is timed from the action to the first animation frame after it
// plus one task, so the effects it started have run. A run is valid only
// when the rename reached the node's accessible name, the undo took it
// back, and the page threw nothing. Prints medians; exits non-zero when a
// run was invalid. The React Flow page has no editing to compare with.
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../tests/chromium.mjs';
import { benchArgs } from './args.mjs';
import { percentile, round } from './measure.mjs';
import { serve } from './serve.mjs';

const PORT = 4192;
const IDLE_MS = 1_000;
const RENAMED = 'Renamed by the edit benchmark';

const { dist, sizes, runs } = benchArgs({ dist: 'dist', runs: 5 });

const server = serve(dist, PORT);
let browser;
let invalid = 0;
try {
  await server.ready;
  browser = await chromium.launch(chromiumLaunchOptions);
  console.log(['N', 'select ms', 'rename ms', 'undo ms', 'valid'].map((c) => c.padEnd(10)).join(' '));
  for (const n of sizes) {
    const row = await measureEdits(browser, n);
    if (!row.valid) invalid++;
    console.log(
      [n, row.select, row.rename, row.undo, row.valid ? 'yes' : `NO: ${row.why}`].map((c) => String(c).padEnd(10)).join(' '),
    );
  }
} finally {
  await browser?.close();
  server.process.kill();
}
process.exit(invalid ? 1 : 0);

/// Medians of `runs` select/rename/undo rounds on a plan of `n` nodes.
async function measureEdits(browser, n) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.goto(`http://127.0.0.1:${PORT}/?generate=${n}`);
    await page.waitForFunction((n) => document.querySelectorAll('g[data-node-id]').length >= n, n, {
      timeout: 180_000,
      polling: 100,
    });
    await page.waitForTimeout(IDLE_MS);
    const frame = () => page.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(done))));
    const timed = async (action) => {
      const start = performance.now();
      await action();
      await frame();
      return performance.now() - start;
    };
    const times = { select: [], rename: [], undo: [] };
    let why = '';
    // Found once, by CSS: a role query would walk the thousands of node
    // buttons inside the timed step.
    const undo = await page.$('button[aria-label="Undo"]');
    const targets = await page.evaluate(nodesNearCanvasCentre, runs);
    if (targets.length < runs) why = `only ${targets.length} nodes to click near the canvas centre`;
    for (let i = 0; i < targets.length && !why; i++) {
      const { id, x, y } = targets[i];
      times.select.push(await timed(() => page.mouse.click(x, y)));
      const title = page.locator('.inspector input[type=text]').first();
      await title.fill(`${RENAMED} ${i}`);
      times.rename.push(await timed(() => title.press('Enter')));
      const named = () => page.locator(`g[data-node-id="${id}"]`).getAttribute('aria-label');
      if (!(await named()).includes(`${RENAMED} ${i}`)) why = `node ${id} not renamed`;
      times.undo.push(await timed(() => undo.click()));
      if ((await named()).includes(RENAMED)) why ||= `rename of node ${id} not undone`;
    }
    if (errors.length) why ||= errors[0];
    const median = (key) => round(percentile(times[key], 0.5));
    return { select: median('select'), rename: median('rename'), undo: median('undo'), valid: !why, why };
  } finally {
    await context.close();
  }
}

/// Runs in the page: the `count` nodes nearest the canvas centre whose
/// centre a click really hits, nearest first.
function nodesNearCanvasCentre(count) {
  const box = document.querySelector('svg[data-testid=canvas]').getBoundingClientRect();
  const [cx, cy] = [box.left + box.width / 2, box.top + box.height / 2];
  const found = [];
  for (const element of document.querySelectorAll('svg[data-testid=canvas] g[data-node-id]:not(.culled)')) {
    const r = element.getBoundingClientRect();
    const [x, y] = [r.left + r.width / 2, r.top + r.height / 2];
    if (document.elementFromPoint(x, y)?.closest('g[data-node-id]') !== element) continue;
    found.push({ id: element.dataset.nodeId, x, y, distance: Math.hypot(x - cx, y - cy) });
  }
  return found.sort((a, b) => a.distance - b.distance).slice(0, count);
}
