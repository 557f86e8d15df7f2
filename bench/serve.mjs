// The benchmarks' static server: the project's own (tests/serve-dist.mjs)
// in a child process, so a page's requests never wait on the measuring
// script's event loop.
import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/// Starts the static server on `dir`; `ready` resolves once it listens.
export function serve(dir, port) {
  const child = spawn(process.execPath, [join(ROOT, 'tests/serve-dist.mjs'), dir, String(port)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const ready = new Promise((resolveReady, reject) => {
    child.stdout.once('data', () => resolveReady());
    child.once('exit', (code) => reject(new Error(`server on ${port} exited with ${code}`)));
  });
  return { process: child, ready };
}
