import { readFileSync } from 'node:fs';
import type { Attribution, TraceEvent } from '../../../src/events/types.js';
import { straceToEvents } from '../../../src/trace/index.js';

/** Where the capture script ran its scenarios (see test/fixtures/strace/capture.sh). */
export const FX = '/tmp/dynaudit-fx';
export const PROJECT = `${FX}/proj`;
export const WORK = `${FX}/work`;
export const PACKAGE_MANAGER: Attribution = { package: null, via: 'package-manager' };

export function fixture(name: string): string {
  return readFileSync(new URL(`../../fixtures/strace/${name}`, import.meta.url), 'utf8');
}

export function installEvents(name: string, projectDir: string): TraceEvent[] {
  return straceToEvents(fixture(name), { phase: 'install', rootAttribution: PACKAGE_MANAGER, projectDir });
}

/** One strace output line, as the sandbox's command line prints it. */
export function line(pid: number, body: string, time = '1795997324.000100'): string {
  return `${pid}  ${time} ${body}`;
}
