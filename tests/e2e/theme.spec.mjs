// Themes: the page follows the system until the user picks one, the
// choice survives a reload, and the dark palette (written twice in the
// stylesheet: for the system's preference and for an explicit choice)
// is the same either way.
import { test, expect } from './fixtures.mjs';
import { openApp } from './helpers.mjs';

const VARIABLES = ['--bg', '--panel', '--text', '--canvas', '--node', '--node-stroke', '--phase', '--forward', '--rollback', '--selected'];

/** The palette in force: each colour variable resolved on <html>. */
function palette(page) {
  return page.evaluate((names) => {
    const style = getComputedStyle(document.documentElement);
    return Object.fromEntries(names.map((n) => [n, style.getPropertyValue(n).trim()]));
  }, VARIABLES);
}

const switchButton = (page) => page.locator('button.theme-switch');

test('the theme follows the system, switches, is remembered, and both dark palettes agree', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  const problems = await openApp(page);
  const light = await palette(page);
  await expect(switchButton(page)).toHaveAttribute('aria-label', /system/);

  // Following the system: dark when the system turns dark.
  await page.emulateMedia({ colorScheme: 'dark' });
  const systemDark = await palette(page);
  expect(systemDark['--bg']).not.toBe(light['--bg']);

  // Auto → Light: light even though the system is dark.
  await switchButton(page).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  expect(await palette(page)).toEqual(light);

  // Light → Dark: the explicit dark palette equals the system's dark one.
  await switchButton(page).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await palette(page)).toEqual(systemDark);

  // The choice is remembered, even with the system light again.
  await page.emulateMedia({ colorScheme: 'light' });
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await palette(page)).toEqual(systemDark);
  expect(problems).toEqual([]);
});
