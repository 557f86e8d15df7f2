// Persistence that never loses work (issue #5): autosave and reload,
// several documents, recovery of unreadable stored values, a full quota,
// two tabs on one document, and an older stored schema.
import { test, expect } from './fixtures.mjs';
import { readFileSync } from 'node:fs';
import { openApp } from './helpers.mjs';

const nodes = (page) => page.locator('svg[data-testid=canvas] g[data-node-id]');

/** Renames the plan through the inspector (nothing selected). */
async function retitle(page, title) {
  await page.keyboard.press('Escape');
  const field = page.locator('.inspector input[data-first-field]');
  await field.fill(title);
  await field.press('Enter');
  await expect(page.locator('.plan-title')).toHaveText(title);
}

const storage = (page) => page.evaluate(() => Object.fromEntries(Object.entries(localStorage)));

/** Waits until the autosave has written a document titled `title`. */
async function savedAs(page, title) {
  await expect
    .poll(async () => Object.entries(await storage(page)).some(([k, v]) => k.startsWith('migraflow.doc.') && v.includes(JSON.stringify(title))))
    .toBe(true);
}

test('an edit is autosaved and is there after a reload', async ({ page }) => {
  const problems = await openApp(page);
  await retitle(page, 'Rename orders.total');
  await page.locator('button[data-add-kind=gate]').click();
  const count = await nodes(page).count();
  await savedAs(page, 'Rename orders.total');
  await page.reload();
  await expect(page.locator('.plan-title')).toHaveText('Rename orders.total');
  await expect(nodes(page)).toHaveCount(count);
  expect(problems).toEqual([]);
});

const bad = {
  empty: '',
  truncated: '{"format":"migraflow","schema_version":2,"title":"Half',
  garbage: '\u0000\u0001\u00ff\u{1F4A9}PK\u0003\u0004 not json',
  excalidraw: '{"type":"excalidraw","version":2,"elements":[]}',
  future: '{"format":"migraflow","schema_version":99,"title":"From the future","nodes":[],"edges":[]}',
};

for (const [name, value] of Object.entries(bad)) {
  test(`a stored value that cannot be read (${name}) is kept byte for byte and never overwritten`, async ({ page }) => {
    await page.goto('/');
    await page.evaluate(([value]) => {
      localStorage.clear();
      localStorage.setItem('migraflow.doc.bad', value);
      localStorage.setItem('migraflow.index', JSON.stringify({ version: 1, documents: [{ id: 'bad', name: 'Payments cutover', updated: 1, nodes: 9, errors: 0 }] }));
      localStorage.setItem('migraflow.last', 'bad');
    }, [value]);
    await page.reload();
    const banner = page.locator('[data-testid=recovery-banner]');
    await expect(banner).toContainText('Payments cutover');
    await expect(banner).toContainText('migraflow.backup.bad');
    let stored = await storage(page);
    expect(stored['migraflow.backup.bad']).toBe(value);
    expect(stored['migraflow.doc.bad']).toBe(value);
    // Editing goes on in another document, the example plan fetched in its
    // place (once it is there: a title typed before would be replaced by
    // it); the unreadable one stays as it was.
    await expect(nodes(page).first()).toBeVisible();
    await retitle(page, `Fresh after ${name}`);
    await savedAs(page, `Fresh after ${name}`);
    stored = await storage(page);
    expect(stored['migraflow.doc.bad']).toBe(value);
    // Its text can be downloaded as it was.
    const download = page.waitForEvent('download');
    await banner.getByRole('button', { name: 'Download its text' }).click();
    const file = await download;
    expect(readFileSync(await file.path(), 'utf8')).toBe(value);
  });
}

test('a full storage quota is shown, editing goes on, the document can be downloaded, and the banner clears', async ({ page }) => {
  await openApp(page);
  await retitle(page, 'Quota test');
  await savedAs(page, 'Quota test');
  // Fill the rest of localStorage.
  await page.evaluate(() => {
    let chunk = 'x'.repeat(512 * 1024);
    for (let i = 0; chunk.length > 8; ) {
      try {
        localStorage.setItem(`filler.${i}`, chunk);
        i++;
      } catch {
        chunk = chunk.slice(0, chunk.length / 2);
      }
    }
  });
  for (let i = 0; i < 3; i++) await page.locator('button[data-add-kind=phase]').click();
  await expect(page.locator('[data-testid=quota-banner]')).toBeVisible();
  // Still editable.
  await page.locator('button[data-add-kind=gate]').click();
  const count = await nodes(page).count();
  expect(count).toBeGreaterThan(3);
  const download = page.waitForEvent('download');
  await page.locator('[data-testid=quota-banner]').getByRole('button', { name: 'Download JSON' }).click();
  const text = readFileSync(await (await download).path(), 'utf8');
  expect(JSON.parse(text).nodes.length).toBe(count);
  // Room again: the next save goes through and the banner leaves.
  await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('filler.')).forEach((k) => localStorage.removeItem(k)));
  await page.locator('button[data-add-kind=end]').click();
  await expect(page.locator('[data-testid=quota-banner]')).toBeHidden();
});

test('a change in a second tab is noticed by the first, which chooses what to keep', async ({ browser }) => {
  const context = await browser.newContext();
  const first = await context.newPage();
  await openApp(first);
  await retitle(first, 'Shared runbook');
  await savedAs(first, 'Shared runbook');
  const second = await context.newPage();
  await openApp(second);
  await expect(second.locator('.plan-title')).toHaveText('Shared runbook');
  await second.locator('button[data-add-kind=gate]').click();
  await savedAs(second, 'Shared runbook');
  await expect(first.locator('[data-testid=conflict-banner]')).toBeVisible();
  // Keep mine as a copy: both versions exist afterwards.
  await first.getByRole('button', { name: 'Keep mine as a copy' }).click();
  await expect(first.locator('.plan-title')).toHaveText('Shared runbook (my copy)');
  await savedAs(first, 'Shared runbook (my copy)');
  const names = await first.evaluate(() => JSON.parse(localStorage.getItem('migraflow.index')).documents.map((d) => d.name).sort());
  expect(names).toEqual(['Shared runbook', 'Shared runbook (my copy)']);
  await context.close();
});

test('several documents: new, switch, duplicate, delete with undo', async ({ page }) => {
  await openApp(page);
  await retitle(page, 'First plan');
  await savedAs(page, 'First plan');
  await page.getByRole('button', { name: 'Documents' }).click();
  await page.getByRole('button', { name: 'New blank' }).click();
  // A name made of markup and quotes is listed, and named, as text.
  const second = 'Second <b>plan</b> "x"';
  await retitle(page, second);
  await savedAs(page, second);
  await page.getByRole('button', { name: 'Documents' }).click();
  const list = page.locator('.documents-panel li');
  await expect(list).toHaveCount(2);
  await expect(list.first()).toContainText(second);
  await expect(list.locator('b')).toHaveCount(0);
  await expect(list.nth(1)).toContainText('First plan');
  await expect(list.nth(1)).toContainText('nodes');
  // Switch.
  await list.nth(1).locator('.doc-open').click();
  await expect(page.locator('.plan-title')).toHaveText('First plan');
  // Duplicate and delete with undo.
  await page.getByRole('button', { name: 'Documents' }).click();
  await page.getByRole('button', { name: 'Duplicate First plan' }).click();
  await expect(list).toHaveCount(3);
  await page.getByRole('button', { name: `Delete document ${second}` }).click();
  await expect(list).toHaveCount(2);
  await page.getByRole('button', { name: 'Undo delete' }).click();
  // The press on the notice, outside the list, closed it.
  await expect(list).toHaveCount(0);
  await page.getByRole('button', { name: 'Documents' }).click();
  await expect(list).toHaveCount(3);
  // Reopening the app reopens the last document.
  await page.reload();
  await expect(page.locator('.plan-title')).toHaveText('First plan');
});

test('a document stored in the older schema 1 opens through the migration chain', async ({ page }) => {
  const v1 = readFileSync(new URL('../../crates/core/tests/fixtures/format/v1_small.json', import.meta.url), 'utf8');
  await page.goto('/');
  await page.evaluate(([v1]) => {
    localStorage.clear();
    localStorage.setItem('migraflow.doc.old', v1);
    localStorage.setItem('migraflow.last', 'old');
    localStorage.setItem('migraflow.index', JSON.stringify({ version: 1, documents: [{ id: 'old', name: 'Old', updated: 1, nodes: 0, errors: 0 }] }));
  }, [v1]);
  await page.reload();
  const expected = JSON.parse(v1);
  await expect(page.locator('.plan-title')).toHaveText(expected.name);
  await expect(nodes(page)).toHaveCount(expected.nodes.length);
  await expect(page.locator('[data-testid=repairs-banner]')).toContainText('note');
});
