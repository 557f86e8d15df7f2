// Renders every diagram of the Mermaid export corpus with the real
// Mermaid.js (the pinned node_modules copy, served to the page without any
// network) and checks what the exporter promises: it parses and renders,
// Mermaid draws as many nodes and edges as the plan has, no label became
// markup (no <script>, no on* attribute, no alert), and every label reads
// as written. For the views of SPEC §10 (Gantt, sequence, requirement,
// timeline, git graph) it also reads the diagram's database after parsing
// and compares it with the manifest's oracle: the tasks, messages,
// requirements and relations, periods and events, commits per node.
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
      const rendered = await page.evaluate(async ({ source, id, view }) => {
        // Mermaid's entity placeholders (what `#59;` becomes before parsing)
        // read back as the characters the plan holds.
        const named = { quot: '"', lt: '<', gt: '>', amp: '&' };
        const text = (s) =>
          String(s ?? '')
            .replace(/\uFB02\xB0\xB0(\d+)\xB6\xDF/g, (_, n) => String.fromCodePoint(Number(n)))
            .replace(/\uFB02\xB0(\w+)\xB6\xDF/g, (_, n) => named[n] ?? `&${n};`)
            .trim();
        const byText = (items) => items.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
        try {
          await window.mermaid.parse(source);
          let read;
          if (view) {
            const { db } = await window.mermaid.mermaidAPI.getDiagramFromText(source);
            if (view === 'gantt') {
              read = {
                tasks: byText(
                  db.getTasks().map((t) => ({
                    name: text(t.task),
                    milestone: Boolean(t.milestone),
                    seconds: (t.endTime - t.startTime) / 1000,
                    crit: Boolean(t.crit),
                  })),
                ),
                undated: db.getTasks().filter((t) => !Number.isFinite(+t.startTime)).length,
              };
            } else if (view === 'sequence') {
              read = {
                messages: byText(
                  db.getMessages().filter((m) => m.from).map((m) => ({ to: m.to, text: text(m.message) })),
                ),
                senders: [...new Set(db.getMessages().filter((m) => m.from).map((m) => m.from))],
              };
            } else if (view === 'requirement') {
              read = {
                requirements: byText([...db.getRequirements().values()].map((r) => text(r.text))),
                relations: byText(db.getRelationships().map((r) => [r.type, r.src])),
                undeclared: db
                  .getRelationships()
                  .filter((r) => !db.getElements().has(r.src) || !db.getRequirements().has(r.dst)).length,
              };
            } else if (view === 'timeline') {
              read = {
                periods: byText(db.getTasks().map((t) => ({ period: text(t.task), events: t.events.map(text) }))),
              };
            } else if (view === 'gitgraph') {
              read = {
                commits: byText(
                  [...db.getCommits().values()].map((c) => ({ id: text(c.id), branch: c.branch, tags: c.tags.map(text) })),
                ),
              };
            }
          }
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
            read,
          };
        } catch (error) {
          return { error: String(error?.message ?? error) };
        }
      }, { source, id: `diagram-${index}`, view: expected.view });

      expect(rendered.error, 'Mermaid parses and renders the diagram').toBeUndefined();
      const { read } = rendered;
      if (expected.view === 'gantt') {
        expect(read.tasks, 'tasks Mermaid read').toEqual(expected.tasks);
        expect(read.undated, 'tasks without a start').toBe(0);
      } else if (expected.view === 'sequence') {
        expect(read.messages, 'messages Mermaid read').toEqual(expected.messages);
        expect(read.senders.filter((s) => s !== 'operator'), 'only the operator sends').toEqual([]);
      } else if (expected.view === 'requirement') {
        expect(read.requirements, 'requirements Mermaid read').toEqual(expected.requirements);
        expect(read.relations, 'relations Mermaid read').toEqual(expected.relations);
        expect(read.undeclared, 'relations to undeclared ends').toBe(0);
      } else if (expected.view === 'timeline') {
        expect(read.periods, 'periods and events Mermaid read').toEqual(expected.periods);
      } else if (expected.view === 'gitgraph') {
        expect(read.commits, 'commits Mermaid read').toEqual(expected.commits);
      } else {
        expect(rendered.nodes, 'nodes drawn').toBe(expected.nodes);
        expect(rendered.edges, 'edges drawn').toBe(expected.edges);
      }
      expect(rendered.scripts, '<script> elements').toBe(0);
      expect(rendered.handlers, 'on* attributes').toEqual([]);
      expect(rendered.javascriptUrls, 'javascript: URLs').toEqual([]);
      expect(dialogs, 'dialogs opened by the page').toEqual([]);
      const visible = squeeze(rendered.text);
      for (const label of expected.labels ?? []) {
        expect(visible, `label ${JSON.stringify(label)} is shown`).toContain(squeeze(label));
      }
    });
  }
});
