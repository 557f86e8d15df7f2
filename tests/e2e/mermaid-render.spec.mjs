// Renders every diagram of the Mermaid export corpus with the real
// Mermaid.js (the pinned node_modules copy, served to the page without any
// network) and checks what the exporter promises: it parses and renders,
// Mermaid draws as many nodes and edges as the plan has, no label became
// markup (no <script>, no on* attribute, no alert), and every label reads
// as written.
//
// The corpus and its manifest.json come from
//   cargo run -p migraflow-core --example mermaid_corpus -- "$MERMAID_CORPUS"
// and this spec is skipped when MERMAID_CORPUS is not set.

import { test, expect } from './fixtures.mjs';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const corpusDir = process.env.MERMAID_CORPUS;
const manifest = corpusDir
  ? JSON.parse(fs.readFileSync(path.join(corpusDir, 'manifest.json'), 'utf8'))
  : {};
const mermaidScript = createRequire(import.meta.url).resolve('mermaid/dist/mermaid.min.js');

// A made-up origin: every request is answered here or aborted.
const ORIGIN = 'http://mermaid-render.test';

/** Text as compared: without any whitespace, which HTML collapses and wraps. */
const squeeze = (text) => text.replace(/\s+/g, '');

if (!corpusDir) {
  test.skip('Mermaid export renders in Mermaid.js (set MERMAID_CORPUS to run)', () => {});
}

test.describe('Mermaid export renders in Mermaid.js', () => {
  // One page per worker for the whole corpus: loading the 5 MB bundle per
  // diagram would dominate the run.
  let page;
  const dialogs = [];

  test.beforeAll(async ({ browser }) => {
    page = await browser.newPage();
    page.on('dialog', async (dialog) => {
      dialogs.push(dialog.message());
      await dialog.dismiss();
    });
    await page.route('**/*', async (route) => {
      const url = new URL(route.request().url());
      if (url.origin === ORIGIN && url.pathname === '/') {
        return route.fulfill({
          contentType: 'text/html; charset=utf-8',
          body: '<!doctype html><html><head><meta charset="utf-8"></head><body></body></html>',
        });
      }
      if (url.origin === ORIGIN && url.pathname === '/mermaid.min.js') {
        // The charset matters: the bundle's regular expressions contain
        // non-ASCII characters (Mermaid's entity placeholders).
        return route.fulfill({ contentType: 'text/javascript; charset=utf-8', path: mermaidScript });
      }
      return route.abort();
    });
    await page.goto(`${ORIGIN}/`);
    await page.addScriptTag({ url: '/mermaid.min.js' });
    await page.evaluate(() => window.mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' }));
  });

  test.afterAll(async () => {
    await page?.close();
  });

  for (const [index, [file, expected]] of Object.entries(manifest).entries()) {
    test(file, async () => {
      dialogs.length = 0;
      const source = fs.readFileSync(path.join(corpusDir, file), 'utf8');
      const rendered = await page.evaluate(async ({ source, id }) => {
        try {
          await window.mermaid.parse(source);
          const { svg } = await window.mermaid.render(id, source);
          // An inert document: nothing in it runs or loads.
          const doc = new DOMParser().parseFromString(`<body>${svg}</body>`, 'text/html');
          const all = [...doc.body.querySelectorAll('*')];
          const textOutsideStyles = [];
          const walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            if (!node.parentElement.closest('style')) textOutsideStyles.push(node.textContent);
          }
          return {
            nodes: doc.querySelectorAll('svg g.node').length,
            edges: doc.querySelectorAll('svg g.edgePaths > path').length,
            scripts: doc.querySelectorAll('script').length,
            handlers: all.flatMap((el) =>
              [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName} ${a.name}`),
            ),
            javascriptUrls: all.flatMap((el) =>
              [...el.attributes].filter((a) => /^\s*javascript:/i.test(a.value)).map((a) => a.name),
            ),
            text: textOutsideStyles.join(''),
          };
        } catch (error) {
          return { error: String(error?.message ?? error) };
        }
      }, { source, id: `diagram-${index}` });

      expect(rendered.error, 'Mermaid parses and renders the diagram').toBeUndefined();
      expect(rendered.nodes, 'nodes drawn').toBe(expected.nodes);
      expect(rendered.edges, 'edges drawn').toBe(expected.edges);
      expect(rendered.scripts, '<script> elements').toBe(0);
      expect(rendered.handlers, 'on* attributes').toEqual([]);
      expect(rendered.javascriptUrls, 'javascript: URLs').toEqual([]);
      expect(dialogs, 'dialogs opened by the page').toEqual([]);
      const visible = squeeze(rendered.text);
      for (const label of expected.labels) {
        expect(visible, `label ${JSON.stringify(label)} is shown`).toContain(squeeze(label));
      }
    });
  }
});
