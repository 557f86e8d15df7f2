// Import and export (issue #6): PNG and SVG pictures, JSON and Mermaid both
// ways, share links, and bad input that must change nothing.
import { test, expect } from './fixtures.mjs';
import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { openApp, loadTemplate, exportItem } from './helpers.mjs';

const nodes = (page) => page.locator('svg[data-testid=canvas] g[data-node-id]');

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes) {
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** The drawing's size on the canvas, all of it in view (nothing culled). */
async function drawingSize(page) {
  await page.getByRole('button', { name: 'Fit view' }).click();
  return page.locator('svg[data-testid=canvas] g.viewport').evaluate((g) => {
    const b = g.getBBox();
    return { width: b.width, height: b.height };
  });
}

// The header of a picture: the title (36) and the legend's two rows (52)
// with a gap (20); the legend is 860 wide (migraflow_core::drawing::legend).
const HEADER = 108;
const LEGEND_WIDTH = 860;

test('PNG export is the diagram at 2× under its title and legend, top down as drawn, and not blank', async ({ page }) => {
  const problems = await openApp(page);
  await loadTemplate(page, 'column-rename');
  const drawing = await drawingSize(page);
  const file = await exportItem(page, 'Export PNG');
  expect(file.suggestedFilename()).toMatch(/\.png$/);
  const bytes = readFileSync(await file.path());
  const size = pngSize(bytes);
  expect(Math.abs(size.width - 2 * (Math.max(drawing.width, LEGEND_WIDTH) + 48))).toBeLessThanOrEqual(2);
  expect(Math.abs(size.height - 2 * (drawing.height + 48 + HEADER))).toBeLessThanOrEqual(2);
  // The template flows top down, and so does its picture (it was 12:1
  // wide before issue 16).
  expect(size.height).toBeGreaterThan(size.width);
  // Count pixels that differ from the background.
  const inked = await page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width;
    c.height = img.height;
    const ctx = c.getContext('2d');
    ctx.drawImage(img, 0, 0);
    const px = ctx.getImageData(0, 0, c.width, c.height).data;
    const [r0, g0, b0] = px;
    let inked = 0;
    for (let i = 0; i < px.length; i += 4) {
      if (Math.abs(px[i] - r0) + Math.abs(px[i + 1] - g0) + Math.abs(px[i + 2] - b0) > 60) inked++;
    }
    return inked / (px.length / 4);
  }, bytes.toString('base64'));
  expect(inked).toBeGreaterThan(0.01);
  expect(problems).toEqual([]);
});

test('the picture\'s scale, padding and header are the user\'s to choose; the title stays text', async ({ page }) => {
  await openApp(page);
  await loadTemplate(page, 'add-foreign-key');
  await page.locator('.inspector input').first().fill('Q3 <script>alert(1)</script> & "review"');
  await page.locator('.inspector input').first().press('Tab');
  const drawing = await drawingSize(page);

  // The SVG carries the title as text and the legend's rows.
  const svg = readFileSync(await (await exportItem(page, 'Export SVG')).path(), 'utf8');
  expect(svg).not.toMatch(/<script/i);
  const blank = await page.context().newPage();
  const header = await blank.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    return {
      title: doc.querySelector('.picture-title')?.textContent,
      legend: [...doc.querySelectorAll('.picture-legend text')].map((t) => t.textContent),
    };
  }, svg);
  expect(header.title).toBe('Q3 <script>alert(1)</script> & "review"');
  expect(header.legend).toEqual(expect.arrayContaining(['Start', 'Verification', 'Go/no-go gate', 'Rollback']));

  // 1×, no padding, no header: the drawing alone, at its own size.
  await page.locator('details.menu', { hasText: 'Export' }).locator('summary').click();
  await page.getByLabel('PNG scale').selectOption('1');
  await page.getByLabel('Export padding').selectOption('none');
  await page.getByLabel('Heading and legend').uncheck();
  await page.locator('details.menu', { hasText: 'Export' }).locator('summary').click();
  let size = pngSize(readFileSync(await (await exportItem(page, 'Export PNG')).path()));
  expect(Math.abs(size.width - (drawing.width + 8))).toBeLessThanOrEqual(2);
  expect(Math.abs(size.height - (drawing.height + 8))).toBeLessThanOrEqual(2);

  // 3× and wide padding: each side 64 units, three pixels each.
  await page.locator('details.menu', { hasText: 'Export' }).locator('summary').click();
  await page.getByLabel('PNG scale').selectOption('3');
  await page.getByLabel('Export padding').selectOption('wide');
  await page.locator('details.menu', { hasText: 'Export' }).locator('summary').click();
  size = pngSize(readFileSync(await (await exportItem(page, 'Export PNG')).path()));
  expect(Math.abs(size.width - 3 * (drawing.width + 128))).toBeLessThanOrEqual(3);
  expect(Math.abs(size.height - 3 * (drawing.height + 128))).toBeLessThanOrEqual(3);
});

test('on no background, forward edges and the header take a grey that reads on a dark page', async ({ page }) => {
  await openApp(page);
  await loadTemplate(page, 'column-rename');
  await page.locator('details.menu', { hasText: 'Export' }).locator('summary').click();
  await page.getByLabel('Export background').selectOption('transparent');
  await page.locator('details.menu', { hasText: 'Export' }).locator('summary').click();
  const svg = readFileSync(await (await exportItem(page, 'Export SVG')).path(), 'utf8');
  // Drawn onto a dark page (a blank one: the app's CSP would refuse the
  // file's own style element): the forward edges' colour against it.
  const blank = await page.context().newPage();
  const contrast = await blank.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    const host = document.createElement('div');
    host.style.background = '#0f1217';
    host.append(document.importNode(doc.documentElement, true));
    document.body.append(host);
    const line = host.querySelector('g.edge.forward .line');
    const title = host.querySelector('.picture-title');
    const rgb = (el, prop) => getComputedStyle(el)[prop].match(/\d+/g).slice(0, 3).map(Number);
    const lum = ([r, g, b]) => {
      const c = [r, g, b].map((v) => v / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
      return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    };
    const ratio = (a) => (lum(a) + 0.05) / (lum([15, 18, 23]) + 0.05);
    const out = { line: ratio(rgb(line, 'stroke')), title: ratio(rgb(title, 'fill')) };
    host.remove();
    return out;
  }, svg);
  expect(contrast.line).toBeGreaterThan(4);
  expect(contrast.title).toBeGreaterThan(4);
});

test('every Export menu item downloads without a page or console error', async ({ page, pageProblems }) => {
  // Issue 14: each export threw "closure invoked recursively or after being
  // dropped" while its download went through; the fixture of every test
  // fails on it too, this test names it and checks after each item.
  await openApp(page);
  await loadTemplate(page, 'column-rename');
  for (const name of [
    'Export JSON',
    'Export Mermaid',
    'Export Mermaid state',
    'Export SVG',
    'Export PNG',
  ]) {
    const file = await exportItem(page, name);
    expect(file.suggestedFilename()).toMatch(/\.(json|mmd|svg|png)$/);
    // One more frame for anything the click queued.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
    expect(pageProblems, `after ${name}`).toEqual([]);
  }
});

test('SVG export stands alone: every node, its own styles, no script', async ({ page }) => {
  await openApp(page);
  await loadTemplate(page, 'column-rename');
  const count = await nodes(page).count();
  const text = readFileSync(await (await exportItem(page, 'Export SVG')).path(), 'utf8');
  expect(text).not.toMatch(/<script/i);
  expect(text).toContain('<style');
  // Parsed on a blank page: the app's CSP (style-src 'self') would log
  // an error for the exported file's own inline styles.
  const blank = await page.context().newPage();
  const parsed = await blank.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    return {
      error: doc.querySelector('parsererror') !== null,
      nodes: doc.querySelectorAll('g[data-node-id]').length,
      ports: doc.querySelectorAll('.port').length,
      viewBox: doc.documentElement.getAttribute('viewBox'),
    };
  }, text);
  expect(parsed).toMatchObject({ error: false, nodes: count, ports: 0 });
  expect(parsed.viewBox.split(' ').length).toBe(4);
});

test('JSON export then import gives the same plan as a new document', async ({ page }) => {
  await openApp(page);
  await loadTemplate(page, 'add-foreign-key');
  const count = await nodes(page).count();
  const file = await exportItem(page, 'Export JSON');
  const json = JSON.parse(readFileSync(await file.path(), 'utf8'));
  expect(json).toMatchObject({ format: 'migraflow', schema_version: 2 });
  await page.getByRole('button', { name: 'Documents' }).click();
  await page.getByRole('button', { name: 'New blank' }).click();
  await expect(nodes(page)).toHaveCount(0);
  await page.locator('details.menu', { hasText: 'Import' }).locator('summary').click();
  await page.getByLabel('Import JSON').setInputFiles(await file.path());
  await expect(nodes(page)).toHaveCount(count);
  await expect(page.locator('.plan-title')).toHaveText(json.title);
});

test('a file that is not a plan is refused and the open document is untouched', async ({ page }) => {
  await openApp(page);
  const before = await nodes(page).count();
  await page.locator('details.menu', { hasText: 'Import' }).locator('summary').click();
  await page.getByLabel('Import JSON').setInputFiles({
    name: 'notes.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"format":"migraflow","schema_version":2,"title":"x","nodes":[{"id":1,"kind":"spaceship"}],"edges":[]}'),
  });
  await expect(page.locator('[data-testid=notice]')).toContainText('was not imported');
  await expect(page.locator('[data-testid=notice]')).toContainText('nodes[0].kind');
  await expect(nodes(page)).toHaveCount(before);
});

test('Mermaid: export, and import of a hand-written flowchart; errors name the line', async ({ page }) => {
  await openApp(page);
  await loadTemplate(page, 'column-rename');
  const text = readFileSync(await (await exportItem(page, 'Export Mermaid')).path(), 'utf8');
  // The template flows top down, and its Mermaid says so.
  expect(text.startsWith('flowchart TD')).toBe(true);

  const before = await nodes(page).count();
  await page.locator('details.menu', { hasText: 'Import' }).locator('summary').click();
  await page.getByRole('menuitem', { name: 'Import Mermaid' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import Mermaid' });
  await dialog.getByLabel('Mermaid text').fill('graph TD\n  A([Start]) --> B[Add column email2]\n  B --> C{{Row counts match}}\n  C --> D([Done]\n');
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog.locator('.import-error')).toContainText('line 4');
  await expect(nodes(page)).toHaveCount(before);
  // Closed without importing, the dialog keeps what was typed, as text.
  const draft = '\n  A[<b>bold</b> & "quoted"] --> B\n';
  await dialog.getByLabel('Mermaid text').fill(draft);
  await dialog.getByRole('button', { name: 'Close Mermaid import' }).click();
  await expect(dialog).toBeHidden();
  await page.locator('details.menu', { hasText: 'Import' }).locator('summary').click();
  await page.getByRole('menuitem', { name: 'Import Mermaid' }).click();
  await expect(dialog.getByLabel('Mermaid text')).toHaveValue(draft);
  await dialog.getByLabel('Mermaid text').fill('graph TD\n  A([Start]) --> B[Add column email2]\n  B --> C{{Row counts match}}\n  C --> D([Done])\n  C -.->|mismatch| A\n');
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(nodes(page)).toHaveCount(4);
  await expect(page.locator('g[data-node-id][data-kind=phase][data-phase=expand]')).toHaveCount(1);
  await expect(page.locator('g[data-edge-id][data-kind=rollback]')).toHaveCount(1);
});

test('the live Mermaid panel follows edits', async ({ page }) => {
  await openApp(page);
  await page.locator('.mermaid-panel summary').click();
  const area = page.locator('#mermaid-text');
  await expect(area).toHaveValue(/^flowchart (LR|TD)/);
  await page.locator('button[data-add-kind=gate]').click();
  await expect(area).toHaveValue(/Go \/ no-go/);
});

test('share links open the plan after asking; a cut link is refused', async ({ browser }) => {
  const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await context.newPage();
  await openApp(page);
  await loadTemplate(page, 'split-table');
  // A title made of markup travels as text, into the other tab's banner.
  const title = 'Split <b>orders</b> & "co"';
  const field = page.locator('.inspector input[data-f=plan-title]');
  await field.fill(title);
  await field.press('Enter');
  await expect(page.locator('.plan-title')).toHaveText(title);
  const count = await nodes(page).count();
  await page.locator('details.menu', { hasText: 'Export' }).locator('summary').click();
  await page.getByRole('menuitem', { name: 'Copy share link' }).click();
  await expect(page.locator('[data-testid=notice]')).toContainText('Share link copied');
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toContain('#plan=1.');

  const other = await context.newPage();
  await other.goto(link);
  const banner = other.locator('[data-testid=share-banner]');
  await expect(banner).toContainText(title);
  await expect(banner.locator('b')).toHaveCount(0);
  await banner.getByRole('button', { name: 'Open shared plan' }).click();
  await expect(other.locator('.plan-title')).toHaveText(title);
  await expect(nodes(other)).toHaveCount(count);
  expect(new URL(other.url()).hash).toBe('');

  const cut = await context.newPage();
  await cut.goto(link.slice(0, link.length - 200));
  await expect(cut.locator('[data-testid=share-banner]')).toContainText('cut off');
  await context.close();
});

test('links deflated by another writer open; a decompression bomb is refused', async ({ page }) => {
  // The browser deflates links now; older links came from a deflater in
  // the wasm. Any raw-DEFLATE writer (here Node's zlib) must do.
  await openApp(page);
  await loadTemplate(page, 'add-foreign-key');
  const title = await page.locator('.plan-title').textContent();
  const json = readFileSync(await (await exportItem(page, 'Export JSON')).path());
  const link = (bytes) => `/#plan=1.${deflateRawSync(bytes).toString('base64url')}`;

  const shared = await page.context().newPage();
  await shared.goto(link(json));
  const banner = shared.locator('[data-testid=share-banner]');
  await expect(banner).toContainText(title);
  await expect(banner.locator('b')).toHaveCount(0);
  await banner.getByRole('button', { name: 'Open shared plan' }).click();
  await expect(shared.locator('.plan-title')).toHaveText(title);

  // A browser without Compression Streams is told so, not that the link
  // is damaged.
  const old = await page.context().newPage();
  await old.addInitScript(() => {
    delete window.DecompressionStream;
    delete window.CompressionStream;
  });
  await old.goto(link(json));
  await expect(old.locator('[data-testid=share-banner]')).toContainText('lacks the Compression Streams API');

  // 20 MiB + 1 of spaces, 20 KB deflated: refused once 20 MiB are out.
  const bomb = await page.context().newPage();
  const problems = await openApp(bomb, link(Buffer.alloc(20 * 1024 * 1024 + 1, 32)));
  await expect(bomb.locator('[data-testid=share-banner]')).toContainText('damaged');
  expect(problems).toEqual([]);
});

test('labels full of markup and quotes never run as script in any export', async ({ page }) => {
  const dialogs = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    d.dismiss();
  });
  await openApp(page);
  await page.getByRole('button', { name: 'Documents' }).click();
  await page.getByRole('button', { name: 'New blank' }).click();
  await page.locator('button[data-add-kind=phase]').click();
  const title = page.locator('.inspector input[data-first-field]');
  const hostile = '<img src=x onerror=alert(1)> "quoted" <script>alert(2)</script> #;|`';
  await title.fill(hostile);
  await title.press('Enter');
  // The canvas draws nodes from markup (core::drawing): the title must be
  // text there, not elements.
  const node = page.locator('g[data-node-id]').first();
  await expect(node.locator('.title')).toContainText('<img src=x');
  expect(await node.locator('img, script').count()).toBe(0);
  await page.locator('[data-testid=canvas]').getByRole('button', { name: /img src/ }).waitFor();
  const svg = readFileSync(await (await exportItem(page, 'Export SVG')).path(), 'utf8');
  expect(svg).not.toMatch(/<script|<img/i);
  const mmd = readFileSync(await (await exportItem(page, 'Export Mermaid')).path(), 'utf8');
  expect(mmd).not.toMatch(/<script|<img/i);
  await exportItem(page, 'Export PNG');
  expect(dialogs).toEqual([]);
});

test('Copy PNG puts the picture on the clipboard as a PNG at 2×', async ({ browser }) => {
  const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await context.newPage();
  await openApp(page);
  await loadTemplate(page, 'add-foreign-key');
  await page.locator('details.menu', { hasText: 'Export' }).locator('summary').click();
  await page.getByRole('menuitem', { name: 'Copy PNG' }).click();
  await expect(page.locator('[data-testid=notice]')).toContainText('Copied the picture as PNG');
  const read = await page.evaluate(async () => {
    const [item] = await navigator.clipboard.read();
    const blob = await item.getType('image/png');
    const bytes = new Uint8Array(await blob.arrayBuffer());
    const view = new DataView(bytes.buffer);
    return { types: item.types, signature: Array.from(bytes.slice(1, 4)), width: view.getUint32(16), height: view.getUint32(20) };
  });
  expect(read.types).toContain('image/png');
  expect(String.fromCharCode(...read.signature)).toBe('PNG');
  // At 2×: wider than the canvas the plan is drawn in at 1×.
  const drawn = await page.locator('svg[data-testid=canvas] g.nodes').boundingBox();
  expect(read.width).toBeGreaterThan(200);
  expect(read.height).toBeGreaterThan(100);
  expect(read.width * read.height).toBeGreaterThan(drawn.width * drawn.height);
  await context.close();
});
