/**
 * Path globs of policies, compiled to regular expressions (pure).
 * `*` matches within one path segment, `**` any number of segments,
 * `~` the sandbox home, `{package}` the acting package's folder under
 * node_modules (nested installs included).
 */
import type { PolicyContext } from './policy-types.js';

function escapeRegExp(text: string): string {
  return text.replace(/[.+^${}()|[\]\\*?]/g, '\\$&');
}

export function globToRegExp(glob: string, context: PolicyContext, packageName: string | null): RegExp | null {
  let source = glob;
  if (source === '~' || source.startsWith('~/')) source = context.homeDir + source.slice(1);
  const parts = source.split('{package}');
  if (parts.length > 1 && packageName === null) return null;
  const packageDir = `${escapeRegExp(context.projectDir)}/node_modules/(?:.+/node_modules/)?${escapeRegExp(packageName ?? '')}`;
  const body = parts
    .map((part) =>
      escapeRegExp(part)
        .replace(/\/\\\*\\\*\//g, '/(?:.*/)?')
        .replace(/\\\*\\\*/g, '.*')
        .replace(/\\\*/g, '[^/]*')
        .replace(/\\\?/g, '[^/]'),
    )
    .join(packageDir);
  return new RegExp(`^${body}$`);
}

export function matchesAnyGlob(path: string, globs: readonly string[], context: PolicyContext, packageName: string | null): boolean {
  return globs.some((glob) => globToRegExp(glob, context, packageName)?.test(path) ?? false);
}
