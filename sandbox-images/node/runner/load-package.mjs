// Loads one installed package the way an application would: require() first,
// then `await import()` where require fails (ESM-only, top-level await,
// an exports map without a "require" condition). Honours the package's
// exports map because resolution starts from the project, like an app's.
// Usage: node load-package.mjs PROJECT_DIR PACKAGE_NAME
// Then keeps the process for the observation window (observe-window.mjs).
// Prints one JSON line: {"loadedWith":"require"|"import"|null,"exports":[...],"errors":[...]}
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { watchLoading } from './observe-window.mjs';

const [projectDir, name] = process.argv.slice(2);
const requireFromProject = createRequire(path.join(projectDir, 'package.json'));
const errors = [];

function exportNames(value) {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return [];
  return Object.keys(value).slice(0, 200);
}

async function load() {
  try {
    return { loadedWith: 'require', value: requireFromProject(name) };
  } catch (error) {
    errors.push(`require: ${error?.code ?? ''} ${String(error?.message ?? error).split('\n')[0]}`);
  }
  try {
    const resolved = import.meta.resolve(name, pathToFileURL(path.join(projectDir, 'package.json')).href);
    return { loadedWith: 'import', value: await import(resolved) };
  } catch (error) {
    errors.push(`import: ${error?.code ?? ''} ${String(error?.message ?? error).split('\n')[0]}`);
  }
  return { loadedWith: null, value: undefined };
}

const watch = watchLoading();
const { loadedWith, value } = await watch.during(load);
process.stdout.write(`${JSON.stringify({ loadedWith, exports: exportNames(value), errors })}\n`);
process.exitCode = loadedWith === null ? 1 : 0;
// What the loading left behind (an unref'd timer too) gets its window before the loader ends.
await watch.observe();
watch.stop();
