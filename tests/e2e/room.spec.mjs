// Room to work (issue 17, point 5) and the first screen (point 6): the
// side panel resized by its edge (pointer and keyboard) and hidden, the
// palette and the minimap hidden, all remembered across a reload; check
// rows that show their text; the problems count in view however far the
// list is scrolled; a first-run welcome on the example plan.
import { test, expect } from './fixtures.mjs';
import { openApp, loadTemplate, importPlan } from './helpers.mjs';

const sidebar = (page) => page.locator('aside.sidebar');
const edge = (page) => page.getByRole('separator', { name: 'Side panel width' });

test('the side panel is resized by dragging its edge or with the arrow keys, and keeps its width after a reload', async ({ page }) => {
  await openApp(page);
  const before = (await sidebar(page).boundingBox()).width;
  const box = await edge(page).boundingBox();
  // Grab the edge below its button, and drag it 100 px to the left.
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width / 2, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 - 100, y, { steps: 6 });
  await page.mouse.up();
  const wider = (await sidebar(page).boundingBox()).width;
  expect(Math.abs(wider - (before + 100))).toBeLessThan(6);

  await edge(page).focus();
  await page.keyboard.press('ArrowRight');
  await expect(edge(page)).toHaveAttribute('aria-valuenow', String(Math.round(wider) - 20));
  const narrower = (await sidebar(page).boundingBox()).width;
  expect(Math.abs(narrower - (wider - 20))).toBeLessThan(2);

  await page.reload();
  await expect(sidebar(page)).toBeVisible();
  expect(Math.abs((await sidebar(page).boundingBox()).width - narrower)).toBeLessThan(2);
});

test('the side panel and the palette hide and show again, remembered across a reload', async ({ page }) => {
  await openApp(page);
  const canvas = page.locator('svg[data-testid=canvas]');
  const full = (await canvas.boundingBox()).width;
  await page.getByRole('button', { name: 'Hide side panel' }).click();
  await expect(sidebar(page)).toBeHidden();
  await page.getByRole('button', { name: 'Hide palette' }).click();
  await expect(page.locator('[data-add-kind=phase]')).toBeHidden();
  await expect.poll(async () => (await canvas.boundingBox()).width).toBeGreaterThan(full + 300);

  await page.reload();
  await expect(canvas).toBeVisible();
  await expect(sidebar(page)).toBeHidden();
  await expect(page.locator('[data-add-kind=phase]')).toBeHidden();

  await page.getByRole('button', { name: 'Show side panel' }).click();
  await page.getByRole('button', { name: 'Show palette' }).click();
  await expect(sidebar(page)).toBeVisible();
  await expect(page.locator('[data-add-kind=phase]')).toBeVisible();
});

test('the minimap can be hidden, and stays hidden after a reload', async ({ page }) => {
  await openApp(page, '/?generate=40');
  const minimap = page.locator('svg.minimap');
  await expect(minimap).toBeVisible();
  await page.getByRole('button', { name: 'Hide overview' }).click();
  await expect(minimap).toBeHidden();
  await page.reload();
  await expect(page.getByRole('button', { name: 'Show overview' })).toBeVisible();
  await expect(minimap).toBeHidden();
  await page.getByRole('button', { name: 'Show overview' }).click();
  await expect(minimap).toBeVisible();
});

test('check rows show their whole text at 1280×720, and the problems count stays in view', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page);
  await loadTemplate(page, 'column-rename');
  const check = page.locator('svg[data-testid=canvas] g[data-node-id][data-kind=verification]').first();
  await check.locator('.shape').first().dispatchEvent('pointerdown', { button: 0 });
  const name = page.getByRole('textbox', { name: 'Check 1 name' });
  await name.fill('Row counts match on both');
  const threshold = page.getByRole('textbox', { name: 'Check 1 threshold' });
  await threshold.fill('diff < 0.1 % of rows');
  for (const field of [name, threshold]) {
    const fits = await field.evaluate((el) => el.scrollWidth <= el.clientWidth);
    expect(fits, 'the check field shows its whole text').toBe(true);
  }
  const kind = page.getByRole('combobox', { name: 'Check 1 kind' });
  expect((await kind.boundingBox()).width).toBeGreaterThan(200);

  // Many findings: the header with the count stays at the top of the list.
  const loose = Array.from({ length: 60 }, (_, i) => ({ id: i + 1, kind: 'phase', title: `Loose ${i + 1}`, x: 200 * (i % 10), y: 150 * Math.floor(i / 10) }));
  await importPlan(page, { format: 'migraflow', schema_version: 2, title: 'Loose', nodes: loose, edges: [] });
  const problems = page.locator('[data-testid=problems]');
  await problems.evaluate((el) => { el.scrollTop = el.scrollHeight; });
  const panel = await problems.boundingBox();
  const count = await problems.locator('h2 .count').boundingBox();
  expect(count.y).toBeGreaterThanOrEqual(panel.y - 1);
  expect(count.y + count.height).toBeLessThanOrEqual(panel.y + panel.height);
});

test('a first visit says what the example is; dismissed, it does not come back', async ({ page }) => {
  await openApp(page);
  const welcome = page.getByTestId('welcome-banner');
  await expect(welcome).toContainText('This is an example');
  await welcome.getByRole('button', { name: 'Got it' }).click();
  await expect(welcome).toBeHidden();
  await page.reload();
  await expect(page.locator('svg[data-testid=canvas] g[data-node-id]').first()).toBeVisible();
  await expect(welcome).toBeHidden();
});

test('the welcome starts a blank plan, which then says how to begin', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('welcome-banner').getByRole('button', { name: 'Start a blank plan' }).click();
  await expect(page.getByTestId('welcome-banner')).toBeHidden();
  await expect(page.getByTestId('empty-hint')).toBeVisible();
  await expect(page.locator('svg[data-testid=canvas] g[data-node-id]')).toHaveCount(0);
});
