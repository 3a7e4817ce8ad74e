import { statSync } from 'node:fs';
import npa from 'npm-package-arg';
import { DynauditError } from '../common/errors.js';
import type { PackageSpec } from './types.js';

/**
 * Parses what the user typed (`name`, `name@range`, `name@tag`,
 * `@scope/name@version`, a directory, or a `.tgz`/`.tar.gz` file) into a
 * PackageSpec. Local paths are resolved against `cwd` and must exist.
 * Git, URL and alias specs are rejected: we do not support them yet.
 */
export function parseSpec(raw: string, cwd: string): PackageSpec {
  if (raw.trim() === '') {
    throw badSpec(raw, 'the spec is empty');
  }
  if (raw !== raw.trim()) {
    throw badSpec(raw, 'it has leading or trailing whitespace');
  }
  let parsed: npa.Result;
  try {
    parsed = npa(raw, cwd);
  } catch (error) {
    throw badSpec(raw, describeNpaError(raw, error), error);
  }

  switch (parsed.type) {
    case 'version':
    case 'range':
    case 'tag': {
      const name = parsed.name ?? '';
      if (name === '') {
        // npm-package-arg reads an invalid bare name as a tag without a name.
        throw badSpec(raw, /\s/.test(raw) ? 'package names cannot contain spaces' : 'invalid package name');
      }
      const hasVersionPart = raw.length > name.length + 1;
      const range = hasVersionPart ? (parsed.fetchSpec ?? parsed.rawSpec) : 'latest';
      return { kind: 'registry', raw, name, range };
    }
    case 'directory':
      return { kind: 'directory', raw, path: existing(raw, parsed.fetchSpec, 'directory') };
    case 'file':
      return { kind: 'tarball', raw, path: existing(raw, parsed.fetchSpec, 'file') };
    case 'git':
      throw badSpec(raw, 'git specs are not supported yet');
    case 'remote':
      throw badSpec(raw, 'URL specs are not supported yet');
    case 'alias':
      throw badSpec(raw, 'npm: alias specs are not supported yet');
    default:
      throw badSpec(raw, `unsupported spec type "${String(parsed.type)}"`);
  }
}

/** The name part as npm-package-arg splits it: up to the first `@` after a scope's. */
function namePart(raw: string): string {
  const at = raw.indexOf('@', 1);
  return at > 0 ? raw.slice(0, at) : raw;
}

function existing(raw: string, path: string | null, kind: 'directory' | 'file'): string {
  if (path === null) {
    throw badSpec(raw, 'it names no path');
  }
  const stats = statSync(path, { throwIfNoEntry: false });
  if (stats === undefined) {
    throw badSpec(raw, `no such ${kind} ${path}`);
  }
  if (kind === 'directory' && !stats.isDirectory()) {
    throw badSpec(raw, `${path} is not a directory (tarballs must end in .tgz or .tar.gz)`);
  }
  if (kind === 'file' && !stats.isFile()) {
    throw badSpec(raw, `${path} is not a tarball file`);
  }
  return path;
}

function describeNpaError(raw: string, error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (/\s/.test(namePart(raw))) {
    return 'package names cannot contain spaces';
  }
  const detail = message.split(`of package "${raw}": `)[1]?.replace(/\.$/, '');
  if (code === 'EINVALIDPACKAGENAME') {
    return `invalid package name${detail ? ` (${detail})` : ''}`;
  }
  if (code === 'EINVALIDTAGNAME') {
    if (raw.indexOf('@', 1) === -1) {
      return 'invalid package name';
    }
    const spec = raw.slice(namePart(raw).length + 1);
    return `"${spec}" is neither a version, a range nor a dist-tag`;
  }
  return message.split('\n')[0] ?? message;
}

function badSpec(raw: string, reason: string, cause?: unknown): DynauditError {
  return new DynauditError('E_BAD_SPEC', `invalid package spec ${JSON.stringify(raw)}: ${reason}`, { cause });
}
