// Keyboard and menus (issue 17, points 2, 3 and 6): Tab walks every node
// and edge in the order the plan flows, off-screen ones included, with the
// view following the focus; edges are announced with their kind and both
// ends; `?` lists the shortcuts; zoom steps are round and reach 100 %;
// menus close on Escape and on a press outside.
import { test, expect } from './fixtures.mjs';
import { openApp, importPlan } from './helpers.mjs';

// A plan whose ids run against its flow (the end was created first) and
// wide enough that most of it is off-screen at 100 %.
const PLAN = {
  format: 'migraflow',
  schema_version: 2,
  title: 'Keyboard walk',
  nodes: [
    { id: 1, kind: 'end', title: 'Done', x: 5200, y: 200 },
    { id: 2, kind: 'gate', title: 'Go or no-go', approver: 'DBA lead', go_criteria: ['lag < 5 s'], x: 3900, y: 200 },
    { id: 3, kind: 'verification', title: 'Backfill verified', checks: [{ kind: 'row_count', name: 'rows', threshold: '= 0' }], x: 2600, y: 200 },
    { id: 4, kind: 'phase', title: 'Backfill', phase: 'backfill', x: 1300, y: 200 },
    { id: 5, kind: 'start', title: 'Start', x: 100, y: 200 },
  ],
  edges: [
    { id: 1, kind: 'forward', from: 2, to: 1, label: 'go' },
    { id: 2, kind: 'rollback', from: 3, to: 4, label: 'rows differ' },
    { id: 3, kind: 'forward', from: 3, to: 2 },
    { id: 4, kind: 'forward', from: 4, to: 3 },
    { id: 5, kind: 'forward', from: 5, to: 4 },
  ],
};

/** What a breadth-first walk from the start gives for PLAN, worked out by hand. */
const FLOW = ['n5', 'e5', 'n4', 'e4', 'n3', 'e3', 'e2', 'n2', 'e1', 'n1'];

/** The focused item as `n<id>` or `e<id>`, and whether its centre is inside the canvas. */
function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    const item = el && el.closest('[data-node-id], [data-edge-id]');
    if (!item) return { id: null, tag: el ? el.tagName : null };
    const id = item.hasAttribute('data-node-id') ? `n${item.getAttribute('data-node-id')}` : `e${item.getAttribute('data-edge-id')}`;
    const box = el.getBoundingClientRect();
    const canvas = document.querySelector('svg[data-testid=canvas]').getBoundingClientRect();
    const x = box.left + box.width / 2;
    const y = box.top + box.height / 2;
    const inView = x >= canvas.left && x <= canvas.right && y >= canvas.top && y <= canvas.bottom;
    return { id, inView, name: el.getAttribute('aria-label') };
  });
}

/** Tabs from the control just before the canvas into it. */
async function tabIntoCanvas(page) {
  await page.locator('.palette button').last().focus();
  await page.keyboard.press('Tab');
}

test('Tab walks every node and edge in flow order, the view following; Shift+Tab walks back and out', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page);
  await importPlan(page, PLAN);
  await page.getByRole('button', { name: /^Zoom .*reset to 100 %$/ }).click();

  await tabIntoCanvas(page);
  const walked = [];
  for (let i = 0; i < FLOW.length; i++) {
    if (i > 0) await page.keyboard.press('Tab');
    await expect.poll(async () => (await focused(page)).id, { message: `item ${i + 1} focused` }).toBe(FLOW[i]);
    const now = await focused(page);
    expect(now.inView, `${now.id} is brought into view`).toBe(true);
    walked.push(now.id);
  }
  expect(walked).toEqual(FLOW);
  // The selection follows the focus: what Delete would remove is what is shown.
  await expect(page.locator('g[data-node-id="1"]')).toHaveAttribute('aria-pressed', 'true');

  // Tab from the last item leaves the canvas.
  await page.keyboard.press('Tab');
  expect((await focused(page)).id).toBeNull();

  // Back in, Shift+Tab walks back, and leaves before the first item.
  await tabIntoCanvas(page);
  await expect.poll(async () => (await focused(page)).id).toBe('n1');
  await page.keyboard.press('Shift+Tab');
  await expect.poll(async () => (await focused(page)).id).toBe('e1');
  await page.keyboard.press('Shift+Tab');
  await expect.poll(async () => (await focused(page)).id).toBe('n2');
  for (let i = 0; i < FLOW.length - 3; i++) await page.keyboard.press('Shift+Tab');
  await expect.poll(async () => (await focused(page)).id).toBe('n5');
  await page.keyboard.press('Shift+Tab');
  const out = await focused(page);
  expect(out.id).toBeNull();
  expect(out.tag, 'the focus left the canvas, it did not stop on it').not.toBe('svg');
});

test('edges are announced with their kind, both ends and label', async ({ page }) => {
  await openApp(page);
  await importPlan(page, PLAN);
  await page.keyboard.press('f');
  await expect(page.locator('[data-edge-id="2"] > .drawing')).toHaveAttribute('aria-label', 'Rollback edge from Backfill verified to Backfill: rows differ');
  await expect(page.locator('[data-edge-id="5"] > .drawing')).toHaveAttribute('aria-label', 'Forward edge from Start to Backfill');
  // A renamed end is announced by its new name.
  await page.locator('g[data-node-id="4"]').click();
  const title = page.getByLabel('Title');
  await title.fill('Backfill in batches');
  await title.press('Tab');
  await expect(page.locator('[data-edge-id="5"] > .drawing')).toHaveAttribute('aria-label', 'Forward edge from Start to Backfill in batches');
});

test('? lists the shortcuts in a dialog that Escape closes, focus returning', async ({ page }) => {
  await openApp(page);
  await page.locator('svg[data-testid=canvas]').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toBeVisible();
  await expect(dialog.locator('dt')).toContainText(['Tab / Shift+Tab', 'Delete / Backspace', '?']);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  // The toolbar's button opens it too, and focus comes back to it.
  const button = page.getByRole('button', { name: 'Keyboard shortcuts' });
  await button.click();
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(button).toBeFocused();
});

test('zoom steps are round, reach 100 % from anywhere, and 0 resets', async ({ page }) => {
  await openApp(page);
  const zoom = page.locator('.toolbar .zoom');
  const percent = async () => Number((await zoom.textContent()).replace(/[^0-9]/g, ''));
  const steps = [10, 25, 33, 50, 67, 75, 100, 125, 150, 200, 300, 400];
  await page.getByRole('button', { name: 'Zoom in' }).click();
  const after = await percent();
  expect(steps, `${after} % is a round step`).toContain(after);
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Zoom out' }).click();
  expect(steps).toContain(await percent());
  // From an odd zoom (a pinch), the next step is round again.
  await page.locator('svg[data-testid=canvas]').hover({ position: { x: 300, y: 300 } });
  await page.keyboard.down('Control');
  await page.mouse.wheel(0, -37);
  await page.keyboard.up('Control');
  await expect.poll(percent).not.toBe(steps.find((s) => s === after));
  await page.getByRole('button', { name: 'Zoom in' }).click();
  expect(steps).toContain(await percent());
  await page.locator('svg[data-testid=canvas]').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('0');
  await expect(zoom).toHaveText('100 %');
  await page.keyboard.press('-');
  await expect(zoom).toHaveText('75 %');
  await page.keyboard.press('+');
  await expect(zoom).toHaveText('100 %');
  await page.keyboard.press('Minus');
  await zoom.click();
  await expect(zoom).toHaveText('100 %');
});

test('menus close on Escape and on a press outside them', async ({ page }) => {
  await openApp(page);
  for (const name of ['Import', 'Export']) {
    const menu = page.locator('details.menu', { has: page.locator('summary', { hasText: name }) }).first();
    await menu.locator('summary').click();
    await expect(menu).toHaveAttribute('open', '');
    await page.keyboard.press('Escape');
    await expect(menu).not.toHaveAttribute('open', '');
    await menu.locator('summary').click();
    await expect(menu).toHaveAttribute('open', '');
    await page.locator('svg[data-testid=canvas]').click({ position: { x: 5, y: 5 } });
    await expect(menu, `${name} closes on a press outside`).not.toHaveAttribute('open', '');
  }
  // The Documents list is a panel under its button: the same two ways out.
  const button = page.getByRole('button', { name: 'Documents', exact: true });
  const list = page.getByRole('region', { name: 'Documents' });
  await button.click();
  await expect(list).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(list).toBeHidden();
  await expect(button).toBeFocused();
  await button.click();
  await expect(list).toBeVisible();
  await page.locator('svg[data-testid=canvas]').click({ position: { x: 5, y: 5 } });
  await expect(list).toBeHidden();
});
