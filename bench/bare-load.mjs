// The baseline's loader (no tracing): in ONE node process, require() every
// installed package from the folder it is installed for (import() when
// require fails), the way an application would. Runs inside a container.
// Usage: node bare-load.mjs PROJECT_DIR
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const projectDir = process.argv[2];
const lock = JSON.parse(readFileSync(path.join(projectDir, 'package-lock.json'), 'utf8'));
let loaded = 0;
let failed = 0;
for (const location of Object.keys(lock.packages)) {
  if (!location.startsWith('node_modules/') || lock.packages[location].link) continue;
  const at = location.lastIndexOf('node_modules/');
  const name = location.slice(at + 'node_modules/'.length);
  const base = path.join(projectDir, location.slice(0, Math.max(0, at - 1)));
  try {
    createRequire(path.join(base, 'package.json'))(name);
    loaded += 1;
  } catch {
    try {
      await import(import.meta.resolve(name, pathToFileURL(path.join(base, 'package.json')).href));
      loaded += 1;
    } catch {
      failed += 1;
    }
  }
}
process.stdout.write(`${JSON.stringify({ loaded, failed })}\n`);
process.exit(0);
