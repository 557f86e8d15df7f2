// How the browser tests and the benchmark launch Chromium: Debian's
// build (Playwright downloads no browser here; set CHROMIUM for another),
// without sandbox or GPU, and quiet: nothing that would reach the network
// or do background work while something is being measured.
export const chromiumLaunchOptions = {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};
