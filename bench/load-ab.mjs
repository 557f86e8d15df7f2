// Load time of several builds of migraflow, side by side: for deciding
// whether a change to the start-up is worth keeping. The builds are loaded
// in turns (A, B, …, A, B, …), each in a fresh browser context, so a
// machine that gets busier or quieter during the run affects all alike.
//
//   node bench/load-ab.mjs [--size 5000] [--runs 9] DIST_A DIST_B …
//
// Per load, stamped by a frame loop installed before the page's scripts
// (as in measure.mjs): `nodes`, the first animation frame at which all N
// node elements are in the DOM (the benchmark's load), and `edges`, the
// first frame with an edge element too (the edges arrive together, from
// one keyed list). Prints the medians and every run as nodes/edges ms.
import { chromium } from '@playwright/test';
import { parseArgs } from 'node:util';
import { chromiumLaunchOptions } from '../tests/chromium.mjs';
import { serve } from './serve.mjs';

const { values, positionals: dists } = parseArgs({
  options: { size: { type: 'string', default: '5000' }, runs: { type: 'string', default: '9' } },
  allowPositionals: true,
});
const [n, runs] = [Number(values.size), Number(values.runs)];
if (!dists.length || ![n, runs].every((k) => Number.isInteger(k) && k > 0)) {
  console.error('usage: node bench/load-ab.mjs [--size N] [--runs K] DIST_A DIST_B …');
  process.exit(2);
}

const PORT = 4300;
const servers = dists.map((dist, i) => serve(dist, PORT + i));
await Promise.all(servers.map((s) => s.ready));
const browser = await chromium.launch(chromiumLaunchOptions);
const results = dists.map(() => []);
try {
  for (let run = 0; run < runs; run++) {
    for (let i = 0; i < dists.length; i++) {
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
      const page = await context.newPage();
      await page.addInitScript((n) => {
        const frame = () => {
          const now = performance.now();
          if (window.__nodes === undefined && document.querySelectorAll('g[data-node-id]').length >= n) {
            window.__nodes = now;
          }
          if (window.__nodes !== undefined && document.querySelector('g[data-edge-id]')) window.__edges = now;
          else requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      }, n);
      await page.goto(`http://127.0.0.1:${PORT + i}/?generate=${n}`);
      await page.waitForFunction(() => window.__edges !== undefined, null, { timeout: 180_000 });
      results[i].push(await page.evaluate(() => [window.__nodes, window.__edges]));
      await context.close();
    }
  }
} finally {
  await browser.close();
  for (const s of servers) s.process.kill();
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (t) => t.toFixed(0);
console.log(`N = ${n}, ${runs} runs each; medians, then every run as nodes/edges ms`);
dists.forEach((dist, i) => {
  const runs = results[i];
  console.log(
    `${dist}\n  nodes ${ms(median(runs.map((r) => r[0])))}  edges ${ms(median(runs.map((r) => r[1])))}  ` +
      runs.map(([a, b]) => `${ms(a)}/${ms(b)}`).join(' '),
  );
});
