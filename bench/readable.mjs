// Readable diagrams in the browser (issue 16): every template opened from
// the gallery in a 1440×900 window, as a user sees it.
//
//   node bench/readable.mjs [--dist target/dist] [--port 4392]
//
// For each template: the zoom it opens at (the toolbar's figure), the
// titles' font size on screen (CSS font size × zoom), the smallest title's
// glyph box on screen (its text's bounding box height, in CSS pixels),
// and, measured on the page's own
// drawing (screen boxes of label plates and node outlines, and each
// edge's line sampled every 4 px along its length), label plates that
// overlap another plate, plates on a node, and edges through a node
// other than their ends (a sample more than 2 px inside its box). Prints
// a table and exits 1 when any template overlaps or crosses anything, or
// its titles' font is under 9 px on screen.
import { chromium } from 'playwright';
import { resolve } from 'node:path';
import { chromiumLaunchOptions } from '../tests/chromium.mjs';
import { serve } from './serve.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const dist = resolve(arg('dist', process.env.E2E_DIST || 'target/dist'));
const port = Number(arg('port', 4392));

const server = serve(dist, port);
await server.ready;
const browser = await chromium.launch(chromiumLaunchOptions);
let failed = false;
try {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.locator('g[data-node-id]').first().waitFor();
  await page.getByRole('button', { name: 'Templates', exact: true }).click();
  // The gallery fetches its list when it opens: wait for the first entry.
  await page.locator('button[data-template]').first().waitFor();
  const ids = await page.locator('button[data-template]').evaluateAll((els) =>
    els.map((e) => e.getAttribute('data-template')),
  );
  await page.getByRole('button', { name: 'Close templates' }).click();
  console.log('template                  zoom  font px  glyph box px  label/label  label/node  edge/node');
  for (const id of ids) {
    await page.getByRole('button', { name: 'Templates', exact: true }).click();
    await page.locator(`button[data-template="${id}"]`).click();
    await page.getByRole('dialog', { name: 'Templates' }).waitFor({ state: 'hidden' });
    await page.waitForTimeout(500);
    const m = await page.evaluate(() => {
      const box = (el) => el.getBoundingClientRect();
      const overlap = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
      const nodes = [...document.querySelectorAll('g[data-node-id]')].map((g) => ({
        id: g.getAttribute('data-node-id'),
        r: box(g.querySelector('.shape')),
      }));
      const titles = [...document.querySelectorAll('g[data-node-id] .title text')].map((t) => box(t).height);
      const plates = [...document.querySelectorAll('.edge-label rect')].map(box);
      let labelLabel = 0;
      plates.forEach((a, i) => plates.slice(i + 1).forEach((b) => (labelLabel += overlap(a, b) ? 1 : 0)));
      const labelNode = plates.filter((p) => nodes.some((n) => overlap(p, n.r))).length;
      let edgeNode = 0;
      for (const g of document.querySelectorAll('g[data-edge-id]')) {
        const line = g.querySelector('path.line');
        if (!line) continue;
        const ends = [g.getAttribute('data-from'), g.getAttribute('data-to')];
        const ctm = line.getScreenCTM();
        const len = line.getTotalLength();
        const others = nodes.filter((n) => !ends.includes(n.id));
        let through = false;
        for (let s = 0; s <= len && !through; s += 4) {
          const p = line.getPointAtLength(s).matrixTransform(ctm);
          through = others.some(
            (n) => p.x > n.r.left + 2 && p.x < n.r.right - 2 && p.y > n.r.top + 2 && p.y < n.r.bottom - 2,
          );
        }
        edgeNode += through ? 1 : 0;
      }
      const zoomText = document.querySelector('.toolbar .zoom')?.textContent ?? '?';
      const title = document.querySelector('g[data-node-id] .title text');
      return {
        zoom: zoomText,
        font: (parseFloat(getComputedStyle(title).fontSize) * parseFloat(zoomText)) / 100,
        title: Math.min(...titles),
        labelLabel,
        labelNode,
        edgeNode,
      };
    });
    const bad = m.labelLabel + m.labelNode + m.edgeNode > 0 || m.font < 9;
    failed ||= bad;
    console.log(
      `${id.padEnd(24)} ${m.zoom.padStart(6)} ${m.font.toFixed(1).padStart(8)} ${m.title.toFixed(1).padStart(13)} ${String(m.labelLabel).padStart(12)} ${String(m.labelNode).padStart(11)} ${String(m.edgeNode).padStart(10)}${bad ? '  ✗' : ''}`,
    );
  }
  if (errors.length) {
    console.log(`page errors: ${errors.join('; ')}`);
    failed = true;
  }
} finally {
  await browser.close();
  server.process.kill();
}
process.exit(failed ? 1 : 0);
