// Where the time goes: a Chromium performance trace and a V8 CPU profile
// taken around a step of the protocol (the load, the drag) in an extra,
// unmeasured run: tracing and sampling slow the page down.
//
// Trace summary: self time of the renderer main thread's trace events
// (an event's duration less its direct children's), grouped the way
// DevTools groups them: script (JS, wasm, events, GC), style & layout,
// paint & composite, other; plus the busiest event names and the time
// the renderer's compositor and raster threads were busy.
// CPU profile summary: sampled self time per function (JS with file and
// line; wasm functions under their names in the module's name section,
// or their index), and the split between JS, wasm, GC and native work.

const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8.execute',
  'blink.user_timing',
  'toplevel',
];
const SAMPLING_INTERVAL_US = 200;
const TOP = 15;

/// Runs `action` under tracing and CPU profiling; resolves to its
/// result and `summary: { trace, cpu }`.
export async function profiled(browser, page, action) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: SAMPLING_INTERVAL_US });
  await browser.startTracing(page, { categories: TRACE_CATEGORIES });
  await cdp.send('Profiler.start');
  const result = await action();
  const { profile } = await cdp.send('Profiler.stop');
  const trace = JSON.parse((await browser.stopTracing()).toString('utf8'));
  await cdp.detach();
  return { result, summary: { trace: summariseTrace(trace), cpu: summariseCpuProfile(profile) } };
}

const GROUPS = [
  ['script', /^(FunctionCall|EvaluateScript|EventDispatch|TimerFire|FireAnimationFrame|RunMicrotasks|V8\.|v8\.|wasm|Wasm|MinorGC|MajorGC|BlinkGC|GC|CompileScript|CompileCode|ParseHTML|XHR|ResizeObserver|ScheduleAnimationFrame|FireIdleCallback)/],
  ['style & layout', /^(UpdateLayoutTree|RecalculateStyles|ScheduleStyleRecalculation|Layout|InvalidateLayout|HitTest|UpdateLayout|IntersectionObserver|LayoutShift)/],
  ['paint & composite', /^(PrePaint|Paint|Layerize|UpdateLayer|CompositeLayers|Commit|Decode|Rasterize|RasterTask|Draw|BeginMainThreadFrame|ScrollLayer)/],
];

function group(name) {
  return GROUPS.find(([, pattern]) => pattern.test(name))?.[0] ?? 'other';
}

/// Self time (ms) per group and per event name on the page's renderer
/// main thread, and busy time of that renderer's compositor/raster threads.
function summariseTrace(trace) {
  const events = trace.traceEvents ?? trace;
  const threadNames = new Map();
  for (const e of events) {
    if (e.ph === 'M' && e.name === 'thread_name') threadNames.set(`${e.pid}:${e.tid}`, e.args.name);
  }
  const spans = new Map(); // "pid:tid" → [{ name, start, end }]
  const open = new Map(); // "pid:tid" → stack of B events
  for (const e of events) {
    const thread = `${e.pid}:${e.tid}`;
    if (!spans.has(thread)) spans.set(thread, []);
    if (e.ph === 'X' && e.dur !== undefined) {
      spans.get(thread).push({ name: e.name, start: e.ts, end: e.ts + e.dur });
    } else if (e.ph === 'B') {
      if (!open.has(thread)) open.set(thread, []);
      open.get(thread).push(e);
    } else if (e.ph === 'E') {
      const begin = open.get(thread)?.pop();
      if (begin) spans.get(thread).push({ name: begin.name, start: begin.ts, end: e.ts });
    }
  }
  const pid = pageProcess(events);
  const main = [...spans.keys()].find((t) => t.startsWith(`${pid}:`) && threadNames.get(t) === 'CrRendererMain');
  if (!main) return { error: 'no renderer main thread of the page in the trace' };

  const byName = new Map();
  const byGroup = new Map();
  let busy = 0;
  for (const { name, self, depth, duration } of selfTimes(spans.get(main))) {
    byName.set(name, (byName.get(name) ?? 0) + self);
    const g = group(name);
    byGroup.set(g, (byGroup.get(g) ?? 0) + self);
    if (depth === 0) busy += duration;
  }
  const compositorThreads = [...spans.keys()].filter(
    (t) => t.startsWith(`${pid}:`) && /^Compositor/.test(threadNames.get(t) ?? ''),
  );
  const compositorBusy = compositorThreads.reduce(
    (sum, t) => sum + selfTimes(spans.get(t)).reduce((s, e) => s + (e.depth === 0 ? e.duration : 0), 0),
    0,
  );
  return {
    main_thread_busy_ms: ms(busy),
    self_ms_by_group: Object.fromEntries([...byGroup].sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, ms(v)])),
    top_events_self_ms: [...byName]
      .sort((a, b) => b[1] - a[1])
      .slice(0, TOP)
      .map(([name, v]) => ({ name, group: group(name), self_ms: ms(v) })),
    compositor_and_raster_busy_ms: ms(compositorBusy),
  };
}

/// The renderer process showing the page's main frame at the end of the
/// trace (a navigation may move the page to a new process).
function pageProcess(events) {
  let pid;
  for (const e of events) {
    if (e.name === 'TracingStartedInBrowser') {
      pid = e.args.data.frames?.find((frame) => frame.isOutermostMainFrame)?.processId ?? pid;
    } else if (e.name === 'FrameCommittedInBrowser' && e.args.data.isOutermostMainFrame) {
      pid = e.args.data.processId;
    }
  }
  return pid;
}

/// Each span with its nesting depth and self time (µs), spans of one
/// thread being properly nested.
function selfTimes(threadSpans) {
  const sorted = [...threadSpans].sort((a, b) => a.start - b.start || b.end - a.end);
  const stack = [];
  const out = [];
  for (const span of sorted) {
    while (stack.length && stack.at(-1).end <= span.start) stack.pop();
    const parent = stack.at(-1);
    const duration = span.end - span.start;
    const entry = { name: span.name, depth: stack.length, duration, self: duration, end: span.end };
    if (parent) parent.self -= Math.min(duration, parent.end - span.start);
    stack.push(entry);
    out.push(entry);
  }
  return out.map((e) => ({ ...e, self: Math.max(0, e.self) }));
}

/// Sampled self time (ms) per function, the top ones and the split by
/// kind of code.
function summariseCpuProfile(profile) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfByNode = new Map();
  profile.samples.forEach((id, i) => {
    selfByNode.set(id, (selfByNode.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const byFunction = new Map();
  const byKind = new Map();
  for (const [id, us] of selfByNode) {
    const { functionName, url, lineNumber } = nodes.get(id).callFrame;
    const kind = codeKind(functionName, url);
    byKind.set(kind, (byKind.get(kind) ?? 0) + us);
    const where = url ? ` ${url.split('/').pop()}${lineNumber >= 0 && kind === 'js' ? `:${lineNumber + 1}` : ''}` : '';
    const key = `${functionName || '(anonymous)'}${where}`;
    const entry = byFunction.get(key) ?? { function: key, kind, self_us: 0 };
    entry.self_us += us;
    byFunction.set(key, entry);
  }
  return {
    self_ms_by_kind: Object.fromEntries([...byKind].sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, ms(v)])),
    top_functions_self_ms: [...byFunction.values()]
      .sort((a, b) => b.self_us - a.self_us)
      .slice(0, TOP)
      .map(({ function: name, kind, self_us }) => ({ function: name, kind, self_ms: ms(self_us) })),
  };
}

function codeKind(functionName, url) {
  if (functionName === '(idle)') return 'idle';
  if (functionName === '(garbage collector)') return 'gc';
  if (functionName === '(program)' || functionName === '(root)') return 'native (style, layout, paint, …)';
  if (url.endsWith('.wasm') || url.startsWith('wasm://')) return 'wasm';
  return 'js';
}

function ms(us) {
  return Math.round(us / 100) / 10;
}
