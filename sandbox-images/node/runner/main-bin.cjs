// A package's bins, and the bin a loading of it runs when its main file is
// one of them (parcel's main and bin are both lib/bin.js): requiring it runs the
// CLI as `parcel` with no arguments does, so the consumer (consumer.cjs) and
// the chunk loader (load-chunk.mjs) mark that loading as a run of that bin,
// and the policy judges it as one (docs/execute.md).
'use strict';
const { readFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const path = require('node:path');

/** The package's bins as `{ name: file }`: a bin given as one file is named after the package (its unscoped name). */
function binEntries(manifest, name) {
  const { bin } = manifest;
  if (typeof bin === 'string') return { [name.split('/').pop()]: bin };
  return bin !== null && typeof bin === 'object' ? bin : {};
}

/**
 * The name of the bin that `name`, required from `fromDir` (a folder whose
 * node_modules holds it), resolves to; null when its main is no bin or
 * cannot be resolved. Reads the manifest and resolves; runs none of its code.
 */
function binOfMain(fromDir, name) {
  const packageDir = path.join(fromDir, 'node_modules', name);
  let manifest;
  let mainFile;
  try {
    manifest = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
    mainFile = createRequire(path.join(fromDir, 'package.json')).resolve(name);
  } catch {
    return null;
  }
  for (const [bin, file] of Object.entries(binEntries(manifest, name))) {
    if (typeof file !== 'string') continue;
    const full = path.resolve(packageDir, file);
    if (mainFile === full || mainFile === `${full}.js`) return bin;
  }
  return null;
}

module.exports = { binEntries, binOfMain };
