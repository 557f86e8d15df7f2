// The built app opens on the zero-downtime column-rename template, draws
// it with the test hooks of SPEC §9, and reports no problems.
import { test, expect } from './fixtures.mjs';
import { openApp, ruleCodes } from './helpers.mjs';

test('the column-rename template is drawn with every node and edge kind, no errors', async ({ page }) => {
  const problems = await openApp(page);
  const nodes = page.locator('svg[data-testid=canvas] g[data-node-id][data-kind]');
  const edges = page.locator('svg[data-testid=canvas] g[data-edge-id][data-kind][data-from][data-to]');
  expect(await nodes.count()).toBeGreaterThan(12);
  expect(await edges.count()).toBeGreaterThan(15);

  const kinds = new Set(await nodes.evaluateAll((els) => els.map((e) => e.dataset.kind)));
  expect([...kinds].sort()).toEqual(['end', 'gate', 'phase', 'start', 'verification']);
  const edgeKinds = new Set(await edges.evaluateAll((els) => els.map((e) => e.dataset.kind)));
  expect([...edgeKinds].sort()).toEqual(['forward', 'rollback', 'validation']);
  const phases = await page.locator('g[data-kind=phase]').evaluateAll((els) => els.map((e) => e.dataset.phase));
  for (const tag of ['audit', 'expand', 'dual_write', 'backfill', 'cutover', 'contract']) {
    expect(phases).toContain(tag);
  }

  // Every edge's ends are drawn nodes.
  const ids = new Set(await nodes.evaluateAll((els) => els.map((e) => e.dataset.nodeId)));
  const ends = await edges.evaluateAll((els) => els.map((e) => [e.dataset.from, e.dataset.to]));
  for (const [from, to] of ends) {
    expect(ids.has(from) && ids.has(to)).toBe(true);
  }

  // Rollbacks look different from forward edges (the whole plan in view,
  // so nothing is culled).
  await page.getByRole('button', { name: 'Fit view' }).click();
  const dash = async (kind) =>
    page.locator(`g[data-edge-id][data-kind=${kind}] path.line`).first().evaluate((p) => getComputedStyle(p).strokeDasharray);
  expect(await dash('forward')).toBe('none');
  expect(await dash('rollback')).not.toBe('none');

  // Labels are drawn.
  await expect(page.locator('g[data-kind=phase] .title').first()).not.toHaveText('');
  await expect(page.locator('[data-testid=problems]')).toContainText('none');
  expect(await ruleCodes(page)).toEqual([]);
  expect(problems).toEqual([]);
});

test('the page loads nothing from other origins and runs under its CSP', async ({ page }) => {
  const foreign = [];
  page.on('request', (req) => {
    if (!req.url().startsWith('http://127.0.0.1')) foreign.push(req.url());
  });
  const problems = await openApp(page);
  const csp = await page.locator('meta[http-equiv=Content-Security-Policy]').getAttribute('content');
  expect(csp).toContain("default-src 'self'");
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).toMatch(/'sha256-[A-Za-z0-9+/=]+'/);
  expect(foreign.filter((u) => !u.startsWith('data:') && !u.startsWith('blob:'))).toEqual([]);
  expect(problems).toEqual([]);
});

test('every template in the gallery opens with zero findings', async ({ page }) => {
  const problems = await openApp(page);
  await page.getByRole('button', { name: 'Templates', exact: true }).click();
  // The gallery fetches its list when it opens ("Loading templates…"
  // first): wait for it, then read it.
  // Seven migrations, then the six related flows.
  await expect(page.locator('button[data-template]')).toHaveCount(13);
  const ids = await page.locator('button[data-template]').evaluateAll((els) => els.map((e) => e.dataset.template));
  await page.getByRole('button', { name: 'Close templates' }).click();
  for (const id of ids) {
    await page.getByRole('button', { name: 'Templates', exact: true }).click();
    await page.locator(`button[data-template="${id}"]`).click();
    await expect(page.locator('svg[data-testid=canvas] g[data-node-id]').first()).toBeVisible();
    await expect(page.locator('[data-testid=problems]')).toContainText('none');
    expect(await ruleCodes(page), id).toEqual([]);
  }
  expect(problems).toEqual([]);
});

test.describe('when the site cannot serve the templates', () => {
  // The browser logs the failed requests itself; the page must say so too.
  test.use({ allowedProblems: [/Failed to load resource: the server responded with a status of 503/] });

  test('a new user and the gallery are told, and the open document is kept', async ({ page }) => {
    await page.route('**/templates/**', (route) => route.fulfill({ status: 503, body: 'down' }));
    await page.goto('/');
    await expect(page.locator('[data-testid=notice]')).toContainText('The template could not be loaded: the server answered 503');
    // Work goes on in a blank plan.
    await page.locator('button[data-add-kind=phase]').click();
    await expect(page.locator('g[data-node-id]')).toHaveCount(1);
    await page.getByRole('button', { name: 'Templates', exact: true }).click();
    await expect(page.getByRole('dialog', { name: 'Templates' })).toContainText('The templates could not be loaded: the server answered 503');
    await page.keyboard.press('Escape');
    await expect(page.locator('g[data-node-id]')).toHaveCount(1);
  });
});
