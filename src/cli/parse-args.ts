/** Command-line parsing (pure): argv -> a command, or a usage error. */
import { parseArgs } from 'node:util';
import { DynauditError } from '../common/errors.js';
import { SEVERITIES, type Severity } from '../events/finding.js';

export const FORMATS = ['text', 'json', 'sarif', 'html'] as const;
export type Format = (typeof FORMATS)[number];
const RUNTIMES = ['runc', 'runsc'] as const;

export const USAGE = `usage: dynaudit analyze <name[@version|range] | ./dir | ./pkg.tgz> [options]
       dynaudit lockfile <package-lock.json | npm-shrinkwrap.json | yarn.lock | pnpm-lock.yaml> [options]
       dynaudit clean [--all]

Installs and loads the package in a network-less, traced sandbox and judges
what it did against a policy. Report on stdout, progress on stderr.
Exit codes: 0 pass or warn, 1 fail, 2 the analysis could not be done.

options:
  --format text|json|sarif|html
                            report format (default: text; sarif for code scanning, html one self-contained page)
  --policy FILE             extra policy layered over the default (repeatable; later files win)
  --no-vendor-hosts         without the shipped list of vendors' download hosts (policies/vendor-download-hosts.yaml):
                            a known binary download then fails like any other (or DYNAUDIT_VENDOR_HOSTS=0)
  --fail-on low|medium|high|critical
                            lowest severity that fails (default: the policy's, high)
  --timeout SECONDS         wall-clock limit of each phase (default: 180)
  --runtime runc|runsc      container runtime (runsc: gVisor, must be set up in Docker)
  --store PATH              SQLite result store (default: ~/.cache/dynaudit/results.sqlite, or DYNAUDIT_STORE)
  --no-cache                analyze again even when the store has a result
  --concurrency N           sandboxes (lockfile: traced imports) at once (default: from CPUs and memory)
  --mode batch|isolated     lockfile: one sandbox for the whole tree (default) or one per package
  --no-fakenet              no fake internet: the sandbox has no network at all (or DYNAUDIT_FAKENET=0)
  --artifacts DIR           keep each run's pcap and fake-internet log under DIR (or DYNAUDIT_ARTIFACTS_DIR)
  --all                     clean: remove every container and volume of dynaudit, runs still going included
                            (default: only what runs whose dynaudit process died left behind)
  -h, --help                this text`;

/** Options `analyze` and `lockfile` share. */
interface RunOptions {
  readonly policyFiles: readonly string[];
  readonly failOn?: Severity;
  readonly timeoutSeconds?: number;
  readonly runtime?: string;
  readonly storePath?: string;
  readonly noCache?: true;
  readonly concurrency?: number;
  readonly noFakenet?: true;
  readonly noVendorHosts?: true;
  readonly artifactsDir?: string;
}

export type Command =
  | { readonly kind: 'help' }
  | { readonly kind: 'clean'; readonly all: boolean }
  | (RunOptions & { readonly kind: 'analyze'; readonly spec: string; readonly format: Format })
  | (RunOptions & {
      readonly kind: 'lockfile';
      readonly lockfile: string;
      readonly format: 'text' | 'json';
      readonly mode?: (typeof LOCKFILE_MODES)[number];
    });

const LOCKFILE_MODES = ['batch', 'isolated'] as const;

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
        'no-vendor-hosts': { type: 'boolean' },
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
  if (command !== 'analyze' && command !== 'lockfile') throw usageError(`unknown command "${command}"; this version has: analyze, lockfile, clean`);
  if (command === 'analyze' && rest.length !== 1) throw usageError('analyze takes exactly one package spec');
  if (command === 'lockfile' && rest.length !== 1) throw usageError('lockfile takes exactly one lockfile path');
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
    ...(values['no-vendor-hosts'] ? { noVendorHosts: true as const } : {}),
    ...(values.artifacts !== undefined ? { artifactsDir: values.artifacts } : {}),
  };
  if (command === 'lockfile') {
    const format = oneOf(values.format, FORMATS, '--format') ?? 'text';
    if (format !== 'text' && format !== 'json') throw usageError(`lockfile reports as text or json, not "${format}"`);
    const mode = oneOf(values.mode, LOCKFILE_MODES, '--mode');
    return {
      kind: 'lockfile',
      lockfile: rest[0] ?? '',
      format,
      policyFiles: values.policy ?? [],
      ...(failOn ? { failOn } : {}),
      ...(timeoutSeconds ? { timeoutSeconds } : {}),
      ...(runtime ? { runtime } : {}),
      ...storeFlags,
      ...(mode ? { mode } : {}),
    };
  }
  if (values.mode !== undefined) throw usageError('--mode applies to the lockfile command only');
  return {
    kind: 'analyze',
    spec: rest[0] ?? '',
    format: oneOf(values.format, FORMATS, '--format') ?? 'text',
    policyFiles: values.policy ?? [],
    ...(failOn ? { failOn } : {}),
    ...(timeoutSeconds ? { timeoutSeconds } : {}),
    ...(runtime ? { runtime } : {}),
    ...storeFlags,
  };
}
