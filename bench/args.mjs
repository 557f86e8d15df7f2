// The command-line options every benchmark takes: the release build to
// measure, the graph sizes and the runs per size. Refuses, with exit code
// 2, what it cannot use.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

/// `--dist`, `--sizes` and `--runs` (default `runs`), plus `extra` options
/// for `parseArgs`; returns `{ dist, sizes, runs, values }`.
export function benchArgs({ dist, runs, extra = {} }) {
  const { values } = parseArgs({
    options: {
      dist: { type: 'string', default: dist },
      sizes: { type: 'string', default: '1000,2000,5000' },
      runs: { type: 'string', default: String(runs) },
      ...extra,
    },
  });
  const sizes = values.sizes.split(',').map(Number);
  const count = Number(values.runs);
  if (![...sizes, count].every((k) => Number.isInteger(k) && k > 0)) {
    console.error('bench: --sizes and --runs take positive whole numbers');
    process.exit(2);
  }
  const build = resolve(values.dist);
  if (!existsSync(join(build, 'index.html'))) {
    console.error(`bench: no release build in ${build} (build it: trunk build --release)`);
    process.exit(2);
  }
  return { dist: build, sizes, runs: count, values };
}
