// Stages (issue 16, point 3; SPEC §11): phases grouped into named bands
// (Prepare, Expand, Migrate, Cut over, Contract, or the user's own) that
// move with their phases, are edited in the inspector, and travel through
// Mermaid as subgraphs and into the SVG picture.
import { test, expect } from './fixtures.mjs';
import { readFileSync } from 'node:fs';
import { openApp, loadTemplate, nodeCentre, exportItem } from './helpers.mjs';

const canvas = (page) => page.locator('svg[data-testid=canvas]');
const bands = (page) => canvas(page).locator('g.stage');
/** The bands' names in drawing order, whole (the header may wrap them). */
const bandNames = (page) =>
  bands(page).evaluateAll((gs) => gs.map((g) => g.querySelector('title').textContent.replace(/^Stage: /, '')));

/** The screen box of the band named `name`. */
async function bandBox(page, name) {
  const names = await bandNames(page);
  const i = names.indexOf(name);
  expect(i, `a band named ${name} among ${names}`).toBeGreaterThanOrEqual(0);
  return bands(page).nth(i).locator('rect').boundingBox();
}

const inside = (inner, outer) =>
  inner.x >= outer.x - 0.5 &&
  inner.y >= outer.y - 0.5 &&
  inner.x + inner.width <= outer.x + outer.width + 0.5 &&
  inner.y + inner.height <= outer.y + outer.height + 0.5;

test('a template opens in five stage bands around their phases, and a band follows a phase while it is dragged', async ({ page }) => {
  await openApp(page);
  await loadTemplate(page, 'column-rename');
  await expect.poll(() => bandNames(page)).toEqual(['Prepare', 'Expand', 'Migrate', 'Cut over', 'Contract']);
  for (const [phase, stage] of [['audit', 'Prepare'], ['expand', 'Expand'], ['backfill', 'Migrate'], ['cutover', 'Cut over'], ['contract', 'Contract']]) {
    const node = await canvas(page).locator(`g[data-phase=${phase}] .shape`).first().boundingBox();
    expect(inside(node, await bandBox(page, stage)), `${phase} inside ${stage}`).toBe(true);
  }
  // Bands follow the flow: each below the one before.
  const boxes = await bands(page).locator('rect').evaluateAll((rs) => rs.map((r) => r.getBoundingClientRect().top));
  expect([...boxes].sort((a, b) => a - b)).toEqual(boxes);

  // Drag the Contract phase down by 120 px: its band grows to keep it.
  const before = await bandBox(page, 'Contract');
  const from = await nodeCentre(page, await canvas(page).locator('g[data-phase=contract]').first().getAttribute('data-node-id'));
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x, from.y + 60, { steps: 4 });
  await page.mouse.move(from.x, from.y + 120, { steps: 4 });
  // The band follows while the drag goes on, not only once it ends.
  await expect.poll(async () => (await bandBox(page, 'Contract')).height).toBeGreaterThan(before.height + 60);
  await page.mouse.up();
  const moved = await canvas(page).locator('g[data-phase=contract] .shape').first().boundingBox();
  await expect.poll(async () => (await bandBox(page, 'Contract')).height).toBeGreaterThan(before.height + 60);
  expect(inside(moved, await bandBox(page, 'Contract'))).toBe(true);
});

test('the inspector moves a node to a stage and renames a whole stage, each one undoable step; names stay text', async ({ page }) => {
  await openApp(page);
  await loadTemplate(page, 'column-rename');
  const field = page.locator('.inspector input[list=stage-names]');
  await canvas(page).locator('g[data-phase=backfill]').first().click();
  await expect(field).toHaveValue('Migrate');

  // One node into a stage of its own: a sixth band, around it alone.
  await field.fill('<script>alert(1)</script> copy');
  await field.press('Tab');
  await expect.poll(() => bandNames(page)).toContain('<script>alert(1)</script> copy');
  expect(await bands(page).count()).toBe(6);
  expect(await canvas(page).locator('script').count()).toBe(0);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(() => bands(page).count()).toBe(5);

  // The whole Migrate stage renamed at once, then back in one undo.
  await canvas(page).locator('g[data-phase=dual_write]').first().click();
  await expect(field).toHaveValue('Migrate');
  await page.locator('.inspector').getByLabel('Rename the whole stage').check();
  await field.fill('Copy data');
  await field.press('Tab');
  await expect.poll(() => bandNames(page)).toEqual(['Prepare', 'Expand', 'Copy data', 'Cut over', 'Contract']);
  await canvas(page).locator('g[data-phase=backfill]').first().click();
  await expect(field).toHaveValue('Copy data');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(() => bandNames(page)).toEqual(['Prepare', 'Expand', 'Migrate', 'Cut over', 'Contract']);

  // The stages offered: the usual five (the plan's own are among them).
  const offered = await page.locator('#stage-names option').evaluateAll((os) => os.map((o) => o.value));
  expect(offered).toEqual(['Prepare', 'Expand', 'Migrate', 'Cut over', 'Contract']);
});

test('stages go out to Mermaid as subgraphs, and a hand-written subgraph comes in as a stage', async ({ page }) => {
  await openApp(page);
  await loadTemplate(page, 'split-table');
  const text = readFileSync(await (await exportItem(page, 'Export Mermaid')).path(), 'utf8');
  expect(text).toContain('subgraph s1["Prepare"]');
  expect(text.match(/^ {4}subgraph /gm)).toHaveLength(5);
  // The metadata lines do not carry the stage: the subgraph does.
  expect(text).not.toContain('"stage"');

  await page.locator('details.menu', { hasText: 'Import' }).locator('summary').click();
  await page.getByRole('menuitem', { name: 'Import Mermaid' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import Mermaid' });
  await dialog.getByLabel('Mermaid text').fill(
    'graph TD\n  subgraph prep ["Get #quot;ready#quot;"]\n    A([Start]) --> B[Add column email2]\n  end\n  B --> C([Done])\n',
  );
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(canvas(page).locator('g[data-node-id]')).toHaveCount(3);
  await expect.poll(() => bandNames(page)).toEqual(['Get "ready"']);
  const phase = await canvas(page).locator('g[data-kind=phase] .shape').boundingBox();
  expect(inside(phase, await bandBox(page, 'Get "ready"'))).toBe(true);
});

test('the SVG picture carries the bands with their names and styles', async ({ page }) => {
  await openApp(page);
  await loadTemplate(page, 'add-foreign-key');
  const text = readFileSync(await (await exportItem(page, 'Export SVG')).path(), 'utf8');
  const blank = await page.context().newPage();
  const parsed = await blank.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    const [x, y, w, h] = doc.documentElement.getAttribute('viewBox').split(' ').map(Number);
    const rects = [...doc.querySelectorAll('g.stage rect')].map((r) => ['x', 'y', 'width', 'height'].map((a) => Number(r.getAttribute(a))));
    return {
      names: [...doc.querySelectorAll('g.stage title')].map((t) => t.textContent.replace(/^Stage: /, '')),
      styled: [...doc.querySelectorAll('style')].some((s) => s.textContent.includes('.stage rect')),
      // Every band inside the picture: the crop counts them.
      within: rects.every(([rx, ry, rw, rh]) => rx >= x - 1 && ry >= y - 1 && rx + rw <= x + w + 1 && ry + rh <= y + h + 1),
    };
  }, text);
  expect(parsed.names.length).toBeGreaterThanOrEqual(3);
  expect(parsed.names).toEqual(await bandNames(page));
  expect(parsed.styled).toBe(true);
  expect(parsed.within).toBe(true);
});
