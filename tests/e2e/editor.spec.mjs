// The canvas editor end to end (issue #4): drag, connect, edit, undo/redo,
// live problems, quick fixes, box select, auto layout, keyboard-only use,
// and bad input that must leave the editor usable.
import { test, expect } from './fixtures.mjs';
import { openApp, ruleCodes, nodeCentre, loadTemplate } from './helpers.mjs';

const nodes = (page) => page.locator('svg[data-testid=canvas] g[data-node-id]');
const edges = (page) => page.locator('svg[data-testid=canvas] g[data-edge-id]');
const transformOf = (page, id) => page.locator(`g[data-node-id="${id}"]`).getAttribute('transform');

/** Starts from an empty document. */
async function blank(page) {
  await page.getByRole('button', { name: 'Documents' }).click();
  await page.getByRole('button', { name: 'New blank' }).click();
  await expect(nodes(page)).toHaveCount(0);
}

/** Adds a node of `kind` from the palette; returns its id. */
async function add(page, kind) {
  const before = new Set(await nodes(page).evaluateAll((els) => els.map((e) => e.dataset.nodeId)));
  await page.locator(`button[data-add-kind="${kind}"]`).click();
  await expect(nodes(page)).toHaveCount(before.size + 1);
  const after = await nodes(page).evaluateAll((els) => els.map((e) => e.dataset.nodeId));
  return after.find((id) => !before.has(id));
}

/** Drags from a node's port onto another node. */
async function connectByDrag(page, from, to) {
  const port = await page.locator(`g[data-node-id="${from}"] .port`).boundingBox();
  const target = await nodeCentre(page, to);
  await page.mouse.move(port.x + port.width / 2, port.y + port.height / 2);
  await page.mouse.down();
  await page.mouse.move((port.x + target.x) / 2, (port.y + target.y) / 2, { steps: 4 });
  await page.mouse.move(target.x, target.y, { steps: 4 });
  await page.mouse.up();
}

test('a dragged node follows the pointer and stays where dropped; undo puts it back', async ({ page }) => {
  const problems = await openApp(page);
  const first = nodes(page).first();
  const id = await first.getAttribute('data-node-id');
  const before = await transformOf(page, id);
  const start = await nodeCentre(page, id);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(start.x + 60, start.y + 90, { steps: 6 });
  // While dragging, the node is already under the pointer.
  const during = await nodeCentre(page, id);
  expect(Math.abs(during.x - (start.x + 60))).toBeLessThan(15);
  await page.mouse.move(start.x + 120, start.y + 180, { steps: 6 });
  await page.mouse.up();
  const after = await nodeCentre(page, id);
  expect(Math.abs(after.x - (start.x + 120))).toBeLessThan(15);
  expect(Math.abs(after.y - (start.y + 180))).toBeLessThan(15);
  await page.waitForTimeout(200);
  expect(await nodeCentre(page, id)).toEqual(after);
  await page.getByRole('button', { name: 'Undo' }).click();
  expect(await transformOf(page, id)).toBe(before);
  expect(problems).toEqual([]);
});

test('connecting two nodes by dragging from a port, with each edge kind', async ({ page }) => {
  const problems = await openApp(page);
  await blank(page);
  const a = await add(page, 'phase');
  const b = await add(page, 'phase');
  for (const kind of ['forward', 'rollback', 'validation']) {
    await page.getByRole('radio', { name: kind[0].toUpperCase() + kind.slice(1) }).click();
    await connectByDrag(page, a, b);
    await expect(page.locator(`g[data-edge-id][data-kind="${kind}"][data-from="${a}"][data-to="${b}"]`)).toHaveCount(1);
  }
  expect(await edges(page).count()).toBe(3);
  // The rollback looks different from the forward edge.
  const dash = (kind) => page.locator(`g[data-kind="${kind}"][data-edge-id] path.line`).evaluate((p) => getComputedStyle(p).strokeDasharray);
  expect(await dash('forward')).toBe('none');
  expect(await dash('rollback')).not.toBe('none');
  expect(problems).toEqual([]);
});

test('editing a title in the inspector shows on the canvas and undoes in one step', async ({ page }) => {
  await openApp(page);
  await blank(page);
  const id = await add(page, 'phase');
  const title = page.locator('.inspector input[data-first-field]');
  await title.fill('Backfill email_address <script>alert(1)</script>');
  await title.press('Enter');
  const label = page.locator(`g[data-node-id="${id}"]`);
  await expect(label).toHaveAttribute('aria-label', /Backfill email_address <script>/);
  await expect(page.locator('script:not([src]):not([type=module])')).toHaveCount(0);
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press('Control+z');
  await expect(label).toHaveAttribute('aria-label', /New phase/);
});

test('the inspector keeps the keyboard in place while it rebuilds: Tab after a change lands on the next field; checks added, named and removed, one undo each', async ({ page }) => {
  await openApp(page);
  await blank(page);
  const id = await add(page, 'verification');
  const inspector = page.locator('.inspector');
  await expect(inspector.locator('[data-inspecting]')).toHaveAttribute('data-inspecting', id);
  const title = inspector.locator('input[data-first-field]');
  const before = await title.inputValue();
  const hostile = 'Row counts "match" & <b>agree</b>';
  await title.fill(hostile);
  await title.press('Tab');
  // The change rebuilt the inspector; focus is where Tab took it.
  await expect(inspector.locator('select[data-f=kind]')).toBeFocused();
  await expect(title).toHaveValue(hostile);
  await expect(inspector.locator('b')).toHaveCount(0);
  const rows = inspector.locator('.check-row');
  const n = await rows.count(); // a new verification comes with its checks
  const add_check = inspector.getByRole('button', { name: 'Add check' });
  await add_check.click();
  await add_check.click();
  await expect(rows).toHaveCount(n + 2);
  await expect(add_check).toBeFocused();
  const name = (i) => inspector.getByRole('textbox', { name: `Check ${i} name` });
  const threshold = (i) => inspector.getByRole('textbox', { name: `Check ${i} threshold` });
  const last = n + 2;
  await name(last).fill('orphans');
  await name(last).press('Tab');
  await expect(threshold(last)).toBeFocused();
  await page.keyboard.type('0 rows');
  await page.keyboard.press('Enter');
  await expect(threshold(last)).toBeFocused();
  await expect(threshold(last)).toHaveValue('0 rows');
  await inspector.getByRole('button', { name: `Remove check ${last - 1}` }).click();
  await expect(rows).toHaveCount(n + 1);
  await expect(name(last - 1)).toHaveValue('orphans');
  await expect(threshold(last - 1)).toHaveValue('0 rows');
  // One undo step per commit: the removal, the threshold, the name, two
  // additions and the title, newest first.
  const undo = page.getByRole('button', { name: 'Undo' });
  await undo.click();
  await expect(rows).toHaveCount(n + 2);
  await expect(name(last - 1)).toHaveValue('');
  await expect(threshold(last)).toHaveValue('0 rows');
  await undo.click();
  await expect(threshold(last)).toHaveValue('');
  await expect(name(last)).toHaveValue('orphans');
  await undo.click();
  await expect(name(last)).toHaveValue('');
  await undo.click();
  await expect(rows).toHaveCount(n + 1);
  await undo.click();
  await expect(rows).toHaveCount(n);
  await expect(title).toHaveValue(hostile);
  await undo.click();
  await expect(title).toHaveValue(before);
});

test('deleting a rollback raises MF001 on the panel and the canvas; undo and redo follow; the quick fix repairs it', async ({ page }) => {
  const problems = await openApp(page);
  await loadTemplate(page, 'column-rename');
  expect(await ruleCodes(page)).toEqual([]);
  // The whole plan in view, so every edge is drawn (off-screen ones are culled).
  await page.getByRole('button', { name: 'Fit view' }).click();

  // Find a rollback whose removal leaves a phase without any way back.
  const rollbacks = await page.locator('g[data-edge-id][data-kind=rollback]').evaluateAll((els) => els.map((e) => e.dataset.edgeId));
  let deleted = null;
  for (const id of rollbacks) {
    await page.locator(`g[data-edge-id="${id}"] path.hit`).dispatchEvent('pointerdown', { button: 0 });
    await page.keyboard.press('Delete');
    await expect(page.locator(`g[data-edge-id="${id}"]`)).toHaveCount(0);
    if ((await ruleCodes(page)).includes('MF001')) {
      deleted = id;
      break;
    }
    await page.keyboard.press('Control+z');
  }
  expect(deleted, 'some rollback is the only way back for its phase').not.toBeNull();
  await expect(page.locator('[data-testid=problems] [data-rule=MF001][data-severity=error]')).toHaveCount(1);
  await expect(page.locator('g[data-node-id] [data-badge=error]')).toHaveCount(1);

  await page.getByRole('button', { name: 'Undo' }).click();
  expect(await ruleCodes(page)).toEqual([]);
  await expect(page.locator(`g[data-edge-id="${deleted}"]`)).toHaveCount(1);
  await expect(page.locator('g[data-node-id] [data-badge]')).toHaveCount(0);
  await page.getByRole('button', { name: 'Redo' }).click();
  expect(await ruleCodes(page)).toEqual(['MF001']);

  // The quick fix adds a rollback back to the nearest safe state.
  const before = await page.locator('g[data-edge-id][data-kind=rollback]').count();
  await page.locator('[data-rule=MF001] .quick-fix').click();
  expect(await ruleCodes(page)).toEqual([]);
  await expect(page.locator('g[data-edge-id][data-kind=rollback]')).toHaveCount(before + 1);
  // The fix is one undoable step.
  await page.getByRole('button', { name: 'Undo' }).click();
  expect(await ruleCodes(page)).toEqual(['MF001']);
  expect(problems).toEqual([]);
});

test('a problem in the panel selects and reveals what it is about', async ({ page }) => {
  await openApp(page);
  await blank(page);
  const gate = await add(page, 'gate');
  await expect(page.locator('[data-testid=problems] [data-rule=MF011]')).toHaveCount(1);
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  await page.locator('[data-rule=MF011] .finding-main').click();
  await expect(page.locator(`g[data-node-id="${gate}"]`)).toHaveClass(/selected/);
});

test('box-selecting two nodes and deleting them, in one undoable step', async ({ page }) => {
  await openApp(page);
  await blank(page);
  const a = await add(page, 'phase');
  const b = await add(page, 'verification');
  const c = await add(page, 'end');
  await page.getByRole('button', { name: 'Fit view' }).click();
  const pa = await page.locator(`g[data-node-id="${a}"] .shape`).boundingBox();
  const pb = await page.locator(`g[data-node-id="${b}"] .shape`).boundingBox();
  await page.keyboard.down('Shift');
  await page.mouse.move(pa.x - 20, pa.y - 30);
  await page.mouse.down();
  await page.mouse.move(pb.x + pb.width / 2, pb.y + pb.height + 30, { steps: 8 });
  await page.mouse.up();
  await page.keyboard.up('Shift');
  await expect(page.locator('g[data-node-id].selected')).toHaveCount(2);
  await page.getByRole('button', { name: 'Delete' }).click();
  await expect(nodes(page)).toHaveCount(1);
  await expect(page.locator(`g[data-node-id="${c}"]`)).toHaveCount(1);
  await page.keyboard.press('Control+z');
  await expect(nodes(page)).toHaveCount(3);
});

test('auto layout arranges the plan as one undoable step', async ({ page }) => {
  await openApp(page);
  await blank(page);
  const a = await add(page, 'start');
  const b = await add(page, 'phase');
  await connectByDrag(page, a, b);
  // Pile the second node onto the first, then let the layout untangle them.
  const pa = await nodeCentre(page, a);
  const pb = await nodeCentre(page, b);
  await page.mouse.move(pb.x, pb.y);
  await page.mouse.down();
  await page.mouse.move(pa.x - 200, pa.y + 150, { steps: 5 });
  await page.mouse.up();
  const moved = await transformOf(page, b);
  await page.getByRole('button', { name: 'Auto layout' }).click();
  const laid = await nodeCentre(page, b);
  const start = await nodeCentre(page, a);
  expect(laid.x).toBeGreaterThan(start.x); // forward edges run left to right
  expect(Math.abs(laid.y - start.y)).toBeLessThan(2);
  await page.getByRole('button', { name: 'Undo' }).click();
  expect(await transformOf(page, b)).toBe(moved);
});

test('keyboard only: add a node, connect it, delete it', async ({ page }) => {
  await openApp(page);
  await blank(page);
  const first = await add(page, 'start');
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  // Tab to the palette's "Add phase" and press Enter.
  const addPhase = page.locator('button[data-add-kind=phase]');
  for (let i = 0; i < 20 && !(await addPhase.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await page.keyboard.press('Enter');
  await expect(nodes(page)).toHaveCount(2);
  const phase = await page.locator('.inspector [data-inspecting]').getAttribute('data-inspecting');
  // "c" jumps to the inspector's connect field; choose the start node.
  await page.keyboard.press('c');
  await expect(page.locator('.inspector select[aria-label="Target node"]')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Tab'); // edge kind: forward
  await page.keyboard.press('Tab'); // Connect
  await page.keyboard.press('Enter');
  await expect(page.locator(`g[data-edge-id][data-from="${phase}"][data-to="${first}"]`)).toHaveCount(1);
  // Enter on a focused node opens it in the inspector, focus in its first field.
  await page.keyboard.press('Escape');
  await page.locator(`g[data-node-id="${first}"]`).focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('.inspector [data-inspecting]')).toHaveAttribute('data-inspecting', first);
  // The inspector takes the focus at the next animation frame, after its
  // markup is in place: wait for it (a check at once raced it).
  await expect.poll(() => page.evaluate(() => document.activeElement.closest('.inspector') !== null)).toBe(true);
  // Delete the selected node with the keyboard.
  await page.keyboard.press('Escape');
  await page.locator(`g[data-node-id="${phase}"]`).focus();
  await page.keyboard.press('Delete');
  await expect(nodes(page)).toHaveCount(1);
  await expect(edges(page)).toHaveCount(0);
});

test('bad input leaves the editor usable and loses nothing without an undo', async ({ page }) => {
  const problems = await openApp(page);
  await blank(page);
  const a = await add(page, 'phase');
  const b = await add(page, 'phase');
  // Dropping a connection on empty space, or on the node itself, adds nothing.
  const port = await page.locator(`g[data-node-id="${a}"] .port`).boundingBox();
  await page.mouse.move(port.x + 3, port.y + 3);
  await page.mouse.down();
  await page.mouse.move(port.x + 5, port.y + 400, { steps: 5 });
  await page.mouse.up();
  await connectByDrag(page, a, a);
  await expect(edges(page)).toHaveCount(0);
  // A duplicate edge is refused with a message.
  await connectByDrag(page, a, b);
  await connectByDrag(page, a, b);
  await expect(edges(page)).toHaveCount(1);
  await expect(page.locator('[data-testid=notice]')).toContainText('already exists');
  // Garbage on the clipboard pastes nothing.
  await page.evaluate(() => {
    const data = new DataTransfer();
    data.setData('text/plain', '<script>alert(1)</script>{"nodes":');
    window.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data }));
  });
  await expect(page.locator('[data-testid=notice]')).toContainText('Nothing pasted');
  await expect(nodes(page)).toHaveCount(2);
  // Zooming far past the limits stays within them and the canvas keeps working.
  const canvas = page.locator('svg[data-testid=canvas]');
  const box = await canvas.boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.keyboard.down('Control');
  for (let i = 0; i < 30; i++) await page.mouse.wheel(0, -800);
  await expect(page.locator('.toolbar .zoom')).toHaveText('400 %');
  for (let i = 0; i < 40; i++) await page.mouse.wheel(0, 800);
  await page.keyboard.up('Control');
  await expect(page.locator('.toolbar .zoom')).toHaveText('5 %');
  // Delete everything, then undo brings it all back.
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Delete');
  await expect(nodes(page)).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(nodes(page)).toHaveCount(2);
  await expect(edges(page)).toHaveCount(1);
  expect(problems).toEqual([]);
});

test('copy and paste, and duplicate, make new nodes with the edges between them', async ({ page }) => {
  await openApp(page);
  await blank(page);
  const a = await add(page, 'phase');
  const b = await add(page, 'verification');
  await connectByDrag(page, a, b);
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Control+d');
  await expect(nodes(page)).toHaveCount(4);
  await expect(edges(page)).toHaveCount(2);
  await expect(page.locator('g[data-node-id].selected')).toHaveCount(2);
});

test('node classes and pressed state follow the plan, the selection and the view; edges off screen are hidden', async ({ page }) => {
  const problems = await openApp(page);
  await page.getByRole('button', { name: 'Fit view' }).click();
  const nodes = page.locator('svg[data-testid=canvas] g[data-node-id]');
  // From the plan: the one point of no return, the two aborted ends.
  await expect(page.locator('svg[data-testid=canvas] g[data-kind=phase].unsafe')).toHaveCount(1);
  await expect(page.locator('svg[data-testid=canvas] g[data-kind=end].aborted')).toHaveCount(2);
  await expect(page.locator('g[data-node-id].culled')).toHaveCount(0);
  await expect(page.locator('g[data-node-id][aria-pressed=true]')).toHaveCount(0);

  // From the selection: one node pressed and selected, then none.
  const id = await page.locator('g[data-kind=gate]').first().getAttribute('data-node-id');
  const at = await nodeCentre(page, id);
  await page.mouse.click(at.x, at.y);
  const gate = page.locator(`g[data-node-id="${id}"]`);
  await expect(gate).toHaveAttribute('aria-pressed', 'true');
  await expect(gate).toHaveClass(/\bselected\b/);
  await expect(page.locator('g[data-node-id][aria-pressed=true]')).toHaveCount(1);
  await page.keyboard.press('Escape');
  await expect(gate).toHaveAttribute('aria-pressed', 'false');
  await expect(gate).not.toHaveClass(/\bselected\b/);
  // The classes from the plan survive the selection's changes.
  await expect(page.locator('svg[data-testid=canvas] g[data-kind=phase].unsafe')).toHaveCount(1);

  // From the view: zoomed far in, nodes off screen are culled; fit again
  // and none is.
  for (let i = 0; i < 10; i++) await page.getByRole('button', { name: 'Zoom in' }).click();
  const culledEdges = page.locator('g[data-edge-id] > g.drawing.culled');
  await expect.poll(() => page.locator('g[data-node-id].culled').count()).toBeGreaterThan(0);
  expect(await page.locator('g[data-node-id].culled').count()).toBeLessThan(await nodes.count());
  expect(await culledEdges.count()).toBeGreaterThan(0);
  expect(await culledEdges.first().isVisible()).toBe(false);
  await page.getByRole('button', { name: 'Fit view' }).click();
  await expect(page.locator('g[data-node-id].culled')).toHaveCount(0);
  await expect(culledEdges).toHaveCount(0);
  expect(problems).toEqual([]);
});

test('the inspector connects to a node picked with the mouse from its list, titles shown as text', async ({ page }) => {
  const problems = await openApp(page);
  await blank(page);
  const start = await add(page, 'start');
  const phase = await add(page, 'phase');
  // A title made of markup must stay text in the list.
  await page.locator(`g[data-node-id="${start}"]`).click();
  const title = page.locator('.inspector input[type=text]').first();
  await title.fill('<b>Start</b> & go');
  await title.press('Enter');
  await page.locator(`g[data-node-id="${phase}"]`).click();
  const list = page.locator('.inspector select[aria-label="Target node"]');
  // Filled when first focused, as a click does.
  await list.click();
  await expect(list.locator('option')).toHaveCount(2);
  await expect(list.locator('option b')).toHaveCount(0);
  await list.selectOption({ label: '<b>Start</b> & go · Start' });
  await page.locator('.inspector button', { hasText: 'Connect' }).click();
  await expect(edges(page).and(page.locator(`[data-from="${phase}"][data-to="${start}"]`))).toHaveCount(1);
  expect(problems).toEqual([]);
});

test('SQL typed into a phase is checked against the phase as it is entered (MF013, MF014), with line, hint and the CONCURRENTLY quick fix', async ({ page }) => {
  const problems = await openApp(page);
  await blank(page);
  const id = await add(page, 'phase');
  const inspector = page.locator('.inspector');
  await inspector.getByRole('combobox', { name: 'Phase', exact: true }).selectOption('expand');
  const sql = inspector.getByRole('textbox', { name: 'SQL / commands' });
  const finding = (code) => page.locator(`[data-testid=problems] [data-rule=${code}]`);

  // Additive and online: nothing to say.
  await sql.fill("ALTER TABLE users ADD COLUMN email_address text;\nCREATE INDEX CONCURRENTLY users_ea_idx ON users (email_address);");
  await sql.press('Tab');
  await expect(page.locator(`g[data-node-id="${id}"]`)).toBeVisible();
  expect((await ruleCodes(page)).filter((c) => c === 'MF013' || c === 'MF014')).toEqual([]);

  // A drop before the cutover breaks the old code; an index built in place locks writes.
  await sql.fill("-- the old column goes now\nALTER TABLE users DROP COLUMN email;\nCREATE INDEX users_ea_idx ON users (email_address);");
  await sql.press('Tab');
  await expect(finding('MF013')).toHaveAttribute('data-severity', 'error');
  await expect(finding('MF013').locator('.message')).toHaveText('Expand phase "New phase": SQL line 2 drops column email');
  await expect(finding('MF013').locator('.hint')).toContainText('contract phase');
  await expect(finding('MF014')).toHaveAttribute('data-severity', 'warning');
  await expect(finding('MF014').locator('.message')).toContainText('SQL line 3 builds index users_ea_idx without CONCURRENTLY');

  // Clicking a finding about SQL selects its line in the SQL field.
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  await finding('MF014').locator('.finding-main').click();
  await expect(sql).toBeFocused();
  const selected = await sql.evaluate((el) => el.value.slice(el.selectionStart, el.selectionEnd));
  expect(selected).toBe('CREATE INDEX users_ea_idx ON users (email_address);');

  // In the contract phase the drop is where it belongs; the lock is still flagged.
  await inspector.getByRole('combobox', { name: 'Phase', exact: true }).selectOption('contract');
  await expect(finding('MF013')).toHaveCount(0);
  await expect(finding('MF014')).toHaveCount(1);

  // The quick fix adds CONCURRENTLY where it belongs, in one undoable step.
  await finding('MF014').locator('.quick-fix').click();
  await expect(finding('MF014')).toHaveCount(0);
  await expect(sql).toHaveValue(/\nCREATE INDEX CONCURRENTLY users_ea_idx ON users \(email_address\);$/);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(finding('MF014')).toHaveCount(1);
  await expect(sql).toHaveValue(/\nCREATE INDEX users_ea_idx ON users/);
  expect(problems).toEqual([]);
});
