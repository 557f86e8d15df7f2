// Shared helpers for the browser tests: open the app, collect page errors,
// read the canvas through the test hooks of SPEC §9.
import { expect } from '@playwright/test';

/** Opens the app at `path` and fails the test on any page error or console error. */
export async function openApp(page, path = '/') {
  const problems = [];
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  await page.goto(path);
  await expect(page.locator('svg[data-testid=canvas]')).toBeVisible();
  await expect(page.locator('g[data-node-id]').first()).toBeVisible();
  return problems;
}

/** The findings in the problems panel as `MF00x` codes, sorted. */
export async function ruleCodes(page) {
  const codes = await page.locator('[data-testid=problems] [data-rule]').evaluateAll((els) =>
    els.map((e) => e.getAttribute('data-rule')),
  );
  return codes.sort();
}

/** Centre of a node on screen. */
export async function nodeCentre(page, id) {
  const box = await page.locator(`g[data-node-id="${id}"] .shape`).first().boundingBox();
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Loads a template from the gallery by its id. */
export async function loadTemplate(page, id) {
  await page.getByRole('button', { name: 'Templates', exact: true }).click();
  await page.locator(`button[data-template="${id}"]`).click();
  await expect(page.getByRole('dialog', { name: 'Templates' })).toBeHidden();
}

/**
 * Opens `plan` (a saved document as an object) through Import JSON, and
 * waits until it is the open document with all its nodes on the canvas.
 */
export async function importPlan(page, plan) {
  await page.locator('details.menu', { hasText: 'Import' }).locator('summary').click();
  await page.getByLabel('Import JSON').setInputFiles({
    name: 'plan.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(plan)),
  });
  await expect(page.locator('.plan-title')).toHaveText(plan.title);
  await expect(page.locator('svg[data-testid=canvas] g[data-node-id]')).toHaveCount(plan.nodes.length);
}

/**
 * Clicks the Export menu's item `name` and returns the download it starts.
 * Exact: "Export Mermaid" is also the start of the views' items.
 */
export async function exportItem(page, name) {
  await page.locator('details.menu', { hasText: 'Export' }).locator('summary').click();
  const download = page.waitForEvent('download');
  await page.getByRole('menuitem', { name, exact: true }).click();
  return download;
}
