// Rule packs and the related flows (issue 19; SPEC §10, Other flows): the
// gallery lists the six flows apart from the migrations; each opens with
// its own checks passing; the palette and inspector speak the pack's
// words; the pack is the user's to change (undoably) and travels with the
// plan through Mermaid.
import { test, expect } from './fixtures.mjs';
import { readFileSync } from 'node:fs';
import { openApp, loadTemplate, ruleCodes } from './helpers.mjs';

const palette = (page) => page.locator('nav.palette');

test('the gallery groups the migrations and the other flows under their headings', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'Templates', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Templates' });
  await expect(dialog.locator('button[data-template]')).toHaveCount(13);
  await expect(dialog.locator('h3')).toHaveText(['Database migrations', 'Other flows']);
  const groups = await dialog.locator('ul').evaluateAll((uls) =>
    uls.map((ul) => [...ul.querySelectorAll('button[data-template]')].map((b) => b.dataset.pack)),
  );
  expect(groups[0]).toEqual(Array(7).fill('migration'));
  expect(groups[1].sort()).toEqual(['delivery', 'delivery', 'flow', 'flow', 'flow', 'flow']);
});

test('a delivery plan speaks of stages and approvals, passes its checks, and fails the migration rules once switched', async ({ page }) => {
  await openApp(page);
  await loadTemplate(page, 'cicd-pipeline');
  await expect(page.locator('.plan-title')).toHaveText('Ship checkout-service from main to production');
  await expect(page.locator('[data-testid=problems]')).toContainText('none');
  await expect(palette(page).getByRole('button', { name: 'Add stage' })).toBeVisible();
  await expect(palette(page).getByRole('button', { name: 'Add approval gate' })).toBeVisible();
  await page.locator('svg[data-testid=canvas] g[data-kind=gate]').first().click();
  await expect(page.locator('.inspector select').first().locator('option:checked')).toHaveText('Approval gate');
  await page.keyboard.press('Escape');

  // The OAuth flow has no rollbacks and no verification after each step:
  // clean as a flow, not as a migration.
  await loadTemplate(page, 'oauth-pkce');
  await expect(page.locator('[data-testid=problems]')).toContainText('none');
  await expect(palette(page).getByRole('button', { name: 'Add step' })).toBeVisible();
  await expect(palette(page).getByRole('button', { name: 'Add decision' })).toBeVisible();
  // The canvas menu and the inspector's "connect to" list say so too.
  await page.locator('svg[data-testid=canvas] .grid-bg').click({ button: 'right', position: { x: 5, y: 5 } });
  await expect(page.getByRole('menu', { name: 'Canvas' }).getByRole('menuitem')).toHaveText(['Add step here', 'Add check here', 'Add decision here', 'Add end here', 'Fit view']);
  await page.keyboard.press('Escape');
  await page.locator('svg[data-testid=canvas] g[data-kind=start]').click();
  await page.locator('[data-connect-target]').focus();
  await expect(page.locator('[data-connect-target] option', { hasText: 'User consents? · Decision' })).toHaveCount(1);
  await page.locator('svg[data-testid=canvas] .grid-bg').click({ position: { x: 5, y: 5 } });
  const pack = page.getByLabel('Rule pack');
  await expect(pack).toHaveValue('flow');
  await pack.selectOption('migration');
  await expect.poll(() => ruleCodes(page)).toEqual(expect.arrayContaining(['MF001', 'MF005']));
  await expect(palette(page).getByRole('button', { name: 'Add phase' })).toBeVisible();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.locator('[data-testid=problems]')).toContainText('none');
  await expect(pack).toHaveValue('flow');
});

test('the pack travels with the plan through Mermaid and back', async ({ page }) => {
  await openApp(page);
  await loadTemplate(page, 'kubernetes-rollout');
  await page.locator('details.menu', { hasText: 'Export' }).locator('summary').click();
  const download = page.waitForEvent('download');
  await page.getByRole('menuitem', { name: 'Export Mermaid', exact: true }).click();
  const text = readFileSync(await (await download).path(), 'utf8');
  expect(text).toContain('"pack":"delivery"');

  await page.getByRole('button', { name: 'Documents' }).click();
  await page.getByRole('button', { name: 'New blank' }).click();
  await expect(palette(page).getByRole('button', { name: 'Add phase' })).toBeVisible();
  await page.locator('details.menu', { hasText: 'Import' }).locator('summary').click();
  await page.getByRole('menuitem', { name: 'Import Mermaid' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import Mermaid' });
  await dialog.getByLabel('Mermaid text').fill(text);
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.locator('.plan-title')).toHaveText('Roll out orders-api v2 on Kubernetes');
  await expect(palette(page).getByRole('button', { name: 'Add stage' })).toBeVisible();
  await expect(page.locator('[data-testid=problems]')).toContainText('none');
});
