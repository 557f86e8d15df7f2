// Runbook mode's speed (bench/README.md, issue 15): the commands of a run
// on a large plan, and a run with a long log, in the release build.
//
//   node bench/run-mode.mjs [--dist dist] [--runs K]
//                           [--sizes 5000] [--log 10000] [--log-nodes 20]
//
// The stored documents and runs are written by the core's own code:
// `cargo run --release -p migraflow-core --example run_fixtures -- N L DIR`
// (set CARGO_TARGET_DIR to keep it off a target directory another build
// holds) writes the localStorage entries of the generated plan of N nodes
// stored as a document and a run of it with L log entries, and plans a
// route through the run with the core's `apply` (see the example's doc).
// Each part runs in a fresh browser context at 1400×900: the entries are
// put into localStorage on a page of the site's origin that does not
// start the app (a 404), then the app is opened at `/`, where it opens the
// document stored last and its unfinished run.
//
// (a) Commands on a large plan, per N of --sizes (a run with a log of 20
// entries): after the run panel and all N nodes are shown and one idle
// second, the route is followed through the page, command by command,
// until it has given K moves into a node and K checks: "Advance to …"
// buttons (`[data-move-edge]`), exit conditions ticked, checks recorded
// (the "Observed value" filled, then "Pass"), gates signed ("Approver
// name" filled, then "Go") and, where the lane reaches its point of no
// return, a rollback (its button, which opens the form, then "Reason" and
// "Roll back"). Filling an input is not timed. Each click is timed like
// bench/edit.mjs: from Node, from the click to the first animation frame
// at which the panel shows what the command did (the panel's
// `data-current`, the log's last entry with the expected `data-seq` and
// `data-log-kind`, a check's `data-verdict`, a ticked box, the gate's
// decision; for a move also the canvas node's `data-run="current"`), plus
// one task, so that frame's style, layout and paint are counted.
//
// (b) A long log, at --log entries on a small plan (--log-nodes): from
// navigation start to the first animation frame at which the log holds
// all its `[data-seq]` entries, plus one task (timed by the page itself);
// scrolling the log to its end (`scrollTop = scrollHeight`, then the next
// frame and one task; in the page); K Pause/Resume rounds, each timed as
// two clicks (the control, which opens its reason form, and the form's
// button once "Reason" is filled); K "Export run log" clicks, each from
// the click to Playwright's download event, and the file read back.
//
// Main thread: every step also reports the longest task the page ran
// while it lasted, from a PerformanceObserver of 'longtask' entries, and
// the longest 'long-animation-frame' (a frame's tasks plus its style,
// layout and paint) where Chromium has it; both APIs report only those
// over 50 ms, so 0 means none was. For an "open" row, the span is from
// navigation to the end of the idle second after it.
//
// Prints a table and writes bench/results/run-mode.json. A run is invalid
// (exit 1) when a step did not show what the core said it would (within
// 15 s), the log held another number of entries, the exported Markdown
// did not have one table row per log entry, or the page threw; the
// targets (50 ms; under 1 s) are reported, not enforced.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../tests/chromium.mjs';
import { benchArgs } from './args.mjs';
import { percentile, round } from './measure.mjs';
import { serve } from './serve.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PORT = 4193;
const ORIGIN = `http://127.0.0.1:${PORT}`;
const IDLE_MS = 1_000;
const LOAD_TIMEOUT_MS = 180_000;
const STEP_TIMEOUT_MS = 15_000;
/// The log of the run on a large plan: `started`, `entered` and notes.
const SHORT_LOG = 20;
const TARGET_STEP_MS = 50;
const TARGET_LONG_MS = 1_000;
const PANEL = '[data-testid=run-panel]';
const LAST_ENTRY = '[data-testid=run-log] > li:last-child';
/// The log entry each route step ends with.
const LAST_KIND = { advance: 'entered', tick: 'condition', check: 'check', go: 'go', rollback: 'entered' };

const { dist, sizes, runs, values } = benchArgs({
  dist: 'dist',
  runs: 5,
  extra: {
    sizes: { type: 'string', default: '5000' },
    log: { type: 'string', default: '10000' },
    'log-nodes': { type: 'string', default: '20' },
  },
});
const logEntries = Number(values.log);
const logNodes = Number(values['log-nodes']);
if (!(Number.isInteger(logEntries) && logEntries >= 2 && Number.isInteger(logNodes) && logNodes >= 20)) {
  console.error('bench: --log takes a whole number ≥ 2 and --log-nodes one ≥ 20');
  process.exit(2);
}

const scratch = mkdtempSync(join(tmpdir(), 'migraflow-run-mode-'));
const server = serve(dist, PORT);
let browser;
const rows = [];
const parts = [];
let invalid = 0;
try {
  await server.ready;
  browser = await chromium.launch(chromiumLaunchOptions);
  for (const n of sizes) {
    const fixture = runFixture(n, SHORT_LOG, scratch);
    const part = await measureCommands(browser, n, fixture);
    parts.push(part);
    rows.push(...part.rows);
    if (!part.valid) invalid++;
  }
  const fixture = runFixture(logNodes, logEntries, scratch);
  const part = await measureLongLog(browser, logNodes, fixture);
  parts.push(part);
  rows.push(...part.rows);
  if (!part.valid) invalid++;
} finally {
  await browser?.close();
  server.process.kill();
  rmSync(scratch, { recursive: true, force: true });
}

printTable(rows);
for (const part of parts) {
  console.log(`${part.name}: ${part.valid ? 'valid' : `INVALID: ${part.why}`}`);
}
mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
writeFileSync(
  join(ROOT, 'bench/results/run-mode.json'),
  JSON.stringify({ dist, runs, cpus: cpus().length, loadavg: loadavg(), parts }, null, 2),
);
process.exit(invalid ? 1 : 0);

/// Writes the fixture of N nodes and L entries with the core's example;
/// returns its localStorage entries, the run's start node and the route.
function runFixture(nodes, entries, dir) {
  const out = execFileSync(
    'cargo',
    [
      'run', '--quiet', '--locked', '--release', '-p', 'migraflow-core',
      '--example', 'run_fixtures', '--', String(nodes), String(entries), dir,
    ],
    { cwd: ROOT, env: process.env, stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 26 },
  );
  const summary = JSON.parse(out);
  return { ...summary, entries: JSON.parse(readFileSync(summary.file, 'utf8')) };
}

/// A fresh context and page with the probes installed and the fixture in
/// localStorage; nothing of the app has run yet.
async function preparedPage(browser, fixture, logLength) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.addInitScript(installProbes, { logLength });
  // A page of the origin that does not start the app: the server's 404.
  await page.goto(`${ORIGIN}/bench-fixture-loader`);
  const stored = await page.evaluate((entries) => {
    try {
      localStorage.clear();
      for (const [key, value] of Object.entries(entries)) localStorage.setItem(key, value);
      return '';
    } catch (error) {
      return String(error);
    }
  }, fixture.entries);
  return { context, page, errors, stored };
}

/// Opens the app; the page's own stamps of the panel and the full log.
async function openApp(page) {
  await page.goto(`${ORIGIN}/`, { waitUntil: 'commit' });
  await page.waitForFunction(() => window.__benchLogAt !== undefined, null, {
    timeout: LOAD_TIMEOUT_MS,
    polling: 100,
  });
  return page.evaluate(() => ({ panel: window.__benchPanelAt, log: window.__benchLogAt }));
}

/// Part (a): K moves into a node and K checks, and the commands between.
async function measureCommands(browser, n, fixture) {
  const name = `(a) ${n.toLocaleString('en')} nodes, log of ${SHORT_LOG}`;
  const { context, page, errors, stored } = await preparedPage(browser, fixture, SHORT_LOG);
  const times = { advance: [], tick: [], check: [], go: [], form: [], rollback: [] };
  const longest = { load: [], advance: [], tick: [], check: [], go: [], form: [], rollback: [] };
  let why = stored && `the fixture did not fit in localStorage: ${stored}`;
  let load = {};
  try {
    if (!why) {
      load = await openApp(page);
      await page.waitForFunction((n) => document.querySelectorAll('g[data-node-id]').length >= n, n, {
        timeout: LOAD_TIMEOUT_MS,
        polling: 100,
      });
      const current = await page.getAttribute(PANEL, 'data-current');
      if (current !== String(fixture.start)) why = `the run opened at node ${current}, not at the start`;
      await page.waitForTimeout(IDLE_MS);
      longest.load.push(await page.evaluate(longestSince));
    }
    const done = () => times.advance.length >= runs && times.check.length >= runs;
    for (const [i, step] of fixture.route.entries()) {
      if (why || done()) break;
      const shows = [`${PANEL}[data-current="${step.to}"] ${LAST_ENTRY}[data-seq="${step.seq}"][data-log-kind="${LAST_KIND[step.do]}"]`];
      let result;
      if (step.do === 'advance') {
        shows.push(`g[data-node-id="${step.to}"][data-run=current]`);
        result = await timedClick(page, `${PANEL} button[data-move-edge="${step.edge}"]`, shows);
      } else if (step.do === 'tick') {
        const box = `${PANEL} input[data-action=condition][data-list=${step.list}][data-index="${step.index}"]`;
        shows.push(`${box}:checked`);
        result = await timedClick(page, box, shows);
      } else if (step.do === 'check') {
        const row = `${PANEL} [data-check][data-index="${step.index}"]`;
        await page.fill(`${row} input[name=observed]`, '0');
        shows.push(`${row}[data-verdict=pass]`);
        result = await timedClick(page, `${row} button[data-verdict=pass]`, shows);
      } else if (step.do === 'go') {
        await page.fill(`${PANEL} input[name=approver-name]`, 'Bench approver');
        shows.push(`${PANEL} .gate-decision`);
        result = await timedClick(page, `${PANEL} button[data-action=go]`, shows);
      } else if (step.do === 'rollback') {
        const submit = `${PANEL} [data-action=submit-move][data-edge="${step.edge}"]`;
        const form = await timedClick(page, `${PANEL} button[data-move-edge="${step.edge}"]`, [submit]);
        if (!form.ok) {
          why = `step ${i + 1}, the rollback's form: ${form.why}`;
          break;
        }
        times.form.push(form.ms);
        longest.form.push(form.longest);
        await page.fill(`${PANEL} .move-form input[name=reason]`, 'bench');
        shows.push(`g[data-node-id="${step.to}"][data-run=current]`);
        result = await timedClick(page, submit, shows);
      }
      if (!result.ok) {
        why = `step ${i + 1} (${step.do} at node ${step.at}): ${result.why}`;
        break;
      }
      times[step.do].push(result.ms);
      longest[step.do].push(result.longest);
    }
    if (!why && !done()) why = `the route gave only ${times.advance.length} moves and ${times.check.length} checks`;
    if (errors.length) why ||= errors[0];
  } finally {
    await context.close();
  }
  const label = {
    advance: 'enter a node (Advance)',
    check: 'record a check (Pass)',
    tick: 'tick an exit condition',
    go: 'sign a gate (Go)',
    form: 'open a rollback form',
    rollback: 'roll back (Roll back)',
  };
  const rows = Object.keys(label)
    .filter((key) => times[key].length)
    .map((key) => ({
      part: 'a',
      n,
      log: SHORT_LOG,
      what: label[key],
      ...stats(times[key], longest[key]),
      ...(key === 'advance' || key === 'check' ? target(times[key], TARGET_STEP_MS) : {}),
    }));
  rows.unshift({
    part: 'a',
    n,
    log: SHORT_LOG,
    what: 'open: navigation → run shown',
    ...stats(load.log === undefined ? [] : [load.log], longest.load),
  });
  return { name, n, log: SHORT_LOG, lengths: fixture.lengths, load, times, longest, rows, valid: !why, why };
}

/// Part (b): a run of `logEntries` entries on a plan of `n` nodes.
async function measureLongLog(browser, n, fixture) {
  const name = `(b) ${logEntries.toLocaleString('en')} log entries, ${n} nodes`;
  const { context, page, errors, stored } = await preparedPage(browser, fixture, logEntries);
  const times = { scroll: [], form: [], command: [], export: [] };
  const longest = { load: [], scroll: [], form: [], command: [], export: [] };
  let why = stored && `the fixture did not fit in localStorage: ${stored}`;
  let load = {};
  let seq = logEntries;
  try {
    if (!why) {
      load = await openApp(page);
      const count = await page.locator('[data-testid=run-log] [data-seq]').count();
      if (count !== logEntries) why = `the log shows ${count} entries, not ${logEntries}`;
      await page.waitForTimeout(IDLE_MS);
      longest.load.push(await page.evaluate(longestSince));
    }
    for (let i = 0; i < runs && !why; i++) {
      const scrolled = await page.evaluate(scrollLogToEnd);
      if (!scrolled.ok) why = 'the log did not scroll to its last entry';
      times.scroll.push(scrolled.ms);
      longest.scroll.push(await page.evaluate(longestSince));
    }
    // K rounds of Pause then Resume, each with a reason.
    for (let i = 0; i < runs && !why; i++) {
      for (const [control, status, kind] of [['pause', 'paused', 'paused'], ['resume', 'running', 'resumed']]) {
        const submit = `${PANEL} [data-action=submit-control][data-control=${control}]`;
        const form = await timedClick(page, `${PANEL} button[data-action=control][data-control=${control}]`, [submit]);
        if (!form.ok) {
          why = `the ${control} form: ${form.why}`;
          break;
        }
        times.form.push(form.ms);
        longest.form.push(form.longest);
        await page.fill(`${PANEL} .move-form input[name=reason]`, `bench ${control} ${i + 1}`);
        seq += 1;
        const done = await timedClick(page, submit, [
          `${PANEL}[data-status=${status}] ${LAST_ENTRY}[data-seq="${seq}"][data-log-kind=${kind}]`,
        ]);
        if (!done.ok) {
          why = `${control} ${i + 1}: ${done.why}`;
          break;
        }
        times.command.push(done.ms);
        longest.command.push(done.longest);
      }
    }
    for (let i = 0; i < runs && !why; i++) {
      const point = await page.evaluate(pointOf, `${PANEL} button[data-action=export-log]`);
      if (!point.ok) {
        why = point.why;
        break;
      }
      await page.evaluate(longestSince);
      const download = page.waitForEvent('download', { timeout: STEP_TIMEOUT_MS });
      const start = performance.now();
      await page.mouse.click(point.x, point.y);
      const file = await download;
      times.export.push(performance.now() - start);
      await page.evaluate(nextFrameAndTask);
      longest.export.push(await page.evaluate(longestSince));
      const text = readFileSync(await file.path(), 'utf8');
      const table = text.slice(text.indexOf('\n## Log\n'));
      const entries = table.split('\n').filter((line) => /^\| \d+ \| \d{4}-/.test(line)).length;
      if (entries !== seq) why = `the exported log has ${entries} rows, not ${seq}`;
    }
    const count = await page.locator('[data-testid=run-log] [data-seq]').count();
    if (!why && count !== seq) why = `the log shows ${count} entries, not ${seq}`;
    if (errors.length) why ||= errors[0];
  } finally {
    await context.close();
  }
  const row = (what, ms, long) => ({
    part: 'b',
    n,
    log: logEntries,
    what,
    ...stats(ms, long),
    ...target(ms, TARGET_LONG_MS, long),
  });
  const rows = [
    row('open: navigation → all entries shown', load.log === undefined ? [] : [load.log], longest.load),
    row('scroll the log to its end', times.scroll, longest.scroll),
    row('open a Pause/Resume reason form', times.form, longest.form),
    row('Pause or Resume (with reason)', times.command, longest.command),
    row('Export run log → download', times.export, longest.export),
  ];
  return { name, n, log: logEntries, lengths: fixture.lengths, load, times, longest, rows, valid: !why, why };
}

/// Clicks the element of `selector` with the mouse, timed from Node until
/// every selector of `shows` matches at an animation frame, plus one task;
/// the longest task (and animation frame) of the page meanwhile.
async function timedClick(page, selector, shows) {
  const point = await page.evaluate(pointOf, selector);
  if (!point.ok) return point;
  await page.evaluate(longestSince);
  const start = performance.now();
  await page.mouse.click(point.x, point.y);
  const shown = await page.evaluate(untilShown, { shows, timeout: STEP_TIMEOUT_MS });
  const ms = performance.now() - start;
  if (!shown) return { ok: false, why: `not shown within ${STEP_TIMEOUT_MS / 1000} s: ${shows.join(' and ')}` };
  // Nothing more may follow (a second command, a refusal): still shown
  // a frame later.
  await page.evaluate(nextFrameAndTask);
  const still = await page.evaluate((shows) => shows.every((s) => document.querySelector(s)), shows);
  if (!still) return { ok: false, why: `changed again after it was shown: ${shows.join(' and ')}` };
  const { clicks, ...longest } = await page.evaluate(longestSince);
  // The click's Event Timing; none reported means under 16 ms in all.
  if (clicks) longest.click = clicks.pop() ?? { handler: 0, delay: 0 };
  return { ok: true, ms, longest };
}

/// Runs in the page: scrolls `selector` into view and returns its centre,
/// if a click there reaches it.
function pointOf(selector) {
  const element = document.querySelector(selector);
  if (!element) return { ok: false, why: `no ${selector}` };
  element.scrollIntoView({ block: 'center' });
  const r = element.getBoundingClientRect();
  const [x, y] = [r.left + r.width / 2, r.top + r.height / 2];
  const hit = document.elementFromPoint(x, y);
  if (hit !== element && !element.contains(hit)) return { ok: false, why: `${selector} is covered at its centre` };
  return { ok: true, x, y };
}

/// Runs in the page: resolves true at the first animation frame at which
/// every selector of `shows` matches, after one more task; false after
/// `timeout` ms.
function untilShown({ shows, timeout }) {
  const until = performance.now() + timeout;
  return new Promise((done) => {
    const frame = () => {
      if (shows.every((s) => document.querySelector(s))) setTimeout(() => done(true));
      else if (performance.now() > until) done(false);
      else requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
}

function nextFrameAndTask() {
  return new Promise((done) => requestAnimationFrame(() => setTimeout(done)));
}

/// Runs in the page: scrolls the log to its end; the time to the next
/// frame plus one task, and whether its last entry is then in view.
async function scrollLogToEnd() {
  const log = document.querySelector('[data-testid=run-log]');
  log.scrollTop = 0;
  await new Promise((done) => requestAnimationFrame(() => setTimeout(done)));
  const start = performance.now();
  log.scrollTop = log.scrollHeight;
  await new Promise((done) => requestAnimationFrame(() => setTimeout(done)));
  const ms = performance.now() - start;
  const box = log.getBoundingClientRect();
  const last = log.lastElementChild.getBoundingClientRect();
  return { ms, ok: log.scrollTop > 0 && last.bottom <= box.bottom + 1 && last.top >= box.top - 1 };
}

/// Runs in the page, after a frame and a task (so the observers have
/// delivered): the longest task and animation frame since the last call,
/// in ms (0 when none was long, that is over 50 ms).
async function longestSince() {
  await new Promise((done) => requestAnimationFrame(() => setTimeout(done)));
  const entries = window.__benchLong.splice(0);
  const max = (type) => Math.max(0, ...entries.filter((e) => e.type === type).map((e) => e.duration));
  return {
    task: max('longtask'),
    frame: window.__benchLoafSupported ? max('long-animation-frame') : null,
    clicks: window.__benchClicks ? window.__benchClicks.splice(0) : null,
  };
}

/// Runs in every page before its scripts (the app's only, at `/`): the
/// long-task and long-animation-frame observers, and the stamps of the
/// frames at which the run panel, and all `logLength` log entries, are
/// shown (plus one task).
function installProbes({ logLength }) {
  if (location.pathname !== '/') return;
  window.__benchLong = [];
  const types = PerformanceObserver.supportedEntryTypes;
  window.__benchLoafSupported = types.includes('long-animation-frame');
  for (const type of ['longtask', 'long-animation-frame']) {
    if (!types.includes(type)) continue;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__benchLong.push({ type, start: e.startTime, duration: e.duration });
    }).observe({ type, buffered: true });
  }
  // Event Timing: how long a click waited for the page (input delay) and
  // how long its handlers ran. Only events of 16 ms or more (to the next
  // paint) are reported; a click not reported took less, both parts too.
  if (types.includes('event')) {
    window.__benchClicks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (e.name !== 'click') continue;
        window.__benchClicks.push({ delay: e.processingStart - e.startTime, handler: e.processingEnd - e.processingStart });
      }
    }).observe({ type: 'event', durationThreshold: 16 });
  }
  const frame = () => {
    if (window.__benchPanelAt === undefined && document.querySelector('[data-testid=run-panel]')) {
      window.__benchPanelAt = performance.now();
    }
    if (document.querySelector(`[data-testid=run-log] > li:last-child[data-seq="${logLength}"]`)) {
      setTimeout(() => (window.__benchLogAt = performance.now()));
    } else {
      requestAnimationFrame(frame);
    }
  };
  requestAnimationFrame(frame);
}

/// Median and maximum of the times, the longest task and frame.
function stats(ms, long) {
  if (!ms.length) return { samples: 0 };
  return {
    samples: ms.length,
    median: round(percentile(ms, 0.5)),
    max: round(Math.max(...ms)),
    longest_task: round(Math.max(0, ...long.map((l) => l.task))),
    longest_frame: long.some((l) => l.frame === null) ? null : round(Math.max(0, ...long.map((l) => l.frame))),
    ...clickStats(long.map((l) => l.click).filter(Boolean)),
  };
}

/// The clicks' Event Timing: median and maximum time in their handlers,
/// the longest wait before them (none when the browser has no Event Timing
/// or the step had no click).
function clickStats(clicks) {
  if (!clicks.length) return {};
  const handler = clicks.map((c) => c.handler);
  return {
    handler_median: round(percentile(handler, 0.5)),
    handler_max: round(Math.max(...handler)),
    input_delay_max: round(Math.max(...clicks.map((c) => c.delay))),
  };
}

/// Whether every time (and, with `long`, every task and frame) is within
/// `limit` ms.
function target(ms, limit, long = []) {
  const worst = Math.max(...ms, ...long.map((l) => Math.max(l.task, l.frame ?? 0)));
  return { target: `≤ ${limit} ms`, met: ms.length ? worst <= limit : false };
}

function printTable(rows) {
  const header = ['part', 'N', 'log', 'what', 'runs', 'median ms', 'max ms', 'longest task', 'longest frame', 'handler median/max', 'input delay max', 'target', 'met'];
  const cells = rows.map((r) => [
    r.part,
    r.n,
    r.log,
    r.what,
    r.samples,
    r.median ?? '',
    r.max ?? '',
    r.longest_task ?? '',
    r.longest_frame ?? (r.samples ? 'n/a' : ''),
    r.handler_max === undefined ? '' : `${r.handler_median}/${r.handler_max}`,
    r.input_delay_max ?? '',
    r.target ?? '',
    r.target ? (r.met ? 'yes' : 'NO') : '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => String(c[i]).length)));
  const line = (c) => c.map((v, i) => String(v).padEnd(widths[i])).join('  ');
  console.log(line(header));
  for (const c of cells) console.log(line(c));
}
