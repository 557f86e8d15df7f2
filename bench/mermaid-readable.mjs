// The same figures as bench/readable.mjs, for Mermaid.js's own rendering of
// each template's exported flowchart (issue 16: "the same figures beside
// Mermaid.js's rendering of the same exported Mermaid").
//
//   node bench/mermaid-readable.mjs
//
// Each template (target/template-assets/*.json, written by the build's
// pre-build hook) is exported with the command-line tool
// (`migraflow export --view flowchart`), rendered by the pinned
// node_modules Mermaid.js in a 1440×900 page, and fitted to the page as
// Mermaid Live's fit does (the whole diagram in view, never enlarged past
// 100 %). Printed per template: the fit scale, the node labels' font size
// on screen (CSS font size × scale), the smallest node label's glyph box
// on screen, label boxes overlapping another label, labels on a node, and
// edges through a node other than their ends (each edge path sampled every
// 4 px, a sample more than 2 px inside a node's box). It measures and
// prints; it fails only when a template cannot be exported or rendered.
import { chromium } from 'playwright';
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { chromiumLaunchOptions } from '../tests/chromium.mjs';

const assets = 'target/template-assets';
const files = readdirSync(assets).filter((f) => f.endsWith('.json') && f !== 'index.json').sort();
if (files.length === 0) {
  console.error(`no templates in ${assets}: build once (trunk build) or run the template_assets example`);
  process.exit(1);
}
execFileSync('cargo', ['build', '--quiet', '--release', '-p', 'migraflow-cli'], { stdio: 'inherit' });
const cli = 'target/release/migraflow';
const mermaidScript = createRequire(import.meta.url).resolve('mermaid/dist/mermaid.min.js');
const ORIGIN = 'http://mermaid-readable.test';

const browser = await chromium.launch(chromiumLaunchOptions);
let failed = false;
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('pageerror', (e) => {
    console.log(`page error: ${e.message}`);
    failed = true;
  });
  await page.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.origin === ORIGIN && url.pathname === '/') {
      return route.fulfill({
        contentType: 'text/html; charset=utf-8',
        body: '<!doctype html><html><head><meta charset="utf-8"><style>body{margin:0}#out{width:1440px;height:900px}#out svg{display:block}</style></head><body><div id="out"></div></body></html>',
      });
    }
    if (url.origin === ORIGIN && url.pathname === '/mermaid.min.js') {
      return route.fulfill({ contentType: 'text/javascript; charset=utf-8', path: mermaidScript });
    }
    return route.abort();
  });
  await page.goto(`${ORIGIN}/`);
  await page.addScriptTag({ url: `${ORIGIN}/mermaid.min.js` });
  await page.evaluate(() => window.mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' }));

  console.log('template                  scale  font px  glyph box px  label/label  label/node  edge/node');
  for (const file of files) {
    const id = file.replace(/\.json$/, '');
    const text = execFileSync(cli, ['export', '--view', 'flowchart', join(assets, file)], { encoding: 'utf8' });
    const m = await page.evaluate(async (text) => {
      const out = document.getElementById('out');
      const { svg } = await window.mermaid.render('d' + Math.random().toString(36).slice(2), text);
      out.innerHTML = svg;
      const el = out.querySelector('svg');
      // Mermaid Live's fit: the whole diagram in the view, at most 100 %.
      const vb = el.viewBox.baseVal;
      const scale = Math.min(1, 1440 / vb.width, 900 / vb.height);
      el.setAttribute('width', vb.width * scale);
      el.setAttribute('height', vb.height * scale);
      el.style.maxWidth = 'none';
      const box = (e) => e.getBoundingClientRect();
      const overlap = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
      const nodes = [...el.querySelectorAll('g.node')].map((g) => ({ id: g.id, r: box(g.querySelector('.label-container, rect, polygon, circle, path') || g) }));
      const labels = [...el.querySelectorAll('g.node .nodeLabel')];
      const glyphs = labels.map((l) => box(l).height).filter((h) => h > 0);
      const plates = [...el.querySelectorAll('g.edgeLabel')].map(box).filter((r) => r.width > 0 && r.height > 0);
      let labelLabel = 0;
      plates.forEach((a, i) => plates.slice(i + 1).forEach((b) => (labelLabel += overlap(a, b) ? 1 : 0)));
      const labelNode = plates.filter((p) => nodes.some((n) => overlap(p, n.r))).length;
      let edgeNode = 0;
      for (const path of el.querySelectorAll('path.flowchart-link')) {
        // Mermaid names a link L_<from>_<to>_<n>; its ends are the nodes
        // whose ids (flowchart-<id>-<n>) carry those names.
        const [, from, to] = path.id.match(/^L_(.+?)_(.+?)_\d+$/) || [];
        const ends = nodes.filter((n) => n.id.startsWith(`flowchart-${from}-`) || n.id.startsWith(`flowchart-${to}-`));
        const others = nodes.filter((n) => !ends.includes(n));
        const ctm = path.getScreenCTM();
        const len = path.getTotalLength();
        let through = false;
        for (let s = 0; s <= len && !through; s += 4) {
          const p = path.getPointAtLength(s).matrixTransform(ctm);
          through = others.some((n) => p.x > n.r.left + 2 && p.x < n.r.right - 2 && p.y > n.r.top + 2 && p.y < n.r.bottom - 2);
        }
        edgeNode += through ? 1 : 0;
      }
      const font = labels.length ? parseFloat(getComputedStyle(labels[0]).fontSize) * scale : 0;
      return { scale, font, glyph: Math.min(...glyphs), labelLabel, labelNode, edgeNode };
    }, text);
    console.log(
      `${id.padEnd(24)} ${(m.scale * 100).toFixed(0).padStart(5)}% ${m.font.toFixed(1).padStart(8)} ${m.glyph.toFixed(1).padStart(13)} ${String(m.labelLabel).padStart(12)} ${String(m.labelNode).padStart(11)} ${String(m.edgeNode).padStart(10)}`,
    );
  }
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
