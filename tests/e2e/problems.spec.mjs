// Problems that point at the cause (issue 17, point 4): findings grouped by
// cause with the likely root first and its consequences folded under it;
// one primary subject per finding, which the inspector then shows; a
// tooltip on every badge; a check count that agrees with MF012; messages
// that tell two nodes of one title apart.
import { test, expect } from './fixtures.mjs';
import { openApp, loadTemplate, ruleCodes, importPlan } from './helpers.mjs';

const problems = (page) => page.locator('[data-testid=problems]');
/** The rows the panel shows at its top level: one per cause. */
const topRows = (page) => problems(page).locator(':scope > ul > li.finding');

test('a forward edge turned into a rollback shows one cause first, its consequences folded under it', async ({ page }) => {
  await openApp(page);
  await loadTemplate(page, 'column-rename');
  expect(await ruleCodes(page)).toEqual([]);
  await page.getByRole('button', { name: 'Fit view' }).click();

  // The forward edge out of the first verification: turning it into a
  // rollback leaves that check with no way on and cuts off the rest.
  const edge = await page.evaluate(() => {
    const check = document.querySelector('svg[data-testid=canvas] g[data-node-id][data-kind=verification]').dataset.nodeId;
    const out = [...document.querySelectorAll('g[data-edge-id][data-kind=forward]')].find((e) => e.dataset.from === check);
    return out?.dataset.edgeId ?? null;
  });
  expect(edge, 'the template has a forward edge out of a verification').not.toBeNull();
  await page.locator(`g[data-edge-id="${edge}"] path.hit`).dispatchEvent('pointerdown', { button: 0 });
  await page.locator('.inspector').getByRole('combobox', { name: 'Kind' }).selectOption('rollback');

  const all = await ruleCodes(page);
  expect(all.length).toBeGreaterThan(3);
  // One cause at the top, the dead end the change made; everything else
  // under it, still in the page (the §9 hooks) but folded away.
  await expect(topRows(page)).toHaveCount(1);
  await expect(topRows(page).first()).toHaveAttribute('data-rule', 'MF007');
  const folded = problems(page).locator('li.follows');
  await expect(folded.locator('summary')).toHaveText(`${all.length - 1} more that follow from it`);
  await expect(folded.locator('li.finding').first()).toBeHidden();
  await folded.locator('summary').click();
  await expect(folded.locator('li.finding')).toHaveCount(all.length - 1);
  await expect(folded.locator('li.finding').first()).toBeVisible();
  await expect(problems(page).locator('h2 .count')).toContainText('from 1 cause');
});

test('unconnected nodes give one row each, the dead end folded under its cause', async ({ page }) => {
  await openApp(page);
  await importPlan(page, {
    format: 'migraflow',
    schema_version: 2,
    title: 'Loose nodes',
    nodes: [
      { id: 1, kind: 'start', title: 'Start', x: 100, y: 100 },
      { id: 2, kind: 'end', title: 'Done', x: 400, y: 100 },
      ...[3, 4, 5, 6].map((id) => ({ id, kind: 'gate', title: `Gate ${id}`, approver: 'DBA', go_criteria: ['ok'], x: 100 + 200 * (id - 3), y: 400 })),
    ],
    edges: [{ id: 1, kind: 'forward', from: 1, to: 2 }],
  });
  const codes = await ruleCodes(page);
  expect(codes.filter((c) => c === 'MF006')).toHaveLength(4);
  await expect(topRows(page)).toHaveCount(4);
  for (const row of await topRows(page).all()) await expect(row).toHaveAttribute('data-rule', 'MF006');
});

test('a finding selects its one primary subject, which the inspector shows', async ({ page }) => {
  await openApp(page);
  await importPlan(page, {
    format: 'migraflow',
    schema_version: 2,
    title: 'No verification',
    nodes: [
      { id: 1, kind: 'start', title: 'Start', x: 100, y: 100 },
      { id: 2, kind: 'phase', title: 'Add column', phase: 'expand', x: 400, y: 100 },
      { id: 3, kind: 'end', title: 'Done', x: 700, y: 100 },
    ],
    edges: [
      { id: 1, kind: 'forward', from: 1, to: 2 },
      { id: 2, kind: 'forward', from: 2, to: 3 },
      { id: 3, kind: 'rollback', from: 2, to: 1 },
    ],
  });
  await problems(page).locator('[data-rule=MF005] .finding-main').click();
  await expect(page.locator('g[data-node-id="2"]')).toHaveClass(/selected/);
  await expect(page.locator('g[data-edge-id="2"]')).not.toHaveClass(/selected/);
  await expect(page.locator('.inspector').getByRole('textbox', { name: 'Title' })).toHaveValue('Add column');
});

test('every badge says what it counts; equal titles are told apart; a blank check is not counted', async ({ page }) => {
  await openApp(page);
  await importPlan(page, {
    format: 'migraflow',
    schema_version: 2,
    title: 'Twins',
    nodes: [
      { id: 1, kind: 'start', title: 'Start', x: 100, y: 100 },
      { id: 2, kind: 'phase', title: 'Backfill', phase: 'custom', x: 400, y: 100 },
      { id: 3, kind: 'phase', title: 'Backfill', phase: 'custom', x: 700, y: 100 },
      { id: 4, kind: 'verification', title: 'Check', checks: [{ kind: 'row_count', name: '', threshold: '' }], x: 1000, y: 100 },
      { id: 5, kind: 'end', title: 'Done', x: 1300, y: 100 },
    ],
    edges: [
      { id: 1, kind: 'forward', from: 1, to: 2 },
      { id: 2, kind: 'forward', from: 2, to: 3 },
      { id: 3, kind: 'forward', from: 3, to: 4 },
      { id: 4, kind: 'forward', from: 4, to: 5 },
    ],
  });
  const messages = await problems(page).locator('[data-rule=MF001] .message').allTextContents();
  expect(messages).toEqual([
    'Phase "Backfill" (n2) has no rollback to a safe state before it',
    'Phase "Backfill" (n3) has no rollback to a safe state before it',
  ]);
  // Every badge has a tooltip naming its count and its rules.
  const badges = page.locator('svg[data-testid=canvas] g.badge');
  expect(await badges.count()).toBeGreaterThan(2);
  for (const badge of await badges.all()) {
    const count = await badge.locator('text').textContent();
    const tip = await badge.locator('title').textContent();
    expect(tip).toMatch(/^\d+ problems?: MF\d{3}(, MF\d{3})* \(see Problems\)$/);
    if (count !== '!') expect(tip.startsWith(`${count} problem`)).toBe(true);
  }
  // The check has one blank row: MF012 says it names none, and so does its caption.
  await expect(problems(page).locator('[data-rule=MF012]')).toHaveCount(1);
  await expect(page.locator('g[data-node-id="4"] .caption')).toHaveText('no checks');
});
