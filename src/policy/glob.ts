/**
 * Path globs of policies, compiled to regular expressions (pure).
 * `*` matches within one path segment, `**` any number of segments,
 * `[0-9]` one character of a class (`[0-9]*` in /proc: another process by its pid, never `self`),
 * `~` the sandbox home, `{package}` the acting package's folder under
 * node_modules (nested installs included), `{name}` the acting package's
 * name, `{project}` the project folder.
 */
import type { PolicyContext } from './policy-types.js';

function escapeRegExp(text: string): string {
  return text.replace(/[.+^${}()|[\]\\*?]/g, '\\$&');
}

const PLACEHOLDER = /\{(package|name|project)\}/;

function globBody(part: string): string {
  return escapeRegExp(part)
    .replace(/\/\\\*\\\*\//g, '/(?:.*/)?')
    .replace(/\\\*\\\*/g, '.*')
    .replace(/\\\*/g, '[^/]*')
    .replace(/\\\?/g, '[^/]')
    .replace(/\\\[([A-Za-z0-9_-]+)\\\]/g, '[$1]');
}

/** Compiled globs by context, package and glob: a policy has a few hundred, a trace can have a million events. */
const compiled = new Map<string, RegExp | null>();

export function globToRegExp(glob: string, context: PolicyContext, packageName: string | null): RegExp | null {
  const key = `${context.homeDir}\0${context.projectDir}\0${packageName ?? ''}\0${packageName === null ? 0 : 1}\0${glob}`;
  if (compiled.has(key)) return compiled.get(key)!;
  const regExp = compileGlob(glob, context, packageName);
  compiled.set(key, regExp);
  return regExp;
}

function compileGlob(glob: string, context: PolicyContext, packageName: string | null): RegExp | null {
  let source = glob;
  if (source === '~' || source.startsWith('~/')) source = context.homeDir + source.slice(1);
  const values: Record<string, string | null> = {
    package: packageName === null ? null : `${escapeRegExp(context.projectDir)}/node_modules/(?:.+/node_modules/)?${escapeRegExp(packageName)}`,
    name: packageName === null ? null : escapeRegExp(packageName),
    project: escapeRegExp(context.projectDir),
  };
  const pieces = source.split(PLACEHOLDER);
  let body = '';
  for (let i = 0; i < pieces.length; i++) {
    if (i % 2 === 0) {
      body += globBody(pieces[i]!);
      continue;
    }
    const value = values[pieces[i]!];
    if (value === null || value === undefined) return null;
    body += value;
  }
  // dotAll: a file name may hold any byte but `/` and NUL, a line break too (a call given random bytes as its path makes one).
  return new RegExp(`^${body}$`, 's');
}

export function matchesAnyGlob(path: string, globs: readonly string[], context: PolicyContext, packageName: string | null): boolean {
  return globs.some((glob) => globToRegExp(glob, context, packageName)?.test(path) ?? false);
}
