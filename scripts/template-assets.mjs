// Trunk pre-build hook: writes the template gallery as static files
// (target/template-assets/index.json and one <id>.json per template) for
// index.html to copy into the build under templates/. The app fetches them
// when it needs a template instead of carrying the templates in its wasm.
//
// The example is a native build: the hook runs inside `wasm_env`, whose
// build-std settings are for the wasm32 target only, so they are removed
// from its environment.
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const env = { ...process.env };
for (const name of Object.keys(env)) {
  if (name.startsWith('CARGO_UNSTABLE_') || name === 'RUSTC_BOOTSTRAP' || name.startsWith('CARGO_TARGET_WASM32')) {
    delete env[name];
  }
}
try {
  execFileSync(
    'cargo',
    ['run', '--quiet', '--locked', '-p', 'migraflow-core', '--example', 'template_assets', '--', join(root, 'target', 'template-assets')],
    { cwd: root, env, stdio: 'inherit' },
  );
} catch (err) {
  console.error(`template-assets: the gallery could not be written (${err.message})`);
  process.exit(1);
}
