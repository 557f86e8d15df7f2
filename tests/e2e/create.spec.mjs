// Creating and connecting as in draw.io and React Flow (issue 17, point
// 1): a palette item dragged onto the canvas lands where it is dropped; a
// double-click on empty canvas adds a phase there; a connection dropped on
// empty canvas offers the node kinds and creates the node connected, as one
// undoable step; a right-click menu on nodes, edges and the canvas.
import { test, expect } from './fixtures.mjs';
import { openApp, nodeCentre, importPlan } from './helpers.mjs';

const nodes = (page) => page.locator('g[data-node-id]');
const edges = (page) => page.locator('g[data-edge-id]');
const canvas = (page) => page.locator('svg[data-testid=canvas]');

/** A new, empty document. */
async function blank(page) {
  await page.getByRole('button', { name: 'Documents' }).click();
  await page.getByRole('button', { name: 'New blank' }).click();
  await expect(nodes(page)).toHaveCount(0);
}

/** Drags a connection from node `id`'s port to `to` (screen) and lets go. */
async function dragConnection(page, id, to) {
  const port = await page.locator(`g[data-node-id="${id}"] .port`).boundingBox();
  await page.mouse.move(port.x + port.width / 2, port.y + port.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 8 });
  await page.mouse.up();
}

/** Screen position of a node's centre, and of the canvas's top-left corner. */
async function canvasBox(page) {
  return canvas(page).boundingBox();
}

test('a palette item dragged onto the canvas is placed where it is dropped', async ({ page }) => {
  await openApp(page);
  await blank(page);
  const box = await canvasBox(page);
  const drop = { x: box.x + box.width * 0.7, y: box.y + box.height * 0.75 };
  await page.locator('[data-add-kind=gate]').dragTo(canvas(page), {
    targetPosition: { x: drop.x - box.x, y: drop.y - box.y },
  });
  await expect(nodes(page)).toHaveCount(1);
  const gate = page.locator('g[data-node-id][data-kind=gate]');
  await expect(gate).toHaveAttribute('aria-pressed', 'true');
  const at = await nodeCentre(page, await gate.getAttribute('data-node-id'));
  // Snapped to the grid, so within a grid step or two of the drop.
  expect(Math.abs(at.x - drop.x)).toBeLessThan(30);
  expect(Math.abs(at.y - drop.y)).toBeLessThan(30);
  await page.keyboard.press('Control+z');
  await expect(nodes(page)).toHaveCount(0);
});

test('a double-click on empty canvas adds a phase there', async ({ page }) => {
  await openApp(page);
  await blank(page);
  const box = await canvasBox(page);
  const at = { x: box.width * 0.6, y: box.height * 0.8 };
  await canvas(page).dblclick({ position: at });
  const phase = page.locator('g[data-node-id][data-kind=phase]');
  await expect(phase).toHaveCount(1);
  const centre = await nodeCentre(page, await phase.getAttribute('data-node-id'));
  expect(Math.abs(centre.x - (box.x + at.x))).toBeLessThan(30);
  expect(Math.abs(centre.y - (box.y + at.y))).toBeLessThan(30);
  // A double-click on a node does not add one.
  await page.locator(`g[data-node-id="${await phase.getAttribute('data-node-id')}"]`).dblclick();
  await expect(nodes(page)).toHaveCount(1);
});

test('a connection dropped on empty canvas offers node kinds and creates the node connected, undone in one step', async ({ page }) => {
  await openApp(page);
  await blank(page);
  await page.getByRole('button', { name: 'Add start' }).click();
  const start = page.locator('g[data-node-id][data-kind=start]');
  const startId = await start.getAttribute('data-node-id');
  const box = await canvasBox(page);
  const to = { x: box.x + box.width * 0.55, y: box.y + box.height * 0.85 };
  await dragConnection(page, startId, to);
  const menu = page.getByRole('menu', { name: 'New connected node' });
  await expect(menu).toBeVisible();
  await expect(menu.getByRole('menuitem')).toHaveText(['Add connected phase', 'Add connected verification', 'Add connected go/no-go gate', 'Add connected end']);
  await expect(menu.getByRole('menuitem').first()).toBeFocused();
  const edgesBefore = await edges(page).count();
  await menu.getByRole('menuitem', { name: 'Add connected phase' }).click();
  await expect(menu).toBeHidden();
  await expect(nodes(page)).toHaveCount(2);
  await expect(edges(page)).toHaveCount(edgesBefore + 1);
  const phaseId = await page.locator('g[data-node-id][data-kind=phase]').getAttribute('data-node-id');
  await expect(page.locator(`g[data-edge-id][data-from="${startId}"][data-to="${phaseId}"]`)).toHaveCount(1);
  // One step: one undo removes node and edge together.
  await page.keyboard.press('Control+z');
  await expect(nodes(page)).toHaveCount(1);
  await expect(edges(page)).toHaveCount(edgesBefore);
  // Escape closes the menu without adding anything.
  await dragConnection(page, startId, to);
  await expect(menu).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect(nodes(page)).toHaveCount(1);
});

test('right-click menus: add here on the canvas, duplicate and delete on a node, delete on an edge', async ({ page }) => {
  await openApp(page);
  await blank(page);
  const box = await canvasBox(page);
  await canvas(page).click({ button: 'right', position: { x: box.width * 0.5, y: box.height * 0.85 } });
  const canvasMenu = page.getByRole('menu', { name: 'Canvas' });
  await expect(canvasMenu.getByRole('menuitem')).toHaveText(['Add phase here', 'Add verification here', 'Add go/no-go gate here', 'Add end here', 'Fit view']);
  await canvasMenu.getByRole('menuitem', { name: 'Add verification here' }).click();
  const check = page.locator('g[data-node-id][data-kind=verification]');
  await expect(check).toHaveCount(1);
  const checkId = await check.getAttribute('data-node-id');

  await check.click({ button: 'right' });
  const nodeMenu = page.getByRole('menu', { name: 'Node' });
  await expect(nodeMenu.getByRole('menuitem')).toHaveText(['Edit', 'Duplicate', 'Delete']);
  await nodeMenu.getByRole('menuitem', { name: 'Duplicate' }).click();
  await expect(page.locator('g[data-node-id][data-kind=verification]')).toHaveCount(2);
  await page.locator(`g[data-node-id="${checkId}"]`).click({ button: 'right' });
  await page.getByRole('menu', { name: 'Node' }).getByRole('menuitem', { name: 'Delete' }).click();
  await expect(page.locator(`g[data-node-id="${checkId}"]`)).toHaveCount(0);

  // An edge: from the copy left, a connected end.
  const copy = page.locator('g[data-node-id][data-kind=verification]');
  await dragConnection(page, await copy.getAttribute('data-node-id'), { x: box.x + box.width * 0.8, y: box.y + box.height * 0.5 });
  await page.getByRole('menu', { name: 'New connected node' }).getByRole('menuitem', { name: 'Add connected end' }).click();
  const edge = edges(page).first();
  await expect(edge).toHaveCount(1);
  const edgeId = await edge.getAttribute('data-edge-id');
  const line = await edge.locator('.hit').boundingBox();
  await page.mouse.click(line.x + line.width / 2, line.y + line.height / 2, { button: 'right' });
  const edgeMenu = page.getByRole('menu', { name: 'Edge' });
  await expect(edgeMenu.getByRole('menuitem')).toHaveText(['Edit', 'Delete']);
  await edgeMenu.getByRole('menuitem', { name: 'Delete' }).click();
  await expect(page.locator(`g[data-edge-id="${edgeId}"]`)).toHaveCount(0);
  // A press elsewhere closes an open menu.
  await canvas(page).click({ button: 'right', position: { x: 20, y: box.height - 20 } });
  await expect(page.getByRole('menu', { name: 'Canvas' })).toBeVisible();
  await page.getByRole('button', { name: 'Fit view' }).click();
  await expect(page.getByRole('menu', { name: 'Canvas' })).toBeHidden();
});

test('an empty plan says how to begin; Start and End are told apart; the legend names every mark', async ({ page }) => {
  await openApp(page);
  await expect(page.getByTestId('empty-hint')).toHaveCount(0);
  await blank(page);
  const hint = page.getByTestId('empty-hint');
  await expect(hint).toBeVisible();
  await expect(hint).toContainText('double-click');
  await hint.getByRole('button', { name: 'Open templates' }).click();
  await expect(page.getByRole('dialog', { name: 'Templates' })).toBeVisible();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Add start' }).click();
  await expect(hint).toBeHidden();
  await page.getByRole('button', { name: 'Add end' }).click();
  // An end has a second, inner outline; a start has none.
  await expect(page.locator('svg[data-testid=canvas] g[data-kind=end] .inner')).toHaveCount(1);
  await expect(page.locator('svg[data-testid=canvas] g[data-kind=start] .inner')).toHaveCount(0);
  const legend = page.locator('details.legend');
  await legend.locator('summary').click();
  const said = await legend.locator('svg text').allTextContents();
  for (const mark of ['Start', 'End (double outline)', 'Aborted end (red)', 'Point of no return (dashed)', 'Errors, warnings (count)', 'Phase; stripe = its tag']) {
    expect(said).toContain(mark);
  }
});

test("dragging a selected edge's end onto another node reconnects it, as one undoable step", async ({ page }) => {
  await openApp(page);
  await importPlan(page, {
    format: 'migraflow',
    schema_version: 2,
    title: 'Reconnect',
    nodes: [
      { id: 1, kind: 'start', title: 'Start', x: 200, y: 200 },
      { id: 2, kind: 'phase', title: 'Expand', x: 500, y: 200 },
      { id: 3, kind: 'phase', title: 'Backfill', x: 500, y: 450 },
      { id: 4, kind: 'end', title: 'Done', x: 800, y: 200 },
    ],
    edges: [
      { id: 1, kind: 'forward', from: 1, to: 2 },
      { id: 2, kind: 'forward', from: 2, to: 4 },
    ],
  });
  const edge = page.locator('g[data-edge-id="1"]');
  const handle = edge.locator('circle[data-end=to]');
  // Hidden until the edge is selected.
  await expect(handle).toBeHidden();
  await edge.locator('path.hit').dispatchEvent('pointerdown', { button: 0 });
  await expect(handle).toBeVisible();
  const from = await handle.boundingBox();
  const to = await nodeCentre(page, '3');
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 8 });
  await page.mouse.up();
  await expect(edge).toHaveAttribute('data-to', '3');
  await expect(edge).toHaveAttribute('data-from', '1');
  await expect(edges(page)).toHaveCount(2);
  await page.keyboard.press('Control+z');
  await expect(edge).toHaveAttribute('data-to', '2');

  // The source end too; dropped on empty canvas, nothing changes.
  await edge.locator('path.hit').dispatchEvent('pointerdown', { button: 0 });
  const start = await edge.locator('circle[data-end=from]').boundingBox();
  await page.mouse.move(start.x + start.width / 2, start.y + start.height / 2);
  await page.mouse.down();
  await page.mouse.move(start.x + 40, start.y + 260, { steps: 6 });
  await page.mouse.up();
  await expect(edge).toHaveAttribute('data-from', '1');
});
