// Browser tests: Playwright in Debian's headless Chromium (no browser
// download), against the release build in dist/ served locally.
import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './tests/chromium.mjs';

const port = Number(process.env.E2E_PORT || 4173);
// Another build can be tested with E2E_DIST (an older one, to see a test fail).
const dist = process.env.E2E_DIST || 'dist';

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.mjs',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 2,
  retries: 0,
  reporter: [['list']],
  outputDir: 'target/playwright',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 1400, height: 900 },
    acceptDownloads: true,
    launchOptions: chromiumLaunchOptions,
  },
  webServer: {
    command: `node tests/serve-dist.mjs ${dist} ${port}`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    timeout: 20_000,
  },
});
