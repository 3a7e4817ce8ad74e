/** Command-line parsing (pure): argv -> a command, or a usage error. */
import { parseArgs } from 'node:util';
import { DynauditError } from '../common/errors.js';
import { SEVERITIES, type Severity } from '../events/finding.js';

export const FORMATS = ['text', 'json', 'sarif', 'html'] as const;
export type Format = (typeof FORMATS)[number];
/** sweep and diff also write Markdown (to paste into a chat or an issue). */
export const CHANGE_FORMATS = [...FORMATS, 'markdown'] as const;
export type ChangeFormat = (typeof CHANGE_FORMATS)[number];
const RUNTIMES = ['runc', 'runsc'] as const;

export const USAGE = `usage: dynaudit analyze <name[@version|range] | ./dir | ./pkg.tgz> [options]
       dynaudit lockfile <package-lock.json | npm-shrinkwrap.json | yarn.lock | pnpm-lock.yaml> [options]
       dynaudit sweep <sweep.yaml> [options]
       dynaudit diff <name@a> <name@b> [options]
       dynaudit clean [--all]

Installs and loads the package in a network-less, traced sandbox and judges
what it did against a policy. Report on stdout, progress on stderr.
Exit codes: 0 pass or warn, 1 fail (sweep: something new fails; diff: b adds
a finding at or above the threshold), 2 the analysis could not be done.

options:
  --format text|json|sarif|html|markdown
                            report format (default: text; sarif for code scanning, html one self-contained page,
                            markdown for a chat or an issue: sweep and diff only)
  --policy FILE             extra policy layered over the default (repeatable; later files win)
  --fail-on low|medium|high|critical
                            lowest severity that fails (default: the policy's, high)
  --timeout SECONDS         wall-clock limit of each phase (default: 180)
  --runtime runc|runsc      container runtime (runsc: gVisor, must be set up in Docker)
  --store PATH              SQLite result store (default: ~/.cache/dynaudit/results.sqlite, or DYNAUDIT_STORE)
  --no-cache                analyze again even when the store has a result
  --concurrency N           sandboxes (lockfile: traced imports) at once (default: from CPUs and memory)
  --mode batch|isolated     lockfile, sweep: one sandbox for the whole tree (default) or one per package
  --no-fakenet              no fake internet: the sandbox has no network at all (or DYNAUDIT_FAKENET=0)
  --artifacts DIR           keep each run's pcap and fake-internet log under DIR (or DYNAUDIT_ARTIFACTS_DIR)
  --all                     clean: remove every container and volume of dynaudit, runs still going included
                            (default: only what runs whose dynaudit process died left behind)
  -h, --help                this text`;

/** Options `analyze` and `lockfile` share. */
export interface RunOptions {
  readonly policyFiles: readonly string[];
  readonly failOn?: Severity;
  readonly timeoutSeconds?: number;
  readonly runtime?: string;
  readonly storePath?: string;
  readonly noCache?: true;
  readonly concurrency?: number;
  readonly noFakenet?: true;
  readonly artifactsDir?: string;
}

const LOCKFILE_MODES = ['batch', 'isolated'] as const;
type LockfileMode = (typeof LOCKFILE_MODES)[number];

export type Command =
  | { readonly kind: 'help' }
  | { readonly kind: 'clean'; readonly all: boolean }
  | (RunOptions & { readonly kind: 'analyze'; readonly spec: string; readonly format: Format })
  | (RunOptions & { readonly kind: 'lockfile'; readonly lockfile: string; readonly format: 'text' | 'json'; readonly mode?: LockfileMode })
  | (RunOptions & { readonly kind: 'sweep'; readonly file: string; readonly format: ChangeFormat; readonly mode?: LockfileMode })
  | (RunOptions & { readonly kind: 'diff'; readonly from: string; readonly to: string; readonly format: ChangeFormat });

/** What each command takes besides its options: [name, positionals, what they are]. */
const ARGUMENTS: Readonly<Record<string, readonly [number, string]>> = {
  analyze: [1, 'exactly one package spec'],
  lockfile: [1, 'exactly one lockfile path'],
  sweep: [1, 'exactly one sweep file'],
  diff: [2, 'two package versions, name@a and name@b'],
};

function usageError(message: string): DynauditError {
  return new DynauditError('E_USAGE', `${message} (see dynaudit --help)`);
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], flag: string): T | undefined {
  if (value === undefined) return undefined;
  if (!allowed.includes(value as T)) throw usageError(`${flag} must be one of ${allowed.join(', ')}, got "${value}"`);
  return value as T;
}

export function parseCommandLine(argv: readonly string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string' },
        policy: { type: 'string', multiple: true },
        'fail-on': { type: 'string' },
        timeout: { type: 'string' },
        runtime: { type: 'string' },
        store: { type: 'string' },
        'no-cache': { type: 'boolean' },
        concurrency: { type: 'string' },
        mode: { type: 'string' },
        'no-fakenet': { type: 'boolean' },
        artifacts: { type: 'string' },
        all: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw usageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help || positionals.length === 0) return { kind: 'help' };
  const [command, ...rest] = positionals;
  if (command === 'clean') {
    if (rest.length > 0) throw usageError('clean takes no arguments');
    return { kind: 'clean', all: values.all === true };
  }
  if (values.all) throw usageError('--all applies to the clean command only');
  const expected = command === undefined ? undefined : ARGUMENTS[command];
  if (expected === undefined) throw usageError(`unknown command "${command}"; this version has: analyze, lockfile, sweep, diff, clean`);
  if (rest.length !== expected[0]) throw usageError(`${command} takes ${expected[1]}`);
  let timeoutSeconds: number | undefined;
  if (values.timeout !== undefined) {
    timeoutSeconds = Number(values.timeout);
    if (!Number.isInteger(timeoutSeconds) || timeoutSeconds <= 0) throw usageError(`--timeout must be a whole number of seconds, got "${values.timeout}"`);
  }
  const failOn = oneOf(values['fail-on'], SEVERITIES, '--fail-on');
  const runtime = oneOf(values.runtime, RUNTIMES, '--runtime');
  let concurrency: number | undefined;
  if (values.concurrency !== undefined) {
    concurrency = Number(values.concurrency);
    if (!Number.isInteger(concurrency) || concurrency <= 0) throw usageError(`--concurrency must be a whole number above 0, got "${values.concurrency}"`);
  }
  const storeFlags = {
    ...(values.store !== undefined ? { storePath: values.store } : {}),
    ...(values['no-cache'] ? { noCache: true as const } : {}),
    ...(concurrency ? { concurrency } : {}),
    ...(values['no-fakenet'] ? { noFakenet: true as const } : {}),
    ...(values.artifacts !== undefined ? { artifactsDir: values.artifacts } : {}),
  };
  const options: RunOptions = {
    policyFiles: values.policy ?? [],
    ...(failOn ? { failOn } : {}),
    ...(timeoutSeconds ? { timeoutSeconds } : {}),
    ...(runtime ? { runtime } : {}),
    ...storeFlags,
  };
  const mode = oneOf(values.mode, LOCKFILE_MODES, '--mode');
  if (mode && command !== 'lockfile' && command !== 'sweep') throw usageError('--mode applies to the lockfile and sweep commands only');
  const withMode = mode ? { mode } : {};
  const [first = '', second = ''] = rest;
  switch (command) {
    case 'lockfile': {
      const format = oneOf(values.format, FORMATS, '--format') ?? 'text';
      if (format !== 'text' && format !== 'json') throw usageError(`lockfile reports as text or json, not "${format}"`);
      return { kind: 'lockfile', lockfile: first, format, ...options, ...withMode };
    }
    case 'sweep':
      return { kind: 'sweep', file: first, format: oneOf(values.format, CHANGE_FORMATS, '--format') ?? 'text', ...options, ...withMode };
    case 'diff':
      return { kind: 'diff', from: first, to: second, format: oneOf(values.format, CHANGE_FORMATS, '--format') ?? 'text', ...options };
    default:
      return { kind: 'analyze', spec: first, format: oneOf(values.format, FORMATS, '--format') ?? 'text', ...options };
  }
}
