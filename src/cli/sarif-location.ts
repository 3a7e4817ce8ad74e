/**
 * Where SARIF results point: the line of the user's repository that brings
 * the analyzed package in. A local folder: its package.json. A registry
 * package: its entry in package-lock.json (or npm-shrinkwrap.json), else its
 * dependency line in package.json. Unknown: none (the formatter falls back).
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { SarifLocation } from '../report/format-sarif.js';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** 1-based line of the first line matching, or null. */
function lineMatching(text: string, pattern: RegExp): number | null {
  const index = text.split('\n').findIndex((line) => pattern.test(line));
  return index === -1 ? null : index + 1;
}

/** The line of `"node_modules/NAME": {` in a v2/v3 npm lockfile (the top-level copy), or null. */
export function lockfileLine(text: string, name: string): number | null {
  return lineMatching(text, new RegExp(`^\\s*"node_modules/${escapeRegExp(name)}"\\s*:`));
}

/** The line of `"NAME": "range"` inside a dependencies block of a package.json, or null. */
export function manifestLine(text: string, name: string): number | null {
  const lines = text.split('\n');
  let inDependencies = false;
  for (const [index, line] of lines.entries()) {
    if (/^\s*"(dependencies|devDependencies|optionalDependencies|peerDependencies)"\s*:/.test(line)) inDependencies = true;
    else if (/^\s*}/.test(line)) inDependencies = false;
    else if (inDependencies && new RegExp(`^\\s*"${escapeRegExp(name)}"\\s*:`).test(line)) return index + 1;
  }
  return null;
}

async function readText(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return null;
  }
}

function relative(cwd: string, file: string): string {
  return path.relative(cwd, file).split(path.sep).join('/');
}

export async function sarifLocation(spec: string, packageName: string, cwd: string): Promise<SarifLocation | undefined> {
  const asPath = path.resolve(cwd, spec);
  const isDir = await stat(asPath).then((info) => info.isDirectory(), () => false);
  if (isDir && !relative(cwd, asPath).startsWith('..')) return { uri: relative(cwd, path.join(asPath, 'package.json')), line: 1 };
  for (const lockfile of ['package-lock.json', 'npm-shrinkwrap.json']) {
    const text = await readText(path.join(cwd, lockfile));
    const line = text === null ? null : lockfileLine(text, packageName);
    if (line !== null) return { uri: lockfile, line };
  }
  const manifest = await readText(path.join(cwd, 'package.json'));
  const line = manifest === null ? null : manifestLine(manifest, packageName);
  return line === null ? undefined : { uri: 'package.json', line };
}
