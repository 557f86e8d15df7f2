// Mermaid both ways (issue 17, point 7): the Mermaid panel's text is
// editable as in Mermaid Live. A moment after typing stops the plan
// follows the text, as one undoable step; a syntax error is shown with its
// line and column and leaves the plan alone; the `%% migraflow:` lines are
// folded away but still carry every field of the nodes that keep their id;
// a Mermaid file imported without a title is titled after the file.
import { test, expect } from './fixtures.mjs';
import { openApp, loadTemplate } from './helpers.mjs';

const canvas = (page) => page.locator('svg[data-testid=canvas]');
const nodes = (page) => canvas(page).locator('g.node');
const edges = (page) => canvas(page).locator('g[data-edge-id]');
const area = (page) => page.locator('#mermaid-text');

/** Opens the Mermaid panel on a template's plan; its node and edge counts. */
async function panelOn(page, template) {
  await openApp(page);
  await loadTemplate(page, template);
  await page.locator('.mermaid-panel summary').click();
  await expect(area(page)).toHaveValue(/^flowchart (LR|TD)/);
  return { nodes: await nodes(page).count(), edges: await edges(page).count() };
}

/** Types `text` at the end of the panel's text, as a user would. */
async function typeAtEnd(page, text) {
  await area(page).click();
  await area(page).press('Control+End');
  await page.keyboard.type(text);
}

test('a node and edge typed into the panel appear on the canvas, and one undo takes the text change back', async ({ page }) => {
  const before = await panelOn(page, 'column-rename');
  const first = await canvas(page).locator('g[data-node-id]').first().getAttribute('data-node-id');
  await typeAtEnd(page, `\n    n${first} --> extra["Extra step"]\n`);
  await expect(nodes(page)).toHaveCount(before.nodes + 1);
  await expect(edges(page)).toHaveCount(before.edges + 1);
  await expect(canvas(page).locator('g[data-node-id]', { hasText: 'Extra step' })).toHaveCount(1);
  // The text being typed is not replaced by the plan's export (which
  // writes the new node under a generated id): the cursor stays put.
  await expect(area(page)).toHaveValue(/extra\["Extra step"\]\n$/);

  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(nodes(page)).toHaveCount(before.nodes);
  await expect(edges(page)).toHaveCount(before.edges);
  // Out of focus, the text follows the plan again.
  await expect(area(page)).not.toHaveValue(/Extra step/);
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect(nodes(page)).toHaveCount(before.nodes + 1);
  await expect(area(page)).toHaveValue(/Extra step/);
});

test('a syntax error names its line and column and leaves the plan unchanged', async ({ page }) => {
  const before = await panelOn(page, 'column-rename');
  const first = await canvas(page).locator('g[data-node-id]').first().getAttribute('data-node-id');
  const lines = (await area(page).inputValue()).split('\n').length;
  await typeAtEnd(page, `n${first} --> broken["never closed`);
  const alert = page.locator('.mermaid-panel [role=alert]');
  await expect(alert).toContainText(`line ${lines}, column `);
  await expect(nodes(page)).toHaveCount(before.nodes);
  await expect(edges(page)).toHaveCount(before.edges);
  // Fixed, the error goes and the plan follows.
  await page.keyboard.type('"]');
  await expect(alert).toHaveCount(0);
  await expect(nodes(page)).toHaveCount(before.nodes + 1);
});

test('metadata lines are folded away, yet a node keeps its SQL through an unrelated edit; Copy Mermaid copies them', async ({ browser }) => {
  const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await context.newPage();
  const before = await panelOn(page, 'column-rename');
  const phase = canvas(page).locator('g[data-node-id][data-kind=phase]').first();
  const sql = page.locator('.inspector').getByRole('textbox', { name: 'SQL / commands' });
  await phase.click();
  await sql.fill('SELECT 42 AS kept;');
  await sql.press('Tab');
  await expect(area(page)).not.toHaveValue(/migraflow:/);
  await expect(area(page)).not.toHaveValue(/SELECT 42/);

  await typeAtEnd(page, '\n    unrelated(["Unrelated end"])\n');
  await expect(nodes(page)).toHaveCount(before.nodes + 1);
  await phase.click();
  await expect(sql).toHaveValue('SELECT 42 AS kept;');

  await page.getByRole('button', { name: 'Copy Mermaid' }).click();
  await expect(page.locator('[data-testid=notice]')).toContainText('Mermaid text copied');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain('%% migraflow:');
  expect(copied).toContain('SELECT 42 AS kept;');
  await expect(area(page)).not.toHaveValue(/migraflow:/);
  await context.close();
});

test('a Mermaid file without a title is titled after the file, and deleted by that name', async ({ page }) => {
  await openApp(page);
  await page.locator('details.menu', { hasText: 'Import' }).locator('summary').click();
  await page.getByRole('menuitem', { name: 'Import Mermaid' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import Mermaid' });
  await dialog.getByLabel('Open Mermaid file').setInputFiles({
    name: 'release-plan.mmd',
    mimeType: 'text/plain',
    buffer: Buffer.from('flowchart LR\n  a([Start]) --> b[Ship it] --> c([Done])\n'),
  });
  await expect(dialog.getByLabel('Mermaid text')).toHaveValue(/Ship it/);
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.locator('.plan-title')).toHaveText('release-plan');

  await page.getByRole('button', { name: 'Documents' }).click();
  await page.getByRole('button', { name: 'Delete document release-plan' }).click();
  await expect(page.locator('[data-testid=notice]')).toContainText('Deleted “release-plan”.');
});
