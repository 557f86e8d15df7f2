// The plan as other Mermaid diagrams (issue 18, SPEC §10) in the app: the
// Export menu downloads each view under its SPEC §10 name, the Mermaid
// panel shows each read-only, the inspector edits what the views read
// (the systems a phase touches, the planned start). That Mermaid.js renders
// every view of every template is tests/e2e/mermaid-render.spec.mjs; the
// Gantt with a run's times is in runbook.spec.mjs.
import { test, expect } from './fixtures.mjs';
import { readFileSync } from 'node:fs';
import { openApp, loadTemplate, ruleCodes, exportItem } from './helpers.mjs';

const canvas = (page) => page.locator('svg[data-testid=canvas]');

const text = async (download) => readFileSync(await (await download).path(), 'utf8');

const VIEWS = [
  ['Export Mermaid state', 'state', 'stateDiagram-v2'],
  ['Export Mermaid Gantt', 'gantt', 'gantt'],
  ['Export Mermaid sequence', 'sequence', 'sequenceDiagram'],
  ['Export Mermaid requirement', 'requirement', 'requirementDiagram'],
  ['Export Mermaid timeline', 'timeline', 'timeline'],
  ['Export Mermaid git graph', 'gitgraph', 'gitGraph'],
];

test('each view downloads under its SPEC §10 name and shows, read-only, in the Mermaid panel', async ({ page }) => {
  await openApp(page);
  await loadTemplate(page, 'column-rename');
  // The flowchart keeps the plain <plan>.mmd; each view adds its name.
  const flowchart = (await exportItem(page, 'Export Mermaid')).suggestedFilename();
  expect(flowchart).toMatch(/^[a-z0-9-]+\.mmd$/);
  const stem = flowchart.slice(0, -'.mmd'.length);
  for (const [item, name, header] of VIEWS) {
    const file = await exportItem(page, item);
    expect(file.suggestedFilename()).toBe(`${stem}.${name}.mmd`);
    const body = readFileSync(await file.path(), 'utf8');
    expect(body.split('\n')[0]).toBe(header);
  }
  await page.locator('details.mermaid-panel summary').click();
  const picker = page.getByRole('combobox', { name: 'Mermaid diagram type' });
  const area = page.getByRole('textbox', { name: 'Mermaid text of the plan' });
  for (const [, name, header] of VIEWS) {
    await picker.selectOption(name);
    await expect(area).toHaveValue(new RegExp(`^${header}\\n`));
    // A view is a drawing of the plan, not a way to write it.
    await expect(area).toHaveJSProperty('readOnly', true);
  }
  await picker.selectOption('flowchart');
  await expect(area).toHaveValue(/^flowchart /);
  await expect(area).toHaveJSProperty('readOnly', false);
});

test('the inspector edits what the views read: touches in the sequence, the planned start in the Gantt, MF020 on a bad start', async ({ page }) => {
  await openApp(page);
  await loadTemplate(page, 'column-rename');
  const inspector = page.locator('.inspector');

  // A backfill touches the primary and the workers, guessed from its tag;
  // ticking Router as well adds one message to the router, the backfill's.
  await canvas(page).locator('g[data-phase=backfill]').first().click();
  const router = inspector.getByLabel('Router', { exact: true });
  await expect(router).not.toBeChecked();
  const toRouter = (body) => body.split('\n').filter((l) => /->>router: /.test(l));
  const before = toRouter(await text(exportItem(page, 'Export Mermaid sequence')));
  await router.check();
  const after = toRouter(await text(exportItem(page, 'Export Mermaid sequence')));
  expect(after.length).toBe(before.length + 1);
  const title = await canvas(page).locator('g[data-phase=backfill] g.title text').first().textContent();
  expect(after.filter((l) => !before.includes(l)).join('\n')).toContain(title.trim().slice(0, 8));
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(router).not.toBeChecked();

  // The start node's planned start: a date that reads moves the Gantt's
  // first bar there; one that does not is MF020, and the Gantt keeps its
  // placeholder start.
  await canvas(page).locator('g[data-kind=start]').first().click();
  const start = inspector.getByLabel('Planned start (YYYY-MM-DD HH:MM, UTC)');
  await start.fill('2027-03-01 22:00');
  await start.press('Tab');
  expect(await text(exportItem(page, 'Export Mermaid Gantt'))).toContain('2027-03-01 22:00:00');
  expect(await ruleCodes(page)).not.toContain('MF020');
  await start.fill('next <script>tuesday</script>');
  await start.press('Tab');
  await expect.poll(() => ruleCodes(page)).toContain('MF020');
  await expect(page.locator('[data-testid=problems]')).toContainText('next <script>tuesday</script>');
  expect(await page.locator('[data-testid=problems] script').count()).toBe(0);
  expect(await text(exportItem(page, 'Export Mermaid Gantt'))).not.toContain('2027-03-01');
});
