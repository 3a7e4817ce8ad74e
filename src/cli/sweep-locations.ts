/**
 * Where the SARIF of a sweep points for a package of a project: its entry in
 * the project's npm lockfile, else its line in the project's package.json,
 * as paths relative to the sweep file's folder (keep the sweep file at the
 * repository's root for code scanning).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { SweepLocator } from '../report/format-changes-sarif.js';
import type { SweepConfig } from '../sweep/sweep-config.js';
import { lockfileLine, manifestLine } from './sarif-location.js';

async function text(file: string): Promise<string | null> {
  return readFile(file, 'utf8').catch(() => null);
}

export async function sweepLocator(config: SweepConfig): Promise<SweepLocator> {
  const base = path.dirname(config.file);
  const relative = (file: string): string => path.relative(base, file).split(path.sep).join('/');
  const projects = new Map<string, { project: SweepConfig['projects'][number]; lock: string | null; manifest: string | null }>();
  for (const project of config.projects) projects.set(project.name, { project, lock: await text(project.lockfile), manifest: await text(project.manifest) });
  return (name, pkg) => {
    const found = projects.get(name);
    if (!found) return undefined;
    const lockLine = found.lock === null ? null : lockfileLine(found.lock, pkg);
    if (lockLine !== null) return { uri: relative(found.project.lockfile), line: lockLine };
    const manifest = found.manifest === null ? null : manifestLine(found.manifest, pkg);
    return manifest === null ? undefined : { uri: relative(found.project.manifest), line: manifest };
  };
}
